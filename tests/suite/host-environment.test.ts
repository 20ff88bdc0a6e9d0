/**
 * The seam between the host process and Jest's sandbox, through real Jest runs of the built suite
 * (dist/, which `npm test` builds first): the test environment hands the suite the engine of the
 * run in progress, each Jest test calls into it, and what crosses the realm boundary arrives intact
 * — a failing case's text as the Jest failure, a host Error thrown by the engine as a failed test
 * with its message, host arrays iterated in the sandbox. Without a run in progress the suite fails
 * its load with a line saying how to run it.
 */
import { join } from 'node:path';
import { runCLI } from 'jest';
import { startReferenceServer } from '../../src/reference-server';
import type { ReferenceServer } from '../../src/reference-server/types';
import type * as Engine from '../../src/runner/suite-engine';
import type * as Session from '../../src/runner/suite-session';
import type * as Config from '../../src/runner/jest-config';
import type * as Cache from '../../src/cache/content-cache';
import { enginePlan, shippedCase } from '../support/engine-plan';
import { repoRoot } from '../support/run-cli';

const { createSuiteEngine } = require(join(repoRoot, 'dist/runner/suite-engine')) as typeof Engine;
const { withActiveEngine } = require(join(repoRoot, 'dist/runner/suite-session')) as typeof Session;
const { jestConfig } = require(join(repoRoot, 'dist/runner/jest-config')) as typeof Config;
const { jestCacheDir } = require(join(repoRoot, 'dist/cache/content-cache')) as typeof Cache;

interface TestOutcome {
  title: string;
  status: string;
  failureMessages: string[];
}

/** A Jest run of the built suite, as the runner makes it, with what each test did. */
async function runSuite(): Promise<{ tests: TestOutcome[]; execError?: string }> {
  const cache = jestCacheDir();
  const config = jestConfig({ timeoutMs: 5000, progress: false }, cache.folder);
  const { results } = await runCLI({ _: [], $0: 'test', config: JSON.stringify(config), runInBand: true, silent: true } as never, [process.cwd()]).finally(() => cache.release());
  const file = results.testResults[0];
  return {
    tests: (file?.testResults ?? []).map((t) => ({ title: t.title, status: t.status, failureMessages: t.failureMessages })),
    ...(file?.testExecError ? { execError: file.testExecError.message } : {}),
  };
}

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

test('each Jest test runs its case in the host engine: a pass, a failure with its text, a case that threw, a skip; results in plan order', async () => {
  const cases = [
    shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence'),
    shippedCase(server, 'getWhatsAppSyncStatus', 'wrong-key'),
    { ...shippedCase(server, 'getWhatsAppSyncStatus', 'no-credentials'), skipReason: 'no fixture' },
    shippedCase(server, 'startWhatsAppContactsSync', 'start-syncable'),
  ];
  // The server's own key as the "unknown" one: the wrong-key case gets a 200. The sequence's first step calls an operation the plan lacks: it throws.
  const engine = createSuiteEngine(enginePlan(server, cases, { unknownKey: server.apiKey }), server.apiKey);
  const crashing = createSuiteEngine(enginePlan(server, [cases[3]!], { operations: enginePlan(server, []).operations.filter((o) => o.operationId !== 'getWhatsAppSyncStatus') }), server.apiKey);
  // One engine for the suite: the sequence's run goes to the engine whose plan lacks the operation.
  const combined: Engine.SuiteEngine = { groups: engine.groups, run: (id) => (id === cases[3]!.id ? crashing.run(id) : engine.run(id)) };
  const { tests, execError } = await withActiveEngine(combined, runSuite);
  expect(execError).toBeUndefined();
  expect(tests.map((t) => [t.title.split(':')[0], t.status])).toEqual([
    ['getWhatsAppSyncStatus/coexistence', 'passed'],
    ['getWhatsAppSyncStatus/wrong-key', 'failed'],
    ['getWhatsAppSyncStatus/no-credentials', 'pending'],
    ['startWhatsAppContactsSync/start-syncable', 'failed'],
  ]);
  // The failure Jest shows is the engine's text, violations first, not a stack of suite internals.
  expect(tests[1]?.failureMessages[0]).toMatch(/^getWhatsAppSyncStatus\/wrong-key: expected 401, received 200\n/);
  expect(tests[1]?.failureMessages[0]).not.toMatch(/\bat .*\.js:\d+/);
  expect(tests[3]?.failureMessages[0]).toContain('the suite crashed on this case: operation getWhatsAppSyncStatus is not in the plan');
  expect(engine.results('the suite stopped before this case').map((r) => [r.id, r.status])).toEqual([
    ['getWhatsAppSyncStatus/coexistence', 'passed'],
    ['getWhatsAppSyncStatus/wrong-key', 'failed'],
    ['getWhatsAppSyncStatus/no-credentials', 'skipped'],
    // Run by the other engine: this one never saw it, and says so.
    ['startWhatsAppContactsSync/start-syncable', 'error'],
  ]);
});

test('an Error of the host realm thrown by the engine fails its test with its message, and the next test still runs', async () => {
  const engine: Engine.SuiteEngine = {
    groups: [{ title: 'op: GET /x', cases: [{ id: 'op/a', title: 'op/a: throws', concurrent: false, timeoutMs: 5000, stopGraceMs: 5000 }, { id: 'op/b', title: 'op/b: passes', concurrent: false, timeoutMs: 5000, stopGraceMs: 5000 }] }],
    run: async (id) => {
      if (id === 'op/a') throw new TypeError('a host TypeError');
      return undefined;
    },
  };
  const { tests } = await withActiveEngine(engine, runSuite);
  expect(tests.map((t) => t.status)).toEqual(['failed', 'passed']);
  expect(tests[0]?.failureMessages[0]).toContain('TypeError: a host TypeError');
});

test("a case stopped at its limit is awaited for its stopGraceMs, not its whole limit again, before the tests after it are halted", async () => {
  // The suite hands the runner each case's grace on its test's function: without it the runner
  // waited another whole limit (16 deadlines and a minute a step) for a case that does not end.
  const engine: Engine.SuiteEngine = {
    groups: [{ title: 'op: GET /x', cases: [{ id: 'op/a', title: 'op/a: hangs', concurrent: false, timeoutMs: 300, stopGraceMs: 30 }, { id: 'op/b', title: 'op/b: after it', concurrent: false, timeoutMs: 300, stopGraceMs: 30 }] }],
    run: (id) => (id === 'op/a' ? new Promise<undefined>(() => undefined) : Promise.resolve(undefined)),
  };
  const { tests } = await withActiveEngine(engine, runSuite);
  expect(tests.map((t) => t.status)).toEqual(['failed', 'failed']);
  expect(tests[0]?.failureMessages[0]).toBe('Exceeded timeout of 300 ms for a test.\nIt did not stop within 30 ms after that, so no test after it was run.');
});

test('without a run in progress the suite fails its load with the line saying how to run it', async () => {
  const { tests, execError } = await runSuite();
  expect(tests).toEqual([]);
  expect(execError).toContain('no conformance run handed this suite its engine: run it with "zavu-conformance run", not with jest directly');
});

test('one run at a time: a second engine while one is active is refused', async () => {
  const idle: Engine.SuiteEngine = { groups: [], run: async () => undefined };
  await expect(withActiveEngine(idle, () => withActiveEngine(idle, async () => 'inner'))).rejects.toThrow('a conformance run is already in progress in this process');
});
