/**
 * "Reproduce with:" reproduces: a failing case's curl, taken from conformance.json and run as a
 * person would (ZAVU_API_KEY set), gets the status and body the suite recorded for the failing
 * exchange, against broken servers of the catalogue, behind fronts real deployments have. Each is
 * run by the real curl when the machine has one, and always by the curl model (tests/support/curl-model.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport } from '../../src/model';
import { startReferenceServer } from '../../src/reference-server';
import { startBrokenServer } from '../support/broken-servers';
import { WRITE_BREAKS } from '../support/broken-servers-writes';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { curlCommands, curlPath, runWithCurl, runWithModel, type Answer } from '../support/curl-model';
import { lengthRequiredForUnframedWrites, startFront, wafBlocksHttpLibraryAgents, type Front } from '../support/front-servers';
import { scratchDir } from '../support/scratch-dir';

const runners: [string, (reproduction: string, apiKey: string) => Promise<Answer[]>][] = [['the curl model', runWithModel]];
if (curlPath() === '') console.warn('reproduce-with-curl: no curl binary on PATH; the real-curl runs are skipped (the curl model still runs)');
else runners.push(['real curl', runWithCurl]);

const entry = (name: string) => {
  const found = WRITE_BREAKS.find((e) => e.name === name);
  if (found === undefined) throw new Error(`no broken server ${name}`);
  return found;
};

/** The recorded answer of an exchange: what the suite received. */
function recorded(dir: string, operationId: string, exchangeId: string): Answer {
  const har = JSON.parse(readFileSync(join(dir, `${operationId}.har`), 'utf8')) as { log: { entries: { response: { status: number; content: { text?: string } }; _zavu: { caseId: string } }[] } };
  const found = har.log.entries.find((e) => e._zavu.caseId === exchangeId);
  if (found === undefined) throw new Error(`no recorded ${exchangeId}`);
  return { status: found.response.status, body: found.response.content.text ?? '' };
}

const failing = (report: ConformanceReport | undefined, id: string) => {
  const result = report?.results.find((r) => r.id === id);
  expect(result?.status).toBe('failed');
  return result;
};

describe.each([
  // IIS and Google's front end answer 411 to a POST without Content-Length: the suite's starts carry one.
  ['a front that answers 411 to an unframed POST', lengthRequiredForUnframedWrites],
  // A WAF's bot rules refuse curl's own User-Agent: the team allowed the suite's, which the curl must send.
  ["a WAF that refuses HTTP libraries' User-Agents", wafBlocksHttpLibraryAgents],
] as const)('%s, in front of write-without-credentials', (_name, front: Front) => {
  test.each(runners)('%s: the failing start\'s curl gets the status and body the suite got', async (_runner, run) => {
    const broken = entry('write-without-credentials');
    const server = await startBrokenServer(broken);
    const proxy = await startFront(server, front);
    try {
      const cli = await runConformanceCli(['--base-url', proxy.baseUrl, '--operation', 'startWhatsAppHistorySync', '--mode', 'record', '--recordings', 'rec', ...(broken.args ?? [])], serverEnv(server));
      expect(cli.code).toBe(1);
      const result = failing(cli.report, 'startWhatsAppHistorySync/unknown-sender-no-credentials');
      const suiteGot = recorded(join(cli.cwd, 'rec'), 'startWhatsAppHistorySync', result?.exchangeId ?? '');
      expect(suiteGot.status).toBe(404);
      expect(await run(result?.curl ?? '', server.apiKey)).toEqual([suiteGot]);
    } finally {
      await proxy.close();
      await server.close();
    }
  }, 60_000);
});

test.each(runners)('%s: a sequence\'s reproduction gives every step up to the failing one, in order, and reproduces the breach on a fresh server', async (_runner, run) => {
  // The breach shows only at the read after a refused start: the start must be in the reproduction.
  const broken = entry('unauthenticated-start-takes-effect');
  const server = await startBrokenServer(broken);
  const fresh = await startBrokenServer(broken, { apiKey: server.apiKey });
  try {
    const cli = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'startWhatsAppHistorySync', '--mode', 'record', '--recordings', 'rec', ...(broken.args ?? [])], serverEnv(server));
    const result = failing(cli.report, 'startWhatsAppHistorySync/unauthenticated-start-changes-nothing');
    expect(result?.failedStep).toBe('read-after');
    const upTo = (result?.steps ?? []).findIndex((s) => s.id === result?.failedStep) + 1;
    const commands = curlCommands(result?.curl ?? '');
    expect(commands).toHaveLength(upTo);
    // The run changed the first server's state: the same steps on a fresh one, the curls pointed at it.
    const answers = await run((result?.curl ?? '').split(server.baseUrl).join(fresh.baseUrl), server.apiKey);
    expect(answers.map((a) => a.status)).toEqual(result?.steps?.slice(0, upTo).map((s) => s.receivedStatus));
    const suiteGot = recorded(join(cli.cwd, 'rec'), 'startWhatsAppHistorySync', result?.exchangeId ?? '');
    const historyOf = (body: string): unknown => (JSON.parse(body) as { sync: { history: { status: string } } }).sync.history.status;
    expect(historyOf(answers[answers.length - 1]?.body ?? '{}')).toBe(historyOf(suiteGot.body));
    expect(historyOf(suiteGot.body)).toBe('pending');
  } finally {
    await fresh.close();
    await server.close();
  }
}, 60_000);

test.each(runners)('%s: a replay of recordings from two targets gives each failure the curl of the target its entry was recorded from', async (_runner, run) => {
  // The reads recorded from one server, the starts from another (each operation its own record run):
  // the replay's base URL is the first recording's, and the starts' curls once named it.
  const reads = await startReferenceServer();
  const broken = entry('start-answers-200');
  const starts = await startBrokenServer(broken);
  const fresh = await startBrokenServer(broken, { apiKey: starts.apiKey });
  const dir = scratchDir('reproduce-replay');
  try {
    const first = await runConformanceCli(['--base-url', reads.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--mode', 'record', '--recordings', join(dir, 'rec')], serverEnv(reads));
    expect(first.code).toBe(0);
    const second = await runConformanceCli(['--base-url', starts.baseUrl, '--operation', 'startWhatsAppHistorySync', '--mode', 'record', '--recordings', join(dir, 'rec'), ...(broken.args ?? [])], serverEnv(starts));
    expect(second.code).toBe(1);
    const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(dir, 'rec'), '--operation', 'getWhatsAppSyncStatus', '--operation', 'startWhatsAppHistorySync']);
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(1);
    const result = failing(replay.report, 'startWhatsAppHistorySync/start-syncable');
    const reproduction = result?.curl ?? '';
    expect(reproduction).toContain(starts.baseUrl);
    expect(reproduction).not.toContain(reads.baseUrl);
    // The record run started the sync on that server: the same steps on a fresh one get the recorded answer again.
    const answers = await run(reproduction.split(starts.baseUrl).join(fresh.baseUrl), starts.apiKey);
    const suiteGot = recorded(join(dir, 'rec'), 'startWhatsAppHistorySync', result?.exchangeId ?? '');
    expect(answers[answers.length - 1]?.status).toBe(suiteGot.status);
    expect(suiteGot.status).toBe(200);
    const messageOf = (body: string): unknown => (JSON.parse(body) as { message?: unknown }).message;
    expect(messageOf(answers[answers.length - 1]?.body ?? '{}')).toBe(messageOf(suiteGot.body));
  } finally {
    await fresh.close();
    await starts.close();
    await reads.close();
  }
}, 90_000);
