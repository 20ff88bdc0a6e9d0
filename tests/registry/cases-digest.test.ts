/**
 * The fingerprint of the case data (runInfo.casesSha256): it must change when what defines the
 * cases changes (a case gaining a step under its old id, a rule, a fixture's role), and not when
 * a file is only laid out otherwise (indentation, key order) or read from another folder, so a
 * nightly history marks "(new contract)" on the night the suite's cases changed and on no other.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { casesDigest } from '../../src/registry/cases-digest';
import { loadRegistry } from '../../src/registry/load-registry';
import { repoRoot } from '../support/run-cli';
import { scratchCacheDirs } from '../support/scratch-cache';
import { scratchDir } from '../support/scratch-dir';

/** A copy of the shipped operations and fixtures folders, somewhere else. */
function copied(): { operations: string; fixtures: string } {
  const dir = scratchDir('zvc-cases-digest-');
  const operations = join(dir, 'ops');
  const fixtures = join(dir, 'fx');
  cpSync(join(repoRoot, 'operations'), operations, { recursive: true });
  cpSync(join(repoRoot, 'fixtures'), fixtures, { recursive: true });
  return { operations, fixtures };
}

const digestOf = (dirs: { operations: string; fixtures: string }): string => casesDigest(loadRegistry(dirs.operations, dirs.fixtures));
const shipped = (): string => digestOf({ operations: join(repoRoot, 'operations'), fixtures: join(repoRoot, 'fixtures') });

/** The same value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

/** Rewrites a JSON file through `edit`, with `indent`. */
function rewrite(file: string, edit: (data: any) => unknown, indent: number | string = 2): void {
  writeFileSync(file, `${JSON.stringify(edit(JSON.parse(readFileSync(file, 'utf8'))), null, indent)}\n`);
}

test('a sha256 in hex, the same for the same data read from another folder', () => {
  expect(shipped()).toMatch(/^[0-9a-f]{64}$/);
  expect(digestOf(copied())).toBe(shipped());
});

test("a file's $schema (where an editor finds the schema, a path) is no data: a copy whose $schema points at the installed package has the same digest", () => {
  // A project copying the data beside its own package.json points $schema at node_modules; the
  // scenarios', families' and rules' $schema were never in it, the fixtures' was.
  const dirs = copied();
  const where = (file: string) => `./node_modules/zavu-conformance/schemas/${file}`;
  for (const name of readdirSync(dirs.fixtures)) rewrite(join(dirs.fixtures, name), (data) => ({ ...data, $schema: where('fixtures.schema.json') }));
  for (const name of readdirSync(dirs.operations)) {
    const file = name.endsWith('.json') ? join(dirs.operations, name) : join(dirs.operations, name, 'scenarios.json');
    rewrite(file, (data) => ({ ...data, $schema: where(name.endsWith('.json') ? name.replace('.json', '.schema.json') : 'scenarios.schema.json') }));
  }
  expect(JSON.parse(readFileSync(join(dirs.fixtures, 'senders.json'), 'utf8')).$schema).toBe(where('fixtures.schema.json'));
  expect(digestOf(dirs)).toBe(shipped());
});

test('the same data laid out otherwise (key order, indentation, no whitespace at all) has the same digest', () => {
  const dirs = copied();
  for (const name of readdirSync(dirs.operations)) {
    const file = name.endsWith('.json') ? join(dirs.operations, name) : join(dirs.operations, name, 'scenarios.json');
    rewrite(file, reversedKeys, name === 'rules.json' ? 0 : '\t');
  }
  for (const name of readdirSync(dirs.fixtures)) rewrite(join(dirs.fixtures, name), reversedKeys, 4);
  // The edit was made: the files' text is not the shipped one's.
  expect(readFileSync(join(dirs.operations, 'families.json'), 'utf8')).not.toBe(readFileSync(join(repoRoot, 'operations', 'families.json'), 'utf8'));
  expect(digestOf(dirs)).toBe(shipped());
});

test.each([
  ['a case gains a HEAD step under its old id', (dirs: { operations: string }) => rewrite(join(dirs.operations, 'getWhatsAppSyncStatus', 'scenarios.json'), (data) => {
    const row = data.scenarios[0];
    row.steps = [...row.steps, { ...row.steps[0], id: 'read-head', method: 'HEAD' }];
    return data;
  })],
  ["a case's expectation changes", (dirs: { operations: string }) => rewrite(join(dirs.operations, 'getWhatsAppSyncStatus', 'scenarios.json'), (data) => {
    data.scenarios[0].steps[0].expect.because = 'another reason';
    return data;
  })],
  ['the cases change order', (dirs: { operations: string }) => rewrite(join(dirs.operations, 'getWhatsAppSyncStatus', 'scenarios.json'), (data) => ({ ...data, scenarios: [...data.scenarios].reverse() }))],
  ['a rule changes (rules.json)', (dirs: { operations: string }) => rewrite(join(dirs.operations, 'rules.json'), (data) => {
    data.rules[0].description = `${String(data.rules[0].description)} (edited)`;
    return data;
  })],
  ['a family changes (families.json)', (dirs: { operations: string }) => rewrite(join(dirs.operations, 'families.json'), (data) => {
    data.families[0].title = `${String(data.families[0].title)} (edited)`;
    return data;
  })],
  ["a fixture's role changes", (dirs: { fixtures: string }) => rewrite(join(dirs.fixtures, 'senders.json'), (data) => {
    const [name] = Object.keys(data.roles);
    data.roles[name!].description = 'edited';
    return data;
  })],
])('%s: another digest', (_what, edit) => {
  const dirs = copied();
  edit(dirs);
  expect(digestOf(dirs)).not.toBe(shipped());
});

describe('kept in the content cache', () => {
  const cacheDir = scratchCacheDirs('zvc-cases-digest-cache-');

  test('a run on the same data takes the digest from the cache (the canonical text is built on a miss only); a damaged entry is computed again', () => {
    const computed = shipped();
    const entries = readdirSync(cacheDir()).filter((name) => name.startsWith('cases-digest-'));
    expect(entries).toHaveLength(1);
    const entry = join(cacheDir(), entries[0] ?? '');
    writeFileSync(entry, 'f'.repeat(64));
    expect(shipped()).toBe('f'.repeat(64));
    writeFileSync(entry, 'not a digest');
    expect(shipped()).toBe(computed);
    expect(readFileSync(entry, 'utf8')).toBe(computed);
  });
});
