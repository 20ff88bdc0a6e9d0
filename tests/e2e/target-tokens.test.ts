/**
 * Credentials the target itself sent (a session cookie, a token header, a JWT under a neutral name,
 * a token under a key of its JSON or in the query of a URL it sent, PHP-escaped) are in no report
 * and no recording of a record run, though checks quote the bodies they judge; and the recording
 * stays replayable: a replay judges it as the live run judged the answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startReferenceProxy, type Misbehaviour } from '../support/reference-proxy';
import { filesUnder, scratchDir } from '../support/scratch-dir';

const CASE = 'getWhatsAppSyncStatus/coexistence[snd_coex_active]';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const JWT_HEADER = b64url({ alg: 'HS256', typ: 'JWT' });
/** Payload and signature carry canaries: neither may be shown. */
const jwt = (sub: string): string => `${JWT_HEADER}.${b64url({ sub })}.${Buffer.from(`sig-${sub}`).toString('base64url')}`;
const SECRETS = ['CookieCanary1', 'HeaderCanary2', 'BodyCanary3', 'UrlCanary4', 'JwtHeaderCanary5', 'JwtBodyCanary6', 'EscapedUrlCanary7'];
/** Every canary as sent: plain, and inside a JWT's payload and signature (base64url). */
const leaks = (text: string): string[] => SECRETS.filter((s) => text.includes(s) || text.includes(b64url({ sub: s }).slice(4, -4)) || text.includes(Buffer.from(`sig-${s}`).toString('base64url').slice(4, -4)));

/** A JSON encoder that escapes "/", as PHP's json_encode does by default. */
const phpJson = (value: unknown): string => JSON.stringify(value).replace(/\//g, '\\/');

async function recordAgainst(behave: Misbehaviour) {
  const server = await startReferenceServer();
  const proxy = await startReferenceProxy(server, behave);
  const recordings = scratchDir('zvc tokens-');
  try {
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1', '--mode', 'record', '--recordings', recordings], serverEnv(server));
    return { run, recordings };
  } finally {
    await proxy.close();
    await server.close();
  }
}

function expectNoLeak(run: Awaited<ReturnType<typeof recordAgainst>>['run'], recordings: string): void {
  const files = [...filesUnder(run.cwd), ...filesUnder(recordings)];
  expect(files.filter((f) => f.endsWith('.har'))).toHaveLength(1);
  expect(files.map((f) => f.split('/').pop())).toEqual(expect.arrayContaining(['conformance.json', 'conformance.html', 'summary.md', 'junit.xml']));
  for (const file of files) expect({ file, leaked: leaks(readFileSync(file, 'utf8')) }).toEqual({ file, leaked: [] });
  expect(leaks(run.stdout + run.stderr)).toEqual([]);
}

/** The crafted case's verdict and every violation, as a reviewer reads them. */
const judged = (report: Awaited<ReturnType<typeof recordAgainst>>['run']['report']) =>
  report?.results.filter((r) => r.id === CASE).map((r) => [r.status, r.violations.map((v) => [v.check, v.severity, v.instancePath, v.message])]);

test('a JSON answer with a session cookie, token headers, a JWT under neutral names and tokens in its body: quoted redacted, recorded redacted, replayed alike', async () => {
  const { run, recordings } = await recordAgainst((res, up) => {
    const body = JSON.parse(up.body) as { sync: Record<string, unknown> };
    const sync = { ...body.sync, session_token: 'BodyCanary3', note: jwt('JwtBodyCanary6'), download: 'https://files.test/x?access_token=UrlCanary4&v=1' };
    res
      .writeHead(200, { ...up.headers, 'set-cookie': 'sid=CookieCanary1; Path=/; HttpOnly', 'x-auth-token': 'HeaderCanary2', 'x-request-context': jwt('JwtHeaderCanary5') })
      .end(phpJson({ ...body, sync }));
  });
  expect(run.stderr).toBe('');
  // Undeclared properties are quoted, each value as the report may show it.
  const warnings = run.report?.results.find((r) => r.id === CASE)?.violations.filter((v) => v.check === 'undocumented-properties').map((v) => v.message.replace(/ \/ Expected:.*/, ''));
  expect(warnings).toEqual(expect.arrayContaining(['Received: /sync/session_token = "[REDACTED]"', `Received: /sync/note = "${JWT_HEADER}.[REDACTED]"`, 'Received: /sync/download = "https://files.test/x?access_token=%5BREDACTED%5D&v=1"']));
  expectNoLeak(run, recordings);
  const har = readFileSync(join(recordings, 'getWhatsAppSyncStatus.har'), 'utf8');
  expect(har).toContain(`${JWT_HEADER}.[REDACTED]`);
  // Replayed without a key, the redacted recording is judged as the live answer was, message for message.
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', recordings, '--operation', 'getWhatsAppSyncStatus']);
  expect({ code: replay.code, stderr: replay.stderr }).toEqual({ code: run.code, stderr: '' });
  expect(judged(replay.report)).toEqual(judged(run.report));
});

test('a body cut short whose URL is PHP-escaped (https:\\/\\/…?access_token=…): the excerpt a check quotes and the recording lose the token, the rest kept', async () => {
  const { run, recordings } = await recordAgainst((res, up) => res.writeHead(200, up.headers).end(`{"download":"https:\\/\\/files.test\\/x?access_token=EscapedUrlCanary7&v=1","sync":`));
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  const failure = run.report?.results.find((r) => r.id === CASE)?.violations.find((v) => v.check === 'json-body');
  expect(failure?.message).toContain('https:\\/\\/files.test\\/x?access_token=%5BREDACTED%5D&v=1');
  expectNoLeak(run, recordings);
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', recordings, '--operation', 'getWhatsAppSyncStatus']);
  expect(judged(replay.report)).toEqual(judged(run.report));
});

test('tokens the review found kept: a pretty-printed JWT header, keys holding a space or "/", a relative URL and a form body; none in any file, replayed alike', async () => {
  const pretty = `${Buffer.from('{\n  "alg": "HS256"\n}').toString('base64url')}.${b64url({ sub: 'JwtBodyCanary6' })}.${Buffer.from('sig-JwtBodyCanary6').toString('base64url')}`;
  const { run, recordings } = await recordAgainst((res, up) => {
    const body = JSON.parse(up.body) as { sync: Record<string, unknown> };
    const sync = { ...body.sync, note: pretty, 'my token': 'BodyCanary3', 'a/token': 'HeaderCanary2', next: '/v1/x?access_token=UrlCanary4' };
    res.writeHead(200, up.headers).end(JSON.stringify({ ...body, sync }));
  });
  expect(run.stderr).toBe('');
  expectNoLeak(run, recordings);
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', recordings, '--operation', 'getWhatsAppSyncStatus']);
  expect({ code: replay.code, stderr: replay.stderr }).toEqual({ code: run.code, stderr: '' });
  expect(judged(replay.report)).toEqual(judged(run.report));
  // A form-encoded answer (as GitHub's OAuth gives by default): its first pair too, quoted by json-body.
  const form = await recordAgainst((res) => res.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' }).end('access_token=CookieCanary1&scope=repo'));
  expect(form.run.code).toBe(1);
  expectNoLeak(form.run, form.recordings);
});

test('tokens the second review found kept: JSON escaped twice, \\u0022 quotes, an HTML form field and an XML element; none in any file, replayed alike', async () => {
  const twice = (value: unknown): string => JSON.stringify(JSON.stringify({ inner: JSON.stringify(value) })).slice(1, -1);
  const { run, recordings } = await recordAgainst((res, up) => {
    const body = JSON.parse(up.body) as { sync: Record<string, unknown> };
    // Written by hand: `\u0022` for the inner quotes, which JSON.stringify never writes.
    const sync = JSON.stringify({ ...body.sync, wrapped: '@' }).replace('"@"', `"${twice({ access_token: 'BodyCanary3', n: 1 })}"`);
    const text = JSON.stringify({ ...body, sync: '@' }).replace('"@"', sync).replace(/}$/, ',"msg":"{\\u0022session_token\\u0022:\\u0022HeaderCanary2\\u0022}"}');
    res.writeHead(200, up.headers).end(text);
  });
  expect(run.stderr).toBe('');
  expectNoLeak(run, recordings);
  const har = readFileSync(join(recordings, 'getWhatsAppSyncStatus.har'), 'utf8');
  expect(har).toContain('[REDACTED]');
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', recordings, '--operation', 'getWhatsAppSyncStatus']);
  expect({ code: replay.code, stderr: replay.stderr }).toEqual({ code: run.code, stderr: '' });
  expect(judged(replay.report)).toEqual(judged(run.report));
  // A login page where JSON was expected: its hidden field and an XML credential are quoted by the checks it fails.
  const page = await recordAgainst((res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<form><input type="hidden" name="csrf_token" value="CookieCanary1"><access_token>UrlCanary4</access_token></form>'),
  );
  expect(page.run.code).toBe(1);
  expectNoLeak(page.run, page.recordings);
  const pageReplay = await runConformanceCli(['--mode', 'replay', '--recordings', page.recordings, '--operation', 'getWhatsAppSyncStatus']);
  expect(judged(pageReplay.report)).toEqual(judged(page.run.report));
});
