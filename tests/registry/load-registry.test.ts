/**
 * Loading the data files: each one checked against its schema, plus the rules a schema cannot
 * state (unique ids, the folder is the operation, a role declared once, firstOf names a role).
 * Every problem is exit 2 in one line "<file>: <JSON pointer> <problem>", so a typo in a row is
 * found before the first request, not as a failed or errored case.
 */
import { chmodSync, cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root';
import { loadRegistry, referencedOperationIds } from '../../src/registry/load-registry';
import { registry } from '../support/shipped-contract';
import { scratchDir } from '../support/scratch-dir';
import { RegistryCopy, usageErrorOf } from './support/registry-copy';
import { thrownUsageError } from '../support/usage-message';
import { requireBuilt } from '../support/in-child';
import { modesRefuse, refusalAsUnprivileged, removeUnprivilegedScratch, unprivilegedScratch } from '../support/unprivileged';

const GET = 'getWhatsAppSyncStatus';

describe('the shipped data', () => {
  test('loads: three operations sorted by id, each with its own file and rows', () => {
    expect(registry.operations.map((o) => o.operationId)).toEqual(['getWhatsAppSyncStatus', 'startWhatsAppContactsSync', 'startWhatsAppHistorySync']);
    for (const operation of registry.operations) {
      expect(operation.file).toMatch(new RegExp(`(^|/)operations/${operation.operationId}/scenarios\\.json$`));
      expect(operation.scenarios.length).toBeGreaterThan(10);
    }
    expect(registry.operations[0]?.scenarios.map((s) => s.id).slice(0, 4)).toEqual(['reads-change-nothing', 'head-changes-nothing', 'unauthenticated-read-changes-nothing', 'coexistence']);
  });

  test('loads the families, the rules and the roles with the fixture file that declares each', () => {
    expect(registry.families.map((f) => f.id)).toEqual(['coexistence', 'start-sync', 'no-waba', 'not-coexistence', 'not-active', 'authentication', 'not-found', 'isolation', 'negative-inputs']);
    expect(registry.rules.map((r) => r.id)).toEqual(['sync-is-coexistence', 'in-flight-not-startable', 'inactive-not-startable', 'not-requested-has-no-times', 'requested-has-times', 'times-not-ahead']);
    expect([...registry.roles.keys()]).toEqual(['coexistence', 'noWaba', 'notCoexistence', 'syncable', 'syncableConcurrent', 'concurrentStarts', 'notActive', 'otherProject', 'unknown', 'any']);
    expect(registry.roles.get('otherProject')?.role).toMatchObject({ env: 'ZAVU_SENDER_OTHER_PROJECT', writableWhen: 'ZAVU_SENDER_OTHER_PROJECT_WRITABLE', seeded: 'snd_other_project' });
    expect(registry.roles.get('otherProject')?.role.writable).toBeUndefined();
    const syncable = registry.roles.get('syncable');
    expect(syncable?.fixture.file).toMatch(/(^|\/)fixtures\/senders\.json$/);
    expect(syncable?.fixture.parameter).toBe('senderId');
    expect(syncable?.role).toMatchObject({ env: 'ZAVU_SENDER_SYNCABLE', writable: true, seeded: 'snd_coex_syncable' });
  });

  test('the operations the spec must provide are the files\' own and those their steps call', () => {
    const copy = new RegistryCopy();
    expect(referencedOperationIds(registry).sort()).toEqual(['getWhatsAppSyncStatus', 'startWhatsAppContactsSync', 'startWhatsAppHistorySync']);
    // Without the GET folder, the GET is still needed: the start sequences read the status with it.
    rmSync(join(copy.operationsDir, GET), { recursive: true });
    expect(referencedOperationIds(copy.load())).toEqual(['startWhatsAppContactsSync', 'startWhatsAppHistorySync', 'getWhatsAppSyncStatus']);
  });
});

test('a dangling symlink among the operation folders is no operation, not an internal error', () => {
  const copy = new RegistryCopy();
  symlinkSync(join(copy.operationsDir, 'gone'), join(copy.operationsDir, 'dangling'));
  expect(referencedOperationIds(copy.load())).toContain(GET);
});

test('a folder that is not an operations folder, or a file given as one: said so, not as a file missing inside it', () => {
  const empty = scratchDir('zvc-notops-');
  mkdirSync(join(empty, 'some-folder'));
  expect(usageErrorOf(() => loadRegistry(empty, join(packageRoot, 'fixtures')))).toBe(`--operations ${empty}: no operation folders, no families.json: not an operations folder (operations/<operationId>/scenarios.json beside families.json and rules.json)`);
  const file = join(empty, 'a-file.json');
  writeFileSync(file, '{}');
  expect(usageErrorOf(() => loadRegistry(join(packageRoot, 'operations'), file))).toBe(`--fixtures ${file}: is a file, not a folder`);
  expect(usageErrorOf(() => loadRegistry(join(empty, 'nothing-here'), join(packageRoot, 'fixtures')))).toBe(`--operations ${join(empty, 'nothing-here')}: no such folder`);
});

test('a fixtures folder with no fixture file (a wrong --fixtures) is said so, not as a role "which no fixture file declares ()"', () => {
  const empty = scratchDir('zvc-nofixtures-');
  writeFileSync(join(empty, 'notes.txt'), 'not a fixture');
  expect(usageErrorOf(() => loadRegistry(join(packageRoot, 'operations'), empty))).toBe(`--fixtures ${empty}: no fixture files (<resource>.json declaring roles): not a fixtures folder`);
});

describe('a scenarios file', () => {
  test('with a duplicate scenario id: the second one', () => {
    const copy = new RegistryCopy();
    const at = copy.editRow(GET, 'not-coexistence', (row) => (row['id'] = 'no-waba'));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.scenariosFile(GET)}: ${at}/id duplicate id "no-waba"`);
  });

  test('whose operationId is not its folder: a copied folder that still names the old id', () => {
    const copy = new RegistryCopy();
    cpSync(join(copy.operationsDir, GET), join(copy.operationsDir, 'getWhatsAppSyncStatusV2'), { recursive: true });
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.scenariosFile('getWhatsAppSyncStatusV2')}: /operationId is "getWhatsAppSyncStatus" but the folder is "getWhatsAppSyncStatusV2"`);
  });

  test('breaking its schema: an auth value the schema does not allow, with the allowed ones', () => {
    const copy = new RegistryCopy();
    const at = copy.editRow(GET, 'empty-bearer', (row) => (row['auth'] = 'magic'));
    expect(usageErrorOf(() => copy.load())).toBe(
      `${copy.scenariosFile(GET)}: ${at}/auth must be equal to one of the allowed values (allowed: valid, none, wrong-key, empty-bearer, no-scheme, basic, lowercase-bearer, extra-spaces, long-token, control-chars, key-then-word, wrong-checksum, token-scheme, apikey-scheme, bearer-no-space, case-changed, appended, prepended, other-environment, property-name, truncated, other-project-key)`,
    );
  });

  test('breaking its schema: a property the schema does not know, named', () => {
    const copy = new RegistryCopy();
    const at = copy.editRow(GET, 'no-waba', (row) => (row['expect']['colour'] = 'red'));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.scenariosFile(GET)}: ${at}/expect must NOT have additional properties ("colour")`);
  });

  test('that is not JSON: the file, the line, the column and the offset', () => {
    const copy = new RegistryCopy();
    copy.write('operations/families.json', '{\n  "families": [\n    { "id": "x", }\n  ]\n}');
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.path('operations/families.json')}: not JSON at line 3 column 18 (offset 35): Expected double-quoted property name`);
  });

  test('missing: the file, not a stack trace', () => {
    const copy = new RegistryCopy();
    rmSync(copy.path('operations/rules.json'));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.path('operations/rules.json')}: no such file`);
  });
});

describe('the operations folder', () => {
  test('missing, or with no operation folder in it', () => {
    const missing = join(scratchDir(), 'nowhere');
    expect(usageErrorOf(() => loadRegistry(missing, join(packageRoot, 'fixtures')))).toBe(`--operations ${missing}: no such folder`);
    const empty = scratchDir();
    mkdirSync(join(empty, 'operations'));
    expect(usageErrorOf(() => loadRegistry(join(empty, 'operations'), join(packageRoot, 'fixtures')))).toMatch(/^--operations .*operations: no operation folders/);
  });
});

describe('families and rules', () => {
  test('a duplicate family id', () => {
    const copy = new RegistryCopy();
    copy.edit('operations/families.json', (data) => (data['families'][3]['id'] = 'coexistence'));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.path('operations/families.json')}: /families/3/id duplicate id "coexistence"`);
  });

  test('an assertion with a condition (when) but nothing to assert', () => {
    const copy = new RegistryCopy();
    copy.edit('operations/rules.json', (data) => (data['rules'][1]['assert'][0] = { pointer: '/sync/history/canSync', when: { pointer: '/sync/history/status', oneOf: ['pending'] } }));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.path('operations/rules.json')}: /rules/1/assert/0 must have one of the properties equals, oneOf, present, type, notAfterAnswer, notBefore, notAfter`);
  });

  test('a rule whose severity is not warning (an error is every rule\'s default, and nothing else is a severity)', () => {
    const copy = new RegistryCopy();
    copy.edit('operations/rules.json', (data) => (data['rules'][0]['severity'] = 'error'));
    expect(usageErrorOf(() => copy.load())).toMatch(/^.*operations\/rules\.json: \/rules\/0\/severity must be equal to one of the allowed values/);
  });

  test('a duplicate rule id', () => {
    const copy = new RegistryCopy();
    copy.edit('operations/rules.json', (data) => data['rules'].push({ ...data['rules'][0], description: 'the same id again' }));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.path('operations/rules.json')}: /rules/6/id duplicate id "sync-is-coexistence"`);
  });
});

describe('fixture files', () => {
  test('a firstOf naming a role no fixture file declares', () => {
    const copy = new RegistryCopy();
    copy.edit('fixtures/senders.json', (data) => data['roles']['any']['firstOf'].splice(1, 0, 'ghost'));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.path('fixtures/senders.json')}: /roles/any/firstOf/1 names role "ghost", which no fixture file declares`);
  });

  test('a shapeOf naming a role no fixture file declares, or one with no configured values of its own', () => {
    const copy = new RegistryCopy();
    copy.edit('fixtures/senders.json', (data) => data['roles']['unknown']['shapeOf'].push('ghost'));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.path('fixtures/senders.json')}: /roles/unknown/shapeOf/6 names role "ghost", which no fixture file declares`);
    const firstOf = new RegistryCopy();
    firstOf.edit('fixtures/senders.json', (data) => data['roles']['unknown']['shapeOf'].unshift('any'));
    expect(usageErrorOf(() => firstOf.load())).toBe(`${firstOf.path('fixtures/senders.json')}: /roles/unknown/shapeOf/0 names role "any", which is generated or firstOf: only configured roles give a shape`);
  });

  test('a shapeOf on a role that is not generated breaks the schema', () => {
    const copy = new RegistryCopy();
    copy.edit('fixtures/senders.json', (data) => (data['roles']['noWaba']['shapeOf'] = ['coexistence']));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.path('fixtures/senders.json')}: /roles/noWaba must have property generated when property shapeOf is present`);
  });

  test('a role declared in two fixture files: the later file, naming the earlier', () => {
    const copy = new RegistryCopy();
    copy.write('fixtures/other-senders.json', JSON.stringify({ resource: 'sender', parameter: 'senderId', roles: { syncable: { env: 'ZAVU_OTHER_SYNCABLE', description: 'another writable sender' } } }));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.path('fixtures/senders.json')}: /roles/syncable role "syncable" is also declared in ${copy.path('fixtures/other-senders.json')}`);
  });

  test('a role with neither env nor firstOf breaks the schema', () => {
    const copy = new RegistryCopy();
    copy.edit('fixtures/senders.json', (data) => delete data['roles']['noWaba']['env']);
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.path('fixtures/senders.json')}: /roles/noWaba must have one of the properties env, firstOf`);
  });

  test('a role both writable and writable only with consent breaks the schema', () => {
    const copy = new RegistryCopy();
    copy.edit('fixtures/senders.json', (data) => (data['roles']['otherProject']['writable'] = true));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.path('fixtures/senders.json')}: /roles/otherProject has both writable and writableWhen: writable makes the role writable on every run, writableWhen only when its variable is set (consent per fixture); keep one`);
  });

  test('of the errors of a oneOf, the deepest: the bad item, not "must be string" for a list', () => {
    const copy = new RegistryCopy();
    copy.edit('fixtures/senders.json', (data) => (data['roles']['noWaba']['seeded'] = ['snd_sms_no_waba', '']));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.path('fixtures/senders.json')}: /roles/noWaba/seeded/1 must NOT have fewer than 1 characters`);
  });

  test('a second fixture file adds its roles', () => {
    const copy = new RegistryCopy();
    copy.write('fixtures/messages.json', JSON.stringify({ resource: 'message', parameter: 'messageId', roles: { delivered: { env: 'ZAVU_MESSAGE_DELIVERED', description: 'a delivered message' } } }));
    const loaded = copy.load();
    expect(loaded.fixtures.map((f) => f.resource)).toEqual(['message', 'sender']);
    expect(loaded.roles.get('delivered')?.fixture.parameter).toBe('messageId');
  });
});

describe("each refusal names its file or folder as the error's path (as the line names it), with the file system's code when it refused", () => {
  const fixtures = join(packageRoot, 'fixtures');

  test('a data file: missing (ENOENT), not JSON, breaking its schema or the rules beyond it: the file, code only when the file system refused', () => {
    const copy = new RegistryCopy();
    rmSync(copy.path('operations/rules.json'));
    expect(thrownUsageError(() => copy.load())).toMatchObject({ path: copy.path('operations/rules.json'), code: 'ENOENT' });
    const broken = new RegistryCopy().write('operations/families.json', '{ "families": [ }');
    const schema = new RegistryCopy();
    schema.editRow(GET, 'no-waba', (row) => (row['expect']['colour'] = 'red'));
    const beyond = new RegistryCopy();
    beyond.edit('fixtures/senders.json', (data) => (data['roles']['any']['firstOf'] = ['coexistence', 'ghost']));
    for (const [copyOf, file] of [[broken, 'operations/families.json'], [schema, `operations/${GET}/scenarios.json`], [beyond, 'fixtures/senders.json']] as const) {
      const error = thrownUsageError(() => copyOf.load());
      expect(error.path).toBe(copyOf.path(file));
      expect(error.code).toBeUndefined();
    }
  });

  test('an entry stat refuses other than as missing (a link that loops: ELOOP): that entry named, with its code, not a bare system error', () => {
    const copy = new RegistryCopy();
    const loop = join(copy.operationsDir, 'loop');
    symlinkSync(loop, loop);
    expect(thrownUsageError(() => copy.load())).toMatchObject({ message: `--operations ${loop}: cannot be read (ELOOP)`, path: loop, code: 'ELOOP' });
  });

  test('families.json a link to nothing: said as that file, not as a folder that is no operations folder', () => {
    const copy = new RegistryCopy();
    const families = copy.path('operations/families.json');
    rmSync(families);
    symlinkSync(copy.path('operations/gone.json'), families);
    expect(thrownUsageError(() => copy.load())).toMatchObject({ message: `${families}: is a symbolic link to ${copy.path('operations/gone.json')}, which does not exist`, path: families, code: 'ENOENT' });
  });

  test('a folder missing (ENOENT), under a file (ENOTDIR), a file, or not the folder it should be: the folder', () => {
    const dir = scratchDir();
    const missing = join(dir, 'nowhere');
    expect(thrownUsageError(() => loadRegistry(missing, fixtures))).toMatchObject({ message: `--operations ${missing}: no such folder`, path: missing, code: 'ENOENT' });
    writeFileSync(join(dir, 'plain'), 'x');
    const under = join(dir, 'plain', 'operations');
    expect(thrownUsageError(() => loadRegistry(under, fixtures))).toMatchObject({ message: `--operations ${under}: no such folder: a part of its path is a file, not a folder (ENOTDIR)`, path: under, code: 'ENOTDIR' });
    expect(thrownUsageError(() => loadRegistry(join(packageRoot, 'operations'), join(dir, 'plain')))).toMatchObject({ message: `--fixtures ${join(dir, 'plain')}: is a file, not a folder`, path: join(dir, 'plain') });
    mkdirSync(join(dir, 'empty'));
    for (const refused of [() => loadRegistry(join(dir, 'empty'), fixtures), () => loadRegistry(join(packageRoot, 'operations'), join(dir, 'empty'))]) {
      const error = thrownUsageError(refused);
      expect(error.path).toBe(join(dir, 'empty'));
      expect(error.code).toBeUndefined();
    }
  });

  (modesRefuse ? describe : describe.skip)('a folder its reader may not read (a real EACCES, the load run as a user the modes refuse)', () => {
    let dir: string;
    beforeEach(() => {
      dir = unprivilegedScratch('zvc-registry-eacces-');
    });
    afterEach(() => removeUnprivilegedScratch(dir));
    const load = (operations: string): string => `${requireBuilt('registry/load-registry.js')}.loadRegistry(${JSON.stringify(operations)}, ${JSON.stringify(fixtures)})`;

    test('under a folder without search permission: permission denied, not "no such folder"', () => {
      cpSync(join(packageRoot, 'operations'), join(dir, 'locked', 'operations'), { recursive: true });
      chmodSync(join(dir, 'locked'), 0o600);
      const operations = join(dir, 'locked', 'operations');
      // Named relative to where the load runs (the scratch folder), in the line and as the path alike.
      expect(refusalAsUnprivileged(load(operations), dir)).toEqual({ name: 'UsageError', message: `--operations ${join('locked', 'operations')}: cannot be read: permission denied (EACCES)`, path: join('locked', 'operations'), code: 'EACCES', exitCode: 2 });
    });

    test.each([
      ['operations', '--operations'],
      ['fixtures', '--fixtures'],
    ])('the %s folder listed but not entered (mode 0444): the same line, not "not an operations folder" nor a file in it', (folder, label) => {
      for (const name of ['operations', 'fixtures']) cpSync(join(packageRoot, name), join(dir, name), { recursive: true });
      chmodSync(join(dir, folder), 0o444);
      const call = `${requireBuilt('registry/load-registry.js')}.loadRegistry(${JSON.stringify(join(dir, 'operations'))}, ${JSON.stringify(join(dir, 'fixtures'))})`;
      expect(refusalAsUnprivileged(call, dir)).toEqual({ name: 'UsageError', message: `${label} ${folder}: cannot be read: permission denied (EACCES)`, path: folder, code: 'EACCES', exitCode: 2 });
    });

    test('a folder without read permission: the same line, a UsageError, not a bare system error', () => {
      const operations = join(dir, 'operations');
      cpSync(join(packageRoot, 'operations'), operations, { recursive: true });
      chmodSync(operations, 0o311);
      expect(refusalAsUnprivileged(load(operations), dir)).toEqual({ name: 'UsageError', message: '--operations operations: cannot be read: permission denied (EACCES)', path: 'operations', code: 'EACCES', exitCode: 2 });
    });
  });
});
