import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Test } from '@jest/test-result';
import { repoRoot } from './run-cli';

// Plain CommonJS (Jest requires a sequencer untransformed), so required, with the shape used here.
interface Sequencer {
  sort(tests: Test[]): Test[];
  shard(tests: Test[], options: { shardIndex: number; shardCount: number }): Test[];
}
const SlowFilesFirst = require('./slow-files-first.cjs') as new (options: unknown) => Sequencer;
const measured = (require('./test-durations.json') as { seconds: Record<string, number> }).seconds;

/** A test file as Jest hands it to a sequencer: a fresh clone's (no cached timing), sized as given. */
function file(path: string, size: number): Test {
  const sizes = new Map([[join(repoRoot, 'tests', path), size]]);
  return { path: join(repoRoot, 'tests', path), context: { config: { rootDir: repoRoot, cache: false }, hasteFS: { getSize: (p: string) => sizes.get(p) } } } as unknown as Test;
}
/** A test's path under tests/, with '/' whatever the platform's separator (the table's keys are written so). */
const underTests = (t: Test): string => relative(join(repoRoot, 'tests'), t.path).split(sep).join('/');
const order = (tests: Test[]): string[] => new SlowFilesFirst({}).sort(tests).map(underTests);

test('without a timing cache, the files measured longest run first, however small; the rest by size, largest first', () => {
  const tests = [file('text/uri-path.test.ts', 9_000), file('e2e/trustworthy-verdicts.test.ts', 3_000), file('report/render-markdown.test.ts', 40_000), file('e2e/broken-servers.test.ts', 2_000)];
  expect(order(tests)).toEqual(['e2e/broken-servers.test.ts', 'e2e/trustworthy-verdicts.test.ts', 'report/render-markdown.test.ts', 'text/uri-path.test.ts']);
  // test.duration is what Jest's scheduler reads (in band or not, the estimate): only its own cached figure, none here.
  expect(tests.map((t) => t.duration)).toEqual([undefined, undefined, undefined, undefined]);
});

test("Jest's own cached duration wins over the measured one, and a file that failed last time runs first", () => {
  const tests = [file('e2e/broken-servers.test.ts', 2_000), file('cli/regression.test.ts', 1_000), file('text/uri-path.test.ts', 9_000)];
  const sequencer = new SlowFilesFirst({}) as Sequencer & { _getCache(test: Test): Record<string, [number, number]> };
  // Jest's cache entries are [0 failed | 1 passed, milliseconds].
  const cache = { [tests[0]!.path]: [1, 1_000] as [number, number], [tests[1]!.path]: [1, 500_000] as [number, number], [tests[2]!.path]: [0, 10] as [number, number] };
  sequencer._getCache = () => cache;
  expect(sequencer.sort(tests).map(underTests)).toEqual(['text/uri-path.test.ts', 'cli/regression.test.ts', 'e2e/broken-servers.test.ts']);
  expect(tests.map((t) => t.duration)).toEqual([1_000, 500_000, 10]);
});

test('every measured file still exists (a renamed one would lose its place silently)', () => {
  const names = Object.keys(measured);
  expect(names.length).toBeGreaterThan(0);
  expect(names.filter((name) => !existsSync(join(repoRoot, 'tests', name)))).toEqual([]);
});

test("npx jest uses it: the project's own config lists a fresh clone's files by measured duration, not by size", () => {
  // --listTests prints the order the sequencer chose and runs nothing; --no-cache reads no perf cache, as in a fresh clone.
  // Picked from the table as it stands (a refresh changes which files are slow): the longest measured file, the
  // smallest one measured, and text/plain-text, not measured and larger than that one: by size (Jest's default) it would come first.
  const size = (name: string): number => statSync(join(repoRoot, 'tests', name)).size;
  const byDuration = Object.entries(measured).sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const longest = byDuration[0]!;
  const smallest = byDuration.slice(1).sort((a, b) => size(a) - size(b))[0]!;
  const unmeasured = 'text/plain-text.test.ts';
  expect(Object.hasOwn(measured, unmeasured)).toBe(false);
  expect(size(unmeasured)).toBeGreaterThan(size(smallest));
  const files = [unmeasured, smallest, longest].map((name) => `tests/${name}`);
  const jest = join(repoRoot, 'node_modules/jest/bin/jest.js');
  const listed = execFileSync(process.execPath, [jest, '--listTests', '--no-cache', '--runTestsByPath', ...files], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  const order = listed.trim().split('\n').map((path) => underTests({ path } as Test));
  expect(order).toEqual([longest, smallest, unmeasured]);
});

describe('--shard i/n', () => {
  /** Every measured file and a few that are not, as a fresh clone's Jest hands them over. */
  const everyFile = (): Test[] => [...Object.keys(measured), 'text/uri-path.test.ts', 'report/render-markdown.test.ts', 'support/scratch-dir.test.ts'].map((path) => file(path, 1_000));
  const shards = (tests: Test[], shardCount: number, sequencer = new SlowFilesFirst({})): string[][] =>
    Array.from({ length: shardCount }, (_, i) => sequencer.shard(tests, { shardIndex: i + 1, shardCount }).map(underTests));
  const seconds = (paths: string[]): number => paths.reduce((sum, path) => sum + (measured[path] ?? 2), 0);

  test.each([1, 2, 3, 5])('%i shards hold every file exactly once', (count) => {
    const tests = everyFile();
    const all = shards(tests, count).flat();
    expect(all.length).toBe(tests.length);
    expect(new Set(all)).toEqual(new Set(tests.map(underTests)));
  });

  test("two shards split the measured time evenly, the two longest files apart (Jest's hash split may put both in one)", () => {
    const [first, second] = shards(everyFile(), 2) as [string[], string[]];
    const longest = Object.entries(measured).sort((a, b) => b[1] - a[1]).slice(0, 2).map(([path]) => path);
    expect(longest.filter((path) => first.includes(path))).toHaveLength(1);
    expect(longest.filter((path) => second.includes(path))).toHaveLength(1);
    // Longest first to the lighter shard leaves them at most one file's time apart; in practice far less.
    expect(Math.abs(seconds(first) - seconds(second))).toBeLessThanOrEqual(Math.max(...Object.values(measured)));
    expect(Math.abs(seconds(first) - seconds(second))).toBeLessThan(0.05 * (seconds(first) + seconds(second)));
  });

  test("the split ignores this machine's Jest cache and the order given: every CI machine computes the same shards", () => {
    const plain = shards(everyFile(), 3);
    const cached = new SlowFilesFirst({}) as Sequencer & { _getCache(test: Test): Record<string, [number, number]> };
    const tests = everyFile().reverse();
    cached._getCache = () => Object.fromEntries(tests.map((t, i) => [t.path, [1, 1_000_000 - i * 1_000] as [number, number]]));
    expect(shards(tests, 3, cached)).toEqual(plain);
  });
});

test('npx jest --shard uses it: the two shards of the real project are disjoint, whole, and split the two longest files', () => {
  const jest = join(repoRoot, 'node_modules/jest/bin/jest.js');
  const list = (shard: string): string[] =>
    execFileSync(process.execPath, [jest, '--listTests', '--no-cache', `--shard=${shard}`], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 })
      .trim()
      .split('\n')
      .map((path) => underTests({ path } as Test));
  const whole = list('1/1');
  const [first, second] = [list('1/2'), list('2/2')];
  expect([...first, ...second].sort()).toEqual([...whole].sort());
  expect(first.filter((path) => second.includes(path))).toEqual([]);
  expect(first.includes('e2e/broken-servers.test.ts')).not.toBe(first.includes('e2e/trustworthy-verdicts.test.ts'));
});
