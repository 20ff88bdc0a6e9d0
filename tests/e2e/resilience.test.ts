/**
 * The suite survives a misbehaving server end to end: a proxy in front of the reference server
 * misbehaves on exactly one case's requests (the coexistence case's read of one sender, not the
 * sequences that read it with the key first); the run must finish, give the documented exit code
 * and name the right check, or pass when the behaviour is conformant HTTP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { coexistenceCaseReads } from '../support/coexistence-case-reads';
import { forward, passOn, startReferenceProxy, type Misbehaviour } from '../support/reference-proxy';
import { portOf, startScriptedServer } from '../support/misbehaving-servers';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { LOST_AFTER } from '../../src/transport/target-guard';
import { TARGET_LOST_NOTE } from '../../src/model/result';
import type { ConformanceReport } from '../../src/model';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

const SENDER = 'snd_coex_active';
const CASE = `getWhatsAppSyncStatus/coexistence[${SENDER}]`;

/**
 * A container's port proxy in front of `upstream`, as Docker's userland proxy is: each connection
 * piped to it, until a request's bytes make `dies` true (the mock's process gone); from then every
 * connection, open or new, is closed unanswered, before a byte of it is read, so no HTTP parser of
 * the front's answers what its process no longer can.
 */
async function startContainerProxy(upstream: ReferenceServer, dies: (bytes: string) => boolean): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let dead = false;
  const proxy = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (dead) {
      client.destroy();
      return;
    }
    const mock = connect(portOf(upstream), '127.0.0.1');
    sockets.add(mock);
    mock.on('close', () => sockets.delete(mock));
    mock.on('error', () => client.destroy());
    mock.pipe(client);
    client.on('data', (chunk: Buffer) => {
      dead ||= dies(chunk.toString('latin1'));
      if (!dead) mock.write(chunk);
      else for (const socket of sockets) socket.destroy();
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}

async function withMisbehaviour(behave: Misbehaviour, args: string[] = []) {
  const server = await startReferenceServer();
  const proxy = await startReferenceProxy(server, behave, coexistenceCaseReads(SENDER, server.apiKey));
  try {
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--fuzz-runs', '0', '--seed', '1', ...args], serverEnv(server));
    const target = run.report?.results.find((r) => r.id === CASE);
    return { run, target, checks: target?.violations.map((v) => `${v.severity}:${v.check}`) ?? [] };
  } finally {
    await proxy.close();
    await server.close();
  }
}

test('a server that never answers: a timeout violation for that case, and the run still finishes', async () => {
  const { run, target, checks } = await withMisbehaviour(() => undefined, ['--timeout', '400']);
  expect(run.code).toBe(1);
  expect(target?.status).toBe('failed');
  expect(checks).toEqual(['error:timeout']);
  // Every other case still ran and passed (the write cases are skipped: no --allow-writes).
  const summary = run.report?.summary;
  expect(summary?.passed).toBe((summary?.total ?? 0) - (summary?.skipped ?? 0) - 1);
});

test(`a server that answers, then hangs for good (it crashed mid-run): after ${LOST_AFTER} requests in a row unanswered nothing more is sent, the cases after are errors saying why, exit 1`, async () => {
  const server = await startReferenceServer();
  let requests = 0;
  const front = await startScriptedServer((req, res) => {
    requests += 1;
    // Twelve answers, then silence: each request after is held open, as a hung process holds it.
    if (requests <= 12) forward(server, req).then((answer) => passOn(res, answer), () => res.destroy());
  });
  try {
    const run = await runConformanceCli(['--base-url', front.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1', '--timeout', '300'], serverEnv(server));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const results = run.report?.results ?? [];
    // Judged up to the loss (the timeouts fail their cases); not sent after it, and said so once per case, as not judged.
    expect(results.filter((r) => r.violations.some((v) => v.check === 'timeout')).length).toBeGreaterThanOrEqual(1);
    // Each case after says so in one short note; the sentence is the report's, once (targetLost).
    const notSent = results.filter((r) => r.status === 'error' && (r.errorMessage ?? '').includes(TARGET_LOST_NOTE));
    expect(notSent.length).toBeGreaterThan(10);
    expect(run.report?.targetLost).toMatchObject({ why: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+ stopped answering mid-run: the last 5 requests in a row got no answer/), notJudged: notSent.length });
    expect(notSent.map((r) => r.id)).toContain(run.report?.targetLost?.firstCase);
    // The negative property, whose ids went unsent, is not a pass on no evidence.
    expect(results.find((r) => r.id === 'getWhatsAppSyncStatus/negative-inputs')).toMatchObject({ status: 'error', errorMessage: expect.stringContaining(`were not judged: ${TARGET_LOST_NOTE}`) });
    // No request after the loss reached the target (the held ones, and the few in flight), but the
    // one read sent again on a fresh connection after its reused one stayed silent (keep-alive.ts):
    // silent there too, so the target is slow, and no timed-out read is sent again.
    expect(requests).toBeLessThanOrEqual(12 + LOST_AFTER + 1);
  } finally {
    await front.close();
    await server.close();
  }
});

test('a shard whose target hung mid-run: the merge keeps the loss, said once as that shard\'s, and exits 1', async () => {
  const server = await startReferenceServer();
  let requests = 0;
  let silentAfter = Number.POSITIVE_INFINITY;
  const front = await startScriptedServer((req, res) => {
    requests += 1;
    if (requests <= silentAfter) forward(server, req).then((answer) => passOn(res, answer), () => res.destroy());
  });
  const cwd = scratchDir('zvc-lost-shard-');
  const shard = (n: string) => runConformanceCli(['--base-url', front.baseUrl, '--shard', `${n}/2`, '--reports', `shard-${n}`, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1', '--timeout', '300'], serverEnv(server), cwd);
  try {
    expect((await shard('1')).code).toBe(0);
    // Shard 2/2 gets twelve answers, then silence, as the crashed target above.
    silentAfter = requests + 12;
    expect((await shard('2')).code).toBe(1);
  } finally {
    await front.close();
    await server.close();
  }
  const lostInShard = (JSON.parse(readFileSync(join(cwd, 'shard-2', 'conformance.json'), 'utf8')) as ConformanceReport).targetLost;
  expect(lostInShard).toBeDefined();
  const merged = await runCli('merge-main.js', ['--reports', 'merged', 'shard-1', 'shard-2'], { cwd });
  expect(merged.stderr).toBe('');
  expect(merged.code).toBe(1);
  const report = JSON.parse(readFileSync(join(cwd, 'merged', 'conformance.json'), 'utf8')) as ConformanceReport;
  expect(report.targetLost).toMatchObject({ why: `shard 2/2: ${lostInShard?.why ?? ''}`, notJudged: lostInShard?.notJudged, firstCase: lostInShard?.firstCase });
  expect(readFileSync(join(cwd, 'merged', 'summary.md'), 'utf8').match(/stopped answering mid-run/g)).toHaveLength(1);
  expect(merged.stdout).toContain('TARGET LOST: ');
});

test('a mock that crashes on one hostile id (a raw "%" it cannot decode): the reports name that id and that request, not the empty id a shrink against a dead target ends on', async () => {
  const server = await startReferenceServer();
  let crashed: Promise<void> | undefined;
  const front = await startScriptedServer((req, res) => {
    // The crash: every connection dropped, the port closed, as a process that exits does.
    if ((req.url ?? '').startsWith('/v1/senders/%/')) crashed ??= front.close();
    else forward(server, req).then((answer) => passOn(res, answer), () => res.destroy());
  });
  try {
    // Every operation, writes too (a mock's author certifying it): the read's negative inputs come
    // before the two starts' cases, which the crash leaves unjudged.
    const run = await runConformanceCli(['--base-url', front.baseUrl, '--allow-writes', '--mock-target', '--fuzz-runs', '0', '--seed', '1', '--timeout', '2000'], serverEnv(server));
    expect(run.code).toBe(1);
    expect(crashed).toBeDefined();
    const results = run.report?.results ?? [];
    const negative = results.find((r) => r.id === 'getWhatsAppSyncStatus/negative-inputs');
    // The "%" request is reset (its connection dropped) or, a read sent again on a fresh connection
    // after a reused one was reset, refused: either way the finding names "%", never the empty id.
    const titles = negative?.violations.filter((v) => v.check === 'negative-inputs' && v.severity === 'error').map((v) => v.title) ?? [];
    expect(titles).toContainEqual(expect.stringMatching(/^Hostile sender id "%" \(sent raw\) breaks the contract \(transport-error (reset|connection-refused)\)$/));
    expect(titles.filter((t) => t.startsWith('Hostile sender id "" '))).toEqual([]);
    const refused = negative?.violations.find((v) => v.title.startsWith('Hostile sender id "%" (sent raw) breaks the contract (transport-error'));
    expect(refused?.message).toContain("--path-as-is 'http://127.0.0.1:");
    expect(refused?.message).toContain("/v1/senders/%/whatsapp-sync'");
    expect(refused?.message).not.toContain('(shrunk to the smallest');
    // The ids and cases after it went unsent. The loss is said once, as a headline naming the request
    // the mock went down on and the cases it left unjudged, first in the console, summary.md and the
    // HTML: not repeated with steps and curls in each of the ~90 cases after it.
    const lost = run.report?.targetLost;
    const cut = results.filter((r) => r.status === 'error' && (r.errorMessage ?? '').includes(TARGET_LOST_NOTE));
    expect(cut.length).toBeGreaterThan(10);
    expect(lost).toMatchObject({ at: expect.stringMatching(/^GET \/v1\/senders\/%\/whatsapp-sync, exchange getWhatsAppSyncStatus\/negative-inputs#\d+$/), notJudged: cut.length });
    expect(cut.map((r) => r.id)).toContain(lost?.firstCase);
    expect(lost?.why).toContain('The first request left unanswered since its last answer: GET /v1/senders/%/whatsapp-sync, exchange getWhatsAppSyncStatus/negative-inputs#');
    const headline = `the target was lost at ${lost?.at ?? ''}; ${cut.length} cases after it not judged`;
    const sentence = /stopped answering mid-run/g;
    const consoleOut = run.stdout;
    expect(consoleOut.match(sentence)).toHaveLength(1);
    const top = consoleOut.indexOf(`TARGET LOST: ${headline}`);
    expect(top).toBeGreaterThan(0);
    // Above the per-operation blocks of the report (the progress lines come before it).
    expect(top).toBeLessThan(consoleOut.indexOf('GET /v1/senders/{senderId}/whatsapp-sync (getWhatsAppSyncStatus):'));
    // Each case it cut short is one line: no steps, no "Reproduce with:" for a request never sent.
    for (const r of cut) expect(consoleOut).toContain(`ERROR ${r.id}: not sent, target lost (see the top)\n`);
    // The progress said the loss once, as it happened, and counted the cases it cut short on one
    // line per operation: no "  ERROR <id>: …" progress line each (the listing above names them, one line each).
    expect(consoleOut.match(/^ {2}target lost: /gm)).toHaveLength(1);
    const counted = [...consoleOut.matchAll(/^ {2}ERROR (\d+) cases? of (\w+) not sent: the target was lost mid-run \(each in the reports\)$/gm)];
    expect(counted.map((m) => m[2])).toEqual([...new Set(cut.map((r) => r.operationId))]);
    expect(counted.reduce((sum, m) => sum + Number(m[1]), 0)).toBe(cut.length);
    expect(consoleOut).not.toMatch(/^ {2}ERROR [A-Za-z]+\//m);
    expect(consoleOut.match(/Reproduce with:/g)?.length ?? 0).toBeLessThanOrEqual(results.length - cut.length);
    const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
    expect(summary.match(sentence)).toHaveLength(1);
    expect(summary.indexOf('**Target lost**: ')).toBeLessThan(summary.indexOf('**Failures**'));
    const html = readFileSync(join(run.reportsDir, 'conformance.html'), 'utf8');
    expect(html.match(sentence)).toHaveLength(1);
    expect(html).toContain('<p class="target-lost"><strong>Target lost:</strong> ');
    // junit.xml keeps each case's error, short: its note and the headline, not the steps and curl.
    const junit = readFileSync(join(run.reportsDir, 'junit.xml'), 'utf8');
    expect(junit.match(/type="target-lost"/g)).toHaveLength(cut.length);
    expect(junit.match(sentence)).toBeNull();
  } finally {
    await front.close();
    await server.close();
  }
});

test("a mock whose process died behind a proxy that still takes each connection, near the end of a one-operation run's client reads: the negative property's typos of the senders after them are a client's reads too, so it is lost there, named at the read it went down on", async () => {
  const server = await startReferenceServer();
  const env = serverEnv(server);
  // A container's port proxy: bytes piped to the mock while its process lives. It dies at the read of
  // a configured sender with the other project's key, near the end of the reads the cases send (two
  // are left: each sequence stops at its first failed step); the rest of the run is auth rows, probes
  // and the negative inputs, whose typos of the senders a client sends as they are.
  const front = await startContainerProxy(server, (bytes) => bytes.startsWith('GET /v1/senders/snd_coex_disconnected/') && bytes.includes(`Bearer ${env.ZAVU_OTHER_PROJECT_API_KEY ?? '?'}\r\n`));
  try {
    const run = await runConformanceCli(['--base-url', front.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1', '--timeout', '2000'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const results = run.report?.results ?? [];
    const reset = results.filter((r) => r.violations.some((v) => v.check === 'transport-error'));
    expect(reset.length).toBeGreaterThan(10);
    expect(run.report?.targetLost?.at).toBe('GET /v1/senders/snd_coex_disconnected/whatsapp-sync, exchange getWhatsAppSyncStatus/own-sender-other-project-key[snd_coex_disconnected]#read-as-other-project');
    expect(run.report?.targetLost?.why).toMatch(/^http:\/\/127\.0\.0\.1:\d+ stopped answering mid-run: the last 5 requests in a row had their connection closed unanswered \(the last: reset, /);
    expect(run.report?.runWarnings?.find((w) => w.kind === 'stopped-answering')).toBeUndefined();
    expect(run.stdout).toContain('TARGET LOST: ');
    // The property's finding is the reset it met, as before; the ids after the loss were not sent.
    const negative = results.find((r) => r.id === 'getWhatsAppSyncStatus/negative-inputs');
    expect(negative?.status).toBe('failed');
    expect(negative?.violations[0]?.title).toMatch(/breaks the contract \(transport-error (reset|connection-refused)\)$/);
  } finally {
    await front.close();
    await server.close();
  }
});

/** The route of the three operations, a sender id of any length in it: what a front with exact routes passes on. */
const ROUTE = /^\/v1\/senders\/([^/?#]+)\/whatsapp-sync(?:\/(?:contacts|history))?$/;

/**
 * Whether a front that drops what looks like an attack (a WAF, nginx's 444) resets a request: a
 * method other than GET or POST, a query, a path off its exact routes, credentials other than one
 * bearer token of letters, digits and "_", or a sender id with odd characters (anything but
 * letters, digits, "_", "-", ":", "+", "." once decoded, a percent-encoded control among them) or
 * over 200 characters. It answers every request a client of the API sends as it is.
 */
function looksHostile(req: IncomingMessage): boolean {
  const route = ROUTE.exec(req.url ?? '');
  if ((req.method !== 'GET' && req.method !== 'POST') || route === null) return true;
  if (!/^Bearer [A-Za-z0-9_]{1,100}$/.test(req.headers.authorization ?? '')) return true;
  const segment = route[1] ?? '';
  const id = routeId(req);
  return id === undefined || segment.length > 200 || !/^[A-Za-z0-9_:+.-]+$/.test(id);
}

/** The sender id a request's path names on the operations' route, decoded; undefined off the route or when it does not decode. */
function routeId(req: IncomingMessage): string | undefined {
  const segment = ROUTE.exec(req.url ?? '')?.[1];
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** A request as a front received it: what a client's read sent again repeats, and whether the front reset it. */
interface FrontRequest {
  method: string;
  url: string;
  authorization: string;
  reset: boolean;
}

/** The requests a front received after the last one it reset. */
function afterLastReset(received: readonly FrontRequest[]): FrontRequest[] {
  return received.slice(received.map((r) => r.reset).lastIndexOf(true) + 1);
}

/** Whether a request a front received repeats (method, path, credentials) one it answered before it: a read sent again. */
function repeatsAnswered(received: readonly FrontRequest[], request: FrontRequest | undefined): boolean {
  if (request === undefined) return false;
  return received.slice(0, received.indexOf(request)).some((r) => !r.reset && r.method === request.method && r.url === request.url && r.authorization === request.authorization);
}

/**
 * A one-operation run (seed 1; the default --fuzz-runs unless `args` say) through a front before
 * the reference server that resets, before a byte is answered, every request `resets` names (by
 * itself and its number, from 1), and forwards the rest: the run, how many it reset, and every
 * request it received, in order.
 */
async function runBehindResettingFront(resets: (req: IncomingMessage, n: number) => boolean, args: string[] = []): Promise<{ run: Awaited<ReturnType<typeof runConformanceCli>>; reset: number; received: FrontRequest[]; apiKey: string }> {
  const server = await startReferenceServer();
  let reset = 0;
  const received: FrontRequest[] = [];
  const front = await startScriptedServer((req, res, index) => {
    const resetIt = resets(req, index + 1);
    received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization ?? '', reset: resetIt });
    if (resetIt) {
      reset += 1;
      req.socket.destroy();
      return;
    }
    forward(server, req).then((answer) => passOn(res, answer), () => res.destroy());
  });
  try {
    const run = await runConformanceCli(['--base-url', front.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--seed', '1', '--timeout', '2000', ...args], serverEnv(server));
    return { run, reset, received, apiKey: server.apiKey };
  } finally {
    await front.close();
    await server.close();
  }
}

test("a front that resets only hostile-looking requests, in front of the reference server, over a whole default negative run: every one a client sends answered, so no target lost and none stopped answering; only the reset requests fail", async () => {
  // The default --fuzz-runs: the fixed list and 20 generated ids, typos of the senders among them.
  const { run, reset, received, apiKey } = await runBehindResettingFront(looksHostile);
  expect(run.stderr).toBe('');
  expect(reset).toBeGreaterThan(50);
  // The run ended on the property's hostile-looking ids, reset: one read a client sends, sent again
  // once to confirm, after the last of them; answered, so nothing is said.
  const confirming = afterLastReset(received);
  expect(confirming).toHaveLength(1);
  expect(confirming[0]).toMatchObject({ method: 'GET', authorization: `Bearer ${apiKey}` });
  expect(repeatsAnswered(received, confirming[0])).toBe(true);
  expect(run.report?.targetLost).toBeUndefined();
  expect(run.report?.runWarnings?.find((w) => w.kind === 'stopped-answering')).toBeUndefined();
  expect(run.stdout).not.toContain('TARGET LOST');
  expect(run.stdout).not.toContain('STOPPED ANSWERING?');
  const results = run.report?.results ?? [];
  // Nothing left unjudged: every id of the property was sent, every case ran.
  expect(results.filter((r) => r.status === 'error')).toEqual([]);
  // The API's own answers are conformant: a case fails only on the front's resets, the property on ids it reset.
  const errors = results.filter((r) => r.status === 'failed').flatMap((r) => r.violations.filter((v) => v.severity === 'error'));
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.filter((v) => v.check !== 'transport-error' && !/\(transport-error reset\)$/.test(v.title ?? '')).map((v) => v.title)).toEqual([]);
  expect(results.filter((r) => r.status === 'passed').length).toBeGreaterThan(10);
  const negative = results.find((r) => r.id === 'getWhatsAppSyncStatus/negative-inputs');
  expect(negative?.description).toMatch(/, (\d+) of \1 inputs, /);
});

/** An id of the API's own shape, the type prefix and lower-case letters, digits and "_": all a front with an id allow-list in its exact routes passes on. */
const API_ID = /^snd_[a-z0-9_]+$/;

test("a front whose exact routes pass only ids of the API's shape (snd_…), in front of the reference server: it resets `null`, `undefined`, `NaN`, `-1`, `0`, `__proto__` one after another, a conformant API all the same, so no target lost and none stopped answering", async () => {
  const { run, reset } = await runBehindResettingFront((req) => looksHostile(req) || !API_ID.test(routeId(req) ?? ''));
  expect(run.stderr).toBe('');
  expect(reset).toBeGreaterThan(50);
  expect(run.report?.targetLost).toBeUndefined();
  expect(run.report?.runWarnings?.find((w) => w.kind === 'stopped-answering')).toBeUndefined();
  expect(run.stdout).not.toContain('TARGET LOST');
  const negative = run.report?.results.find((r) => r.id === 'getWhatsAppSyncStatus/negative-inputs');
  expect(negative?.description).toMatch(/, (\d+) of \1 inputs, /);
});

test("a front that resets the negative property's last ids, hostile-looking: one read a client sends, already answered, is sent again after them to confirm, answered, so nothing is said; nothing more is sent when fewer than 5 of them were reset, nor when none was", async () => {
  const args = ['--fuzz-runs', '0'];
  // A first run through a front that resets nothing: the property's last ids, spelled to probe, end the run, and nothing follows them.
  const plain = await runBehindResettingFront(() => false, args);
  expect(plain.run.code).toBe(0);
  expect(repeatsAnswered(plain.received, plain.received.at(-1))).toBe(false);
  const lastIds = (count: number): Set<string> => new Set(plain.received.slice(-count).map((r) => r.url));
  // Its last 6 ids reset (the first fails the property, whose shrinking the front answers; the 5 after end the run unanswered): exactly one request more, after them.
  const six = lastIds(6);
  const reset6 = await runBehindResettingFront((req) => six.has(req.url ?? ''), args);
  const after6 = afterLastReset(reset6.received);
  expect(after6).toHaveLength(1);
  expect(after6[0]).toMatchObject({ method: 'GET', authorization: `Bearer ${reset6.apiKey}` });
  expect(repeatsAnswered(reset6.received, after6[0])).toBe(true);
  expect(reset6.run.report?.runWarnings?.find((w) => w.kind === 'stopped-answering')).toBeUndefined();
  expect(reset6.run.stdout).not.toContain('STOPPED ANSWERING?');
  // Said before it is sent (up to a --timeout with no other line), after the last case's line, the key taken out.
  const confirmingLine = /^confirming the target still answers: GET \/v1\/senders\/[^/ ]+\/whatsapp-sync sent again, as the run ended on a row of requests unanswered \(waiting up to --timeout, 2000 ms\)$/m;
  expect(reset6.run.stdout).toMatch(confirmingLine);
  expect(reset6.run.stdout.indexOf('confirming the target')).toBeGreaterThan(reset6.run.stdout.indexOf('negative-inputs'));
  expect(reset6.run.stdout).not.toContain(reset6.apiKey);
  expect(plain.run.stdout).not.toContain('confirming the target');
  // Its last 4 reset: 3 in a row end the run, fewer than 5; nothing after them.
  const four = lastIds(4);
  const reset4 = await runBehindResettingFront((req) => four.has(req.url ?? ''), args);
  expect(afterLastReset(reset4.received)).toEqual([]);
  expect(reset4.run.stdout).not.toContain('confirming the target');
});

/**
 * A run against a container's proxy whose mock dies when `dies` says, counting the negative
 * property's requests: its first id is the empty one (`/v1/senders//whatsapp-sync`), sent by no
 * other case. The property's finding, the reset it met, is the same whenever it dies.
 */
async function dyingInTheProperty(dies: (bytes: string, request: number) => boolean) {
  const server = await startReferenceServer();
  let property = 0;
  const front = await startContainerProxy(server, (bytes) => {
    if (bytes.startsWith('GET /v1/senders//whatsapp-sync ') || property > 0) property += 1;
    return property > 0 && dies(bytes, property);
  });
  try {
    const run = await runConformanceCli(['--base-url', front.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1', '--timeout', '2000'], serverEnv(server));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const negative = run.report?.results.find((r) => r.id === 'getWhatsAppSyncStatus/negative-inputs');
    expect(negative?.status).toBe('failed');
    expect(negative?.violations[0]?.title).toMatch(/breaks the contract \(transport-error (reset|connection-refused)\)$/);
    return run;
  } finally {
    await front.close();
    await server.close();
  }
}

test("a mock whose process dies early in the negative property, behind a proxy that still takes each connection: the typos of the senders after are a client's reads, so it is lost", async () => {
  // It dies at the property's 6th request, among the ids spelled to probe, before `null`.
  const run = await dyingInTheProperty((_bytes, request) => request >= 6);
  const lost = run.report?.targetLost;
  expect(lost?.why).toMatch(/^http:\/\/127\.0\.0\.1:\d+ stopped answering mid-run: the last 5 requests in a row had their connection closed unanswered/);
  expect(lost?.why).toContain("as a container's proxy does? The first request left unanswered since its last answer: GET /v1/senders/");
  expect(lost?.at).toMatch(/, exchange getWhatsAppSyncStatus\/negative-inputs#6$/);
  expect(run.stdout).toMatch(/^TARGET LOST: /m);
});

test("a mock whose process died behind a container's proxy right after the run's last read a client sends, only the property's hostile-looking ids after it: the read sent again to confirm is closed too, so it stopped answering, said once, the read named", async () => {
  // The property's 212th request on: the first after its last typo of a sender, a read a client
  // sends (counted by a first run: dying at the 211th or before, a client's read is closed and it is said without a confirming read).
  const run = await dyingInTheProperty((_bytes, request) => request >= 212);
  expect(run.report?.targetLost).toBeUndefined();
  const warnings = run.report?.runWarnings?.filter((w) => w.kind === 'stopped-answering') ?? [];
  expect(warnings).toHaveLength(1);
  expect(warnings[0]?.message).toMatch(
    /^http:\/\/127\.0\.0\.1:\d+ answered none of the last \d+ requests of the run, none of them sent as a client sends them: each had its connection closed unanswered \(the last: reset, [^)]*\), and a last read sent to confirm, GET \/v1\/senders\/[^/, ]+\/whatsapp-sync, got no answer either \((reset|connection-refused), /,
  );
  expect(run.stdout.match(/^STOPPED ANSWERING\? /gm)).toHaveLength(1);
  expect(run.stdout.match(/^confirming the target still answers: GET \/v1\/senders\/[^/ ]+\/whatsapp-sync sent again/gm)).toHaveLength(1);
  // No case's: in no result, latency or coverage.
  expect(JSON.stringify(run.report?.results)).not.toContain('confirming-read');
});

test('a connection reset mid-response: transport-error, no crash', async () => {
  const { run, checks } = await withMisbehaviour((res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
    res.write('{"sync":');
    setTimeout(() => res.socket?.destroy(), 20);
  });
  expect(run.code).toBe(1);
  expect(checks).toEqual(['error:transport-error']);
});

test('a redirect is reported, not followed', async () => {
  const { run, target, checks } = await withMisbehaviour((res) => res.writeHead(302, { location: '/elsewhere' }).end());
  expect(run.code).toBe(1);
  expect(target?.receivedStatus).toBe(302);
  expect(checks).toContain('error:status-code-expected');
});

test.each([
  ['gzip', gzipSync],
  ['deflate', deflateSync],
  ['br', brotliCompressSync],
] as const)('a %s-encoded body is decoded and judged: conformant', async (coding, encode) => {
  const { run, target } = await withMisbehaviour((res, up) => res.writeHead(up.status, { ...up.headers, 'content-encoding': coding }).end(encode(up.body)));
  expect(run.code).toBe(0);
  expect(target?.status).toBe('passed');
});

test('chunked transfer in small pieces: conformant', async () => {
  const { run, target } = await withMisbehaviour((res, up) => {
    res.writeHead(up.status, up.headers); // no content-length: node sends chunked
    const pieces = up.body.match(/.{1,7}/gs) ?? [];
    for (const piece of pieces) res.write(piece);
    res.end();
  });
  expect(run.code).toBe(0);
  expect(target?.status).toBe('passed');
});

test('a 3 MB body: received whole, judged; its extra property is only a warning', async () => {
  const { run, target, checks } = await withMisbehaviour((res, up) => {
    const body = JSON.stringify({ ...(JSON.parse(up.body) as object), padding: 'x'.repeat(3 * 1024 * 1024) });
    res.writeHead(up.status, up.headers).end(body);
  });
  expect(run.code).toBe(0);
  expect(target?.status).toBe('passed');
  expect(checks).toEqual(['warning:undocumented-properties']);
});

test('a 429 with Retry-After: waited out, retried once, reported as a warning; the run passes', async () => {
  let limited = false;
  const { run, target, checks } = await withMisbehaviour((res, up) => {
    if (!limited) {
      limited = true;
      res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"code":"rate_limited","message":"slow down"}');
      return;
    }
    passOn(res, up);
  });
  expect(run.code).toBe(0);
  expect(target?.status).toBe('passed');
  expect(checks).toEqual(['warning:rate-limited']);
});

test('a read still 429 after its retries: the case could not be judged (error, exit 1), naming the rate limit, with no claim that 429 breaks the contract', async () => {
  const { run, target, checks } = await withMisbehaviour((res) => {
    res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' }).end('{"code":"rate_limited","message":"slow down"}');
  });
  expect(run.code).toBe(1);
  expect(target?.status).toBe('error');
  expect(target?.errorMessage).toBe('rate limited (429, Retry-After: 0; still 429 after 3 retries): the request got no answer to judge (slow the run with --rate)');
  // Only the rate limit is said of it: not status-code-documented ("429 is not documented"), status-code-expected, content-type…
  expect(checks).toEqual(['warning:rate-limited']);
  expect(run.report?.summary).toMatchObject({ failed: 0, errors: 1 });
  expect(run.stdout).toContain('not judged: rate limited (429');
  // Its progress line says so too: ERROR, as the summary, not FAIL; and its family is not judged, not failed.
  expect(run.stdout).toMatch(new RegExp(`^  ERROR ${CASE.replace(/[[\]]/g, '\\$&')}: `, 'm'));
  expect(run.stdout).not.toMatch(/^ {2}FAIL /m);
  const certificate = JSON.parse(readFileSync(join(run.reportsDir, 'certificate.json'), 'utf8')) as { families: { family: string; verdict: string; notJudged: number }[] };
  expect(certificate.families.find((f) => f.family === target?.family)).toMatchObject({ verdict: 'not-judged', notJudged: 1 });
  const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
  expect(summary).toMatch(/1 case could not be judged/);
  expect(summary).not.toMatch(/status-code-documented|not documented/);
});

test('a body that names isCoexistence twice, a wrong value first: every check reads the last (JSON.parse), so only duplicate-keys can say it, as a warning', async () => {
  const { run, target, checks } = await withMisbehaviour((res, up) => res.writeHead(up.status, up.headers).end(up.body.replace('"isCoexistence":true', '"isCoexistence":"no","isCoexistence":true')));
  expect(run.code).toBe(0);
  expect(target?.status).toBe('passed');
  expect(checks).toEqual(['warning:duplicate-keys']);
  expect(target?.violations[0]?.instancePath).toBe('/sync');
});

test('a status past the registered codes (799): judged and reported like any wrong status, exit 1, not an internal error', async () => {
  const { run, target, checks } = await withMisbehaviour((res, up) => res.writeHead(799, up.headers).end(up.body));
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  expect(target?.receivedStatus).toBe(799);
  expect(checks).toEqual(expect.arrayContaining(['error:status-code-expected', 'error:status-code-documented']));
});

test('a body without Content-Type and not JSON: content-type and json-body, exit 1', async () => {
  const { run, checks } = await withMisbehaviour((res) => {
    res.removeHeader('content-type');
    res.writeHead(200).end('<html>hello</html>');
  });
  expect(run.code).toBe(1);
  expect(checks).toEqual(expect.arrayContaining(['error:content-type', 'error:json-body']));
});
