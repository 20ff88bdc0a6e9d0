/**
 * The suite's Jest test runner, called as jest-runner calls it, with a runtime whose "suite file"
 * is a function declaring tests through the globals the runner hands it. What Jest's reporters and
 * runCLI read must come out as circus would give it: statuses, titles, failure texts, counts.
 * (tests/suite/host-environment.test.ts runs the real suite file through it in real Jest runs.)
 */
import { spawnSync } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startReferenceServer } from '../../src/reference-server';
import type { ReferenceServer } from '../../src/reference-server/types';
import { planCase } from '../../src/registry/plan-cases';
import { createSuiteEngine } from '../../src/runner/suite-engine';
import { STOPPED_BY_STRAY_ERROR } from '../../src/runner/timed-out';
import suiteTestRunner from '../../src/suite/suite-test-runner';
import { enginePlan, shippedCase } from '../support/engine-plan';
import { repoRoot } from '../support/run-cli';
import { operations, row } from '../support/shipped-contract';

interface Globals {
  describe: (title: string, body: () => unknown) => void;
  test: ((title: string, body?: (signal: AbortSignal) => unknown, timeoutMs?: number) => void) & {
    skip: (title: string, body?: () => unknown) => void;
    concurrent: ((title: string, body: (signal: AbortSignal) => unknown, timeoutMs?: number) => void) & { skip: (title: string, body?: () => unknown) => void };
  };
  it: Globals['test'];
}

/** Runs the runner over a suite file that is `declare`, with Jest's global configuration. */
function run(declare: (g: Globals) => void, globalConfig: { testTimeout?: number; maxConcurrency?: number } = {}, sent?: (eventName: string, args: unknown[]) => void) {
  let globals: Globals | undefined;
  const runtime = {
    setGlobalsForRuntime: (g: Record<string, unknown>) => {
      globals = g as unknown as Globals;
    },
    requireModule: () => {
      if (globals === undefined) throw new Error('the runner loaded the suite before handing it its globals');
      declare(globals);
    },
  };
  return suiteTestRunner(globalConfig, {}, { global: {} }, runtime, '/suite/operations.conformance.js', sent);
}

test("each test is handed to Jest's reporters as it ends, in declaration order (a concurrent batch's too), before the file's result", async () => {
  const events: string[] = [];
  const sent = (eventName: string, args: unknown[]): void => {
    const [path, result] = args as [string, { title: string; status: string }];
    events.push(`${eventName} ${path} ${result.title} ${result.status}`);
  };
  const later = (ms: number) => () => new Promise((resolve) => setTimeout(resolve, ms));
  const result = await run(({ test }) => {
    test('first', () => {
      events.push('ran first');
    });
    // The second of the batch ends first: it is handed on only after the one declared before it.
    test.concurrent('slow', later(30));
    test.concurrent('quick', later(1));
    test.skip('skipped');
    test('last', () => {
      events.push('ran last');
    });
  }, { maxConcurrency: 2 }, sent);
  const file = '/suite/operations.conformance.js';
  expect(events).toEqual([
    'ran first',
    `test-case-result ${file} first passed`,
    `test-case-result ${file} slow passed`,
    `test-case-result ${file} quick passed`,
    `test-case-result ${file} skipped pending`,
    'ran last',
    `test-case-result ${file} last passed`,
  ]);
  expect(result.testResults.map((r) => r.title)).toEqual(['first', 'slow', 'quick', 'skipped', 'last']);
});

test('tests run in declaration order, with their describe titles; pass, fail and skip are counted as circus counts them', async () => {
  const ran: string[] = [];
  const result = await run(({ describe, test, it }) => {
    describe('op: GET /x', () => {
      test('a passes', () => {
        ran.push('a');
      });
      it('b fails', async () => {
        ran.push('b');
        throw new Error('expected 401, received 200');
      });
      test.skip('c (skipped: no fixture)', () => {
        ran.push('c');
      });
    });
    describe('op2', () => {
      describe('inner', () => {
        test('d throws a string', () => {
          ran.push('d');
          throw 'not an Error';
        });
      });
    });
  });
  expect(ran).toEqual(['a', 'b', 'd']);
  expect(result.testResults.map((t) => [t.fullName, t.ancestorTitles, t.status])).toEqual([
    ['op: GET /x a passes', ['op: GET /x'], 'passed'],
    ['op: GET /x b fails', ['op: GET /x'], 'failed'],
    ['op: GET /x c (skipped: no fixture)', ['op: GET /x'], 'pending'],
    ['op2 inner d throws a string', ['op2', 'inner'], 'failed'],
  ]);
  expect([result.numPassingTests, result.numFailingTests, result.numPendingTests]).toEqual([1, 2, 1]);
  expect(result.testFilePath).toBe('/suite/operations.conformance.js');
  expect(result.testResults[1]?.failureMessages[0]).toMatch(/^Error: expected 401, received 200\n/);
  expect(result.testResults[3]?.failureMessages).toEqual(['not an Error']);
  expect(result.testResults[0]?.failureMessages).toEqual([]);
  // The file's failure text names each failed test by its path, as Jest's reporters print it.
  expect(result.failureMessage).toContain('● op: GET /x › b fails');
  expect(result.failureMessage).toContain('● op2 › inner › d throws a string');
  expect(result.failureMessage).not.toContain('a passes');
});

test('an Error whose stack is its message (as the suite makes them) is reported as that text alone', async () => {
  const result = await run(({ test }) => {
    test('fails', () => {
      const error = new Error('op/case: expected 401, received 200\ncurl …');
      error.stack = error.message;
      throw error;
    });
  });
  expect(result.testResults[0]?.failureMessages).toEqual(['op/case: expected 401, received 200\ncurl …']);
});

test('a test still running at its timeout fails saying so, is stopped, and the next test runs only once it has ended', async () => {
  const events: string[] = [];
  const result = await run(({ test }) => {
    // Stops when told, a little after (a request on the wire it awaits).
    test(
      'hangs',
      (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            events.push('stop asked');
            setTimeout(() => {
              events.push('hangs ended');
              resolve();
            }, 10);
          });
        }),
      100,
    );
    test('passes', () => {
      events.push('passes ran');
    });
  });
  expect(events).toEqual(['stop asked', 'hangs ended', 'passes ran']);
  expect(result.testResults.map((t) => t.status)).toEqual(['failed', 'passed']);
  expect(result.testResults[0]?.failureMessages[0]).toContain('Exceeded timeout of 100 ms for a test.');
});

test("a stopped test's own failure as it ended follows the timeout's words", async () => {
  const result = await run(({ test }) => {
    test('cut short', (signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('timed out: the case was stopped')))), 20);
  });
  expect(result.testResults[0]?.failureMessages[0]).toMatch(/^Exceeded timeout of 20 ms for a test\.\nError: timed out: the case was stopped/);
});

test('a concurrent test that times out holds the test after its batch until it has ended', async () => {
  const events: string[] = [];
  const result = await run(
    ({ test }) => {
      test.concurrent('slow read', (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => setTimeout(() => (events.push('slow read ended'), resolve()), 10))), 100);
      test.concurrent('quick read', () => undefined);
      test('write', () => {
        events.push('write ran');
      });
    },
    { maxConcurrency: 2 },
  );
  expect(events).toEqual(['slow read ended', 'write ran']);
  expect(result.testResults.map((t) => t.status)).toEqual(['failed', 'passed', 'passed']);
});

test('a test that does not end one more timeout after it was stopped halts the file: no test after it runs, each failing saying why', async () => {
  let ran = false;
  const result = await run(({ describe, test }) => {
    describe('op', () => {
      test('ignores its stop', () => new Promise(() => undefined), 20);
    });
    test('next', () => {
      ran = true;
    });
    test.skip('skipped');
  });
  expect(ran).toBe(false);
  expect(result.testResults.map((t) => t.status)).toEqual(['failed', 'failed', 'pending']);
  expect(result.testResults[0]?.failureMessages[0]).toBe('Exceeded timeout of 20 ms for a test.\nIt did not stop within 20 ms after that, so no test after it was run.');
  expect(result.testResults[1]?.failureMessages[0]).toBe('not run: the test "op ignores its stop" was stopped (its timeout ran out, or an error nothing awaited failed it) and did not end, and this one could have run beside it');
});

test("a body's stopGraceMs, not another whole timeout, is how long the runner waits for it to end once stopped", async () => {
  // A case's limit is many exchanges long (16 deadlines and a minute a step), but once stopped it
  // has only the request on the wire left: waiting the whole limit again doubled how long a hung
  // case held the run (450 s for one step at the default --timeout, ~5.4 h at --timeout 600000).
  const hangs = Object.assign(() => new Promise(() => undefined), { stopGraceMs: 5 });
  const result = await run(({ test }) => {
    test('ignores its stop', hangs, 40);
  });
  expect(result.testResults[0]?.failureMessages[0]).toBe('Exceeded timeout of 40 ms for a test.\nIt did not stop within 5 ms after that, so no test after it was run.');
});

test("a test without its own timeout gets the configuration's", async () => {
  const result = await run(
    ({ test }) => {
      test('hangs', () => new Promise(() => undefined));
    },
    { testTimeout: 15 },
  );
  expect(result.testResults[0]?.failureMessages[0]).toContain('Exceeded timeout of 15 ms for a test.');
});

test('consecutive concurrent tests run at most maxConcurrency at once, are reported in order, and a plain test after them waits for all', async () => {
  let inFlight = 0;
  let most = 0;
  const events: string[] = [];
  const concurrentBody = (name: string, ms: number) => async () => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((resolve) => setTimeout(resolve, ms));
    events.push(name);
    inFlight -= 1;
  };
  const result = await run(
    ({ test }) => {
      test.concurrent('c1', concurrentBody('c1', 30));
      test.concurrent('c2', concurrentBody('c2', 5));
      test.concurrent.skip('c3 skipped');
      test.concurrent('c4', concurrentBody('c4', 5));
      test.concurrent('c5', concurrentBody('c5', 5));
      test('after', () => {
        events.push(`after with ${inFlight} in flight`);
      });
    },
    { maxConcurrency: 2 },
  );
  expect(most).toBe(2);
  // c2 finished before c1 (shorter), yet results keep declaration order.
  expect(events.indexOf('c2')).toBeLessThan(events.indexOf('c1'));
  expect(events.at(-1)).toBe('after with 0 in flight');
  expect(result.testResults.map((t) => `${t.title}:${t.status}`)).toEqual(['c1:passed', 'c2:passed', 'c3 skipped:pending', 'c4:passed', 'c5:passed', 'after:passed']);
});

test('with maxConcurrency 1, concurrent tests run one at a time', async () => {
  let inFlight = 0;
  let most = 0;
  const body = async () => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 2));
    inFlight -= 1;
  };
  await run(
    ({ test }) => {
      for (let i = 0; i < 4; i += 1) test.concurrent(`c${i}`, body);
    },
    { maxConcurrency: 1 },
  );
  expect(most).toBe(1);
});

test('a suite file that throws as it loads fails the run with its error (Jest reports it as the file failing to run)', async () => {
  await expect(
    run(() => {
      throw new Error('no conformance run handed this suite its engine');
    }),
  ).rejects.toThrow('no conformance run handed this suite its engine');
});

test('declaring mistakes are load errors, not silent: an async describe, a test without a function', async () => {
  await expect(
    run(({ describe }) => {
      describe('async', async () => undefined);
    }),
  ).rejects.toThrow('describe "async" returned a promise: declare tests synchronously');
  await expect(
    run(({ test }) => {
      test('nothing to run');
    }),
  ).rejects.toThrow('test "nothing to run" has no function to run');
});

test.each([
  ['a timer that throws', "setTimeout(() => { throw new Error('a stray error'); }, 1)", ''],
  ['a rejection nothing awaits', "Promise.reject(new Error('a stray error'))", ''],
  // A library caller's own listener must not swallow it: the test still fails.
  ['a rejection nothing awaits, the host listening too', "Promise.reject(new Error('a stray error'))", "process.on('unhandledRejection', () => undefined);"],
])('%s fails the test in flight instead of ending the process or passing unseen; outside tests nothing of the runner listens', (_what, stray, host) => {
  // In a child process: the error must reach process-level handling, which Jest's own runner would otherwise take.
  const script = `
    ${host}
    const runner = require(${JSON.stringify(join(repoRoot, 'dist/suite/suite-test-runner.js'))}).default;
    const before = process.listenerCount('uncaughtException') + process.listenerCount('unhandledRejection');
    let globals;
    let reason;
    const runtime = { setGlobalsForRuntime: (g) => { globals = g; }, requireModule: () => {
      // Ends when stopped, as the engine's cases do: the runner waits for it before the next test.
      globals.test('stray', (signal) => new Promise((resolve) => { signal.addEventListener('abort', () => { reason = signal.reason; resolve(); }); ${stray}; }), 10000);
      globals.test('next', () => undefined);
    } };
    runner({}, {}, { global: {} }, runtime, '/x.js').then((r) => {
      const after = process.listenerCount('uncaughtException') + process.listenerCount('unhandledRejection');
      process.stdout.write(JSON.stringify({ statuses: r.testResults.map((t) => t.status), message: r.testResults[0].failureMessages[0], added: after - before, reason }));
    });`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20000 });
  expect(child.status).toBe(0);
  const out = JSON.parse(child.stdout) as { statuses: string[]; message: string; added: number; reason: unknown };
  expect(out.statuses).toEqual(['failed', 'passed']);
  expect(out.message).toMatch(/^Error: a stray error/);
  // Stopped, but not by its timeout: the engine's result must not say its time ran out.
  expect(out.reason).toBe(STOPPED_BY_STRAY_ERROR);
  expect(out.added).toBe(0);
});

describe('a case that runs past its timeout', () => {
  let reference: ReferenceServer;
  beforeAll(async () => {
    reference = await startReferenceServer();
  });
  afterAll(() => reference.close());

  test('a timed-out write case sends nothing after its timeout, and the next case starts only once it has stopped (the request log shows every request of it before the next case\'s)', async () => {
    // A conformant but slow target: the reference server behind a proxy, every request well
    // within --timeout (2000 ms). The write case (read, start, read, start, read) is answered at
    // once up to its first start; its next request is held until 50 ms after the runner asked it
    // to stop (Jest's timeout for it, 1000 ms, ran out), or 1500 ms at most: it runs out with a
    // request on the wire. The log has each request as it arrives and as its answer leaves.
    // --concurrency 2: the transport's slots then do not queue the next case behind it, as its
    // one slot would (the runner must, whatever the slots).
    const log: string[] = [];
    const write = shippedCase(reference, 'startWhatsAppContactsSync', 'start-predicted');
    const own = write.params['senderId'] ?? '';
    // The next case reads another sender: its requests are told apart in the log by that sender.
    const other = reference.senders.coexistence[1] ?? '';
    let startAnswered = false;
    let stopAsked: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
      stopAsked = resolve;
    });
    const slow = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const line = `${req.method ?? ''} ${req.url ?? ''}`;
        log.push(line);
        res.on('finish', () => {
          log.push(`answered ${line}`);
          if (req.method === 'POST') startAnswered = true;
        });
        const held = startAnswered && line.includes(own) ? Promise.race([stopped.then(() => new Promise((resolve) => setTimeout(resolve, 50))), new Promise((resolve) => setTimeout(resolve, 1500))]) : Promise.resolve();
        void held.then(() => {
          const forward = httpRequest(`${reference.baseUrl}${req.url ?? ''}`, { method: req.method, headers: req.headers }, (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          });
          forward.on('error', () => res.destroy());
          forward.end(Buffer.concat(chunks));
        });
      });
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const next = planCase('getWhatsAppSyncStatus/coexistence', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'coexistence'), { senderId: other }, operations);
    const engine = createSuiteEngine(enginePlan({ baseUrl: `http://127.0.0.1:${(slow.address() as AddressInfo).port}` }, [write, next], { timeoutMs: 2000, concurrency: 2 }), reference.apiKey);
    try {
      // As the suite file declares them: each test hands its stop signal to the engine.
      const result = await run(({ test }) => {
        test(
          'write',
          (signal?: AbortSignal) => {
            signal?.addEventListener('abort', () => stopAsked());
            return engine.run(write.id, signal).then((failure) => {
              if (failure !== undefined) throw new Error(failure);
            });
          },
          1000,
        );
        test('next', (signal?: AbortSignal) => engine.run(next.id, signal).then((failure) => { if (failure !== undefined) throw new Error(failure); }), 5000);
      });
      // Anything the write case still had going lands now, if it is going to.
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const firstOfNext = log.findIndex((line) => line.includes(other));
      expect(firstOfNext).toBeGreaterThan(0);
      // Nothing of the write case after the next case's first request: no request sent, none still answering.
      expect(log.slice(firstOfNext).filter((line) => !line.includes(other))).toEqual([]);
      // It ran out mid-sequence, after its start: not every step was sent.
      const sentOfWrite = log.slice(0, firstOfNext).filter((line) => !line.startsWith('answered'));
      expect(sentOfWrite.some((line) => line.startsWith('POST'))).toBe(true);
      expect(sentOfWrite.length).toBeLessThan(write.steps.length);
      expect(result.testResults.map((t) => t.status)).toEqual(['failed', 'passed']);
      expect(result.testResults[0]?.failureMessages[0]).toMatch(/^Exceeded timeout of 1000 ms for a test\.\nError: startWhatsAppContactsSync\/start-predicted: .*\n {2}error: timed out: Jest's timeout for the case ran out and it was stopped;/);
      // The report says so too: an error, not a verdict from the steps it got to.
      const [timedOut] = engine.results('the suite stopped before this case');
      expect(timedOut?.status).toBe('error');
      expect(timedOut?.errorMessage).toMatch(/^timed out: /);
    } finally {
      engine.close();
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});
