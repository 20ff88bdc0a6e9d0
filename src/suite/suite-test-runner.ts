/**
 * The suite's Jest test runner (Jest's `testRunner` option, whose default is jest-circus). Jest
 * still finds the suite file, builds its environment and module registry, calls this once for the
 * file, hands the result to its reporters and decides how the run ends; this replaces only circus.
 *
 * Why: circus loads itself, `expect` and their matchers a second time inside the sandbox, where
 * Node's module cache and the suite's code cache do not reach, and its AsyncLocalStorage turns on
 * async hooks for every promise of the process, the requests of the run included. Measured against
 * the embedded server, that was ~150 ms of a ~1.1 s run, for features the one suite file never
 * uses: hooks, `expect`, snapshots, retries, `each`, mocks. What the suite does use is here:
 * `describe`, `test` (`it`), `test.skip` and `test.concurrent`, a timeout per test, errors nothing
 * awaited failing the tests in flight, and failures reported as circus reports them, so reporters
 * and `runCLI`'s results read the same.
 *
 * One difference from circus, on purpose: a test that runs out its timeout is stopped, not left
 * behind. Its body gets an AbortSignal (in place of circus's `done`, which the suite never uses),
 * aborted at the timeout, and the next test starts only once the body has settled: a case Jest
 * gave up on that went on sending would put its writes between another case's witness reads
 * (a write case runs alone for that reason). A body that has not settled within its grace after
 * its stop (the suite's `stopGraceMs` on it, else one more timeout) halts the file: the tests after
 * it are not run, each failing saying why.
 */
import { createEmptyTestResult, type AssertionResult, type TestResult } from '@jest/test-result';
import { STOPPED_BY_STRAY_ERROR } from '../runner/timed-out';

/** The parts of Jest's runner contract this uses (jest-runner calls every testRunner with these). */
interface GlobalConfigPart {
  testTimeout?: number;
  maxConcurrency?: number;
}
interface RuntimePart {
  /** What `import … from '@jest/globals'` in the sandbox resolves to. */
  setGlobalsForRuntime(globals: Record<string, unknown>): void;
  requireModule(path: string): unknown;
}

/**
 * A test's function; `signal` is aborted when its timeout runs out (the suite's engine then stops the
 * case). `stopGraceMs`, when the suite sets it on the function (SuiteCase.stopGraceMs): how long it
 * may take to end once stopped; else one more of its timeout.
 */
type Body = ((signal: AbortSignal) => unknown) & { stopGraceMs?: unknown };

/**
 * How long a stopped body is awaited: its own stopGraceMs when it has one (a case's limit covers all
 * its exchanges, its stop only the request on the wire), else its timeout, as circus-shaped tests know no other.
 */
function stopGraceOf(body: Body, timeoutMs: number): number {
  const { stopGraceMs } = body;
  return typeof stopGraceMs === 'number' && stopGraceMs > 0 ? Math.min(stopGraceMs, timeoutMs) : timeoutMs;
}

/** One declared test. */
interface Declared {
  ancestors: string[];
  title: string;
  body?: Body;
  timeoutMs?: number;
  skip: boolean;
  concurrent: boolean;
}

/** Jest's own fallback when neither the test nor the configuration gives a timeout. */
const DEFAULT_TIMEOUT_MS = 5000;

/** The globals the suite file declares its tests with; collects them in declaration order. */
function declarations(): { globals: Record<string, unknown>; declared: Declared[] } {
  const declared: Declared[] = [];
  const ancestors: string[] = [];
  const describe = (title: string, body: () => void): void => {
    ancestors.push(title);
    try {
      const returned = body() as unknown;
      // A describe body runs once, at load: an async one would declare its tests after the run began.
      if (typeof returned === 'object' && returned !== null && 'then' in returned) {
        throw new Error(`describe "${title}" returned a promise: declare tests synchronously`);
      }
    } finally {
      ancestors.pop();
    }
  };
  const declare = (skip: boolean, concurrent: boolean) => (title: string, body?: Body, timeoutMs?: number) => {
    if (!skip && typeof body !== 'function') throw new Error(`test "${title}" has no function to run`);
    declared.push({ ancestors: [...ancestors], title, skip, concurrent, ...(body !== undefined ? { body } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
  };
  const test = Object.assign(declare(false, false), { skip: declare(true, false), concurrent: Object.assign(declare(false, true), { skip: declare(true, true) }) });
  return { globals: { describe, test, it: test }, declared };
}

/** What a thrown value says, as circus words it: the stack of an Error (whatever its realm), else the value. */
function failureText(thrown: unknown): string {
  if (typeof thrown === 'object' && thrown !== null) {
    const { stack, message } = thrown as { stack?: unknown; message?: unknown };
    if (typeof stack === 'string' && stack !== '') return stack;
    if (typeof message === 'string') return message;
  }
  return String(thrown);
}

/**
 * Errors nothing awaited (a timer's throw, an unhandled rejection) while tests run fail the tests
 * in flight instead of ending the process mid-report, or passing unseen where the host process
 * has an `unhandledRejection` listener of its own (a run from a library caller's test). Which of
 * several concurrent tests it came from cannot be known, so each of them fails with it. The
 * listeners are there only while a test is: outside one, Node's (or the host's) handling stands.
 */
class StrayErrors {
  private readonly inFlight = new Set<(error: unknown) => void>();
  private readonly listener = (error: unknown): void => {
    for (const fail of this.inFlight) fail(error);
  };

  private listen(on: boolean): void {
    for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
      if (on) process.on(event, this.listener);
      else process.off(event, this.listener);
    }
  }

  /**
   * Runs `body` under `timeoutMs`; resolves to the failure text (undefined when it passed), and
   * `unstopped` when the body had not settled within its grace (stopGraceOf) after it was stopped. A body the
   * runner gives up on (its timeout ran out, or an error nothing awaited failed it) is stopped, its
   * signal aborted, and awaited within that grace before this resolves: the next test must not run
   * beside it. Its errors nothing awaited still fail it meanwhile.
   */
  async run(body: Body, timeoutMs: number): Promise<{ failure?: string; unstopped?: true }> {
    let fail: (error: unknown) => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    const stop = new AbortController();
    let ranOut = false;
    const failed = new Promise<never>((_resolve, reject) => {
      fail = reject;
      // Its words alone, not the runner's stack: the test did nothing wrong in here.
      timer = setTimeout(() => {
        ranOut = true;
        reject(Object.assign(new Error(`Exceeded timeout of ${timeoutMs} ms for a test.`), { stack: `Exceeded timeout of ${timeoutMs} ms for a test.` }));
      }, timeoutMs);
    });
    if (this.inFlight.size === 0) this.listen(true);
    this.inFlight.add(fail);
    let settled = false;
    const running = Promise.resolve()
      .then(() => body(stop.signal))
      .finally(() => {
        settled = true;
      });
    try {
      await Promise.race([running, failed]);
      return {};
    } catch (error) {
      const failure = failureText(error);
      if (settled) return { failure };
      // Why, for the engine's result: a stray error is no timeout (the default reason says one).
      stop.abort(ranOut ? undefined : STOPPED_BY_STRAY_ERROR);
      return await awaitStopped(running, stopGraceOf(body, timeoutMs), failure);
    } finally {
      this.inFlight.delete(fail);
      if (this.inFlight.size === 0) this.listen(false);
      clearTimeout(timer);
    }
  }
}

/**
 * A stopped body's end: the failure that stopped it, then the body's own when it failed as it
 * stopped (the engine's words for a case cut short); `unstopped` once `graceMs` ran out first.
 */
async function awaitStopped(running: Promise<unknown>, graceMs: number, failure: string): Promise<{ failure: string; unstopped?: true }> {
  let graceTimer: NodeJS.Timeout | undefined;
  const grace = new Promise<{ unstopped: true }>((resolve) => {
    graceTimer = setTimeout(() => resolve({ unstopped: true }), graceMs);
  });
  try {
    const outcome = await Promise.race([running.then(() => ({}), (error: unknown) => ({ own: failureText(error) })), grace]);
    if ('unstopped' in outcome) return { failure: `${failure}\nIt did not stop within ${graceMs} ms after that, so no test after it was run.`, unstopped: true };
    return { failure: 'own' in outcome ? `${failure}\n${outcome.own}` : failure };
  } finally {
    clearTimeout(graceTimer);
  }
}

/**
 * Set once a test did not end after it was stopped: what the tests after it would run beside is
 * unknown, so none is started (each fails naming that test).
 */
interface Halt {
  by?: string;
}

async function runOne(test: Declared, defaultTimeoutMs: number, strays: StrayErrors, halt: Halt): Promise<AssertionResult> {
  const startAt = Date.now();
  const fullName = [...test.ancestors, test.title].join(' ');
  const base = { ancestorTitles: test.ancestors, title: test.title, fullName, failureDetails: [], numPassingAsserts: 0, location: null };
  if (test.skip || test.body === undefined) return { ...base, status: 'pending', failureMessages: [], duration: null, startAt: null };
  if (halt.by !== undefined) {
    return { ...base, status: 'failed', failureMessages: [`not run: the test "${halt.by}" was stopped (its timeout ran out, or an error nothing awaited failed it) and did not end, and this one could have run beside it`], duration: 0, startAt, invocations: 0 };
  }
  const { failure, unstopped } = await strays.run(test.body, test.timeoutMs ?? defaultTimeoutMs);
  if (unstopped === true) halt.by ??= fullName;
  return { ...base, status: failure === undefined ? 'passed' : 'failed', failureMessages: failure === undefined ? [] : [failure], duration: Date.now() - startAt, startAt, invocations: 1 };
}

/** Hands one finished test to Jest's reporters (their onTestCaseResult), as circus does. */
type Finished = (result: AssertionResult) => Promise<void>;

/**
 * Runs the declared tests in order; a run of consecutive concurrent ones at most `limit` at once,
 * reported in order. Circus gathers a describe's concurrent tests wherever they are declared; the
 * suite declares its concurrent reads next to each other, and a test between them (the property,
 * a write) runs alone between two batches: stricter, never looser. Each result is handed on as soon
 * as it and every test declared before it have finished, so a slow target's progress shows as it
 * goes, in the order the tests were declared.
 */
async function runAll(declared: Declared[], defaultTimeoutMs: number, limit: number, strays: StrayErrors, finished: Finished): Promise<AssertionResult[]> {
  const results: AssertionResult[] = [];
  const halt: Halt = {};
  for (let i = 0; i < declared.length; ) {
    const first = declared[i] as Declared;
    if (!first.concurrent) {
      const result = await runOne(first, defaultTimeoutMs, strays, halt);
      results.push(result);
      await finished(result);
      i += 1;
      continue;
    }
    let end = i;
    while (end < declared.length && declared[end]?.concurrent === true) end += 1;
    const batch = declared.slice(i, end);
    const batchResults: AssertionResult[] = new Array<AssertionResult>(batch.length);
    let next = 0;
    let handedOn = 0;
    const worker = async (): Promise<void> => {
      while (next < batch.length) {
        const index = next;
        next += 1;
        batchResults[index] = await runOne(batch[index] as Declared, defaultTimeoutMs, strays, halt);
        while (handedOn < batch.length && batchResults[handedOn] !== undefined) {
          const done = batchResults[handedOn] as AssertionResult;
          handedOn += 1;
          await finished(done);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), batch.length) }, worker));
    results.push(...batchResults);
    i = end;
  }
  return results;
}

/** Circus's file-level failure text: each failed test's full name, then its message indented. */
function failureMessageOf(results: AssertionResult[]): string | null {
  const blocks = results
    .filter((r) => r.status === 'failed')
    .map((r) => `  ● ${[...r.ancestorTitles, r.title].join(' › ')}\n\n${r.failureMessages.map((m) => m.replace(/^/gm, '    ')).join('\n')}`);
  return blocks.length === 0 ? null : `${blocks.join('\n\n')}\n`;
}

/** How jest-runner lets a test framework talk to the reporters while a file runs (circus's 6th argument). */
type SendMessageToJest = (eventName: string, args: unknown[]) => unknown;

/** Jest's `testRunner` entry: loads the suite file, runs what it declared, returns the file's result. */
export default async function suiteTestRunner(
  globalConfig: GlobalConfigPart,
  _projectConfig: unknown,
  _environment: unknown,
  runtime: RuntimePart,
  testPath: string,
  sendMessageToJest?: SendMessageToJest,
): Promise<TestResult> {
  const { globals, declared } = declarations();
  runtime.setGlobalsForRuntime(globals);
  // A throw here (the suite's own "no run in progress", a describe gone wrong) is the file's failure: Jest reports it as its testExecError.
  runtime.requireModule(testPath);
  // The event circus sends per test: reporters' onTestCaseResult then print each case as it ends.
  // Progress only: a channel that fails must not lose the file's results, which Jest gets below.
  const finished: Finished = async (result) => {
    try {
      await sendMessageToJest?.('test-case-result', [testPath, result]);
    } catch {
      // The reporters then print the cases from the file's result, at its end.
    }
  };
  const testResults = await runAll(declared, globalConfig.testTimeout ?? DEFAULT_TIMEOUT_MS, globalConfig.maxConcurrency ?? 1, new StrayErrors(), finished);
  const count = (status: string): number => testResults.filter((r) => r.status === status).length;
  return {
    ...createEmptyTestResult(),
    testFilePath: testPath,
    testResults,
    numPassingTests: count('passed'),
    numFailingTests: count('failed'),
    numPendingTests: count('pending'),
    failureMessage: failureMessageOf(testResults),
  };
}
