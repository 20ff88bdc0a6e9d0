/**
 * HTTP.sys in front of a conformant API (IIS, Azure App Service on Windows, Web Application
 * Proxy): a URL with a path segment over 260 characters (UrlSegmentMaxLength) is refused with its
 * own HTML "Bad Request - Invalid URL" before any route, so the property's 1 KB and 8 KB ids never
 * reach the API. The run passes, with a warning that names the front, not the API.
 */
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startReferenceServer } from '../../src/reference-server';
import { startScriptedServer } from '../support/misbehaving-servers';
import { forward, passOn } from '../support/reference-proxy';

const INVALID_URL = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n<HTML><HEAD><TITLE>Bad Request</TITLE>\r\n<META HTTP-EQUIV="Content-Type" Content="text/html; charset=us-ascii"></HEAD>\r\n<BODY><h2>Bad Request - Invalid URL</h2>\r\n<hr><p>HTTP Error 400. The request URL is invalid.</p>\r\n</BODY></HTML>\r\n';

test("HTTP.sys's 400 page for a path segment over 260 characters is a front's refusal: a warning, exit 0", async () => {
  const server = await startReferenceServer();
  let refused = 0;
  const front = await startScriptedServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.split('/').some((segment) => segment.length > 260)) {
      refused += 1;
      req.resume();
      res.writeHead(400, { 'content-type': 'text/html; charset=us-ascii', server: 'Microsoft-HTTPAPI/2.0' }).end(INVALID_URL);
      return;
    }
    forward(server, req).then(
      (answer) => passOn(res, answer),
      (error: Error) => res.writeHead(502).end(`front: ${error.message}`),
    );
  });
  try {
    const run = await runConformanceCli(['--base-url', front.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--seed', '1'], serverEnv(server));
    // The long ids reached the front's limit.
    expect(refused).toBeGreaterThan(0);
    expect(run.report?.results.filter((r) => r.status !== 'passed' && r.status !== 'skipped').map((r) => r.id)).toEqual([]);
    const negative = run.report?.results.find((r) => r.scenario === 'negative-inputs');
    expect(JSON.stringify(negative?.violations)).toContain("a front's refusal (HTTP.sys");
    expect(run.code).toBe(0);
  } finally {
    await front.close();
    await server.close();
  }
}, 90_000);
