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
import { NOT_PHRASES, SCHEMA_PROBLEMS_PER_FILE, schemaProblems } from '../../src/registry/schema-problems';
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

test(`a file broken in more places than ${SCHEMA_PROBLEMS_PER_FILE}: the first ${SCHEMA_PROBLEMS_PER_FILE - 1} and how many more, in one line of its own`, () => {
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
  expect(lines[0]).toBe(`${copy.scenariosFile(GET)}: / breaks its schema in ${rows - (SCHEMA_PROBLEMS_PER_FILE - 1)} more places, not listed (the first ${SCHEMA_PROBLEMS_PER_FILE - 1} are)`);
  expect(lines.slice(1).every((line, index) => line === `${copy.scenariosFile(GET)}: /scenarios/${index}/description must be string`)).toBe(true);
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
