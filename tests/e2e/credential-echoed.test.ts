/**
 * A target that echoes the API key (a debug field of the body, a JSON text inside a string, a
 * header, base64) is reported by credential-echoed, with each place and form, in every report and
 * the console: an error where the key is shown to a request that did not send it, a warning where
 * the answer echoes the request's own credentials. And no form of the key is in any file or line.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startScriptedServer } from '../support/misbehaving-servers';
import { forward, type UpstreamAnswer } from '../support/reference-proxy';
import { filesUnder } from '../support/scratch-dir';

const READ = 'getWhatsAppSyncStatus';

/** The reference server's answer with the key echoed, by what the request sent; a JSON answer only (the others pass as they came). */
function echoed(req: IncomingMessage, answer: UpstreamAnswer, apiKey: string): UpstreamAnswer {
  // A HEAD's answer has no body to add to.
  if (!String(answer.headers['content-type'] ?? '').includes('json') || answer.body === '') return answer;
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  const authorization = req.headers.authorization;
  if (authorization === `Bearer ${apiKey}`) return { ...answer, body: JSON.stringify({ ...body, debug: { auth: authorization } }) };
  if (authorization?.startsWith('Basic ') === true) return { ...answer, body: JSON.stringify({ ...body, debug: JSON.stringify({ headers: { authorization } }) }) };
  if (authorization === undefined) {
    // A leak: the valid key, to a caller that sent none (a debug header left on, a trace id made of it).
    return { ...answer, headers: { ...answer.headers, 'x-debug-auth': `Bearer ${apiKey}` }, body: JSON.stringify({ ...body, trace: Buffer.from(`${apiKey}:`).toString('base64') }) };
  }
  return answer;
}

test('an echoing target: each echo flagged at its place and form, in every report; the key in no file and no line', async () => {
  const server = await startReferenceServer();
  const target = await startScriptedServer((req, res) => {
    forward(server, req).then(
      (answer) => {
        const out = echoed(req, answer, server.apiKey);
        res.writeHead(out.status, out.headers).end(out.body);
      },
      () => res.writeHead(502).end(),
    );
  });
  try {
    const run = await runConformanceCli(['--base-url', target.baseUrl, '--operation', READ, '--fuzz-runs', '0', '--mode', 'record', '--recordings', 'rec'], serverEnv(server));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const found = (id: string) =>
      (run.report?.results.find((r) => r.id === `${READ}/${id}`)?.violations ?? [])
        .filter((v) => v.check === 'credential-echoed')
        .map((v) => ({ severity: v.severity, at: v.instancePath, message: v.message.split(' / ')[0] }));
    expect(found('coexistence[snd_coex_active]')).toEqual([{ severity: 'warning', at: '/debug/auth', message: 'Received: a 200 holding the API key (ZAVU_API_KEY), as is, in its body at /debug/auth' }]);
    expect(found('basic-scheme')).toEqual([{ severity: 'warning', at: '/debug', message: 'Received: a 401 holding the API key (ZAVU_API_KEY), base64-encoded, in its body at /debug, a JSON text in a string, at /headers/authorization' }]);
    expect(found('no-credentials')).toEqual(
      expect.arrayContaining([
        { severity: 'error', at: '', message: 'Received: a 401 holding the API key (ZAVU_API_KEY), as is, in its x-debug-auth header' },
        { severity: 'error', at: '/trace', message: 'Received: a 401 holding the API key (ZAVU_API_KEY), base64-encoded, in its body at /trace' },
      ]),
    );
    expect(run.report?.results.find((r) => r.id === `${READ}/no-credentials`)?.status).toBe('failed');
    // The digests, and every report a person reads, name it.
    expect(run.report?.failureDigest?.faults.map((g) => g.check)).toContain('credential-echoed');
    expect(run.report?.warningDigest?.map((w) => w.check)).toContain('credential-echoed');
    expect(run.stdout).toContain('credential-echoed');
    for (const name of ['summary.md', 'conformance.html', 'junit.xml']) expect({ name, named: readFileSync(`${run.reportsDir}/${name}`, 'utf8').includes('credential-echoed') }).toEqual({ name, named: true });
    // No form of the key anywhere: as is (any case), base64 of it (and of "key:"), percent-encoded, hex.
    const secret = server.apiKey.slice('zv_test_'.length);
    const forms = [secret.toLowerCase(), Buffer.from(server.apiKey).toString('base64').slice(4, 40), Buffer.from(`${server.apiKey}:`).toString('base64').slice(4, 40), encodeURIComponent(server.apiKey).slice(8), Buffer.from(server.apiKey).toString('hex').slice(16)];
    const files = filesUnder(run.cwd);
    expect(files.some((file) => file.endsWith('.har'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect({ file, leaked: forms.filter((form) => text.toLowerCase().includes(form.toLowerCase())) }).toEqual({ file, leaked: [] });
    }
    expect(forms.filter((form) => run.stdout.toLowerCase().includes(form.toLowerCase()))).toEqual([]);
  } finally {
    await target.close();
    await server.close();
  }
});

test('a target that echoes the key with a zero-width space between its characters: flagged, and the key readable in no file and no line (every report shows the space as "\\u200b")', async () => {
  const server = await startReferenceServer();
  const spaced = [...server.apiKey].join('\u200b');
  const target = await startScriptedServer((req, res) => {
    forward(server, req).then(
      (answer) => {
        const json = String(answer.headers['content-type'] ?? '').includes('json') && answer.body !== '';
        const body = json ? JSON.stringify({ ...(JSON.parse(answer.body) as Record<string, unknown>), hint: `the key is ${spaced}` }) : answer.body;
        res.writeHead(answer.status, answer.headers).end(body);
      },
      () => res.writeHead(502).end(),
    );
  });
  try {
    const run = await runConformanceCli(['--base-url', target.baseUrl, '--operation', READ, '--fuzz-runs', '0', '--mode', 'record', '--recordings', 'rec'], serverEnv(server));
    expect(run.stderr).toBe('');
    const messages = (run.report?.results ?? []).flatMap((r) => r.violations).filter((v) => v.check === 'credential-echoed').map((v) => v.message);
    expect(messages).toContainEqual(expect.stringContaining('the API key (ZAVU_API_KEY), with something unseen between its characters'));
    // What a reader sees once the spaces, raw or as escapes, are read past: never the key's secret part.
    const readable = (text: string): string => text.replace(/\u200b|\\+u200b/gi, '').toLowerCase();
    const secret = server.apiKey.slice('zv_test_'.length).toLowerCase();
    const files = filesUnder(run.cwd);
    expect(files.some((file) => file.endsWith('.har'))).toBe(true);
    for (const file of files) expect({ file, leaked: readable(readFileSync(file, 'utf8')).includes(secret) }).toEqual({ file, leaked: false });
    expect(readable(run.stdout).includes(secret)).toBe(false);
  } finally {
    await target.close();
    await server.close();
  }
});
