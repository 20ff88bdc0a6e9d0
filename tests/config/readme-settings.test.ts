/**
 * The README's Settings table is what a newcomer copies flags and variables from: it must name every
 * setting of src/config/options.ts with its variable, value name and default, no setting the suite
 * does not read, every fixture variable of fixtures/*.json, and the ranges the parser enforces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOptions, type OptionSpec } from '../../src/config/options';
import { parseFlags } from '../../src/config/parse-flags';
import { resolveRunConfig } from '../../src/config/run-config';
import { OTHER_PROJECT_KEY_ENV } from '../../src/model/http';
import { packageRoot } from '../../src/package-root';

interface Row {
  flags: string[];
  flagCell: string;
  envCell: string;
  defaultCell: string;
  meaning: string;
}

/** The rows of the table under "### Settings": cells split on " | " (no cell holds that sequence). */
function settingsRows(): Row[] {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### Settings\n');
  const section = readme.slice(start, readme.indexOf('\n#### ', start));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `--') || line.startsWith('| — |'))
    .map((line) => {
      const [flagCell = '', envCell = '', defaultCell = '', ...rest] = line.replace(/^\| /, '').replace(/ \|$/, '').split(' | ');
      return { flags: [...flagCell.matchAll(/`--([a-z-]+)/g)].map((m) => m[1] ?? ''), flagCell, envCell, defaultCell, meaning: rest.join(' | ') };
    });
}

const rows = settingsRows();
const options: readonly OptionSpec[] = runOptions;
const settings = options.filter((o) => o.flag !== 'help' && o.flag !== 'version');
const rowOf = (flag: string): Row | undefined => rows.find((row) => row.flags.includes(flag));

test('the table was found, with a row per setting', () => {
  expect(rows.length).toBeGreaterThan(settings.length);
});

test.each(settings.map((o) => [o.flag, o] as const))('--%s has its row: flag and value name, variable, default', (flag, option) => {
  const row = rowOf(flag);
  expect(row).toBeDefined();
  if (row === undefined) return;
  expect(row.flagCell).toBe(option.type === 'boolean' ? `\`--${flag}\`` : `\`--${flag} ${option.valueName}\``);
  expect(row.envCell).toBe(option.env === undefined ? '' : option.type === 'boolean' ? `\`${option.env}=1\`` : `\`${option.env}\``);
  if (option.default !== undefined) {
    expect(row.defaultCell).toContain(option.packaged ? `the package's own \`${option.default}\`` : `\`${option.default}\``);
  } else if (option.type === 'boolean') {
    expect(row.defaultCell).toBe('off');
  } else {
    // No default in the code: the cell says what happens (—, all, unlimited…), never a value in code font.
    expect(row.defaultCell).not.toMatch(/^`/);
  }
});

test('--help and --version have their row, and no row names a flag the run does not take', () => {
  expect(rows.some((row) => row.flagCell === '`--help`, `--version`')).toBe(true);
  const known = new Set(options.map((o) => o.flag));
  expect(rows.flatMap((row) => row.flags).filter((flag) => !known.has(flag))).toEqual([]);
});

test('every variable the table names is read by the suite, and every fixture variable is in it', () => {
  const fixtureVariables = readdirSync(join(packageRoot, 'fixtures'))
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => Object.values((JSON.parse(readFileSync(join(packageRoot, 'fixtures', name), 'utf8')) as { roles: Record<string, { env?: string; writableWhen?: string }> }).roles))
    .flatMap((role) => [role.env, role.writableWhen])
    .filter((name): name is string => name !== undefined);
  const readByTheSuite = new Set([...options.flatMap((o) => (o.env === undefined ? [] : [o.env])), ...fixtureVariables, OTHER_PROJECT_KEY_ENV]);
  const inTable = rows.flatMap((row) => [...row.envCell.matchAll(/`(ZAVU_[A-Z_]+)/g)].map((m) => m[1] ?? ''));
  expect(inTable.filter((name) => !readByTheSuite.has(name))).toEqual([]);
  expect([...readByTheSuite].filter((name) => !inTable.includes(name))).toEqual([]);
});

// A range the table states, "(1 to 8)", is the one the parser enforces: a value past either end is refused naming it.
const ranged = settings.flatMap((o) => {
  const match = rowOf(o.flag)?.meaning.match(/\((\d+(?:\.\d+)?) to (\d+(?:\.\d+)?)[;)]/);
  return match === null || match === undefined ? [] : [[o.flag, Number(match[1]), Number(match[2])] as const];
});

test('the table states the ranges of the numeric settings', () => {
  expect(ranged.map(([flag]) => flag).sort()).toEqual(['concurrency', 'fail-on-flaky-rate', 'fuzz-runs', 'history-window', 'max-body-bytes', 'repeat', 'seed', 'timeout', 'write-settle-ms']);
});

test.each(ranged)('--%s is refused outside the table\'s range %d to %d', (flag, min, max) => {
  const needs = flag === 'history-window' || flag === 'fail-on-flaky-rate' ? ['--history', 'history.jsonl'] : [];
  const resolveWith = (value: string) => () => resolveRunConfig(parseFlags([...needs, `--${flag}`, value], runOptions), { values: {} }, '/tmp/somewhere');
  const step = Number.isInteger(min) && Number.isInteger(max) && max > 1 ? 1 : 0.5;
  expect(resolveWith(String(max + step))).toThrow(`from ${min} to ${max}`);
  if (min > 0) expect(resolveWith(String(min - step))).toThrow(`from ${min} to ${max}`);
  expect(resolveWith(String(max))).not.toThrow();
  expect(resolveWith(String(min))).not.toThrow();
});
