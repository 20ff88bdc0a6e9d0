/**
 * A case the live run stopped (Jest's timeout for it ran out, or an error nothing awaited failed its
 * test), recorded then replayed: the replay reports it as the live run did (an error saying why it
 * was stopped), whether the stop held back a request or came while its only request was on the
 * wire. The replay runs into no timeout of its own: only the recording can say the case was stopped.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startReferenceServer } from '../../src/reference-server';
import type { ReferenceServer } from '../../src/reference-server/types';
import type { CaseResult, PlannedCase } from '../../src/model';
import { createSuiteEngine, type HostEngine } from '../../src/runner/suite-engine';
import { finishRecording } from '../../src/runner/finish-recording';
import { STOPPED_BY_STRAY_ERROR } from '../../src/runner/timed-out';
import { enginePlan, shippedCase } from '../support/engine-plan';
import { scratchDir } from '../support/scratch-dir';

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

/** The reference server's answers, each `delayMs` late, counted: a front the test can stop a case behind. */
async function slowFront(delayMs: number): Promise<{ baseUrl: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const front: Server = createServer((req, res) => {
    requests += 1;
    setTimeout(() => {
      const forward = httpRequest(`${server.baseUrl}${req.url ?? ''}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(forward);
    }, delayMs);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    requests: () => requests,
    close: async () => {
      front.closeAllConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
}

/** What a replay must reproduce of each case: its status and its error line. */
const outcome = (results: readonly CaseResult[]) => results.map((r) => [r.id, r.status, r.errorMessage]);

/**
 * Records `c` through `baseUrl` (`drive` runs it, stopping it as the test's runner would), writes
 * the recording as a record run does, replays it: both runs' results.
 */
async function recordAndReplay(baseUrl: string, c: PlannedCase, drive: (engine: HostEngine) => Promise<void>, overrides: Parameters<typeof enginePlan>[2] = {}): Promise<{ live: CaseResult[]; replay: CaseResult[] }> {
  const work = scratchDir('zvc-stopped-');
  const sink = join(work, 'recorded.jsonl');
  const dir = join(work, 'rec');
  const recorder = createSuiteEngine(enginePlan({ baseUrl }, [c], { ...overrides, mode: 'record', recordSink: sink }), server.apiKey);
  let live: CaseResult[];
  try {
    await drive(recorder);
    live = recorder.results('the suite stopped before this case');
  } finally {
    recorder.close();
  }
  finishRecording({ sink, dir, cases: [c], target: baseUrl, secrets: [server.apiKey], stopped: recorder.stoppedCases() });
  const replayer = createSuiteEngine(enginePlan({ baseUrl }, [c], { mode: 'replay', recordings: dir }), '', server.apiKey);
  try {
    await replayer.run(c.id);
    return { live, replay: replayer.results('the suite stopped before this case') };
  } finally {
    replayer.close();
  }
}

/** Runs the case and stops it (`reason`: the timeout's when none) once the front has had `requests` of it, polled for 2 s at most. */
function stopOnceSent(front: { requests: () => number }, id: string, requests: number, reason?: string): (engine: HostEngine) => Promise<void> {
  return async (engine) => {
    const stop = new AbortController();
    const running = engine.run(id, stop.signal);
    for (let i = 0; i < 400 && front.requests() < requests; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort(reason);
    await running;
  };
}

test("a case stopped at its timeout between two steps replays as the live run reported it: the same error, 'timed out: …' first, not only its held-back step's 'not sent'", async () => {
  const front = await slowFront(0);
  try {
    const write = shippedCase(server, 'startWhatsAppContactsSync', 'start-predicted');
    // Stopped in its 10 s settle after the first start: the next step is held back.
    const { live, replay } = await recordAndReplay(front.baseUrl, write, stopOnceSent(front, write.id, 2), { writeSettleMs: 10_000 });
    expect(live[0]?.errorMessage).toMatch(/^timed out: Jest's timeout for the case ran out.*; step [a-z-]+: not sent: the case had been stopped$/);
    expect(outcome(replay)).toEqual(outcome(live));
  } finally {
    await front.close();
  }
}, 10_000);

test('a case stopped while its only request was on the wire is an error in the replay as it was live, not judged on the answer that came after the stop', async () => {
  const front = await slowFront(300);
  try {
    const read = shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence');
    const { live, replay } = await recordAndReplay(front.baseUrl, read, stopOnceSent(front, read.id, 1));
    // The answer came (the request on the wire is awaited, not cut), and the case is still no verdict.
    expect(live[0]?.receivedStatus).toBe(200);
    expect(live[0]?.status).toBe('error');
    expect(outcome(replay)).toEqual(outcome(live));
  } finally {
    await front.close();
  }
}, 10_000);

test('a case stopped because an error nothing awaited failed its test replays with that reason, not as timed out', async () => {
  const front = await slowFront(300);
  try {
    const read = shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence');
    const { live, replay } = await recordAndReplay(front.baseUrl, read, stopOnceSent(front, read.id, 1, STOPPED_BY_STRAY_ERROR));
    expect(live[0]?.errorMessage).toMatch(/^stopped: an error nothing awaited/);
    expect(outcome(replay)).toEqual(outcome(live));
  } finally {
    await front.close();
  }
}, 10_000);

test('a case that was not stopped replays as judged, with no stop said of it', async () => {
  const read = shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence');
  const { live, replay } = await recordAndReplay(server.baseUrl, read, async (engine) => {
    await engine.run(read.id);
  });
  expect(live[0]?.status).toBe('passed');
  expect(outcome(replay)).toEqual(outcome(live));
});

test('with --repeat, a case stopped in its first attempt replays as the live run reported it (its later attempts never sent)', async () => {
  const front = await slowFront(300);
  try {
    const read = shippedCase(server, 'getWhatsAppSyncStatus', 'coexistence');
    const { live, replay } = await recordAndReplay(
      front.baseUrl,
      read,
      async (engine) => {
        const stop = new AbortController();
        const running = engine.run(read.id, stop.signal);
        for (let i = 0; i < 400 && front.requests() < 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
        stop.abort();
        await running;
      },
      { repeat: 3 },
    );
    expect(live[0]?.status).toBe('error');
    expect(outcome(replay)).toEqual(outcome(live));
  } finally {
    await front.close();
  }
}, 10_000);
