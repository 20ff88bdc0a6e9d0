/**
 * A base URL that names something other than the API (a path prefix left out, a web site's host):
 * every answer a gateway's empty 404 or a site's HTML page. The cases fail on it, each rightly,
 * and the run says the likely cause once, in every report but junit.xml. Against the API behind a
 * prefix, given with it, nothing of the kind is said.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startScriptedServer } from '../support/misbehaving-servers';
import { forward, passOn } from '../support/reference-proxy';

/** What conformance.html shows of its escaped text (report/html-text.ts escapeHtml). */
const unescapeHtml = (html: string): string => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

test('every answer an empty 404 or an HTML page: the run fails, and says once that no answer was JSON and what to check', async () => {
  const server = await startReferenceServer();
  // The API under /zavu, a site's 404 (and its home page) everywhere else, as a gateway in front of both.
  const gateway = await startScriptedServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/zavu/')) {
      req.url = url.slice('/zavu'.length);
      forward(server, req).then(
        (answer) => passOn(res, answer),
        (error: Error) => res.writeHead(502).end(`gateway: ${error.message}`),
      );
      return;
    }
    if (url.endsWith('/whatsapp-sync')) res.writeHead(404, { server: 'keryx' }).end();
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Example</title>');
  });
  try {
    const args = ['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1'];
    const wrong = await runConformanceCli(['--base-url', gateway.baseUrl, ...args], serverEnv(server));
    expect(wrong.stderr).toBe('');
    expect(wrong.code).toBe(1);
    expect(wrong.report?.runWarnings?.map((w) => w.kind)).toEqual(['no-json-answer']);
    const message = wrong.report?.runWarnings?.[0]?.message ?? '';
    expect(message).toMatch(/^none of the run's \d+ answers was JSON \(status 404 ×\d+[,;]/);
    expect(message).toContain("is the base URL the API's root?");
    const summary = readFileSync(join(wrong.reportsDir, 'summary.md'), 'utf8');
    // Said first, as a headline, above the failures it causes: a reviewer's first line was "authentication
    // not enforced: the request was served" of a web page, the one cause a warning below them.
    const lines = summary.split('\n');
    expect(lines.filter((line) => line.startsWith("**Not the API?** none of the run's"))).toHaveLength(1);
    expect(lines.findIndex((line) => line.startsWith('**Not the API?**'))).toBeLessThan(lines.findIndex((line) => line.startsWith('**Failures**')));
    expect(summary).not.toContain('**Warning** (fails nothing): none of the run');
    const out = wrong.stdout.split('\n');
    expect(out.filter((line) => line.startsWith("NOT THE API? none of the run's"))).toHaveLength(1);
    expect(out.findIndex((line) => line.startsWith('NOT THE API?'))).toBeLessThan(out.findIndex((line) => line.startsWith('failures by fault')));
    expect(wrong.stdout).toContain("answers not JSON: is the base URL the API's root? (see the top)");
    expect(readFileSync(join(wrong.reportsDir, 'conformance.html'), 'utf8')).toContain('none of the run');
    expect(readFileSync(join(wrong.reportsDir, 'junit.xml'), 'utf8')).not.toContain('none of the run');

    // The same API, given with its prefix: the reference server's verdicts, and no such warning.
    const right = await runConformanceCli(['--base-url', `${gateway.baseUrl}/zavu`, ...args], serverEnv(server));
    expect(right.report?.results.filter((r) => r.status !== 'passed' && r.status !== 'skipped').map((r) => r.id)).toEqual([]);
    expect(right.code).toBe(0);
    expect(right.report?.runWarnings).toBeUndefined();
  } finally {
    await gateway.close();
    await server.close();
  }
}, 90_000);

test("a site answering its HTML page 200 to everything: each case's failure says the answer is not the API's, not that it served the request, in every report", async () => {
  const apiKey = 'zv_test_Q7mK2pX9vR4tL8wN3bH6jD1fG5sZ0cYa';
  // The page with a media type of the request's credentials where it had some: a front may echo them into
  // Content-Type, which the cases' stories now quote.
  const site = await startScriptedServer((req, res) => {
    const credentials = req.headers.authorization;
    const type = credentials === undefined ? 'text/html; charset=utf-8' : `text/x-${credentials.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    res.writeHead(200, { 'content-type': type }).end('<html><body>Welcome</body></html>');
  });
  try {
    const env = { ZAVU_API_KEY: apiKey, ZAVU_SENDER_COEXISTENCE: 'snd_co', ZAVU_SENDER_NO_WABA: 'snd_nw', ZAVU_SENDER_NOT_COEXISTENCE: 'snd_nc', ZAVU_SENDER_NOT_ACTIVE: 'snd_na', ZAVU_SENDER_OTHER_PROJECT: 'snd_op' };
    const run = await runConformanceCli(['--base-url', site.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1'], env);
    expect(run.stderr).toBe('');
    // The verdict is the same: every case the page answered fails.
    expect(run.code).toBe(1);
    expect(run.report?.runWarnings?.map((w) => w.kind)).toEqual(['no-json-answer']);
    const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
    const junit = readFileSync(join(run.reportsDir, 'junit.xml'), 'utf8');
    const html = readFileSync(join(run.reportsDir, 'conformance.html'), 'utf8');
    const page = "Received: 200 (not the API? a 200 text/html page, not JSON, where 401 was due: a web site or gateway in the API's place answers so (is the base URL the API's root? if the run's other answers are JSON, a front answers this path itself)) / Expected: 401";
    // conformance.html as it escapes its text (the apostrophes).
    for (const [name, text] of [['console', run.stdout], ['junit.xml', junit], ['conformance.html', unescapeHtml(html)]] as const) {
      expect([name, text.includes(page)]).toEqual([name, true]);
      // The stories of the API serving the request, read from the page before.
      expect([name, /authentication not enforced|the request was served|answered as if it were the key's|the read was served/.exec(text)?.[0]]).toEqual([name, undefined]);
      expect([name, /not the API\? a 200 "?text\/x-bearer/.test(text)]).toEqual([name, true]);
    }
    // summary.md keeps the head of each story: the words that say it.
    expect(summary).toContain('Received: 200 (not the API?');
    expect(summary).not.toMatch(/authentication not enfor|the read was served/);
    // A key the front echoed into Content-Type, quoted by a story, is in no report.
    // Its Basic token too, base64, which the quote lower-cases: folded, base64 still gives the key back.
    const basic = Buffer.from(`${apiKey}:`).toString('base64').slice(24, 44).toLowerCase();
    for (const text of [run.stdout, summary, junit, html, readFileSync(join(run.reportsDir, 'conformance.json'), 'utf8')]) {
      expect(text.toLowerCase()).not.toContain(apiKey.slice('zv_test_'.length, 20).toLowerCase());
      expect(text.toLowerCase()).not.toContain(basic);
    }
  } finally {
    await site.close();
  }
}, 90_000);
