/**
 * The negative-input property sends some 350 hostile ids in one case. A target that answers each
 * of them with a body near the size bound must not make the run hold every one of those bodies:
 * it once kept all of them until the case ended (353 of 15 MiB, ~5 GB), and the run died of an
 * out-of-memory abort (exit 134) with no report. Here the run gets a heap far smaller than those
 * bodies together, and must still end with its verdict and its reports.
 */
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startMockBefore } from '../support/reference-proxy';

const MIB = 1024 * 1024;
/** Each hostile id's answer: 2 MiB, under the default 16 MiB bound, so every byte of it is read and kept as received. */
const BODY = 'x'.repeat(2 * MIB);
/** The run's heap: ~100 MB is what a run needs, far less than the ~700 MB of the property's answers together. */
const HEAP_MB = 256;

test(`a target answering every hostile id with a 500 of 2 MiB: the property keeps its findings within a bound, the run ends with exit 1 and its reports in a ${HEAP_MB} MB heap`, async () => {
  const server = await startReferenceServer();
  const known = new Set(Object.values(server.senders).flat().map((id) => `/v1/senders/${id}/whatsapp-sync`));
  // The run's own fixtures are the reference server's; every other id (the hostile ones, the unknown id) gets the big 500.
  const mock = await startMockBefore(server, (req) => (known.has(req.url ?? '') ? undefined : { status: 500, headers: { 'content-type': 'text/plain' }, body: BODY }));
  try {
    const run = await runConformanceCli(['--base-url', mock.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1'], { ...serverEnv(server), NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` }, undefined, 240000);
    expect({ code: run.code, oom: /heap out of memory/.test(run.stderr) }).toEqual({ code: 1, oom: false });
    const negative = run.report?.results.find((r) => r.id === 'getWhatsAppSyncStatus/negative-inputs');
    expect(negative?.status).toBe('failed');
    expect(negative?.violations[0]?.title).toContain('(500 not-a-server-error)');
    // Every hostile id was judged, not cut short: the bound is on what is kept, not on what is asked.
    expect(negative?.description).toMatch(/, (\d{3}) of \1 inputs/);
  } finally {
    await mock.close();
    await server.close();
  }
}, 300000);
