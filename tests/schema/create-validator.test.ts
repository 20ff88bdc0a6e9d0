/** The ajv-backed validator on the real operation schemas: what passes and what each breach reports. */
import { SpecError } from '../../src/model/errors';
import { convertComponents } from '../../src/schema/convert-components';
import { join } from 'node:path';
import { loadCachedFunction } from '../../src/cache/load-module';
import { compileWithStandalone, createSchemaValidator, loadStandalone, STANDALONE_LAYOUT } from '../../src/schema/create-validator';
import { addOpenApiFormats } from '../../src/schema/openapi-formats';
import { componentId } from '../../src/schema/component-id';
import { scratchDir } from '../support/scratch-dir';
import { loadSpec } from '../../src/openapi/load-spec';
import { getOperations } from '../../src/openapi/operation';
import { fullSpecPath, operationSpecPath } from './support/fixtures';

const spec = loadSpec(operationSpecPath);
const validator = createSchemaValidator(convertComponents(spec.document));
const operations = getOperations(spec, ['getWhatsAppSyncStatus', 'startWhatsAppHistorySync', 'startWhatsAppContactsSync']);
const okExample = operations[0]?.responses.find((r) => r.status === '200')?.examples[0]?.value;

/** A fresh copy of the documented 200 body with one change applied. */
function bodyWith(change: (sync: Record<string, any>) => void): unknown {
  const body = structuredClone(okExample) as { sync: Record<string, any> };
  change(body.sync);
  return body;
}

const summary = (data: unknown): [string, string, string][] =>
  validator.validate('WhatsAppSyncStatusResponse', data).map((i) => [i.instancePath, i.keyword, i.schemaPath]);

it('knows every component of the operation spec', () => {
  expect([...validator.names].sort()).toEqual(Object.keys((spec.document['components'] as any).schemas).sort());
  expect(validator.has('Error')).toBe(true);
  expect(validator.has('Nope')).toBe(false);
});

it('the documented 200 example validates', () => {
  expect(okExample).toBeDefined();
  expect(validator.validate('WhatsAppSyncStatusResponse', okExample)).toEqual([]);
});

it('the documented 400 examples of every operation validate against Error, and the 202 examples against WhatsAppSyncStartResponse', () => {
  const examples = operations.flatMap((o) => o.responses.find((r) => r.status === '400')?.examples ?? []);
  expect(examples).toHaveLength(12);
  for (const example of examples) expect(validator.validate('Error', example.value)).toEqual([]);
  const started = operations.flatMap((o) => o.responses.find((r) => r.status === '202')?.examples ?? []);
  expect(started).toHaveLength(2);
  for (const example of started) expect(validator.validate('WhatsAppSyncStartResponse', example.value)).toEqual([]);
});

it('a wrong type names the property, the keyword and the component file', () => {
  expect(summary(bodyWith((sync) => (sync['isCoexistence'] = 'yes')))).toEqual([
    ['/sync/isCoexistence', 'type', 'WhatsAppSyncStatus.json#/properties/isCoexistence/type'],
  ]);
});

it('a value outside the enum reports enum with the allowed values', () => {
  const [issue, ...rest] = validator.validate('WhatsAppSyncStatusResponse', bodyWith((sync) => (sync['status'] = 'paused')));
  expect(rest).toEqual([]);
  expect(issue).toMatchObject({
    instancePath: '/sync/status',
    keyword: 'enum',
    schemaPath: 'WhatsAppSyncStatus.json#/properties/status/enum',
    message: 'must be equal to one of the allowed values',
  });
  expect(issue?.params['allowedValues']).toContain('active');
});

it('a bad enum in a referenced enum component is located in that component', () => {
  expect(summary(bodyWith((sync) => (sync['history'].status = 'done')))).toEqual([
    ['/sync/history/status', 'enum', 'WhatsAppSyncHistoryStatus.json#/enum'],
  ]);
});

it('a missing required property reports required at the parent, with the property name', () => {
  const issues = validator.validate('WhatsAppSyncStatusResponse', bodyWith((sync) => delete sync['contacts']));
  expect(issues.map((i) => [i.instancePath, i.keyword, i.schemaPath, i.params])).toEqual([
    ['/sync', 'required', 'WhatsAppSyncStatus.json#/required', { missingProperty: 'contacts' }],
  ]);
});

it('a date-time without time zone is a format error', () => {
  expect(summary(bodyWith((sync) => (sync['history'].requestedAt = '2024-01-15T10:00:00')))).toEqual([
    ['/sync/history/requestedAt', 'format', 'WhatsAppSyncHistory.json#/properties/requestedAt/format'],
  ]);
});

it('null is accepted where the spec says nullable, and rejected where it does not', () => {
  expect(summary(bodyWith((sync) => (sync['history'].completedAt = null)))).toEqual([]);
  expect(summary(bodyWith((sync) => (sync['history'].canSync = null)))).toEqual([
    ['/sync/history/canSync', 'type', 'WhatsAppSyncHistory.json#/properties/canSync/type'],
  ]);
  expect(summary(bodyWith((sync) => (sync['contacts'] = null)))).toEqual([['/sync/contacts', 'type', 'WhatsAppSyncContacts.json#/type']]);
});

it('reports every breach at once (allErrors)', () => {
  const body = bodyWith((sync) => {
    sync['status'] = 'paused';
    sync['isCoexistence'] = 1;
  });
  expect(summary(body).map(([path]) => path).sort()).toEqual(['/sync/isCoexistence', '/sync/status']);
});

it('extra properties are not schema errors (no additionalProperties: false)', () => {
  expect(summary(bodyWith((sync) => (sync['syncedAt'] = 'later')))).toEqual([]);
});

it('an unknown component name throws a SpecError', () => {
  expect(() => validator.validate('Nope', {})).toThrow(SpecError);
});

it('a schema that breaks the meta-schema (a typo in a type) is named by its place in the contract and the first finding, not by ajv\'s internal id', () => {
  const broken = { Sync: { type: 'object', properties: { canSync: { type: 'boolen' } } } };
  expect(() => createSchemaValidator(broken, { eager: true })).toThrow(new SpecError('schema #/components/schemas/Sync/properties/canSync/type does not compile: must be equal to one of the allowed values'));
});

it('a schema strict ajv rejects fails with a one-line SpecError naming its component', () => {
  const broken = { Bad: { $id: 'Bad.json', type: 'string', format: 'zavu-id' } };
  expect(() => createSchemaValidator(broken, { eager: true })).toThrow(SpecError);
  expect(() => createSchemaValidator(broken, { eager: true })).toThrow(/^schema #\/components\/schemas\/Bad does not compile: unknown format "zavu-id"/);
  // Lazy mode defers the same error to the first use.
  expect(() => createSchemaValidator(broken).validate('Bad', 'x')).toThrow(/#\/components\/schemas\/Bad does not compile/);
});

// JSON Schema lets `required` name a property `properties` does not declare (an allOf branch that
// makes a base's property required, a description that adds one): a body without it fails, naming
// it; the contract is judged, not refused as strict ajv's strictRequired would.
it('a required property no properties entry declares compiles, and a body without it fails naming it', () => {
  const schemas = { Sync: { type: 'object', required: ['status', 'phoneNumber'], properties: { status: { type: 'string' } } }, Base: { type: 'object', properties: { a: { type: 'string' } } }, Made: { allOf: [{ $ref: 'Base.json' }, { required: ['a'] }] } };
  const loose = createSchemaValidator(schemas, { eager: true });
  expect(loose.validate('Sync', { status: 'active', phoneNumber: '+1' })).toEqual([]);
  expect(loose.validate('Sync', { status: 'active' }).map((i) => [i.keyword, i.message])).toEqual([['required', "must have required property 'phoneNumber'"]]);
  expect(loose.validate('Made', {}).map((i) => i.keyword)).toEqual(['required']);
});

// `type` is optional in JSON Schema and OpenAPI alike: an object schema that leaves it out (or an
// allOf branch that only adds `required`) is judged as written, not refused by strict ajv's strictTypes.
it('an object schema without `type` compiles and judges the members it names', () => {
  const untyped = createSchemaValidator({ History: { required: ['status'], properties: { status: { type: 'string' } } } }, { eager: true });
  expect(untyped.validate('History', { status: 'completed' })).toEqual([]);
  expect(untyped.validate('History', { status: 1 }).map((i) => [i.instancePath, i.keyword])).toEqual([['/status', 'type']]);
  expect(untyped.validate('History', {}).map((i) => i.keyword)).toEqual(['required']);
});

it('uses "<Name>.json" as the id of a schema that has no $id', () => {
  const plain = createSchemaValidator({ A: { type: 'object', properties: { b: { $ref: 'B.json' } } }, B: { type: 'string' } });
  expect(plain.validate('A', { b: 1 }).map((i) => i.schemaPath)).toEqual(['B.json#/type']);
});

test('metaChecked skips only the meta-schema check: a schema the meta-schema rejects compiles, strict mode still rejects an unknown keyword', () => {
  // minLength must be a non-negative integer by the meta-schema; ajv's compiler does not look.
  const offMeta = { Name: { type: 'string', minLength: -1 } };
  expect(() => createSchemaValidator(offMeta, { eager: true })).toThrow(SpecError);
  expect(() => createSchemaValidator(offMeta, { eager: true, metaChecked: true })).not.toThrow();
  expect(() => createSchemaValidator({ Name: { type: 'string', minLenght: 1 } }, { eager: true, metaChecked: true })).toThrow(/unknown keyword/);
});

describe('the same validators from standalone code (what a warm run loads instead of compiling)', () => {
  const schemas = convertComponents(spec.document);
  const load = (source: string) => loadCachedFunction(source, join(scratchDir('zvc-standalone-'), 'contract-validators.js'));
  const compiledNow = compileWithStandalone(schemas, false);
  const loaded = compiledNow.standalone === undefined ? undefined : loadStandalone(compiledNow.standalone, schemas, load);

  it('compiling writes standalone code, and it loads', () => {
    expect(compiledNow.standalone).toMatch(/^module\.exports = function \(__schemas, __formats, __regexp\)/);
    expect(loaded).toBeDefined();
    expect([...(loaded?.names ?? [])].sort()).toEqual([...validator.names].sort());
  });

  const bodies: [string, string, unknown][] = [
    ['the documented 200', 'WhatsAppSyncStatusResponse', okExample],
    ['a wrong type', 'WhatsAppSyncStatusResponse', bodyWith((sync) => (sync['isCoexistence'] = 'yes'))],
    ['a value outside an enum', 'WhatsAppSyncStatusResponse', bodyWith((sync) => (sync['status'] = 'paused'))],
    ['a bad enum in a referenced component', 'WhatsAppSyncStatusResponse', bodyWith((sync) => (sync['history'].status = 'done'))],
    ['a missing required property', 'WhatsAppSyncStatusResponse', bodyWith((sync) => delete sync['contacts'])],
    ['a date-time without time zone', 'WhatsAppSyncStatusResponse', bodyWith((sync) => (sync['history'].requestedAt = '2024-01-15T10:00:00'))],
    ['February 30th', 'WhatsAppSyncStatusResponse', bodyWith((sync) => (sync['history'].requestedAt = '2024-02-30T10:00:00Z'))],
    ['null where not nullable', 'WhatsAppSyncStatusResponse', bodyWith((sync) => (sync['contacts'] = null))],
    ['extra properties', 'WhatsAppSyncStatusResponse', bodyWith((sync) => (sync['syncedAt'] = 'later'))],
    ['an Error without message', 'Error', { code: 'bad_request' }],
    ['not an object at all', 'WhatsAppSyncStartResponse', 'started'],
  ];

  it.each(bodies)('%s: the same issues and undeclared properties as the compiled validator', (_what, name, body) => {
    expect(loaded?.validate(name, body)).toEqual(validator.validate(name, body));
    expect(loaded?.undeclaredProperties(name, body)).toEqual(validator.undeclaredProperties(name, body));
  });

  it('errors are located in the component they come from (the schema objects are handed in, not copied)', () => {
    expect(loaded?.validate('WhatsAppSyncStatusResponse', bodies[3]?.[2]).map((i) => i.schemaPath)).toEqual(['WhatsAppSyncHistoryStatus.json#/enum']);
    expect(loaded?.validate('WhatsAppSyncStatusResponse', bodies[6]?.[2]).map((i) => i.schemaPath)).toEqual(['WhatsAppSyncHistory.json#/properties/requestedAt/format']);
  });

  it('schemas without $id, referring to each other', () => {
    const plain = { A: { type: 'object', properties: { b: { $ref: 'B.json' } } }, B: { type: 'string', format: 'int32' } };
    const code = compileWithStandalone(plain, false).standalone ?? '';
    expect(loadStandalone(code, plain, load)?.validate('A', { b: 1 }).map((i) => i.schemaPath)).toEqual(['B.json#/type']);
  });

  it('code that does not load, or lacks a component, or throws, gives no validator (the caller compiles)', () => {
    expect(loadStandalone('this is not javascript', schemas, load)).toBeUndefined();
    expect(loadStandalone('module.exports = function () { return {}; };', schemas, load)).toBeUndefined();
    expect(loadStandalone('module.exports = function () { throw new Error("no"); };', schemas, load)).toBeUndefined();
  });
});

test('components alike in every byte (no $id to tell them apart) are not kept as standalone code: an error could be located in the other', () => {
  const twins = { A: { type: 'string' }, B: { type: 'string' } };
  const { validator: compiled, standalone } = compileWithStandalone(twins, false);
  expect(standalone).toBeUndefined();
  expect(compiled.validate('B', 1).map((i) => i.schemaPath)).toEqual(['B.json#/type']);
});

describe('a property named as a member every object has (constructor, toString, valueOf, hasOwnProperty)', () => {
  // A contract may declare one; a body's own keys are what is judged. Read as data.constructor, a
  // body without it had Object's function there: "/constructor must be string" on a body that
  // leaves the optional property out, and a required one never missing.
  const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'];
  const schemas = { Thing: { type: 'object', required: ['constructor'], properties: Object.fromEntries(names.map((name) => [name, { type: 'string' }])) } };
  const load = (source: string) => loadCachedFunction(source, join(scratchDir('zvc-standalone-'), 'contract-validators.js'));
  const compiled = compileWithStandalone(schemas, false);
  const loaded = compiled.standalone === undefined ? undefined : loadStandalone(compiled.standalone, schemas, load);

  it.each([
    ['compiled', createSchemaValidator(schemas)],
    ['from standalone code', loaded],
  ])('is judged %s on the body\'s own keys alone', (_how, judge) => {
    expect(judge).toBeDefined();
    const issues = (data: unknown): [string, string][] => (judge?.validate('Thing', data) ?? []).map((i) => [i.instancePath, i.keyword]);
    expect(issues({})).toEqual([['', 'required']]);
    expect(issues(JSON.parse('{"constructor": "a"}'))).toEqual([]);
    expect(issues(JSON.parse('{"constructor": "a", "toString": 1}'))).toEqual([['/toString', 'type']]);
  });
});

// strictRequired and strictTypes only refuse schemas at compile time, but strictTypes also narrows
// the types ajv knows while compiling, which could change the code: for the shipped contract and the
// whole published description, the validators are the very code strict types compiled before.
it.each([
  ['the shipped contract', operationSpecPath],
  ['the full published description', fullSpecPath],
])('%s compiles to the same validators as with strictTypes and strictRequired on', (_what, path) => {
  const schemas = convertComponents(loadSpec(path).document, path) as Record<string, { $id?: string }>;
  const { options } = JSON.parse(STANDALONE_LAYOUT) as { options: Record<string, unknown> };
  const { default: Ajv } = require('ajv') as typeof import('ajv');
  const code = (strict: Record<string, unknown>): string[] => {
    const ajv = addOpenApiFormats(new Ajv({ ...options, ...strict }));
    const ids = Object.entries(schemas).map(([name, schema]) => schema.$id ?? componentId(name));
    Object.entries(schemas).forEach(([name, schema]) => ajv.addSchema(schema, schema.$id === undefined ? componentId(name) : undefined));
    return ids.map((id) => String(ajv.getSchema(id)));
  };
  expect(options).toMatchObject({ strictTypes: false, strictRequired: false });
  const suite = code({});
  expect(suite).toHaveLength(Object.keys(schemas).length);
  expect(suite).toEqual(code({ strictTypes: true, strictRequired: true }));
});

// What strictTypes refused that is a slip rather than JSON Schema: compiled now, but no body passes
// unjudged: the `type` still holds (an object fails it), and a misspelt keyword is still refused.
it('members of another type than `type` names do not make every body pass; a misspelt `required` is still refused', () => {
  const slipped = createSchemaValidator({ Sync: { type: 'string', properties: { status: { type: 'string' } } } }, { eager: true });
  expect(slipped.validate('Sync', { status: 'active' }).map((i) => i.keyword)).toEqual(['type']);
  expect(() => createSchemaValidator({ Sync: { properties: { status: { type: 'string' } }, require: ['status'] } }, { eager: true })).toThrow(/unknown keyword: "require"/);
});
