import type { HttpRequest } from '../../src/model';
import { ReplayTransport } from '../../src/transport/replay-transport';
import { loadedSample as loaded } from '../recording/fixtures';
import { timeoutCheck } from '../../src/checks/timeout';
import { rateLimitedCheck } from '../../src/checks/rate-limited';
import { context } from '../checks/support/exchange-factory';

function request(sender: string, auth: HttpRequest['authVariant'] = 'valid'): HttpRequest {
  const path = `/v1/senders/${sender}/whatsapp-sync`;
  return { method: 'GET', url: `http://replay.invalid${path}`, path, headers: { authorization: 'Bearer $now' }, authVariant: auth };
}

test('serves the recorded response for the same case, method, auth and path', async () => {
  const replay = new ReplayTransport([loaded()]);
  const sent = request('snd_coex_1');
  const exchange = await replay.send(sent, 'coexistence[snd_coex_1]');
  expect(exchange.id).toBe('coexistence[snd_coex_1]');
  // The request as sent now, to the target the entry was recorded from (not the first recording's).
  expect(exchange.request).toEqual({ ...sent, url: 'https://api.example.test/v1/senders/snd_coex_1/whatsapp-sync' });
  expect(exchange.response?.status).toBe(200);
  expect(exchange.startedAt).toBe('2026-01-02T03:04:05.678Z');
  expect(exchange.durationMs).toBe(87);
  expect(replay.sourceOf('coexistence[snd_coex_1]')).toBe('fixtures/run.har#2');
});

test('replays the recorded 429 retries with the response', async () => {
  const recording = loaded();
  const entry = recording.entries.find((e) => e.caseId === 'auth-none');
  if (!entry) throw new Error('sample has auth-none');
  entry.exchange.retries = [{ status: 429, waitedMs: 250 }];
  const exchange = await new ReplayTransport([recording]).send(request('snd_coex_1', 'none'), 'auth-none');
  expect(exchange.retries).toEqual([{ status: 429, waitedMs: 250 }]);
});

test('replays that a recorded final 429 came after the run\'s waiting was spent: the replayed run warns and says why, as the live one did', async () => {
  const recording = loaded();
  const entry = recording.entries.find((e) => e.caseId === 'auth-none');
  if (!entry) throw new Error('sample has auth-none');
  entry.exchange.rateLimitBudgetSpent = true;
  const exchange = await new ReplayTransport([recording]).send(request('snd_coex_1', 'none'), 'auth-none');
  expect(exchange.rateLimitBudgetSpent).toBe(true);
  expect(rateLimitedCheck.run(exchange, context())).toEqual([expect.objectContaining({ check: 'rate-limited', severity: 'warning' })]);
});

test('replays that the recorded answer came only after the target ignored a reused connection: the replayed run warns as the live one did', async () => {
  const recording = loaded();
  const entry = recording.entries.find((e) => e.caseId === 'auth-none');
  if (!entry) throw new Error('sample has auth-none');
  entry.exchange.keepAliveIgnored = { endedReuse: true, after: 2 };
  const exchange = await new ReplayTransport([recording]).send(request('snd_coex_1', 'none'), 'auth-none');
  expect(exchange.keepAliveIgnored).toEqual({ endedReuse: true, after: 2 });
  const warned = timeoutCheck.run(exchange, context());
  expect(warned).toEqual([expect.objectContaining({ check: 'timeout', severity: 'warning' })]);
  expect(warned[0]?.message).toContain('2 times, so it does not honour keep-alive');
});

test('serves a recorded transport error as such', async () => {
  const exchange = await new ReplayTransport([loaded()]).send(request('snd_coex_1', 'basic'), 'auth-basic');
  expect(exchange.error).toEqual({ kind: 'reset', message: 'ECONNRESET: socket hang up' });
  expect(exchange.response).toBeUndefined();
});

test('a case must match its recorded path exactly', async () => {
  const replay = new ReplayTransport([loaded()]);
  const exchange = await replay.send(request('snd_other'), 'coexistence[snd_coex_1]');
  expect(exchange.error?.message).toBe('no recorded exchange for coexistence[snd_coex_1] (GET /v1/senders/snd_other/whatsapp-sync, auth valid)');
  // A case named by its bare scenario id too: replay sends it to the sender it was recorded with.
  expect((await replay.send(request('snd_unknown_ffff'), 'unknown-sender')).error?.message).toBe('no recorded exchange for unknown-sender (GET /v1/senders/snd_unknown_ffff/whatsapp-sync, auth valid)');
  expect((await replay.send(request('snd_unknown_4f2a'), 'unknown-sender')).response?.status).toBe(404);
});

test('no match: unknown case id or another auth variant', async () => {
  const replay = new ReplayTransport([loaded()]);
  const unknown = await replay.send(request('snd_coex_1'), 'never-recorded');
  expect(unknown.error).toEqual({ kind: 'other', message: 'no recorded exchange for never-recorded (GET /v1/senders/snd_coex_1/whatsapp-sync, auth valid)' });
  expect(unknown.response).toBeUndefined();
  expect(replay.sourceOf('never-recorded')).toBeUndefined();
  const wrongAuth = await replay.send(request('snd_coex_1', 'none'), 'coexistence[snd_coex_1]');
  expect(wrongAuth.error?.message).toContain('auth none');
});

test('with several files, the first file answers first and a repeat gets the next', async () => {
  const replay = new ReplayTransport([loaded('a.har'), loaded('b.har')]);
  await replay.send(request('snd_coex_1'), 'coexistence[snd_coex_1]');
  expect(replay.sourceOf('coexistence[snd_coex_1]')).toBe('a.har#2');
  await replay.send(request('snd_coex_1'), 'coexistence[snd_coex_1]');
  expect(replay.sourceOf('coexistence[snd_coex_1]')).toBe('b.har#2');
});

test('recordings of two targets: each exchange names the target its own entry was recorded from', async () => {
  // One operation recorded from staging, another from a sandbox, replayed together: the run's base
  // URL is the first recording's, and a curl built from it sent the second's cases to the wrong target.
  const staging = loaded('fixtures/staging.har');
  const sandbox = loaded('fixtures/sandbox.har');
  for (const entry of sandbox.entries) entry.exchange.request = { ...entry.exchange.request, url: entry.exchange.request.url.replace('https://api.example.test', 'http://127.0.0.1:4010') };
  sandbox.entries = sandbox.entries.map((entry) => ({ ...entry, caseId: `sandbox/${entry.caseId}` }));
  const replay = new ReplayTransport([staging, sandbox]);
  const fromStaging = await replay.send(request('snd_coex_1'), 'coexistence[snd_coex_1]');
  const fromSandbox = await replay.send(request('snd_coex_1'), 'sandbox/coexistence[snd_coex_1]');
  expect(fromStaging.request.url).toBe('https://api.example.test/v1/senders/snd_coex_1/whatsapp-sync');
  expect(fromSandbox.request.url).toBe('http://127.0.0.1:4010/v1/senders/snd_coex_1/whatsapp-sync');
});

test('an exchange the recordings lack is the recording\'s gap: the first one, named with the file of its case, for the run to end on (exit 2)', async () => {
  const sample = loaded('rec/getWhatsAppSyncStatus.har');
  // A sequence recorded as two steps, one of them then deleted by hand: the other step is still in the file.
  const first = sample.entries.find((e) => e.caseId === 'coexistence[snd_coex_1]');
  if (!first) throw new Error('sample has coexistence[snd_coex_1]');
  sample.entries.push({ ...first, index: sample.entries.length, caseId: 'start-syncable#read-before' });
  const replay = new ReplayTransport([sample], 'rec');
  await replay.send(request('snd_coex_1'), 'start-syncable#read-before');
  await replay.send(request('snd_coex_1'), 'coexistence[snd_coex_1]');
  // Every exchange asked for was there: no gap.
  expect(replay.unrecorded()).toBeUndefined();
  expect(replay.lacksStep('start-syncable')).toBe(false);
  const missing = await replay.send({ ...request('snd_coex_1'), method: 'POST', path: '/v1/senders/snd_coex_1/whatsapp-sync/history' }, 'start-syncable#start');
  // The case still gets its transport error (its result says what it lacked).
  expect(missing.error?.message).toBe('no recorded exchange for start-syncable#start (POST /v1/senders/snd_coex_1/whatsapp-sync/history, auth valid)');
  expect(replay.unrecorded()).toBe(
    'rec/getWhatsAppSyncStatus.har: no recorded exchange for start-syncable#start (POST /v1/senders/snd_coex_1/whatsapp-sync/history, auth valid), a step of a case recorded there (an entry removed or edited by hand, or recorded before the case had this step); record again with --mode record',
  );
  // The case is told from the others: its progress line says it is not judged.
  expect(replay.lacksStep('start-syncable')).toBe(true);
  expect(replay.lacksStep('coexistence[snd_coex_1]')).toBe(false);
  // The first gap stays the one named; a case the files hold nothing of is named with the folder.
  await replay.send(request('snd_coex_1'), 'never-recorded');
  expect(replay.unrecorded()).toMatch(/^rec\/getWhatsAppSyncStatus\.har: no recorded exchange for start-syncable#start /);
  const other = new ReplayTransport([loaded()], 'rec');
  await other.send(request('snd_coex_1'), 'never-recorded');
  expect(other.unrecorded()).toMatch(/^rec: no recorded exchange for never-recorded \(GET /);
});
