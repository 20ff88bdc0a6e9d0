/**
 * An edge in front of a conformant API that refuses the path spelled otherwise (a trailing slash, a
 * doubled slash) with a JSON 403 of its own, whatever the sender, the key or the method: the rows
 * that send those spellings take any 4xx, and the sender's answer is compared with the unknown id's.
 * Both get the same 403, so nothing tells a sender apart and nothing reached the API: no failure.
 * Before, the unknown id's 403 passed as a router's while the sender's identical 403 failed
 * status-code-documented (403 is not a documented status), one answer judged two ways in one case.
 */
import type { IncomingMessage } from 'node:http';
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startMockBefore, type OwnAnswer } from '../support/reference-proxy';

/** The edge's refusal of a path no route of the API is spelled as. */
function edge(req: IncomingMessage): OwnAnswer | undefined {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (!path.includes('//') && !path.endsWith('/')) return undefined;
  return { status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'forbidden', message: 'Path not allowed' }) };
}

test("an edge's JSON 403 to every path spelled otherwise: the sender answered as the unknown id, no failure", async () => {
  const server = await startReferenceServer();
  const front = await startMockBefore(server, edge);
  try {
    const run = await runConformanceCli(['--base-url', front.baseUrl, '--seed', '1', '--fuzz-runs', '0', '--allow-writes', '--mock-target'], serverEnv(server));
    const results = run.report?.results ?? [];
    const odd = results.filter((r) => /-(trailing-slash|doubled-slash)$/.test(r.scenario));
    // Every operation has such rows, and each was judged (none skipped): the edge answered them all.
    expect(new Set(odd.map((r) => r.operationId)).size).toBe(3);
    expect(odd.map((r) => `${r.id}: ${r.status}`)).toEqual(odd.map((r) => `${r.id}: passed`));
    expect(results.filter((r) => r.status !== 'passed' && r.status !== 'skipped').map((r) => r.id)).toEqual([]);
    expect(run.code).toBe(0);
  } finally {
    await front.close();
    await server.close();
  }
}, 90_000);
