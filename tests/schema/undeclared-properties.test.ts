/** Keys the contract does not declare: found through $ref, allOf, anyOf/oneOf and arrays; the first kept, the rest counted. */
import * as fc from 'fast-check';
import { createSchemaValidator } from '../../src/schema/create-validator';
import { convertComponents } from '../../src/schema/convert-components';
import { commonPointer } from '../../src/openapi/json-pointer';
import { loadSpec } from '../../src/openapi/load-spec';
import type { SchemaValidator } from '../../src/model/schema';
import type { JsonSchema } from '../../src/schema/json-schema';
import { findUndeclaredProperties } from '../../src/schema/undeclared-properties';
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
    expect(real.undeclaredProperties('WhatsAppSyncStatusResponse', okBody()).pointers).toEqual([]);
  });

  it('finds extras at every level, following $ref, as escaped JSON Pointers in data order', () => {
    const body = okBody();
    body['requestId'] = 'r1';
    body['sync']['syncedAt'] = 'x';
    body['sync']['history']['progress'] = 0.5;
    body['sync']['contacts']['a/b~c'] = 1;
    expect(real.undeclaredProperties('WhatsAppSyncStatusResponse', body).pointers).toEqual([
      '/sync/history/progress',
      '/sync/contacts/a~1b~0c',
      '/sync/syncedAt',
      '/requestId',
    ]);
  });

  it('does not look inside additionalProperties: true (Error.details)', () => {
    expect(real.undeclaredProperties('Error', { code: 'c', message: 'm', details: { field: 'to' } }).pointers).toEqual([]);
  });

  it('reports nothing inside values that are not objects (null, strings)', () => {
    const body = okBody();
    body['sync']['history'] = null;
    expect(real.undeclaredProperties('WhatsAppSyncStatusResponse', body).pointers).toEqual([]);
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
    expect(validator.undeclaredProperties('Both', { id: '1', name: 'n', extra: true }).pointers).toEqual(['/extra']);
  });

  it('oneOf/anyOf use the branch that validates', () => {
    expect(validator.undeclaredProperties('Either', { email: 'a@b.c', extra: 1 }).pointers).toEqual(['/extra']);
    expect(validator.undeclaredProperties('Either', { sms: '+1', email: 'x' }).pointers).toEqual(['/email']);
  });

  it('oneOf/anyOf with no validating branch: that object is skipped (the schema check reports it)', () => {
    expect(validator.undeclaredProperties('Either', { fax: 1 }).pointers).toEqual([]);
    expect(validator.undeclaredProperties('List', [{ id: '1', extra: 1 }, { id: 2, extra: 1 }]).pointers).toEqual(['/0/extra', '/1/extra']);
  });

  it('sees through the anyOf a nullable $ref becomes', () => {
    expect(validator.undeclaredProperties('MaybeBase', { id: '1', extra: 1 }).pointers).toEqual(['/extra']);
    expect(validator.undeclaredProperties('MaybeBase', null).pointers).toEqual([]);
  });

  it('walks array items', () => {
    expect(validator.undeclaredProperties('List', [{ id: '1' }, { id: '2', extra: 1 }]).pointers).toEqual(['/1/extra']);
  });

  it('map keys allowed by additionalProperties are not extras, but their values are walked', () => {
    expect(validator.undeclaredProperties('Map', { a: { id: '1' }, b: { id: '2', extra: 1 } }).pointers).toEqual(['/b/extra']);
  });
});

/*
 * A body may hold 300,000 undeclared properties and a report shows 20: the walk gives the first
 * `keep` as pointers and counts the rest, with the place they share, as the check reported them
 * when it cut the whole list (the first `keep`, the total, the common pointer of the rest).
 */
describe('the first `keep` kept, the rest counted', () => {
  const composed = validatorFor({
    Base: { type: 'object', properties: { id: { type: 'string' }, child: { $ref: '#/components/schemas/Leaf' } } },
    Leaf: { type: 'object', properties: { v: { type: 'integer' } } },
    // Both members declare `child`: the object there is walked twice, its extras found by each walk.
    Twice: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', properties: { child: { $ref: '#/components/schemas/Leaf' }, list: { type: 'array', items: { $ref: '#/components/schemas/Leaf' } } } }] },
    // Two array schemas: each element is walked by both items schemas.
    Lists: { allOf: [{ type: 'array', items: { $ref: '#/components/schemas/Leaf' } }, { type: 'array', items: { $ref: '#/components/schemas/Leaf' } }] },
    // "/a" and "/ab": the place the rest share is whole tokens ("/a" is not above "/ab/z").
    Pair: { type: 'object', properties: { a: { $ref: '#/components/schemas/Leaf' }, ab: { $ref: '#/components/schemas/Leaf' } } },
  });
  const twiceBody = { x1: 1, child: { v: 1, c1: 1, c2: 2 }, list: [{ v: 1, l1: 1 }, { l2: 2, l3: 3 }], x2: 2, id: 'i', x3: 3 };

  it('of 100,000 extras, holds the first `keep` pointers in data order and counts them all', () => {
    const body = { sync: { ...okBody()['sync'], ...Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`extra${i}`, i])) }, requestId: 'r' };
    const found = real.undeclaredProperties('WhatsAppSyncStatusResponse', body, 20);
    expect(found.pointers).toEqual(Array.from({ length: 20 }, (_, i) => `/sync/extra${i}`));
    expect(found.count).toBe(100_001);
    // The rest: 99,980 under /sync and /requestId share only the root.
    expect(found.restUnder).toBe('');
    expect(real.undeclaredProperties('WhatsAppSyncStatusResponse', { sync: body.sync }, 20).restUnder).toBe('/sync');
  });

  it('an object two schemas reach is walked by each, and what both find is counted once', () => {
    expect(composed.undeclaredProperties('Twice', twiceBody)).toEqual({ pointers: ['/x1', '/child/c1', '/child/c2', '/list/0/l1', '/list/1/l2', '/list/1/l3', '/x2', '/x3'], count: 8 });
    expect(composed.undeclaredProperties('Twice', twiceBody, 2)).toEqual({ pointers: ['/x1', '/child/c1'], count: 8, restUnder: '' });
    expect(composed.undeclaredProperties('Lists', [{ v: 1, q: 1 }, { r: 1 }])).toEqual({ pointers: ['/0/q', '/1/r'], count: 2 });
  });

  it('for every `keep`, the same as the full list cut: its first `keep`, its length, the common pointer of the rest', () => {
    const bodies: [SchemaValidator, string, unknown][] = [
      [composed, 'Twice', twiceBody],
      [composed, 'Twice', { child: { a: 1, b: 2, c: { d: 1 } }, list: [{ e: 1 }, { e: 2, f: { g: 1 } }] }],
      [composed, 'Lists', [{ q: 1, s: 2 }, { v: 1 }, { r: 1, t: 2 }]],
      [composed, 'Pair', { a: { x: 1, y: 2, w: 3 }, ab: { z: 1 } }],
      [real, 'WhatsAppSyncStatusResponse', { ...okBody(), sync: { ...okBody()['sync'], s1: 1, history: { ...okBody()['sync']['history'], h1: 1, 'a/b': 2 }, s2: 2 } }],
    ];
    for (const [validator, name, body] of bodies) {
      const all = validator.undeclaredProperties(name, body).pointers;
      expect(all.length).toBeGreaterThan(3);
      for (let keep = 0; keep <= all.length + 1; keep += 1) {
        const rest = all.slice(keep);
        expect(validator.undeclaredProperties(name, body, keep)).toEqual({ pointers: all.slice(0, keep), count: all.length, ...(rest.length > 0 ? { restUnder: rest.reduce(commonPointer) } : {}) });
      }
    }
  });
});

/*
 * Random bodies and schemas (allOf, anyOf/oneOf, items views, $ref cycles through data, map
 * schemas, keys holding "/" and "~"): with every pointer built, each undeclared key comes once
 * however many walks reach its object, and each `keep` gives that list cut (its first `keep`, its
 * length, the common pointer of the rest). (In review, the walk that built every pointer before
 * 3ff35f1 gave the same on 80,000 such cases.)
 */
describe('the first `keep` kept, the rest counted: on random schemas and bodies', () => {
  const KEYS = ['a', 'b', 'ab', 'a/b', 'a~b', '~1', '0', ''];
  const NAMES = ['S0', 'S1', 'S2'];
  const refTo = (names: string[]) => fc.constantFrom(...names).map((n) => ({ $ref: `#/components/schemas/${n}` }));
  // A $ref at a data step (properties, items, a map's values) may go anywhere; at one data node (allOf, a branch) only forward: no cycle without data.
  const schemaOf = (i: number): fc.Arbitrary<JsonSchema> =>
    fc.letrec<{ g: JsonSchema; s: JsonSchema }>((tie) => ({
      g: fc.oneof({ depthSize: 'small' }, refTo(NAMES), tie('s')),
      s: fc.oneof(
        { depthSize: 'small' },
        ...(i + 1 < NAMES.length ? [refTo(NAMES.slice(i + 1))] : []),
        fc.record({ properties: fc.dictionary(fc.constantFrom(...KEYS), tie('g'), { maxKeys: 3 }) }),
        fc.record({ properties: fc.dictionary(fc.constantFrom(...KEYS), tie('g'), { maxKeys: 3 }), additionalProperties: fc.oneof(fc.boolean(), tie('g')) }),
        fc.record({ patternProperties: fc.dictionary(fc.constantFrom('^a', 'b$'), tie('g'), { maxKeys: 2 }) }),
        fc.record({ allOf: fc.array(tie('s'), { maxLength: 3 }) }),
        fc.record({ oneOf: fc.array(tie('s'), { maxLength: 3 }) }),
        fc.record({ items: tie('g'), allOf: fc.array(fc.record({ items: tie('g') }), { maxLength: 2 }) }),
      ),
    })).s;
  const body: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof({ depthSize: 'medium' }, fc.constant(1), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS), tie('v'), { minKeys: 1, maxKeys: 7 })),
  })).v;
  // A branch matches by a fixed hash of it and the data: the walk only needs an answer that never changes.
  const hash = (text: string): number => [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);

  test('each key once; each `keep` the full list cut', () => {
    fc.assert(
      fc.property(fc.tuple(schemaOf(0), schemaOf(1), schemaOf(2)), schemaOf(-1), body, fc.nat(6), (components, root, data, keep) => {
        const byName = new Map(NAMES.map((name, i) => [`#/components/schemas/${name}`, components[i]]));
        const context = { resolve: (ref: string) => byName.get(ref), matches: (branch: JsonSchema, value: unknown) => hash(JSON.stringify([branch, value])) % 3 !== 0, matchesPattern: (pattern: string, key: string) => new RegExp(pattern, 'u').test(key) };
        const all = findUndeclaredProperties(root, data, context);
        expect(new Set(all.pointers).size).toBe(all.pointers.length);
        expect(all.count).toBe(all.pointers.length);
        const rest = all.pointers.slice(keep);
        expect(findUndeclaredProperties(root, data, context, keep)).toEqual({ pointers: all.pointers.slice(0, keep), count: all.count, ...(rest.length > 0 ? { restUnder: rest.reduce(commonPointer) } : {}) });
      }),
      { numRuns: 2000 },
    );
  });
});
