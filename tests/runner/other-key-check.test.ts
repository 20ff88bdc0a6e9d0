/**
 * The other project's key (ZAVU_OTHER_PROJECT_API_KEY) is checked with one read before the first
 * case: a key the target refuses stops the run (exit 2, one line naming the variable, NOT RUN),
 * where it used to fail the isolation rows as the target's fault. A key the target takes goes on,
 * and a target that leaks across projects still fails its row.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join } from 'node:path';
import { readHistory } from '../../src/history/read-history';
import type { OperationContract } from '../../src/model';
import { checkOtherProjectKey, keyCheckOperation, refusesKey, refusedLine, sendsOtherKey, unseenOwnSenderNote } from '../../src/runner/other-key-check';
import { startReferenceServer } from '../../src/reference-server';
import { planCase } from '../../src/registry/plan-cases';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { BROKEN_SERVERS, startBrokenServer } from '../support/broken-servers';
import { startScriptedServer } from '../support/misbehaving-servers';
import { expectOneLineError } from '../support/one-line-error';
import { repoRoot } from '../support/run-cli';
import { expectNoFileHolds, filesUnder, scratchDir } from '../support/scratch-dir';
import { operations, row } from '../support/shipped-contract';

jest.setTimeout(60000);

/**
 * The run's pauses (node:timers/promises, the pacing's timer), seen and, when asked, over at once;
 * or, with `held`, a long one no signal can end held until the test lets it go (and told to `held`).
 */
const mockPauses = { instant: false, seen: [] as number[], held: undefined as ((ms: number, release: () => void) => void) | undefined };
jest.mock('node:timers/promises', () => {
  const actual = jest.requireActual<typeof import('node:timers/promises')>('node:timers/promises');
  return {
    ...actual,
    setTimeout: (ms: number, value?: unknown, options?: { signal?: AbortSignal }) => {
      const held = mockPauses.held;
      if (held !== undefined && ms >= 1000 && options?.signal === undefined) return new Promise((resolve) => held(ms, () => resolve(value)));
      if (!mockPauses.instant) return actual.setTimeout(ms, value, options);
      mockPauses.seen.push(ms);
      return Promise.resolve(value);
    },
  };
});

/** A key of the right shape that no project of the target has: a rotated or mistyped one. */
const WRONG = 'zv_test_wrongother0123456789abcdef';
const GET = 'getWhatsAppSyncStatus';
/** The shipped read, which the checks of --rate send. */
function shippedRead(): OperationContract {
  const operation = operations.get(GET);
  if (operation === undefined) throw new Error(`no ${GET} in the shipped contract`);
  return operation;
}
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('refusesKey: only a refusal of the key itself', () => {
  test.each([
    [401, {}, true],
    [401, { 'www-authenticate': 'Bearer' }, true],
    [403, { 'www-authenticate': 'Bearer realm="zavu", error="invalid_token", error_description="revoked"' }, true],
    [403, {}, false],
    [403, { 'www-authenticate': 'Bearer error="insufficient_scope"' }, false],
    [200, {}, false],
    [404, {}, false],
    [429, {}, false],
    [500, {}, false],
  ])('%i %j → %s', (status, headers, refused) => {
    expect(refusesKey({ status, headers })).toBe(refused);
  });
});

test('the line names the variables, never a value; the 404 note names what to check', () => {
  const line = refusedLine('http://127.0.0.1:1', 401, { named: 'ZAVU_SENDER_OTHER_PROJECT', own: true }, 'ZAVU_OTHER_PROJECT_API_KEY');
  expect(line).toBe('http://127.0.0.1:1 answered 401 to a read of ZAVU_SENDER_OTHER_PROJECT sent with ZAVU_OTHER_PROJECT_API_KEY, before any case: is it the key of the project ZAVU_SENDER_OTHER_PROJECT belongs to, and still valid? (unset it to run without the isolation reads that need it)');
  expect(unseenOwnSenderNote({ named: 'ZAVU_SENDER_OTHER_PROJECT' })).toMatch(/^ZAVU_OTHER_PROJECT_API_KEY was taken but its read of ZAVU_SENDER_OTHER_PROJECT before any case was answered 404/);
  // The key named as the refusal's line names it: "(from .env)" when the file gave it.
  expect(unseenOwnSenderNote({ named: 'ZAVU_SENDER_OTHER_PROJECT (from .env)' }, 'ZAVU_OTHER_PROJECT_API_KEY (from .env)')).toMatch(/^ZAVU_OTHER_PROJECT_API_KEY \(from \.env\) was taken but its read of ZAVU_SENDER_OTHER_PROJECT \(from \.env\) before any case was answered 404/);
});

test("the 404 note names the target's cause beside the settings': a mock that checks no key answers the other key as the run's", () => {
  // Measured: a mock that ignored Authorization got this note, which sent its author to the settings alone.
  const note = unseenOwnSenderNote({ named: 'ZAVU_SENDER_OTHER_PROJECT' });
  expect(note).toContain('if that sender is not of the key\'s project, the reads as its owner fail for the settings, not the target');
  // Either of the target's causes, neither said as certain: a 404 from a target that takes the key
  // apart but lacks the sender (a mock seeded without it) reads the same.
  expect(note).toContain("if it is, they fail for the target, which does not show that project its own sender: it may take that key for the run's (as a mock that checks no key may), or lack that sender");
  expect(note).not.toMatch(/the target answered that key as the run's own/);
});

test('checked only when a case the run sends carries that key', () => {
  const withKey = planCase(`${GET}/own-sender-other-project-key`, GET, row(GET, 'own-sender-other-project-key'), { senderId: 'snd_a' }, operations, undefined, {}, true);
  const without = planCase(`${GET}/wrong-key`, GET, row(GET, 'wrong-key'), { senderId: 'snd_a' }, operations);
  expect(sendsOtherKey([without, withKey])).toBe(true);
  expect(sendsOtherKey([without])).toBe(false);
  expect(sendsOtherKey([without, { ...withKey, skipReason: 'skipped' }])).toBe(false);
  // The read it sends is the one those cases make with that key, whichever operation that is.
  expect(keyCheckOperation([without, withKey], operations)?.operationId).toBe(GET);
  expect(keyCheckOperation([without], operations)).toBeUndefined();
});

test('a run whose only case with that key sends it to a start (its read of the other sender skipped, or in another shard) still checks it, with a read of the contract', () => {
  const START = 'startWhatsAppHistorySync';
  const startsOnly = planCase(`${START}/own-sender-other-project-key`, START, row(START, 'own-sender-other-project-key'), { senderId: 'snd_a' }, operations, undefined, {}, true);
  expect(startsOnly.steps.some((step) => step.auth === 'other-project-key')).toBe(true);
  // Checked before this read was taken from the data (sendsOtherKey, and the contract's read): so still.
  expect(keyCheckOperation([startsOnly], operations)?.operationId).toBe(GET);
  expect(keyCheckOperation([{ ...startsOnly, skipReason: 'skipped' }], operations)).toBeUndefined();
});

test('the read taken from the data is one that reads the checked sender with that key, where one does', () => {
  const ownKeyRead = planCase(`${GET}/own-sender-other-project-key`, GET, row(GET, 'own-sender-other-project-key'), { senderId: 'snd_a' }, operations, undefined, {}, true);
  // A read of the key's own sender is planned first, under another operation id (as data may add it).
  const other: OperationContract = { ...operations.get(GET)!, operationId: 'getOtherRead' };
  const first = { ...ownKeyRead, steps: ownKeyRead.steps.map((step) => ({ ...step, operationId: 'getOtherRead' })) };
  const START = 'startWhatsAppHistorySync';
  const readsOther = planCase(`${START}/other-project-sender`, START, row(START, 'other-project-sender'), { senderId: 'snd_other' }, operations, undefined, {}, true);
  const withOther = new Map([...operations, ['getOtherRead', other] as const]);
  expect(keyCheckOperation([first, readsOther], withOther, 'snd_other')?.operationId).toBe(GET);
  expect(keyCheckOperation([first, readsOther], withOther)?.operationId).toBe('getOtherRead');
});

test('CLI: a wrong ZAVU_OTHER_PROJECT_API_KEY stops the run before any case: exit 2, one line naming it, NOT RUN, a night not run, no FAIL, the key nowhere', async () => {
  const server = await startReferenceServer();
  const cwd = scratchDir();
  const history = join(cwd, 'history.jsonl');
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', GET, '--fuzz-runs', '0', '--history', history], { ...serverEnv(server), ZAVU_OTHER_PROJECT_API_KEY: WRONG }, cwd);
    expect(run.code).toBe(2);
    // The stop's line, then the history's (as for the configured key refused): the stop is one line, no stack.
    const [line, recorded, ...rest] = run.stderr.replace(/\n$/, '').split('\n');
    expect(line).toMatch(new RegExp(`^zavu-conformance: ${escaped(server.baseUrl)} answered 401 to a read of ZAVU_SENDER_OTHER_PROJECT sent with ZAVU_OTHER_PROJECT_API_KEY, before any case: is it the key of the project ZAVU_SENDER_OTHER_PROJECT belongs to, and still valid\\?`));
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(`${recorded ?? ''}${rest.join('')}`).toMatch(/^history: recorded in .* as not run \(exit 2\)/);
    expect(readHistory(history).map((s) => s.record.stopped)).toEqual([{ reason: expect.stringContaining('sent with ZAVU_OTHER_PROJECT_API_KEY') as unknown as string, exitCode: 2 }]);
    expect(readFileSync(history, 'utf8')).not.toContain('wrongother0123456789');
    // No case was judged, so none failed: the target is not blamed.
    expect(run.stdout).not.toMatch(/FAIL|failed|✗/);
    expect(run.report).toBeUndefined();
    const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
    expect(summary).toMatch(/NOT RUN/);
    expect(summary).toContain('ZAVU_OTHER_PROJECT_API_KEY');
    expect(filesUnder(run.reportsDir).map((f) => f.replace(/^.*\//, '')).sort()).toEqual(['junit.xml', 'summary.md']);
    expect(run.stdout + run.stderr).not.toContain(WRONG);
    expect(run.stdout + run.stderr).not.toContain('wrongother0123456789');
    expectNoFileHolds(run.reportsDir, WRONG);
  } finally {
    await server.close();
  }
});

/** The settings of a run against a loopback server of a test's own: the key, one sender, the other project's. */
const MAIN = 'zv_test_mainkey0123456789abcdef';
const scriptedEnv = { ZAVU_API_KEY: MAIN, ZAVU_OTHER_PROJECT_API_KEY: WRONG, ZAVU_SENDER_COEXISTENCE: 'snd_a', ZAVU_SENDER_OTHER_PROJECT: 'snd_other' };

/** A target that takes the configured key (the sender read is not its project's: 404) and refuses every other. */
const refusingOtherKey = (): ReturnType<typeof startScriptedServer> =>
  startScriptedServer((req, res) => {
    if (req.headers.authorization === `Bearer ${MAIN}`) res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"not_found","message":"Sender not found"}');
    else res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end('{"code":"unauthorized","message":"Invalid API key"}');
  });

test('CLI: a start run whose only case with that key writes (no ZAVU_SENDER_OTHER_PROJECT) still checks the key before any case: exit 2, no start sent', async () => {
  const methods: string[] = [];
  const target = await startScriptedServer((req, res) => {
    methods.push(req.method ?? '');
    if (req.headers.authorization === `Bearer ${MAIN}`) res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"not_found","message":"Sender not found"}');
    else res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end('{"code":"unauthorized","message":"Invalid API key"}');
  });
  try {
    const { ZAVU_SENDER_OTHER_PROJECT: _unset, ZAVU_SENDER_COEXISTENCE: _none, ...env } = scriptedEnv;
    const run = await runConformanceCli(['--base-url', target.baseUrl, '--operation', 'startWhatsAppHistorySync', '--allow-writes', '--fuzz-runs', '0'], { ...env, ZAVU_SENDER_SYNCABLE: 'snd_s' }, scratchDir());
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: \S+ answered 401 to a read of an id that names no sender sent with ZAVU_OTHER_PROJECT_API_KEY, before any case: /);
    expect(methods).not.toContain('POST');
  } finally {
    await target.close();
  }
});

test('without ZAVU_SENDER_OTHER_PROJECT the line says what was read (an id that names no sender) and names no variable that was not set', async () => {
  const target = await refusingOtherKey();
  try {
    const { ZAVU_SENDER_OTHER_PROJECT: _unset, ...env } = scriptedEnv;
    const run = await runConformanceCli(['--base-url', target.baseUrl, '--operation', GET, '--fuzz-runs', '0'], env, scratchDir());
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: \S+ answered 401 to a read of an id that names no sender sent with ZAVU_OTHER_PROJECT_API_KEY, before any case: is it a key this target takes, and still valid\? \(unset it to run without the isolation reads that need it\)$/);
    expect(run.stderr).not.toContain('ZAVU_SENDER_OTHER_PROJECT');
  } finally {
    await target.close();
  }
});

test('a key (and a sender) given in .env is named as every other line names one: "(from .env)"', async () => {
  const target = await refusingOtherKey();
  const cwd = scratchDir();
  try {
    const { ZAVU_OTHER_PROJECT_API_KEY: key, ZAVU_SENDER_OTHER_PROJECT: sender, ...env } = scriptedEnv;
    writeFileSync(join(cwd, '.env'), `ZAVU_OTHER_PROJECT_API_KEY=${key}\nZAVU_SENDER_OTHER_PROJECT=${sender}\n`);
    const run = await runConformanceCli(['--base-url', target.baseUrl, '--operation', GET, '--fuzz-runs', '0'], env, cwd);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: \S+ answered 401 to a read of ZAVU_SENDER_OTHER_PROJECT \(from \.env\) sent with ZAVU_OTHER_PROJECT_API_KEY \(from \.env\), before any case: is it the key of the project ZAVU_SENDER_OTHER_PROJECT belongs to, and still valid\? /);
    expect(run.stdout + run.stderr).not.toContain(WRONG);
  } finally {
    await target.close();
  }
});

test("inside the GitHub Action (its run step sets ZAVU_CONFORMANCE_ACTION), the refusal names the action's inputs that set the key and the sender; the job's own env, its variables", async () => {
  const target = await refusingOtherKey();
  try {
    const action = { ...scriptedEnv, ZAVU_CONFORMANCE_ACTION: 'true', ZAVU_CONFORMANCE_ACTION_INPUTS: 'ZAVU_API_KEY ZAVU_SENDER_OTHER_PROJECT ZAVU_OTHER_PROJECT_API_KEY' };
    const run = await runConformanceCli(['--base-url', target.baseUrl, '--operation', GET, '--fuzz-runs', '0'], action, scratchDir());
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: \S+ answered 401 to a read of sender-other-project sent with other-project-api-key, before any case: is it the key of the project sender-other-project belongs to, and still valid\? /);
    expect(run.stdout + run.stderr).not.toContain(WRONG);
    const jobEnv = await runConformanceCli(['--base-url', target.baseUrl, '--operation', GET, '--fuzz-runs', '0'], { ...action, ZAVU_CONFORMANCE_ACTION_INPUTS: 'ZAVU_API_KEY' }, scratchDir());
    expect(jobEnv.code).toBe(2);
    expectOneLineError(jobEnv.stderr, /^zavu-conformance: \S+ answered 401 to a read of ZAVU_SENDER_OTHER_PROJECT sent with ZAVU_OTHER_PROJECT_API_KEY, before any case: /);
    expect(run.stdout + run.stderr).not.toContain(WRONG);
  } finally {
    await target.close();
  }
});

describe('the check is paced as the cases are (--rate)', () => {
  const checkAt = async (target: { baseUrl: string }, ratePerSecond: number | undefined): Promise<{ sleeps: number[]; outcome: unknown }> => {
    const sleeps: number[] = [];
    // A clock that never moves: each wait is the whole tick still ahead, never the wall clock's.
    const pacing = { ...(ratePerSecond !== undefined ? { ratePerSecond } : {}), now: () => 0, sleep: async (ms: number) => void sleeps.push(ms) };
    const outcome = await checkOtherProjectKey({ baseUrl: target.baseUrl, apiKey: MAIN, shown: 'target', keyLabel: 'ZAVU_OTHER_PROJECT_API_KEY', otherProjectKey: WRONG, read: { senderId: 'snd_other', named: 'ZAVU_SENDER_OTHER_PROJECT', own: true }, operation: shippedRead(), timeoutMs: 5000, pacing }).then(
      (note) => note,
      (error: unknown) => error,
    );
    return { sleeps, outcome };
  };

  test('its second read waits one tick, and a check that lets the run go on returns only when the next request may leave', async () => {
    const refusing = await refusingOtherKey();
    const taking = await startScriptedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    try {
      // Refused: the read again with the run's key waits its tick (the run then stops: no wait after).
      const refused = await checkAt(refusing, 2);
      expect(refused.outcome).toBeInstanceOf(Error);
      expect(refused.sleeps).toEqual([500]);
      // Taken: one read, then the tick after it is waited out before the first case's request.
      const taken = await checkAt(taking, 2);
      expect(taken.outcome).toBeUndefined();
      expect(taken.sleeps).toEqual([500]);
      // No --rate: no wait at all.
      expect((await checkAt(refusing, undefined)).sleeps).toEqual([]);
    } finally {
      await refusing.close();
      await taking.close();
    }
  });

  test("a library run's abort ends the check's wait for its tick: the run rejects as aborted, without waiting it out", async () => {
    const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');
    const controller = new AbortController();
    // A target that takes the other key (the run goes on), aborted by the caller once that read is in:
    // the check then waits out its tick (10 s at --rate 0.1) before the first case may leave.
    const target = await startScriptedServer((req, res) => {
      if (req.headers.authorization === `Bearer ${WRONG}`) controller.abort();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const releases: (() => void)[] = [];
    const stuck = new Promise<string>((resolve) => {
      mockPauses.held = (ms, release) => {
        releases.push(release);
        resolve(`a pause of ${ms} ms the abort cannot end`);
      };
    });
    const run = library
      .runConformance({ operation: GET, fuzzRuns: 0, env: {}, baseUrl: target.baseUrl, apiKey: MAIN, otherProjectApiKey: WRONG, senders: { coexistence: 'snd_a', otherProject: 'snd_other' }, rate: 0.1, signal: controller.signal, cwd: scratchDir(), out: () => undefined })
      .then(
        () => 'resolved',
        (error: unknown) => error,
      );
    try {
      const outcome = await Promise.race([run, stuck]);
      expect(outcome).toBeInstanceOf(library.ConformanceError);
      expect((outcome as Error).message).toMatch(/aborted by its signal/);
    } finally {
      mockPauses.held = undefined;
      releases.forEach((release) => release());
      await run;
      await target.close();
    }
  });

  test("a run's --rate reaches the check: its second read waits the run's tick", async () => {
    const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');
    const target = await refusingOtherKey();
    mockPauses.instant = true;
    mockPauses.seen.length = 0;
    try {
      // One request every 2 s: the read with the run's key waits (nearly) that long after the first read.
      const error = await library.runConformance({ operation: GET, fuzzRuns: 0, env: {}, baseUrl: target.baseUrl, apiKey: MAIN, otherProjectApiKey: WRONG, senders: { coexistence: 'snd_a', otherProject: 'snd_other' }, rate: 0.5, reports: 'out', cwd: scratchDir(), out: () => undefined }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(library.ConformanceError);
      expect(mockPauses.seen.filter((ms) => ms > 1000 && ms <= 2000)).toHaveLength(1);
    } finally {
      mockPauses.instant = false;
      await target.close();
    }
  });
});

test('CLI: a target answering 403 with error="invalid_token" to that key (a revoked one) stops the run the same way; reads only: that project\'s own sender with it, then with the key', async () => {
  const seen: { method: string; url: string; auth: string | undefined }[] = [];
  const target = await startScriptedServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization });
    // The configured key is taken (the sender is another project's to it: 404); the other key is revoked.
    if (req.headers.authorization === `Bearer ${MAIN}`) res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"not_found","message":"Sender not found"}');
    else res.writeHead(403, { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="invalid_token"' }).end('{"code":"forbidden","message":"key revoked"}');
  });
  try {
    const run = await runConformanceCli(['--base-url', target.baseUrl, '--operation', GET, '--fuzz-runs', '0'], scriptedEnv, scratchDir());
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: \S+ answered 403 to a read of ZAVU_SENDER_OTHER_PROJECT sent with ZAVU_OTHER_PROJECT_API_KEY, before any case: /);
    expect(seen).toEqual([
      { method: 'GET', url: '/v1/senders/snd_other/whatsapp-sync', auth: `Bearer ${WRONG}` },
      { method: 'GET', url: '/v1/senders/snd_other/whatsapp-sync', auth: `Bearer ${MAIN}` },
    ]);
    expect(run.stdout + run.stderr).not.toContain(WRONG);
    expect(run.stdout + run.stderr).not.toContain(MAIN);
  } finally {
    await target.close();
  }
});

test('CLI: a target that refuses every key is not blamed on the other project\'s: the run goes on, and the configured key is named as refused', async () => {
  const target = await startScriptedServer((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end('{"code":"unauthorized","message":"Invalid API key"}');
  });
  try {
    const run = await runConformanceCli(['--base-url', target.baseUrl, '--operation', GET, '--fuzz-runs', '0'], scriptedEnv, scratchDir());
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: \S+ answered 401 to each of the first 3 requests sent with the configured key: is it this target's key \(--api-key or ZAVU_API_KEY\), and still valid\?$/);
    expect(run.stdout + run.stderr).not.toContain(WRONG);
  } finally {
    await target.close();
  }
});

test('library: the same stop, as a ConformanceError with exit code 2, the key in neither message, stack, printed text nor files', async () => {
  const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');
  const server = await library.startReferenceServer();
  const cwd = scratchDir();
  let printed = '';
  try {
    const error = (await library.runConformance({ operation: GET, fuzzRuns: 0, env: {}, baseUrl: server.baseUrl, apiKey: server.apiKey, otherProjectApiKey: WRONG, senders: server.senders, reports: 'out', cwd, out: (text) => (printed += text) }).then(
      () => undefined,
      (e: unknown) => e,
    )) as InstanceType<typeof library.ConformanceError> | undefined;
    expect(error).toBeInstanceOf(library.ConformanceError);
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(/^\S+ answered 401 to a read of senders\.otherProject sent with otherProjectApiKey, before any case: /);
    expect(`${error?.message}\n${error?.stack}\n${printed}`).not.toContain(WRONG);
    expect(printed).not.toMatch(/FAIL|failed/);
    expectNoFileHolds(join(cwd, 'out'), WRONG);
  } finally {
    await server.close();
  }
});

test('a target whose isolation leaks still fails its row: the key it takes is checked and the run goes on to judge it', async () => {
  const entry = BROKEN_SERVERS.find((e) => e.name === 'other-project-key-sees-every-project');
  if (entry === undefined) throw new Error('no such broken server');
  const server = await startBrokenServer(entry);
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', GET, '--fuzz-runs', '0'], serverEnv(server), scratchDir());
    expect(run.code).toBe(1);
    const failed = (run.report?.results ?? []).filter((r) => r.status === 'failed').map((r) => r.id);
    expect(failed).toContain(entry.expectedCaseId);
    expect(run.stderr).not.toContain('before any case');
  } finally {
    await server.close();
  }
});

test("a 404 to that project's own sender read with its key goes on to be judged, with a note naming the setting to check", async () => {
  const server = await startReferenceServer();
  try {
    // The key is that project's, but the sender named is one it cannot see (the key's own project's).
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', GET, '--fuzz-runs', '0'], { ...serverEnv(server), ZAVU_SENDER_OTHER_PROJECT: 'snd_zvc_nosuchsender' }, scratchDir());
    expect(run.code).not.toBe(2);
    expect(run.report?.runInfo.notes ?? []).toEqual(expect.arrayContaining([expect.stringMatching(/^ZAVU_OTHER_PROJECT_API_KEY was taken but its read of ZAVU_SENDER_OTHER_PROJECT before any case was answered 404/)]));
  } finally {
    await server.close();
  }
});

test('the 404 note names a key and a sender given in .env as the other lines of the check do: "(from .env)"', async () => {
  const server = await startReferenceServer();
  const cwd = scratchDir();
  try {
    const { ZAVU_OTHER_PROJECT_API_KEY: key, ZAVU_SENDER_OTHER_PROJECT: _sender, ...env } = serverEnv(server);
    writeFileSync(join(cwd, '.env'), `ZAVU_OTHER_PROJECT_API_KEY=${key ?? ''}\nZAVU_SENDER_OTHER_PROJECT=snd_zvc_nosuchsender\n`);
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', GET, '--fuzz-runs', '0'], env, cwd);
    expect(run.code).not.toBe(2);
    expect(run.report?.runInfo.notes ?? []).toEqual(expect.arrayContaining([expect.stringMatching(/^ZAVU_OTHER_PROJECT_API_KEY \(from \.env\) was taken but its read of ZAVU_SENDER_OTHER_PROJECT \(from \.env\) before any case was answered 404/)]));
  } finally {
    await server.close();
  }
});

/**
 * An operation added as data (README, "What a new operation costs"): the check must read with an
 * operation the run certifies, not the shipped WhatsApp Sync read, which a target serving only the
 * new operation routes to its 404 (the key then "taken", its refusal never seen, and the isolation
 * rows failing as the target's fault), and which a spec without it made the check skip silently.
 */
test('CLI: with a fourth operation as data (--operation getSender), the check reads that operation: a refused key still stops the run', async () => {
  const dir = scratchDir();
  const spec = parse(readFileSync(join(repoRoot, 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8')) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
  const json = (name: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
  spec.paths['/v1/senders/{senderId}'] = {
    get: {
      operationId: 'getSender',
      parameters: [{ $ref: '#/components/parameters/SenderIdParam' }],
      responses: { '200': { description: 'Sender.', ...json('Sender') }, '401': { description: 'Unauthorized.', ...json('Error') }, '404': { description: 'Not found.', ...json('Error') } },
    },
  };
  spec.components.schemas['Sender'] = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  const own = JSON.parse(readFileSync(join(repoRoot, 'operations', GET, 'scenarios.json'), 'utf8')) as { scenarios: Array<{ id: string }> };
  mkdirSync(join(dir, 'operations', 'getSender'), { recursive: true });
  writeFileSync(join(dir, 'operations', 'getSender', 'scenarios.json'), JSON.stringify({ operationId: 'getSender', scenarios: own.scenarios.filter((s) => s.id === 'own-sender-other-project-key') }));
  for (const file of ['families.json', 'rules.json']) writeFileSync(join(dir, 'operations', file), readFileSync(join(repoRoot, 'operations', file)));
  const apiKey = `zv_test_${'5e'.repeat(16)}`;
  const OWN = 'snd_coex_active';
  // Serves GET /v1/senders/{id} alone: every other path is its router's 404, before any key is looked at.
  const server = await startScriptedServer((req, res) => {
    const reply = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const match = /^\/v1\/senders\/([^/?]+)$/.exec(req.url ?? '');
    if (match === null) return reply(404, { code: 'not_found', message: 'no such route' });
    if (req.headers.authorization !== `Bearer ${apiKey}`) return reply(401, { code: 'unauthorized', message: 'a valid API key is required' });
    return match[1] === OWN ? reply(200, { id: OWN }) : reply(404, { code: 'sender_not_found', message: 'sender not found' });
  });
  try {
    const run = await runConformanceCli(
      ['--base-url', server.baseUrl, '--spec', 'spec.json', '--operations', 'operations', '--operation', 'getSender', '--fuzz-runs', '0'],
      { ZAVU_API_KEY: apiKey, ZAVU_OTHER_PROJECT_API_KEY: WRONG, ZAVU_SENDER_COEXISTENCE: OWN, ZAVU_SENDER_OTHER_PROJECT: 'snd_other_project' },
      dir,
    );
    expect(server.requests.filter((line) => line.includes('whatsapp-sync'))).toEqual([]);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, new RegExp(`answered 401 to a read of ZAVU_SENDER_OTHER_PROJECT sent with ZAVU_OTHER_PROJECT_API_KEY, before any case`));
    expect(run.stdout + run.stderr).not.toContain(WRONG);
  } finally {
    await server.close();
  }
});
