/**
 * A front that refuses any URL over 8 KB with a page of its own (nginx's large_client_header_buffers
 * 8k answers 414; CDNs a 400 or 414 of their own): the negative property's 8 KB ids reach no API
 * behind it, and the 1 KB ids (up to 6 KB once percent-encoded) pass through. The run passes with a
 * warning, whichever status the front sends, and a 400 page is named as that front's refusal.
 */
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startReferenceServer } from '../../src/reference-server';
import { startFront, urlLimitFront } from '../support/front-servers';

test.each([414, 400] as const)("a front's %i page for a URL over 8 KB is a front's refusal: a warning, exit 0", async (status) => {
  const server = await startReferenceServer();
  let refused = 0;
  const limit = urlLimitFront(status);
  const front = await startFront(server, (req, path) => {
    const decision = limit(req, path);
    if ('answer' in decision) refused += 1;
    return decision;
  });
  try {
    const run = await runConformanceCli(['--base-url', front.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--seed', '1'], serverEnv(server));
    // The 8 KB ids reached the front's limit.
    expect(refused).toBeGreaterThan(0);
    expect(run.report?.results.filter((r) => r.status !== 'passed' && r.status !== 'skipped').map((r) => r.id)).toEqual([]);
    const negative = run.report?.results.find((r) => r.scenario === 'negative-inputs');
    // 414 is correct HTTP, warned of as such; a 400 page is named as the front's refusal of the 8 KB URL.
    const named = status === 414 ? '414 is correct HTTP' : "8 KB or more, a front's refusal (nginx";
    expect(negative?.violations.some((v) => v.severity === 'warning' && v.message.includes(named))).toBe(true);
    expect(run.code).toBe(0);
  } finally {
    await front.close();
    await server.close();
  }
}, 90_000);
