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
import { DataProblems, dataError } from './data-problems';
import { readDataFile } from './read-data-file';

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

/** What `read` returns, or undefined when it threw a data error: kept in `problems` (DataProblems.attempt). */
function kept<T>(problems: DataProblems, read: () => T): T | undefined {
  let value: T | undefined;
  problems.attempt(() => {
    value = read();
  });
  return value;
}

/** `<key>.json` of the operations folder (families.json, rules.json): its list, its ids checked unique; undefined when the file is wrong. */
function readIdList<T extends { id: string }>(operationsDir: string, key: 'families' | 'rules', problems: DataProblems): T[] | undefined {
  const file = shown(join(operationsDir, `${key}.json`));
  const items = kept(problems, () => readDataFile<Record<typeof key, T[]>>(file, `${key}.schema.json`).data[key]);
  if (items !== undefined) uniqueIds(items, file, key, problems);
  return items;
}

/** Every id used before in `items`, each a problem of its own. */
function uniqueIds<T extends { id: string }>(items: readonly T[], file: string, key: string, problems: DataProblems): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) problems.add(dataError(file, `/${key}/${index}/id`, `duplicate id "${item.id}"`));
    seen.add(item.id);
  });
}

/** The operation folders whose scenarios file reads and checks clean; the others' problems go to `problems`. */
function loadOperations(dir: string, label: string, problems: DataProblems): OperationScenarios[] {
  const folders = listDir(dir, label)
    // A dangling symlink among the folders is no operation folder.
    .filter((name) => isFolderEntry(dir, label, name));
  if (folders.length === 0) throw folderError(dir, label, 'no operation folders (operations/<operationId>/scenarios.json)');
  return folders.flatMap((name): OperationScenarios[] => {
    // Named as every line about it names it, so its problems sort together.
    const file = shown(join(dir, name, 'scenarios.json'));
    const loaded = kept(problems, (): OperationScenarios => {
      const { data } = readDataFile<{ operationId: string; scenarios: Scenario[] }>(file, 'scenarios.schema.json');
      // The folder is the operation: a copied folder that still names the old id would run twice.
      if (data.operationId !== name) throw dataError(file, '/operationId', `is "${data.operationId}" but the folder is "${name}"`);
      return { operationId: data.operationId, file, scenarios: data.scenarios };
    });
    if (loaded === undefined) return [];
    uniqueIds(loaded.scenarios, file, 'scenarios', problems);
    return [loaded];
  });
}

/** What reading the fixtures found: the files that read clean, their roles, and whether every file did. */
interface FixturesRead {
  fixtures: FixtureFile[];
  roles: Map<string, DeclaredRole>;
  /** False when a fixture file could not be read or broke its schema: a role it declares is unknown, so no check may say a role is missing. */
  complete: boolean;
}

function readFixtures(dir: string, label: string, problems: DataProblems): FixturesRead {
  const names = listDir(dir, label).filter((name) => name.endsWith('.json'));
  // Else every scenario's first role is "declared by no fixture file ()": the folder is what is wrong.
  if (names.length === 0) throw folderError(dir, label, 'no fixture files (<resource>.json declaring roles): not a fixtures folder');
  const fixtures = names.flatMap((name): FixtureFile[] => {
    const read = kept(problems, (): FixtureFile => {
      const { file, data } = readDataFile<Omit<FixtureFile, 'file'>>(shown(join(dir, name)), 'fixtures.schema.json');
      return { ...data, file };
    });
    return read === undefined ? [] : [read];
  });
  const complete = fixtures.length === names.length;
  const roles = new Map<string, DeclaredRole>();
  for (const fixture of fixtures) {
    for (const [name, role] of Object.entries(fixture.roles)) {
      const other = roles.get(name);
      if (other !== undefined) problems.add(dataError(fixture.file, `/roles/${name}`, `role "${name}" is also declared in ${other.fixture.file}`));
      else roles.set(name, { name, fixture, role });
    }
  }
  // A role an unreadable fixture file declares would read as declared by none.
  if (!complete) return { fixtures, roles, complete };
  for (const { name, fixture, role } of roles.values()) {
    role.firstOf?.forEach((other, index) => {
      if (!roles.has(other)) problems.add(dataError(fixture.file, `/roles/${name}/firstOf/${index}`, `names role "${other}", which no fixture file declares`));
    });
    role.shapeOf?.forEach((other, index) => {
      const shape = roles.get(other)?.role;
      if (shape === undefined) problems.add(dataError(fixture.file, `/roles/${name}/shapeOf/${index}`, `names role "${other}", which no fixture file declares`));
      // Its values are bound before the generated role's: another generated or firstOf role has none yet.
      else if (shape.generated !== undefined || shape.firstOf !== undefined) problems.add(dataError(fixture.file, `/roles/${name}/shapeOf/${index}`, `names role "${other}", which is generated or firstOf: only configured roles give a shape`));
    });
  }
  return { fixtures, roles, complete };
}

/**
 * The fixture files of `dir` and the roles they declare, checked as loadRegistry checks them. Exported
 * for what needs the roles alone before the run (the settings' misspelt names): the scenarios are
 * not read for that.
 *
 * @throws DataError with every problem of the fixture files
 */
export function loadFixtures(dir: string, label: string): { fixtures: FixtureFile[]; roles: Map<string, DeclaredRole> } {
  const problems = new DataProblems();
  const { fixtures, roles } = readFixtures(dir, label, problems);
  problems.throwIfAny();
  return { fixtures, roles };
}

/** A registry as read: the files that read clean, and every problem found in the others. */
export interface RegistryRead {
  /** The operations, families, rules and roles of the files that read and checked clean. */
  registry: Registry;
  problems: DataProblems;
  /**
   * Whether the files every row is checked against (families.json, rules.json, the fixture files)
   * all read clean: when one did not, the rows' checks would name its families, rules or roles as
   * missing, so they are not run.
   */
  complete: boolean;
}

/**
 * Reads and schema-checks every data file, keeping each file's problems rather than stopping at
 * the first; a folder that is not there or not the kind asked for still stops it at once.
 */
export function readRegistry(operationsDir: string, fixturesDir: string, labels: { operations?: string; fixtures?: string } = {}): RegistryRead {
  const operationsLabel = labels.operations ?? '--operations';
  listDir(operationsDir, operationsLabel);
  // A folder without families.json is no operations folder: said so, not as its first subfolder's missing scenarios.json.
  // lstat, not existsSync: a families.json that is a link to nothing is there, and its read says so.
  if (lstatSync(join(operationsDir, 'families.json'), { throwIfNoEntry: false }) === undefined) throw folderError(operationsDir, operationsLabel, 'no operation folders, no families.json: not an operations folder (operations/<operationId>/scenarios.json beside families.json and rules.json)');
  const problems = new DataProblems();
  const operations = loadOperations(operationsDir, operationsLabel, problems);
  const families = readIdList<FamilyDefinition>(operationsDir, 'families', problems);
  const rules = readIdList<RuleDefinition>(operationsDir, 'rules', problems);
  const fixtures = readFixtures(fixturesDir, labels.fixtures ?? '--fixtures', problems);
  return {
    registry: { operations, families: families ?? [], rules: rules ?? [], fixtures: fixtures.fixtures, roles: fixtures.roles },
    problems,
    complete: families !== undefined && rules !== undefined && fixtures.complete,
  };
}

/**
 * Loads and schema-checks every data file; cross-file rules are check-registry's. `labels`: where the
 * two folders were given (`--operations`, `ZAVU_OPERATIONS_DIR`, …), so an error names that.
 *
 * @throws DataError with every problem found, sorted by file and pointer
 */
export function loadRegistry(operationsDir: string, fixturesDir: string, labels: { operations?: string; fixtures?: string } = {}): Registry {
  const { registry, problems } = readRegistry(operationsDir, fixturesDir, labels);
  problems.throwIfAny();
  return registry;
}

/** Every operationId the scenarios need from the spec: their own and those their steps call. */
export function referencedOperationIds(registry: Registry): string[] {
  const ids = new Set(registry.operations.map((o) => o.operationId));
  for (const operation of registry.operations) for (const scenario of operation.scenarios) for (const step of scenario.steps ?? []) if (step.operation) ids.add(step.operation);
  return [...ids];
}
