/**
 * A hand-written mock that routes on the whole request target, so a path with a query string
 * matches no route and falls to its catch-all 404 (a JSON body of the Error's shape). The old
 * reading of that 404 where 401 was due ("the sender was looked up before authenticating") sent the
 * mock's author to an order of checks that was right: the case now says what was seen first, a 404
 * to the request with the query string, and that cause only as the other reading.
 */
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { notFoundAnswer, startMockBefore } from '../support/reference-proxy';

test('a mock whose routes miss a path with a query string: its 404 reads as the query string unrouted, not as a lookup before authenticating', async () => {
  const server = await startReferenceServer();
  const mock = await startMockBefore(server, (req) => ((req.url ?? '').includes('?') ? notFoundAnswer() : undefined));
  try {
    const run = await runConformanceCli(['--base-url', mock.baseUrl, '--fuzz-runs', '0', '--seed', '1', '--operation', 'getWhatsAppSyncStatus'], serverEnv(server));
    expect(run.stderr).toBe('');
    // The check still fails the case: a 404 is not the 401 (or 400) due.
    expect(run.code).toBe(1);
    const result = run.report?.results.find((r) => r.id === 'getWhatsAppSyncStatus/no-credentials-with-query');
    const messages = (result?.violations ?? []).filter((v) => v.check === 'status-code-expected').map((v) => v.message);
    expect(result?.status).toBe('failed');
    expect(messages.length).toBeGreaterThan(0);
    // What was seen first; the lookup before authenticating only as the other reading, after "else".
    for (const message of messages) expect(message).toMatch(/^Received: 404 \(to the query string "\?zvc=1": a route that does not match a path with a query string answers so, if the same request without it is not answered 404; else /);
  } finally {
    await mock.close();
    await server.close();
  }
}, 120_000);
