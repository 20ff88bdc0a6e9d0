/**
 * A mock author's first run: the read is written, the starts are not yet (every POST answered a
 * JSON 404, the mock's catch-all). Each start case rightly fails, but reads its 404 as the API's
 * own ("the sender was looked up before authenticating", "ZAVU_SENDER_SYNCABLE … the target does
 * not know this sender"), though the read before it found that very sender. The run says the
 * likely cause once: the start routes are not served. The whole mock, nothing of the kind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { notFoundAnswer, startMockBefore } from '../support/reference-proxy';

test('every start answered 404: the run names the start routes once as likely not served, and not the read', async () => {
  const server = await startReferenceServer();
  // The mock's catch-all: the documented Error shape, as a hand-written router's fallback has.
  const mock = await startMockBefore(server, (req) => (req.method === 'POST' ? notFoundAnswer() : undefined));
  try {
    const args = ['--allow-writes', '--mock-target', '--fuzz-runs', '0', '--seed', '1'];
    const half = await runConformanceCli(['--base-url', mock.baseUrl, ...args], serverEnv(server));
    expect(half.stderr).toBe('');
    expect(half.code).toBe(1);
    expect(half.report?.runWarnings?.map((w) => w.kind)).toEqual(['no-route']);
    const message = half.report?.runWarnings?.[0]?.message ?? '';
    expect(message).toMatch(/^every answer to startWhatsAppContactsSync \(POST \/v1\/senders\/\{senderId\}\/whatsapp-sync\/contacts\) and startWhatsAppHistorySync \(POST \/v1\/senders\/\{senderId\}\/whatsapp-sync\/history\) was 404 \(\d+ and \d+ answers\), with the key and without credentials: the target likely does not serve these routes/);
    expect(message).not.toContain('getWhatsAppSyncStatus');
    expect(half.stdout.split('\n').filter((line) => line.startsWith('warning (fails nothing): every answer to startWhatsAppContactsSync'))).toHaveLength(1);
    const summary = readFileSync(join(half.reportsDir, 'summary.md'), 'utf8');
    expect(summary.split('\n').filter((line) => line.startsWith('**Warning** (fails nothing): every answer to'))).toHaveLength(1);

    // The same mock with its starts written (the reference server itself): no such warning.
    const whole = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'startWhatsAppContactsSync', ...args], serverEnv(server));
    expect(whole.code).toBe(0);
    expect(whole.report?.runWarnings).toBeUndefined();
  } finally {
    await mock.close();
    await server.close();
  }
}, 120_000);

test.each([
  ['a generated stub\'s 501', 501, {}, '', /was 501 \(/],
  ['a 405 (the path routed for GET only)', 405, { allow: 'GET' }, '', /was 405 \(/],
] as const)('every start answered as a route not served, by %s: the run says so once', async (_, status, headers, body, was) => {
  const server = await startReferenceServer();
  const mock = await startMockBefore(server, (req) => (req.method === 'POST' ? { status, headers, body } : undefined));
  try {
    const run = await runConformanceCli(['--base-url', mock.baseUrl, '--allow-writes', '--mock-target', '--fuzz-runs', '0', '--seed', '1', '--operation', 'startWhatsAppContactsSync'], serverEnv(server));
    expect(run.code).toBe(1);
    expect(run.report?.runWarnings?.map((w) => w.kind)).toEqual(['no-route']);
    expect(run.report?.runWarnings?.[0]?.message).toMatch(/^every answer to startWhatsAppContactsSync \(POST [^)]+\) /);
    expect(run.report?.runWarnings?.[0]?.message).toMatch(was);
  } finally {
    await mock.close();
    await server.close();
  }
}, 120_000);

test('a served start that looks the sender up before authenticating: no shard of it is said unserved, though every start some shard sends is answered 404', async () => {
  // Every start to an id the mock does not know is answered 404, with the key and without (a fault:
  // the cases say "looked up before authenticating"); the starts to the configured senders are
  // served. A shard holding only unknown-id starts and the negative inputs saw nothing but 404s of
  // the start, which read as a route not served and told the reader the cases' reading was wrong.
  const server = await startReferenceServer();
  const env = serverEnv(server);
  const known = new Set(Object.entries(env).filter(([name]) => name.startsWith('ZAVU_SENDER_')).flatMap(([, value]) => value.split(',')));
  let starts = { notFound: 0, withoutCredentials: 0, served: 0 };
  const mock = await startMockBefore(server, (req) => {
    const id = /^\/v1\/senders\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? '';
    if (req.method === 'POST' && !known.has(id)) {
      starts.notFound += 1;
      if (req.headers.authorization === undefined) starts.withoutCredentials += 1;
      return notFoundAnswer('Sender not found', 'sender_not_found');
    }
    if (req.method === 'POST') starts.served += 1;
    return undefined;
  });
  let only404 = 0;
  try {
    for (let i = 1; i <= 8; i += 1) {
      starts = { notFound: 0, withoutCredentials: 0, served: 0 };
      const run = await runConformanceCli(['--base-url', mock.baseUrl, '--allow-writes', '--fuzz-runs', '0', '--seed', '1', '--operation', 'startWhatsAppContactsSync', '--shard', `${i}/8`], env);
      expect(run.stderr).toBe('');
      expect(run.report?.runWarnings?.map((w) => w.kind) ?? []).not.toContain('no-route');
      if (starts.served === 0 && starts.notFound >= 3 && starts.withoutCredentials > 0) only404 += 1;
    }
  } finally {
    await mock.close();
    await server.close();
  }
  // Some shard did see nothing but 404s of the start, with the key and without: the test tells.
  expect(only404).toBeGreaterThan(0);
}, 240_000);
