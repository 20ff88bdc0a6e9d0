/** Keys the contract does not declare: found through $ref, allOf, anyOf/oneOf and arrays. */
import { createSchemaValidator } from '../../src/schema/create-validator';
import { convertComponents } from '../../src/schema/convert-components';
import { loadSpec } from '../../src/openapi/load-spec';
import { operationSpecPath, validatorFor } from './support/fixtures';

const real = createSchemaValidator(convertComponents(loadSpec(operationSpecPath).document));

const okBody = (): Record<string, any> => ({
  sync: {
    isCoexistence: true,
    status: 'active',
    history: { status: 'completed', canSync: false, requestedAt: null },
    contacts: { status: 'not_requested', canSync: true },
  },
});

describe('on the real operation schemas', () => {
  it('a documented body has none', () => {
    expect(real.undeclaredProperties('WhatsAppSyncStatusResponse', okBody())).toEqual([]);
  });

  it('finds extras at every level, following $ref, as escaped JSON Pointers in data order', () => {
    const body = okBody();
    body['requestId'] = 'r1';
    body['sync']['syncedAt'] = 'x';
    body['sync']['history']['progress'] = 0.5;
    body['sync']['contacts']['a/b~c'] = 1;
    expect(real.undeclaredProperties('WhatsAppSyncStatusResponse', body)).toEqual([
      '/sync/history/progress',
      '/sync/contacts/a~1b~0c',
      '/sync/syncedAt',
      '/requestId',
    ]);
  });

  it('does not look inside additionalProperties: true (Error.details)', () => {
    expect(real.undeclaredProperties('Error', { code: 'c', message: 'm', details: { field: 'to' } })).toEqual([]);
  });

  it('reports nothing inside values that are not objects (null, strings)', () => {
    const body = okBody();
    body['sync']['history'] = null;
    expect(real.undeclaredProperties('WhatsAppSyncStatusResponse', body)).toEqual([]);
  });
});

describe('on composed schemas', () => {
  const validator = validatorFor({
    Base: { type: 'object', properties: { id: { type: 'string' } } },
    Both: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', properties: { name: { type: 'string' } } }] },
    Either: {
      oneOf: [
        { type: 'object', required: ['sms'], properties: { sms: { type: 'string' } } },
        { type: 'object', required: ['email'], properties: { email: { type: 'string' } } },
      ],
    },
    MaybeBase: { $ref: '#/components/schemas/Base', nullable: true },
    List: { type: 'array', items: { $ref: '#/components/schemas/Base' } },
    Map: { type: 'object', additionalProperties: { $ref: '#/components/schemas/Base' } },
  });

  it('allOf declares the union of its members', () => {
    expect(validator.undeclaredProperties('Both', { id: '1', name: 'n', extra: true })).toEqual(['/extra']);
  });

  it('oneOf/anyOf use the branch that validates', () => {
    expect(validator.undeclaredProperties('Either', { email: 'a@b.c', extra: 1 })).toEqual(['/extra']);
    expect(validator.undeclaredProperties('Either', { sms: '+1', email: 'x' })).toEqual(['/email']);
  });

  it('oneOf/anyOf with no validating branch: that object is skipped (the schema check reports it)', () => {
    expect(validator.undeclaredProperties('Either', { fax: 1 })).toEqual([]);
    expect(validator.undeclaredProperties('List', [{ id: '1', extra: 1 }, { id: 2, extra: 1 }])).toEqual(['/0/extra', '/1/extra']);
  });

  it('sees through the anyOf a nullable $ref becomes', () => {
    expect(validator.undeclaredProperties('MaybeBase', { id: '1', extra: 1 })).toEqual(['/extra']);
    expect(validator.undeclaredProperties('MaybeBase', null)).toEqual([]);
  });

  it('walks array items', () => {
    expect(validator.undeclaredProperties('List', [{ id: '1' }, { id: '2', extra: 1 }])).toEqual(['/1/extra']);
  });

  it('map keys allowed by additionalProperties are not extras, but their values are walked', () => {
    expect(validator.undeclaredProperties('Map', { a: { id: '1' }, b: { id: '2', extra: 1 } })).toEqual(['/b/extra']);
  });
});
