/**
 * The run's transports: closing them ends the kept-alive sockets of the live stack, so a run from
 * code (the library) leaves none open in the user's process. The server here keeps idle sockets for
 * a minute, so only the client's close can end them within the test.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import type { HttpRequest } from '../../src/model';
import { createTransports, type TransportOptions } from '../../src/transport/create-transport';
import { startRawServer } from '../support/misbehaving-servers';
import { scratchDir } from '../support/scratch-dir';

test('close() ends the idle kept-alive sockets of a live run (cases and negative inputs share them)', async () => {
  const open = new Set<Socket>();
  const closed: Promise<void>[] = [];
  const server = createServer((_req, res) => res.end('{}'));
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    closed.push(new Promise((resolve) => socket.on('close', () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const options: TransportOptions = { mode: 'live', timeoutMs: 5000, maxBodyBytes: 1 << 20, concurrency: 1, cases: [] };
  const request: HttpRequest = { method: 'GET', url: `${baseUrl}/v1/x`, path: '/v1/x', headers: {}, authVariant: 'none' };
  try {
    const transports = createTransports(options, '');
    expect((await transports.cases.send(request, 'a')).response?.status).toBe(200);
    expect((await transports.negative.send(request, 'b')).response?.status).toBe(200);
    // One socket, kept alive across both exchanges, and still open on the server's side.
    expect(open.size).toBe(1);
    transports.close();
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([Promise.all(closed).then(() => 'closed'), new Promise((resolve) => (timer = setTimeout(() => resolve('still open'), 5000)))]);
    clearTimeout(timer);
    expect(ended).toBe('closed');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test.each([
  ['a wait for Retry-After (a 429 asking for an hour, capped at 30 s)', { ratePerSecond: undefined }],
  ['a pause of the pacing (--rate, one request a minute)', { ratePerSecond: 1 / 60 }],
])('close() ends %s at once: what it would have sent next is refused, and the target hears nothing more', async (_what, pacing) => {
  let arrived = 0;
  let closeNow = (): void => undefined;
  const server = createServer((_req, res) => {
    arrived += 1;
    res.writeHead(429, { 'retry-after': '3600', 'content-type': 'application/json' }).end('{"code":"rate_limited","message":"slow down"}');
    // Closed once the answer that starts the wait has had time to arrive (closed before it has, the
    // request in flight is cut instead: a hang-up, and this test fails; never a false pass).
    setTimeout(() => closeNow(), 500);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const options: TransportOptions = { mode: 'live', timeoutMs: 5000, maxBodyBytes: 1 << 20, concurrency: 1, cases: [], ...(pacing.ratePerSecond !== undefined ? { ratePerSecond: pacing.ratePerSecond } : {}) };
  const request: HttpRequest = { method: 'GET', url: `${baseUrl}/v1/x`, path: '/v1/x', headers: {}, authVariant: 'none' };
  try {
    const transports = createTransports(options, '');
    closeNow = () => transports.close();
    // The Retry-After case waits after its one request; the pacing case after the first of two.
    const sent = await Promise.all([transports.cases.send(request, 'a'), ...(pacing.ratePerSecond !== undefined ? [transports.cases.send(request, 'b')] : [])]);
    expect(sent.at(-1)?.error?.message).toMatch(/not sent: the run had ended/);
    expect(arrived).toBe(1);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}, 10_000);

test("the run's wait ends at once at a case's stop too, its timer cleared: a stopped case holds no 30 s timer open", async () => {
  const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
  const transports = createTransports({ mode: 'live', timeoutMs: 5000, maxBodyBytes: 1 << 20, concurrency: 1, cases: [] }, '');
  try {
    const stop = new AbortController();
    const before = timers();
    let ended = false;
    const waiting = transports.wait(30_000, stop.signal).then(() => (ended = true));
    expect(timers()).toBe(before + 1);
    stop.abort();
    await new Promise((resolve) => setImmediate(resolve));
    expect([ended, timers()]).toEqual([true, before]);
    await waiting;
  } finally {
    transports.close();
  }
});

test("a lost target's suspect is redacted before it is cut: a sender id that is the key, split by the 200-character cut, leaves no piece of it", async () => {
  const key = 'zv_test_3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';
  let answered = 0;
  const server = createServer((_req, res) => {
    answered += 1;
    res.end('{}');
    // The target goes down after its first answer: every request after is refused.
    server.close();
    server.closeAllConnections();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const options: TransportOptions = { mode: 'live', timeoutMs: 5000, maxBodyBytes: 1 << 20, concurrency: 1, cases: [] };
  // The cut at 200 falls 19 characters into the key: under the half the reports' scrubber takes for one.
  const path = `/v1/senders/${'a'.repeat(169)}${key}/whatsapp/sync`;
  const request: HttpRequest = { method: 'GET', url: `${baseUrl}${path}`, path, headers: {}, authVariant: 'none' };
  const transports = createTransports(options, key);
  try {
    expect((await transports.cases.send({ ...request, path: '/v1/x', url: `${baseUrl}/v1/x` }, 'first')).response?.status).toBe(200);
    for (let i = 0; i < 5; i += 1) expect((await transports.cases.send(request, `down${i}`)).error?.kind).toBe('connection-refused');
    const held = await transports.cases.send(request, 'next');
    // The request after the loss says only that it was not sent; the loss (where, why) is kept once.
    expect(held.error?.message).toMatch(/^not sent: the target was lost mid-run/);
    const loss = transports.lost();
    expect(loss?.why).toContain('The first request left unanswered since its last answer: GET /v1/senders/aaa');
    expect(loss?.at).toMatch(/^GET \/v1\/senders\/aaa/);
    const secret = key.slice('zv_test_'.length);
    const pieces = Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
    for (const said of [held.error?.message ?? '', loss?.why ?? '', loss?.at ?? '']) expect(pieces.filter((piece) => said.includes(piece))).toEqual([]);
    expect(answered).toBe(1);
  } finally {
    transports.close();
    server.closeAllConnections();
  }
});

test('bytes a target sends on an idle kept-alive connection reach the run scrubbed of the key, their control characters escaped, bounded', async () => {
  const key = 'zv_test_3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';
  const ok = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}';
  // The key echoed across the end of what the excerpt shows (200 characters, the ESC's escape
  // among them), after an ESC a terminal would obey: scrubbed before the cut, so no head of it shows.
  const head = 'HTTP/1.1 500 Stray\r\n\u001b[2J';
  const stray = `${head}${'a'.repeat(170 - head.length)}${key}${'b'.repeat(3000)}`;
  let strays = 0;
  const target = await startRawServer((socket, later, nth) => {
    socket.write(ok);
    if (nth === 1 && strays === 0) later(5, () => socket.write(stray, () => (strays += 1)));
  });
  const options: TransportOptions = { mode: 'live', timeoutMs: 5000, maxBodyBytes: 1 << 20, concurrency: 1, cases: [] };
  const request: HttpRequest = { method: 'GET', url: `${target.baseUrl}/v1/x`, path: '/v1/x', headers: {}, authVariant: 'none' };
  const transports = createTransports(options, key);
  try {
    expect(transports.unasked()).toBeUndefined();
    expect((await transports.cases.send(request, 'a')).response?.status).toBe(200);
    for (let i = 0; i < 100 && strays < 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen = transports.unasked();
    expect(seen?.count).toBe(1);
    expect(seen?.excerpt.startsWith('HTTP/1.1 500 Stray\\r\\n\\u001b[2J')).toBe(true);
    expect(seen?.excerpt).not.toContain('\u001b');
    // 200 shown characters and the received length: never the 3000 that followed.
    expect(seen?.excerpt.length).toBeLessThan(230);
    // The key was kept whole (more is kept than shown) and scrubbed there, then the excerpt cut after it.
    expect(seen?.excerpt).toMatch(/a\[REDACTED\]b/);
    const secret = key.slice('zv_test_'.length);
    const pieces = Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
    expect(pieces.filter((piece) => seen?.excerpt.includes(piece) === true)).toEqual([]);
  } finally {
    transports.close();
    await target.close();
  }
});

test('unasked bytes that end inside an echoed key (the rest sent later, never read) show no piece of it', async () => {
  const key = 'zv_test_3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';
  const ok = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}';
  // 11 of the key's 32 secret characters: under the half its partial form takes, whole in what the excerpt shows.
  const head = key.slice(0, 19);
  let strays = 0;
  const target = await startRawServer((socket, later, nth) => {
    socket.write(ok);
    if (nth === 1 && strays === 0) later(5, () => socket.write(`HTTP/1.1 401 No\r\nX-Echo: ${head}`, () => {
      strays += 1;
      later(20, () => socket.write(`${key.slice(head.length)}\r\n\r\n`));
    }));
  });
  const options: TransportOptions = { mode: 'live', timeoutMs: 5000, maxBodyBytes: 1 << 20, concurrency: 1, cases: [] };
  const request: HttpRequest = { method: 'GET', url: `${target.baseUrl}/v1/x`, path: '/v1/x', headers: {}, authVariant: 'none' };
  const transports = createTransports(options, key);
  try {
    expect((await transports.cases.send(request, 'a')).response?.status).toBe(200);
    for (let i = 0; i < 100 && strays < 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const seen = transports.unasked();
    expect(seen?.count).toBe(1);
    expect(seen?.excerpt).toBe('HTTP/1.1 401 No\\r\\nX-Echo: [REDACTED]');
  } finally {
    transports.close();
    await target.close();
  }
});

test('a recorded step of a case keeps the roles its case was bound through, as its own request does', async () => {
  const target = await startRawServer((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}'));
  const sink = join(scratchDir('zvc-record-'), 'entries.jsonl');
  const options: TransportOptions = { mode: 'record', timeoutMs: 5000, maxBodyBytes: 1 << 20, concurrency: 1, recordSink: sink, cases: [{ id: 'getThing/no-credentials', scenario: { id: 'no-credentials' }, boundAs: { senderId: 'coexistence' } }] };
  const request: HttpRequest = { method: 'GET', url: `${target.baseUrl}/v1/x`, path: '/v1/x', headers: {}, authVariant: 'none' };
  const transports = createTransports(options, 'zv_test_3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c');
  try {
    // A sequence's steps are exchanges "<case>#<step>": each belongs to the case, its binding too.
    for (const id of ['getThing/no-credentials', 'getThing/no-credentials#read-unknown']) expect((await transports.cases.send(request, id)).response?.status).toBe(200);
    const entries = readFileSync(sink, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { _zavu: { caseId: string; boundAs?: unknown } });
    expect(entries.map((e) => [e._zavu.caseId, e._zavu.boundAs])).toEqual([
      ['getThing/no-credentials', { senderId: 'coexistence' }],
      ['getThing/no-credentials#read-unknown', { senderId: 'coexistence' }],
    ]);
  } finally {
    transports.close();
    await target.close();
  }
});

test("record mode: the read sent to confirm a target stopped at the run's end is no case's exchange, so the recordings never have it", async () => {
  let heads = 0;
  // Answers the first request, then closes every connection unanswered (a process gone behind a proxy).
  const target = await startRawServer((socket) => {
    heads += 1;
    if (heads === 1) socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
    else socket.destroy();
  });
  const sink = join(scratchDir('zvc-record-'), 'entries.jsonl');
  const options: TransportOptions = { mode: 'record', timeoutMs: 5000, maxBodyBytes: 1 << 20, concurrency: 1, recordSink: sink, cases: [{ id: 'getThing/read', scenario: { id: 'read' } }] };
  const key = 'zv_test_3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';
  const read: HttpRequest = { method: 'GET', url: `${target.baseUrl}/v1/x`, path: '/v1/x', headers: { authorization: `Bearer ${key}` }, authVariant: 'valid' };
  const probe: HttpRequest = { ...read, url: `${target.baseUrl}/v1/%00`, path: '/v1/%00' };
  const transports = createTransports(options, key);
  try {
    expect((await transports.cases.send(read, 'getThing/read')).response?.status).toBe(200);
    for (let i = 1; i <= 6; i += 1) expect((await transports.negative.send(probe, `getThing/negative-inputs#${i}`, { hostile: true })).error?.kind).toBe('reset');
    expect(transports.stoppedAtEnd()).toBeUndefined();
    const before = heads;
    await transports.confirmAtEnd();
    expect(heads).toBeGreaterThan(before);
    expect(transports.stoppedAtEnd()?.why).toContain('and a last read sent to confirm, GET /v1/x, got no answer either (reset, ');
    const entries = readFileSync(sink, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { _zavu: { caseId: string } });
    expect(entries.map((e) => e._zavu.caseId)).toEqual(['getThing/read']);
  } finally {
    transports.close();
    await target.close();
  }
});
