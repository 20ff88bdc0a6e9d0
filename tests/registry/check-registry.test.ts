/** Loading the data files and checking them against each other and the spec: exit 2 naming the file and the JSON pointer. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, UsageError } from '../../src/model/errors';
import { packageRoot } from '../../src/package-root';
import { checkRegistry } from '../../src/registry/check-registry';
import { loadRegistry } from '../../src/registry/load-registry';
import { operations, registry } from '../support/shipped-contract';
import { scratchDir } from '../support/scratch-dir';

type Json = Record<string, any>;

/** Copies operations/ and fixtures/ to a scratch folder, edits one file, and loads + checks the copy. */
function loadEdited(file: string, edit: (data: Json) => void): () => void {
  const dir = scratchDir();
  cpSync(join(packageRoot, 'operations'), join(dir, 'operations'), { recursive: true });
  cpSync(join(packageRoot, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
  const path = join(dir, file);
  const data = JSON.parse(readFileSync(path, 'utf8')) as Json;
  edit(data);
  writeFileSync(path, JSON.stringify(data));
  return () => checkRegistry(loadRegistry(join(dir, 'operations'), join(dir, 'fixtures')), operations);
}

function expectDataError(run: () => void, pattern: RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).exitCode).toBe(ExitCode.usage);
  expect((error as Error).message).toMatch(pattern);
  expect((error as Error).message).not.toContain('\n');
}

const HISTORY = 'operations/startWhatsAppHistorySync/scenarios.json';
const GET = 'operations/getWhatsAppSyncStatus/scenarios.json';

test('the shipped data loads and checks clean: three operations, their roles, families and rules', () => {
  expect(registry.operations.map((o) => o.operationId)).toEqual(['getWhatsAppSyncStatus', 'startWhatsAppContactsSync', 'startWhatsAppHistorySync']);
  expect([...registry.roles.keys()]).toEqual(['coexistence', 'noWaba', 'notCoexistence', 'syncable', 'notActive', 'unknown', 'any']);
  expect(() => checkRegistry(registry, operations)).not.toThrow();
});

test.each<[string, string, (d: Json) => void, RegExp]>([
  ['an unknown role', GET, (d) => (d.scenarios[1].path.senderId = 'nobody'), /scenarios\.json: \/scenarios\/1\/path\/senderId names role "nobody", which no fixture file declares/],
  ['an unbound path parameter', HISTORY, (d) => delete d.scenarios[2].path, /startWhatsAppHistorySync\/scenarios\.json: \/scenarios\/2 path parameter \{senderId\} of startWhatsAppHistorySync is not bound/],
  ['an unknown family', GET, (d) => (d.scenarios[0].family = 'mystery'), /\/scenarios\/0\/family names family "mystery", which operations\/families\.json does not declare/],
  ['an unknown rule', GET, (d) => (d.scenarios[0].expect.rules = ['no-such-rule']), /\/scenarios\/0\/expect\/rules\/0 names rule "no-such-rule"/],
  ['an example the operation does not document', GET, (d) => (d.scenarios[1].expect.examples = ['in_progress']), /\/scenarios\/1\/expect\/examples\/0 names example "in_progress", which getWhatsAppSyncStatus does not document/],
  ['an unknown model', HISTORY, (d) => (d.scenarios[0].steps[1].expect.predict.model = 'oracle'), /\/scenarios\/0\/steps\/1\/expect\/predict\/model names model "oracle"/],
  ['a prediction from a later step', HISTORY, (d) => (d.scenarios[0].steps[1].expect.predict.from = 'read-after'), /\/scenarios\/0\/steps\/1\/expect\/predict\/from must name an earlier step/],
  ['an unknown step operation', HISTORY, (d) => (d.scenarios[0].steps[0].operation = 'getNothing'), /\/scenarios\/0\/steps\/0\/operation names operation "getNothing", which the spec does not have/],
  ['a duplicate scenario id', GET, (d) => (d.scenarios[1].id = d.scenarios[0].id), /\/scenarios\/1\/id duplicate id "coexistence"/],
  ['a folder that is not the operationId', GET, (d) => (d.operationId = 'getOther'), /\/operationId is "getOther" but the folder is "getWhatsAppSyncStatus"/],
  ['an auth value the schema does not allow', GET, (d) => (d.scenarios[3].auth = 'magic'), /\/scenarios\/3\/auth must be equal to one of the allowed values/],
  ['a firstOf naming an undeclared role', 'fixtures/senders.json', (d) => d.roles.any.firstOf.push('ghost'), /fixtures\/senders\.json: \/roles\/any\/firstOf\/4 names role "ghost"/],
])('%s is exit 2 naming the file and the pointer', (_what, file, edit, pattern) => {
  expectDataError(loadEdited(file, edit), pattern);
});

test('not JSON: the file and the position', () => {
  const dir = scratchDir();
  cpSync(join(packageRoot, 'operations'), join(dir, 'operations'), { recursive: true });
  cpSync(join(packageRoot, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
  writeFileSync(join(dir, 'operations/families.json'), '{"families": [');
  expectDataError(() => loadRegistry(join(dir, 'operations'), join(dir, 'fixtures')), /families\.json: not JSON at/);
});

test('a role declared by two fixture files', () => {
  const dir = scratchDir();
  cpSync(join(packageRoot, 'operations'), join(dir, 'operations'), { recursive: true });
  cpSync(join(packageRoot, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
  cpSync(join(dir, 'fixtures/senders.json'), join(dir, 'fixtures/senders-copy.json'));
  expectDataError(() => loadRegistry(join(dir, 'operations'), join(dir, 'fixtures')), /senders\.json: \/roles\/coexistence role "coexistence" is also declared in .*senders-copy\.json/);
});
