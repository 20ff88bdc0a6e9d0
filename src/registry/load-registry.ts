/**
 * The registry: every operation folder (operations/<operationId>/scenarios.json), the families and
 * rules they may name (operations/families.json, operations/rules.json) and the fixture files
 * (fixtures/<resource>.json) their path parameters bind to. Loading checks each file against its
 * schema; check-registry.ts then checks the files against each other and the spec.
 */
import { accessSync, constants, lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join, relative } from 'node:path';
import { unreadFolder } from '../files/unread-folder';
import { UsageError } from '../model/errors';
import type { FamilyDefinition, FixtureRole, RuleDefinition, Scenario } from '../model';
import { dataError, readDataFile } from './read-data-file';

export interface OperationScenarios {
  operationId: string;
  /** The scenarios file, as shown in errors. */
  file: string;
  scenarios: Scenario[];
}

export interface FixtureFile {
  file: string;
  resource: string;
  parameter: string;
  roles: Record<string, FixtureRole>;
  seed?: unknown[];
}

/** A role, with the file that declares it. */
export interface DeclaredRole {
  name: string;
  fixture: FixtureFile;
  role: FixtureRole;
}

export interface Registry {
  /** Sorted by operationId. */
  operations: OperationScenarios[];
  families: FamilyDefinition[];
  rules: RuleDefinition[];
  fixtures: FixtureFile[];
  roles: Map<string, DeclaredRole>;
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

/** A refusal of the folder `dir` (given as `label`), naming it as its `path`, as the line does. */
function folderError(dir: string, label: string, why: string, code?: string): UsageError {
  return new UsageError(`${label} ${shown(dir)}: ${why}`, { path: shown(dir), code });
}

/** The file system's refusal of the folder `dir`, said as it refused it, with its code. */
function refusedFolder(dir: string, label: string, error: unknown): UsageError {
  const { reason, code } = unreadFolder(error, 'no such folder');
  return folderError(dir, label, reason, code);
}

/** The entries of `dir`, sorted; a folder the file system refused (to list, or to enter) is said as it refused it, with its code. */
function listDir(dir: string, label: string): string[] {
  const refused = (error: unknown): UsageError => refusedFolder(dir, label, error);
  let stats: Stats;
  try {
    stats = statSync(dir);
  } catch (error) {
    throw refused(error);
  }
  if (!stats.isDirectory()) throw folderError(dir, label, 'is a file, not a folder');
  try {
    const names = readdirSync(dir).sort();
    // Listed is not entered (mode 0444): else every entry's stat fails, and the folder reads as holding no families.json.
    accessSync(dir, constants.X_OK);
    return names;
  } catch (error) {
    throw refused(error);
  }
}

/**
 * Whether the entry `name` of `dir` is a folder, through a link; a link to nothing is no folder. Any
 * other refusal of its stat (a link that loops: ELOOP) is said of that entry, with its code.
 */
function isFolderEntry(dir: string, label: string, name: string): boolean {
  try {
    return statSync(join(dir, name)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw refusedFolder(join(dir, name), label, error);
  }
}

function uniqueIds<T extends { id: string }>(items: readonly T[], file: string, key: string): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) throw dataError(file, `/${key}/${index}/id`, `duplicate id "${item.id}"`);
    seen.add(item.id);
  });
}

function loadOperations(dir: string, label: string): OperationScenarios[] {
  const operations = listDir(dir, label)
    // A dangling symlink among the folders is no operation folder.
    .filter((name) => isFolderEntry(dir, label, name))
    .map((name): OperationScenarios => {
      const file = shown(join(dir, name, 'scenarios.json'));
      const { data } = readDataFile<{ operationId: string; scenarios: Scenario[] }>(join(dir, name, 'scenarios.json'), 'scenarios.schema.json');
      // The folder is the operation: a copied folder that still names the old id would run twice.
      if (data.operationId !== name) throw dataError(file, '/operationId', `is "${data.operationId}" but the folder is "${name}"`);
      uniqueIds(data.scenarios, file, 'scenarios');
      return { operationId: data.operationId, file, scenarios: data.scenarios };
    });
  if (operations.length === 0) throw folderError(dir, label, 'no operation folders (operations/<operationId>/scenarios.json)');
  return operations;
}

/**
 * The fixture files of `dir` and the roles they declare, checked as loadRegistry checks them. Exported
 * for what needs the roles alone before the run (the settings' misspelt names): the scenarios are
 * not read for that.
 */
export function loadFixtures(dir: string, label: string): { fixtures: FixtureFile[]; roles: Map<string, DeclaredRole> } {
  const fixtures = listDir(dir, label)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const { file, data } = readDataFile<Omit<FixtureFile, 'file'>>(join(dir, name), 'fixtures.schema.json');
      return { ...data, file: shown(file) };
    });
  // Else every scenario's first role is "declared by no fixture file ()": the folder is what is wrong.
  if (fixtures.length === 0) throw folderError(dir, label, 'no fixture files (<resource>.json declaring roles): not a fixtures folder');
  const roles = new Map<string, DeclaredRole>();
  for (const fixture of fixtures) {
    for (const [name, role] of Object.entries(fixture.roles)) {
      const other = roles.get(name);
      if (other !== undefined) throw dataError(fixture.file, `/roles/${name}`, `role "${name}" is also declared in ${other.fixture.file}`);
      roles.set(name, { name, fixture, role });
    }
  }
  for (const { name, fixture, role } of roles.values()) {
    role.firstOf?.forEach((other, index) => {
      if (!roles.has(other)) throw dataError(fixture.file, `/roles/${name}/firstOf/${index}`, `names role "${other}", which no fixture file declares`);
    });
    role.shapeOf?.forEach((other, index) => {
      const shape = roles.get(other)?.role;
      if (shape === undefined) throw dataError(fixture.file, `/roles/${name}/shapeOf/${index}`, `names role "${other}", which no fixture file declares`);
      // Its values are bound before the generated role's: another generated or firstOf role has none yet.
      if (shape.generated !== undefined || shape.firstOf !== undefined) throw dataError(fixture.file, `/roles/${name}/shapeOf/${index}`, `names role "${other}", which is generated or firstOf: only configured roles give a shape`);
    });
  }
  return { fixtures, roles };
}

/**
 * Loads and schema-checks every data file; cross-file rules are check-registry's. `labels`: where the
 * two folders were given (`--operations`, `ZAVU_OPERATIONS_DIR`, …), so an error names that.
 */
export function loadRegistry(operationsDir: string, fixturesDir: string, labels: { operations?: string; fixtures?: string } = {}): Registry {
  const operationsLabel = labels.operations ?? '--operations';
  listDir(operationsDir, operationsLabel);
  // A folder without families.json is no operations folder: said so, not as its first subfolder's missing scenarios.json.
  // lstat, not existsSync: a families.json that is a link to nothing is there, and its read says so.
  if (lstatSync(join(operationsDir, 'families.json'), { throwIfNoEntry: false }) === undefined) throw folderError(operationsDir, operationsLabel, 'no operation folders, no families.json: not an operations folder (operations/<operationId>/scenarios.json beside families.json and rules.json)');
  const operations = loadOperations(operationsDir, operationsLabel);
  const familiesFile = readDataFile<{ families: FamilyDefinition[] }>(join(operationsDir, 'families.json'), 'families.schema.json');
  uniqueIds(familiesFile.data.families, shown(familiesFile.file), 'families');
  const rulesFile = readDataFile<{ rules: RuleDefinition[] }>(join(operationsDir, 'rules.json'), 'rules.schema.json');
  uniqueIds(rulesFile.data.rules, shown(rulesFile.file), 'rules');
  return { operations, families: familiesFile.data.families, rules: rulesFile.data.rules, ...loadFixtures(fixturesDir, labels.fixtures ?? '--fixtures') };
}

/** Every operationId the scenarios need from the spec: their own and those their steps call. */
export function referencedOperationIds(registry: Registry): string[] {
  const ids = new Set(registry.operations.map((o) => o.operationId));
  for (const operation of registry.operations) for (const scenario of operation.scenarios) for (const step of scenario.steps ?? []) if (step.operation) ids.add(step.operation);
  return [...ids];
}
