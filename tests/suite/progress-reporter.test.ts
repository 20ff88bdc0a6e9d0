/**
 * The progress lines: one per case as it ends (onTestCaseResult), none again at the file's end;
 * all of them at the file's end when nothing came case by case; a case not judged reads ERROR; a
 * silent target's stop said once, not a line per case not sent.
 */
import ProgressReporter from '../../src/suite/progress-reporter';

/** Jest's "Determining test suites to run..." line, as runCLI prints it in a terminal and its own reporters take it back. */
const removePreRun = jest.fn();
jest.mock('jest-util', () => ({ ...jest.requireActual<object>('jest-util'), preRunMessage: { print: jest.fn(), remove: (stream: unknown) => removePreRun(stream) } }));
import { withActiveEngine } from '../../src/runner/suite-session';
import type { SuiteEngine } from '../../src/runner/suite-engine';
import { NO_WRITES_REASON } from '../../src/model/result';

const passed = { title: 'op/a: first', status: 'passed', duration: 3 };
const failed = { title: 'op/b: second', status: 'failed', duration: 4 };
const skipped = { title: 'op/c: third', status: 'pending', duration: null };

/** What the reporter writes while `report` drives it. */
function printed(report: (reporter: ProgressReporter) => void, reporter = new ProgressReporter()): string {
  const writes: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  });
  try {
    report(reporter);
  } finally {
    spy.mockRestore();
  }
  return writes.join('');
}

const engine = (overrides: Partial<SuiteEngine>): SuiteEngine => ({ groups: [], run: async () => undefined, ...overrides });

test('each case as it ends, and nothing again when the file ends', () => {
  const out = printed((reporter) => {
    reporter.onTestCaseResult(undefined, passed);
    reporter.onTestCaseResult(undefined, failed);
    reporter.onTestCaseResult(undefined, skipped);
    reporter.onTestResult(undefined, { testResults: [passed, failed, skipped] });
  });
  expect(out).toBe('  ok   op/a: first (3 ms)\n  FAIL op/b: second (4 ms)\n  skip op/c: third\n');
});

test('nothing case by case: every case when the file ends', () => {
  expect(printed((reporter) => reporter.onTestResult(undefined, { testResults: [passed, skipped] }))).toBe('  ok   op/a: first (3 ms)\n  skip op/c: third\n');
});

test('a failed case the engine recorded as not judged reads ERROR', async () => {
  const out = await withActiveEngine(engine({ statusOf: (title) => (title === failed.title ? 'error' : undefined) }), async () => printed((reporter) => reporter.onTestCaseResult(undefined, failed)));
  expect(out).toBe('  ERROR op/b: second (4 ms)\n');
});

test('a replayed case whose recording lacks a step reads ERROR, not judged, not FAIL: the replay ends with exit 2 on that gap', async () => {
  const out = await withActiveEngine(engine({ lacksRecordedStep: (title) => title === failed.title }), async () => printed((reporter) => reporter.onTestCaseResult(undefined, failed)));
  expect(out).toBe('  ERROR op/b: second (not judged: its recording lacks a step, said after the run)\n');
});

test('a failed case the engine recorded as flaky reads FLAKY, not FAIL (under --allow-flaky it passes)', async () => {
  const out = await withActiveEngine(engine({ statusOf: (title) => (title === failed.title ? 'flaky' : undefined) }), async () => printed((reporter) => reporter.onTestCaseResult(undefined, failed)));
  expect(out).toBe('  FLAKY op/b: second (4 ms)\n');
});

test('with --allow-flaky and a baseline, FLAKY says its verdict waits for the baseline comparison (a new fault fails the run); without one it reads as before', async () => {
  const flaky = engine({ statusOf: (title) => (title === failed.title ? 'flaky' : undefined) });
  const against = await withActiveEngine(flaky, async () => printed((reporter) => reporter.onTestCaseResult(undefined, failed), new ProgressReporter({}, { flakyVerdictAfterBaseline: true })));
  expect(against).toBe('  FLAKY op/b: second (4 ms) (verdict after the baseline comparison)\n');
  // Only a flaky line waits: a failed or passed case's line is final as it is.
  const others = await withActiveEngine(engine({}), async () =>
    printed((reporter) => {
      reporter.onTestCaseResult(undefined, passed);
      reporter.onTestCaseResult(undefined, failed);
    }, new ProgressReporter({}, { flakyVerdictAfterBaseline: true })),
  );
  expect(others).toBe('  ok   op/a: first (3 ms)\n  FAIL op/b: second (4 ms)\n');
});

test('a silent target: the stop said once, in place of the case that found it and every case after it', async () => {
  let silence: string | undefined;
  const out = await withActiveEngine(engine({ silence: () => silence }), async () =>
    printed((reporter) => {
      reporter.onTestCaseResult(undefined, failed);
      silence = 'http://127.0.0.1:9 accepted connections but answered none of the first 3 requests';
      reporter.onTestCaseResult(undefined, { ...failed, title: 'op/d: fourth' });
      reporter.onTestCaseResult(undefined, { ...failed, title: 'op/e: fifth' });
    }),
  );
  expect(out).toBe('  FAIL op/b: second (4 ms)\n  stopped: the target cannot be judged (it answers nothing the suite can read, or refuses the key), so nothing more is sent and no case is judged, the ones above included (the reason follows)\n');
});

test("while the target's first answers may still stop the run, lines wait: dropped at the stop, so no case reads FAIL that is not judged", async () => {
  let silence: string | undefined;
  const out = await withActiveEngine(engine({ silence: () => silence, undecided: () => silence === undefined }), async () =>
    printed((reporter) => {
      reporter.onTestCaseResult(undefined, failed);
      reporter.onTestCaseResult(undefined, { ...failed, title: 'op/d: fourth' });
      silence = 'http://127.0.0.1:9 accepted connections but answered none of the first 3 requests';
      reporter.onTestCaseResult(undefined, { ...failed, title: 'op/e: fifth' });
      reporter.onRunComplete();
    }),
  );
  expect(out).toBe('  stopped: the target cannot be judged (it answers nothing the suite can read, or refuses the key), so nothing more is sent and no case is judged (the reason follows)\n');
});

test('lines held while undecided come out in order once the target can be judged, or when the run ends first', async () => {
  let undecided = true;
  const decided = await withActiveEngine(engine({ silence: () => undefined, undecided: () => undecided }), async () =>
    printed((reporter) => {
      reporter.onTestCaseResult(undefined, failed);
      undecided = false;
      reporter.onTestCaseResult(undefined, passed);
      reporter.onRunComplete();
    }),
  );
  expect(decided).toBe('  FAIL op/b: second (4 ms)\n  ok   op/a: first (3 ms)\n');
  const ended = await withActiveEngine(engine({ silence: () => undefined, undecided: () => true }), async () =>
    printed((reporter) => {
      reporter.onTestCaseResult(undefined, failed);
      reporter.onTestCaseResult(undefined, skipped);
      reporter.onRunComplete();
    }),
  );
  expect(ended).toBe('  FAIL op/b: second (4 ms)\n  skip op/c: third\n');
});

test("Jest's pre-run line is taken back as the run starts, with the jest-util that printed it: no \"Determining test suites to run...\" before the first case in a terminal", () => {
  removePreRun.mockClear();
  new ProgressReporter().onRunStart();
  expect(removePreRun).toHaveBeenCalledWith(process.stdout);
});

test('without lines (a run from code): nothing is printed, but the pre-run line is still taken back', () => {
  removePreRun.mockClear();
  const out = printed((reporter) => {
    reporter.onRunStart();
    reporter.onTestCaseResult(undefined, passed);
    reporter.onTestCaseResult(undefined, failed);
    reporter.onRunComplete();
  }, new ProgressReporter({}, { lines: false }));
  expect(out).toBe('');
  expect(removePreRun).toHaveBeenCalledTimes(1);
  const silentFile = printed((reporter) => reporter.onTestResult(undefined, { testResults: [passed, failed] }), new ProgressReporter({}, { lines: false }));
  expect(silentFile).toBe('');
});

test("a case's line shows the duration the engine recorded (with --repeat the repeats' median), not Jest's wall time of every repeat", async () => {
  // Jest timed 3 repeats of a 32.9 ms read and its own overhead: 124 ms, which read as the case's latency.
  const repeated = { title: 'op/a: first', status: 'passed', duration: 124 };
  const out = await withActiveEngine(engine({ durationOf: (title) => (title === repeated.title ? 32.9 : undefined) }), async () =>
    printed((reporter) => {
      reporter.onTestCaseResult(undefined, repeated);
      // A case the engine has no figure for (not judged) keeps Jest's.
      reporter.onTestCaseResult(undefined, failed);
    }),
  );
  expect(out).toBe('  ok   op/a: first (32.9 ms)\n  FAIL op/b: second (4 ms)\n');
});

test("a read-only run's write skips: one line per operation as its cases end, not one per case; another skip's reason is left to the listing after the run", async () => {
  const write = (op: string, i: number) => ({ title: `${op}/case-${i}: a start (skipped: ${NO_WRITES_REASON})`, status: 'pending', duration: null });
  const out = await withActiveEngine(engine({}), async () =>
    printed((reporter) => {
      reporter.onTestCaseResult(undefined, { title: 'getWhatsAppSyncStatus/a: read', status: 'passed', duration: 3 });
      reporter.onTestCaseResult(undefined, { title: 'getWhatsAppSyncStatus/not-active: read (skipped: ZAVU_SENDER_NOT_ACTIVE is not set: a long sentence)', status: 'pending', duration: null });
      for (let i = 0; i < 43; i += 1) reporter.onTestCaseResult(undefined, write('startWhatsAppContactsSync', i));
      for (let i = 0; i < 2; i += 1) reporter.onTestCaseResult(undefined, write('startWhatsAppHistorySync', i));
      reporter.onRunComplete();
    }),
  );
  expect(out).toBe(
    [
      '  ok   getWhatsAppSyncStatus/a: read (3 ms)',
      '  skip getWhatsAppSyncStatus/not-active: read',
      '  skip startWhatsAppContactsSync: 43 cases that write (writes not allowed (--allow-writes); listed after the run)',
      '  skip startWhatsAppHistorySync: 2 cases that write (writes not allowed (--allow-writes); listed after the run)',
      '',
    ].join('\n'),
  );
});

test('the target lost mid-run: one line when it happens, and the cases it cut short one line, not an ERROR line each', async () => {
  let lost = false;
  const cut = new Set(Array.from({ length: 30 }, (_, i) => `op/cut-${i}: after`));
  const out = await withActiveEngine(engine({ lost: () => (lost ? { why: 'http://127.0.0.1:9 stopped answering mid-run' } : undefined), cutByLoss: (title) => cut.has(title), statusOf: (title) => (cut.has(title) ? 'error' : undefined) }), async () =>
    printed((reporter) => {
      reporter.onTestCaseResult(undefined, passed);
      lost = true;
      reporter.onTestCaseResult(undefined, failed);
      for (const title of cut) reporter.onTestCaseResult(undefined, { title, status: 'failed', duration: 0 });
      reporter.onRunComplete();
    }),
  );
  expect(out).toBe(
    [
      '  ok   op/a: first (3 ms)',
      '  FAIL op/b: second (4 ms)',
      '  target lost: no answer to the last requests, so nothing more is sent and the cases after this are not judged (where and why: TARGET LOST, after the run)',
      '  ERROR 30 cases of op not sent: the target was lost mid-run (each in the reports)',
      '',
    ].join('\n'),
  );
});

test('the cases a loss cut short are counted in their place, per operation: before a later operation\'s skip lines, not after them at the end', async () => {
  let lost = false;
  const cutRead = Array.from({ length: 3 }, (_, i) => `getWhatsAppSyncStatus/cut-${i}: read`);
  const cutStart = Array.from({ length: 2 }, (_, i) => `startWhatsAppContactsSync/cut-${i}: start`);
  const cut = new Set([...cutRead, ...cutStart]);
  const writeSkip = (i: number) => ({ title: `startWhatsAppContactsSync/w${i}: start (skipped: ${NO_WRITES_REASON})`, status: 'pending', duration: null });
  const out = await withActiveEngine(engine({ lost: () => (lost ? { why: 'gone' } : undefined), cutByLoss: (title) => cut.has(title), statusOf: (title) => (cut.has(title) ? 'error' : undefined) }), async () =>
    printed((reporter) => {
      lost = true;
      reporter.onTestCaseResult(undefined, { title: 'getWhatsAppSyncStatus/a: read', status: 'failed', duration: 4 });
      for (const title of cutRead) reporter.onTestCaseResult(undefined, { title, status: 'failed', duration: 0 });
      reporter.onTestCaseResult(undefined, writeSkip(1));
      reporter.onTestCaseResult(undefined, { title: cutStart[0]!, status: 'failed', duration: 0 });
      reporter.onTestCaseResult(undefined, writeSkip(2));
      reporter.onTestCaseResult(undefined, { title: cutStart[1]!, status: 'failed', duration: 0 });
      reporter.onTestCaseResult(undefined, { title: 'startWhatsAppHistorySync/h: start (skipped: ZAVU_SENDER_NO_WABA is not set)', status: 'pending', duration: null });
      reporter.onRunComplete();
    }),
  );
  expect(out).toBe(
    [
      '  FAIL getWhatsAppSyncStatus/a: read (4 ms)',
      '  target lost: no answer to the last requests, so nothing more is sent and the cases after this are not judged (where and why: TARGET LOST, after the run)',
      '  ERROR 3 cases of getWhatsAppSyncStatus not sent: the target was lost mid-run (each in the reports)',
      '  ERROR 2 cases of startWhatsAppContactsSync not sent: the target was lost mid-run (each in the reports)',
      `  skip startWhatsAppContactsSync: 2 cases that write (${NO_WRITES_REASON}; listed after the run)`,
      '  skip startWhatsAppHistorySync/h: start',
      '',
    ].join('\n'),
  );
});

test("a case's title is printed inert: a bidi override, a zero-width or C1 character in a sender id (a replay's recording may hold any) shows as an escape", () => {
  const hostile = { title: 'op/a[snd\u202eevil\u0085\u200b\u001b[2J]: first', status: 'passed', duration: 3 };
  const out = printed((reporter) => reporter.onTestCaseResult(undefined, hostile));
  expect(out).toBe('  ok   op/a[snd\\u202eevil\\u0085\\u200b\\u001b[2J]: first (3 ms)\n');
});

describe("the target's upstream gone behind its front: one line when the row is found, and one when the API answers again", () => {
  const row = { at: 'GET /v1/senders/s1/whatsapp-sync, exchange op/c#read-after', after: 5, statuses: '502 ×5', form: 'an HTML page (text/html)' };

  test('said once, after the line of the case the row was found in, not again per case; the API answering again said once too', async () => {
    let seen: typeof row | (typeof row & { back: string }) | undefined;
    const out = await withActiveEngine(engine({ upstreamRow: () => seen }), async () =>
      printed((reporter) => {
        reporter.onTestCaseResult(undefined, passed);
        seen = row;
        reporter.onTestCaseResult(undefined, failed);
        reporter.onTestCaseResult(undefined, { ...failed, title: 'op/d: fourth' });
        seen = { ...row, back: 'GET /v1/senders/s2/whatsapp-sync, exchange op/e' };
        reporter.onTestCaseResult(undefined, { ...passed, title: 'op/e: fifth' });
        reporter.onTestCaseResult(undefined, { ...passed, title: 'op/f: sixth' });
        reporter.onRunComplete();
      }),
    );
    expect(out).toBe(
      [
        '  ok   op/a: first (3 ms)',
        '  FAIL op/b: second (4 ms)',
        "  upstream down?: from GET /v1/senders/s1/whatsapp-sync, exchange op/c#read-after on, the target answered 5 requests in a row with a gateway error (502 ×5, the first an HTML page (text/html)), not the contract's JSON error, after it had answered as the API: its upstream may have gone down behind its front; the run goes on, and the cases that fail on these answers likely fail on this one cause (whether it lasted: UPSTREAM DOWN?, after the run)",
        '  FAIL op/d: fourth (4 ms)',
        '  ok   op/e: fifth (3 ms)',
        '  upstream back?: the target answered as the API again at GET /v1/senders/s2/whatsapp-sync, exchange op/e; whether the row above was its upstream gone or a burst is said after the run (UPSTREAM DOWN? there unless the API answered more often than the front from the row on)',
        '  ok   op/f: sixth (3 ms)',
        '',
      ].join('\n'),
    );
  });

  test('a row found and the target then lost before the next case ended (--concurrency): the row is said first, as it came first', async () => {
    let found: typeof row | undefined;
    let lost = false;
    const cut = new Set(['op/d: fourth']);
    const out = await withActiveEngine(engine({ upstreamRow: () => found, lost: () => (lost ? { why: 'gone' } : undefined), cutByLoss: (title) => cut.has(title), statusOf: (title) => (cut.has(title) ? 'error' : undefined) }), async () =>
      printed((reporter) => {
        reporter.onTestCaseResult(undefined, passed);
        found = row;
        lost = true;
        reporter.onTestCaseResult(undefined, failed);
        reporter.onTestCaseResult(undefined, { ...failed, title: 'op/d: fourth' });
        reporter.onRunComplete();
      }),
    );
    const lines = out.split('\n');
    expect(lines.filter((line) => line.startsWith('  upstream down?: '))).toHaveLength(1);
    expect(lines.findIndex((line) => line.startsWith('  upstream down?: '))).toBeLessThan(lines.findIndex((line) => line.startsWith('  target lost: ')));
    // And when the first case the loss cut short is the first to end since: the same order.
    found = undefined;
    lost = false;
    const cutFirst = await withActiveEngine(engine({ upstreamRow: () => found, lost: () => (lost ? { why: 'gone' } : undefined), cutByLoss: (title) => cut.has(title) && lost, statusOf: () => undefined }), async () =>
      printed((reporter) => {
        reporter.onTestCaseResult(undefined, passed);
        found = row;
        lost = true;
        reporter.onTestCaseResult(undefined, { ...failed, title: 'op/d: fourth' });
        reporter.onRunComplete();
      }),
    );
    const cutLines = cutFirst.split('\n');
    expect(cutLines.findIndex((line) => line.startsWith('  upstream down?: '))).toBeGreaterThan(0);
    expect(cutLines.findIndex((line) => line.startsWith('  upstream down?: '))).toBeLessThan(cutLines.findIndex((line) => line.startsWith('  target lost: ')));
  });

  test('no row found: no line', async () => {
    const out = await withActiveEngine(engine({ upstreamRow: () => undefined }), async () => printed((reporter) => reporter.onTestCaseResult(undefined, failed)));
    expect(out).toBe('  FAIL op/b: second (4 ms)\n');
  });
});
