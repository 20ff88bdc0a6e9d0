/**
 * A data file that breaks its schema in several places says each of them, one line each, from one
 * load: ajv's first error alone left the user a run per mistake. A oneOf's branches are one
 * problem, a `not` says what it forbids (not ajv's "must NOT be valid"), and a file broken in
 * hundreds of places says the first few and how many more.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../../src/model/errors';
import { packageRoot } from '../../src/package-root';
import { ALL_ERRORS_MAX_VALUES, fitsAllErrorsPass, NOT_PHRASES, SCHEMA_PROBLEMS_PER_FILE, schemaProblems } from '../../src/registry/schema-problems';
import { RegistryCopy, thrownBy, type Json } from './support/registry-copy';

const GET = 'getWhatsAppSyncStatus';

/** Every line of the DataError the copy's load throws. */
function linesOf(copy: RegistryCopy): string[] {
  const error = thrownBy(() => copy.load());
  expect(error).toBeInstanceOf(DataError);
  return (error as DataError).problems.map((p) => p.line);
}

test('four schema mistakes in one scenarios file: four lines, each naming its row, none of ajv\'s "must NOT be valid"', () => {
  const copy = new RegistryCopy();
  const typed = copy.editRow(GET, 'coexistence', (row) => (row['description'] = 42));
  const magic = copy.editRow(GET, 'no-waba', (row) => (row['auth'] = 'magic'));
  const colour = copy.editRow(GET, 'not-coexistence', (row) => ((row['expect'] as Json)['colour'] = 'red'));
  // A sequence with a top-level auth: its steps carry their own.
  const sequence = copy.editRow(GET, 'head-changes-nothing', (row) => (row['auth'] = 'valid'));
  const file = copy.scenariosFile(GET);
  expect(linesOf(copy)).toEqual([
    `${file}: ${sequence} has steps and a top-level auth: a sequence's steps each carry their own auth and expect (leave auth out of the scenario), a row of one request has auth and expect and no steps`,
    `${file}: ${typed}/description must be string`,
    `${file}: ${magic}/auth must be equal to one of the allowed values (allowed: ${((JSON.parse(readFileSync(join(packageRoot, 'schemas', 'scenarios.schema.json'), 'utf8')) as Json)['definitions']['authVariant']['enum'] as string[]).join(', ')})`,
    `${file}: ${colour}/expect must NOT have additional properties ("colour")`,
  ]);
});

test('a row with both steps and its own auth and expect: what is wrong, with what it has', () => {
  const copy = new RegistryCopy();
  const at = copy.editRow(GET, 'coexistence', (row) => (row['steps'] = [{ id: 'read', auth: 'valid', expect: { status: 200, because: 'a read' } }]));
  expect(linesOf(copy)).toEqual([`${copy.scenariosFile(GET)}: ${at} has steps and a top-level auth and expect: a sequence's steps each carry their own auth and expect (leave auth and expect out of the scenario), a row of one request has auth and expect and no steps`]);
});

test('one mistake two rules catch (a role without env that has writableWhen, which needs env) is one line', () => {
  const copy = new RegistryCopy();
  copy.edit('fixtures/senders.json', (data) => delete data['roles']['noWaba']['env']);
  expect(linesOf(copy)).toEqual([`${copy.path('fixtures/senders.json')}: /roles/noWaba must have one of the properties env, firstOf`]);
});

test(`a file broken in more places than ${SCHEMA_PROBLEMS_PER_FILE}: the first ${SCHEMA_PROBLEMS_PER_FILE - 1} and then how many more, in one line of its own, last`, () => {
  const copy = new RegistryCopy();
  let rows = 0;
  copy.edit(join('operations', GET, 'scenarios.json'), (data) => {
    const scenarios = data['scenarios'] as Json[];
    // More rows than the bound, copies of the first: the schema is checked before ids are compared.
    while (scenarios.length < SCHEMA_PROBLEMS_PER_FILE + 10) scenarios.push({ ...scenarios[0] });
    for (const row of scenarios) row['description'] = 42;
    rows = scenarios.length;
  });
  expect(rows).toBeGreaterThan(SCHEMA_PROBLEMS_PER_FILE);
  const lines = linesOf(copy);
  expect(lines).toHaveLength(SCHEMA_PROBLEMS_PER_FILE);
  // The count last, as the README says: the first line (the message, a NOT RUN's reason) is a mistake to fix.
  expect(lines[SCHEMA_PROBLEMS_PER_FILE - 1]).toBe(`${copy.scenariosFile(GET)}: breaks its schema in ${rows - (SCHEMA_PROBLEMS_PER_FILE - 1)} more places after these, not listed`);
  expect(lines.slice(0, -1).every((line, index) => line === `${copy.scenariosFile(GET)}: /scenarios/${index}/description must be string`)).toBe(true);
});

test('a `not` the suite has no words for still names the value and the schema that forbids it', () => {
  const breach = { instancePath: '/scenarios/3', schemaPath: '#/properties/scenarios/items/not', keyword: 'not', message: 'must NOT be valid', params: {} };
  expect(schemaProblems([breach], {}, 'scenarios.schema.json')).toEqual([{ pointer: '/scenarios/3', problem: 'must not match scenarios.schema.json#/properties/scenarios/items/not (a combination its schema forbids)' }]);
});

/** The schema path (as ajv reports it) of every `not` in `schema`. */
function notPaths(schema: unknown, at = '#'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema).flatMap(([key, value]) => [...(key === 'not' && !Array.isArray(schema) ? [`${at}/not`] : []), ...notPaths(value, `${at}/${key}`)]);
}

test('every `not` of the data schemas has its words: a new one is phrased before it ships', () => {
  const found = readdirSync(join(packageRoot, 'schemas'))
    .filter((name) => ['scenarios', 'families', 'rules', 'fixtures'].some((data) => name === `${data}.schema.json`))
    .flatMap((name) => notPaths(JSON.parse(readFileSync(join(packageRoot, 'schemas', name), 'utf8'))).map((path) => `${name}${path}`));
  expect(found.length).toBeGreaterThan(0);
  expect(found.sort()).toEqual(Object.keys(NOT_PHRASES).sort());
});

test('a row of one request missing expect, or with it misspelt, is told so: not that it has steps, which it has not', () => {
  const copy = new RegistryCopy();
  const missing = copy.editRow(GET, 'coexistence', (row) => delete row['expect']);
  const misspelt = copy.editRow(GET, 'no-waba', (row) => {
    row['expcet'] = row['expect'];
    delete row['expect'];
  });
  const file = copy.scenariosFile(GET);
  expect(linesOf(copy)).toEqual([
    `${file}: ${missing} must have required property 'expect'`,
    `${file}: ${misspelt} must have required property 'expect'`,
    `${file}: ${misspelt} must NOT have additional properties ("expcet")`,
  ]);
});

test('a row with neither a request (auth and expect) nor steps says what either needs', () => {
  const copy = new RegistryCopy();
  const at = copy.editRow(GET, 'coexistence', (row) => {
    delete row['auth'];
    delete row['expect'];
  });
  expect(linesOf(copy)).toEqual([`${copy.scenariosFile(GET)}: ${at} must have auth and expect, or steps`]);
});

test('the all-errors pass counts every value of a file, and no more of it than its bound', () => {
  // The array itself is one value: ALL_ERRORS_MAX_VALUES - 1 numbers in it fill the bound exactly.
  expect(fitsAllErrorsPass(new Array<number>(ALL_ERRORS_MAX_VALUES - 1).fill(1))).toBe(true);
  expect(fitsAllErrorsPass(new Array<number>(ALL_ERRORS_MAX_VALUES).fill(1))).toBe(false);
  expect(fitsAllErrorsPass({ a: [{ b: 'c' }], d: null })).toBe(true);
});

test(`a file of more than ${ALL_ERRORS_MAX_VALUES} values broken twice says its first breach: no pass holds every breach of a huge file`, () => {
  const copy = new RegistryCopy();
  let first = '';
  copy.edit(join('operations', GET, 'scenarios.json'), (data) => {
    const scenarios = data['scenarios'] as Json[];
    const row = JSON.stringify(scenarios[0]);
    // Copies of the first row (the schema is checked before ids are compared) until the file is past the bound.
    while (fitsAllErrorsPass(data)) for (let i = 0; i < 500; i++) scenarios.push(JSON.parse(row) as Json);
    scenarios[1]!['description'] = 42;
    scenarios[2]!['description'] = 42;
    first = '/scenarios/1/description';
  });
  expect(linesOf(copy)).toEqual([`${copy.scenariosFile(GET)}: ${first} must be string`]);
});

test('a row that is no object says so, once: not that it "has steps", which a oneOf of objects says of any non-object', () => {
  const copy = new RegistryCopy();
  let at = '';
  copy.edit(join('operations', GET, 'scenarios.json'), (data) => {
    const scenarios = data['scenarios'] as unknown[];
    scenarios[1] = 'oops';
    scenarios[2] = null;
    at = '/scenarios';
  });
  const file = copy.scenariosFile(GET);
  expect(linesOf(copy)).toEqual([`${file}: ${at}/1 must be object`, `${file}: ${at}/2 must be object`]);
});

test('a role with both env and firstOf says which two it has, not ajv\'s "must match exactly one schema in oneOf"', () => {
  const copy = new RegistryCopy();
  copy.edit('fixtures/senders.json', (data) => (data['roles']['coexistence']['firstOf'] = ['noWaba']));
  expect(linesOf(copy)).toEqual([`${copy.path('fixtures/senders.json')}: /roles/coexistence has both env and firstOf: a role is read from its own variable (env) or is the first configured of other roles (firstOf); keep one`]);
});

test('a oneOf more than one branch of which matches, with no words of the suite\'s: where its schema is', () => {
  const breach = { instancePath: '/x', schemaPath: '#/properties/x/oneOf', keyword: 'oneOf', message: 'must match exactly one schema in oneOf', params: { passingSchemas: [0, 1] } };
  expect(schemaProblems([breach], {}, 'rules.schema.json')).toEqual([{ pointer: '/x', problem: 'must match exactly one schema in oneOf (it matches branches 0 and 1 of rules.schema.json#/properties/x/oneOf)' }]);
});

test('a value of neither type a oneOf allows names both (seeded: a string or a list of them), not the first branch\'s alone', () => {
  const copy = new RegistryCopy();
  copy.edit('fixtures/senders.json', (data) => (data['roles']['noWaba']['seeded'] = 5));
  expect(linesOf(copy)).toEqual([`${copy.path('fixtures/senders.json')}: /roles/noWaba/seeded must be string or array`]);
});

test('a request body on a row or a step is refused with why: the suite sends none; a body under expect keeps the plain line', () => {
  // A contributor certifying a POST of their own wrote a row's "body" and read only "must NOT have
  // additional properties", which says neither that the suite sends no body nor what it does instead.
  const copy = new RegistryCopy();
  const row = copy.editRow(GET, 'coexistence', (r) => (r['body'] = { url: 'https://example.test' }));
  const START = 'startWhatsAppHistorySync';
  const step = `${copy.editRow(START, 'start-predicted', (r) => (((r['steps'] as Json[])[1] as Json)['body'] = 'x'))}/steps/1`;
  const underExpect = copy.editRow(GET, 'no-waba', (r) => ((r['expect'] as Json)['body'] = 'x'));
  const why = 'must NOT have additional properties ("body"): the suite sends no request body (an operation whose request body is required is refused at load); leave "body" out';
  expect(linesOf(copy)).toEqual([
    `${copy.scenariosFile(GET)}: ${row} ${why}`,
    `${copy.scenariosFile(GET)}: ${underExpect}/expect must NOT have additional properties ("body")`,
    `${copy.scenariosFile(START)}: ${step} ${why}`,
  ]);
});

test("the request-body why is the scenarios file's alone: another data file's \"body\" at such a path keeps the plain line", () => {
  const breach = { instancePath: '/scenarios/0', schemaPath: '#/additionalProperties', keyword: 'additionalProperties', params: { additionalProperty: 'body' }, message: 'must NOT have additional properties' };
  expect(schemaProblems([breach], { scenarios: [{ body: 'x' }] }, 'families.schema.json').map((p) => p.problem)).toEqual(['must NOT have additional properties ("body")']);
});
