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
