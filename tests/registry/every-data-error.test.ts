/**
 * A user who adds an operation with several mistakes is told all of them in one load, not one a
 * run: each file's problems, the rows' cross-file checks of every file that read clean, sorted by
 * file and pointer. A file that is not JSON says so, one that breaks its schema says every breach
 * (schema-problems.test.ts), and neither is checked further (its rows could not be judged); a broken families, rules or fixture file stops
 * the rows' checks, which would name its ids as missing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../../src/model/errors';
import { checkRegistry } from '../../src/registry/check-registry';
import { readRegistry } from '../../src/registry/load-registry';
import { operations } from '../support/shipped-contract';
import { RegistryCopy, thrownBy, type Json } from './support/registry-copy';

const GET = 'getWhatsAppSyncStatus';
const HISTORY = 'startWhatsAppHistorySync';

/** The lines of the DataError `run` throws, after checking it is one. */
function linesOf(run: () => unknown): string[] {
  const caught = thrownBy(run);
  expect(caught).toBeInstanceOf(DataError);
  const error = caught as DataError;
  expect(error.message).toBe(`${error.problems[0]?.line ?? ''}${error.problems.length > 1 ? ` (and ${error.problems.length - 1} more data error${error.problems.length === 2 ? '' : 's'})` : ''}`);
  return error.problems.map((p) => p.line);
}

/** Read and cross-check as a run does when the data is wrong: every file's problems, then the clean files' rows. */
function checkAll(copy: RegistryCopy): void {
  const { registry, problems, complete } = readRegistry(copy.operationsDir, copy.fixturesDir);
  if (complete) checkRegistry(registry, operations, problems);
  problems.throwIfAny();
}

test('problems of several files and rows, schema and registry alike: each said once, sorted by file and pointer', () => {
  const copy = new RegistryCopy();
  const unknownRole = copy.editRow(GET, 'coexistence', (row) => {
    row['path'] = { senderId: 'nosuchRole' };
  });
  const undocumented = copy.editRow(GET, 'no-waba', (row) => {
    (row['expect'] as Json)['status'] = 409;
  });
  let duplicated = '';
  copy.edit(join('operations', GET, 'scenarios.json'), (data) => {
    const rows = data['scenarios'] as Json[];
    rows.push({ ...rows[0], id: rows[1]?.['id'] as string });
    duplicated = `/scenarios/${rows.length - 1}/id`;
  });
  // A schema breach and a family nobody declares in one file: the breach is said, and its rows are not judged (the family is not).
  copy.editRow(HISTORY, 'no-waba', (row) => {
    row['description'] = 42;
    row['family'] = 'no-such-family';
  });
  const file = copy.scenariosFile(GET);
  const lines = linesOf(() => checkAll(copy));
  expect(lines).toEqual([
    expect.stringMatching(new RegExp(`^${file}: ${unknownRole}/path/senderId names role "nosuchRole", which no fixture file declares`)),
    expect.stringMatching(new RegExp(`^${file}: ${undocumented}/expect/status expects 409, which ${GET} does not document`)),
    `${file}: ${duplicated} duplicate id "${String(copy.read(join('operations', GET, 'scenarios.json'))['scenarios'][1]['id'])}"`,
    expect.stringMatching(new RegExp(`^${copy.scenariosFile(HISTORY)}: /scenarios/\\d+/description must be string$`)),
  ]);
  expect(lines.filter((l) => l.includes('no-such-family'))).toEqual([]);
});

test('a file that is not JSON is its one line; the other files\' problems are still said', () => {
  const copy = new RegistryCopy();
  mkdirSync(join(copy.operationsDir, 'getSenderProfile'));
  writeFileSync(join(copy.operationsDir, 'getSenderProfile', 'scenarios.json'), '{ "operationId": "getSenderProfile", ');
  const at = copy.editRow(GET, 'coexistence', (row) => {
    row['family'] = 'coexistense';
  });
  const lines = linesOf(() => checkAll(copy));
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(new RegExp(`^${copy.scenariosFile('getSenderProfile')}: .*not JSON`));
  expect(lines[1]).toMatch(new RegExp(`^${copy.scenariosFile(GET)}: ${at}/family names family "coexistense"`));
});

test('a broken fixture file: its problem is said, and no row is told its roles are missing', () => {
  const copy = new RegistryCopy();
  copy.edit('fixtures/senders.json', (data) => {
    data['parameter'] = 7;
  });
  copy.editRow(GET, 'no-waba', (row) => {
    row['auth'] = 'sometimes';
  });
  const lines = linesOf(() => checkAll(copy));
  expect(lines).toEqual([`${copy.path('fixtures/senders.json')}: /parameter must be string`, expect.stringMatching(new RegExp(`^${copy.scenariosFile(GET)}: /scenarios/\\d+/auth `))]);
});

test('every role problem of the fixture files, not the first', () => {
  const copy = new RegistryCopy();
  copy.edit('fixtures/senders.json', (data) => {
    const roles = data['roles'] as Record<string, Json>;
    (roles['concurrentStarts'] as Json)['firstOf'] = ['syncableConcurent', 'syncable'];
    (roles['unknown'] as Json)['shapeOf'] = ['noWabba'];
  });
  const file = copy.path('fixtures/senders.json');
  expect(linesOf(() => checkAll(copy))).toEqual([
    `${file}: /roles/concurrentStarts/firstOf/0 names role "syncableConcurent", which no fixture file declares`,
    `${file}: /roles/unknown/shapeOf/0 names role "noWabba", which no fixture file declares`,
  ]);
});

test('every row checked: the first problem of each row, not of the file', () => {
  const copy = new RegistryCopy();
  const first = copy.editRow(GET, 'coexistence', (row) => {
    row['family'] = 'coexistense';
  });
  const second = copy.editRow(GET, 'no-waba', (row) => {
    row['family'] = 'nowaba';
  });
  const file = copy.scenariosFile(GET);
  expect(linesOf(() => checkAll(copy))).toEqual([
    `${file}: ${first}/family names family "coexistense", which ${join(copy.operationsDir, 'families.json')} does not declare`,
    `${file}: ${second}/family names family "nowaba", which ${join(copy.operationsDir, 'families.json')} does not declare`,
  ]);
});

test("a fixture file that cannot be read stops the role checks of the others: a role it may declare is not said to be declared by none", () => {
  const copy = new RegistryCopy();
  // A role of the unreadable file's, named by the file that reads clean.
  copy.edit('fixtures/senders.json', (data) => {
    ((data['roles'] as Record<string, Json>)['concurrentStarts'] as Json)['firstOf'] = ['fromOtherFile'];
  });
  writeFileSync(copy.path('fixtures/other.json'), 'not json');
  const lines = linesOf(() => checkAll(copy));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^${copy.path('fixtures/other.json')}: `));
});
