/**
 * An edge in front of a conformant API that refuses the path spelled otherwise (a trailing slash, a
 * doubled slash) with a JSON 403 of its own, whatever the sender, the key or the method: the rows
 * that send those spellings take any 4xx, and the sender's answer is compared with the unknown id's.
 * Both get the same 403, so nothing tells a sender apart and nothing reached the API: no failure.
 * Before, the unknown id's 403 passed as a router's while the sender's identical 403 failed
 * status-code-documented (403 is not a documented status), one answer judged two ways in one case.
 * Judged as the edge's, the status no longer fails by itself: an API that answers those paths with
 * one status and words of its own for a sender it has must fail on the words.
 */
import type { IncomingMessage } from 'node:http';
import { SEED_SENDERS, startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startMockBefore, type OwnAnswer } from '../support/reference-proxy';

/** The path of a request, when it is spelled otherwise (a trailing or doubled slash). */
function oddPath(req: IncomingMessage): string | undefined {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  return path.includes('//') || path.endsWith('/') ? path : undefined;
}

/** The edge's refusal of a path no route of the API is spelled as. */
function edge(req: IncomingMessage): OwnAnswer | undefined {
  if (oddPath(req) === undefined) return undefined;
  return { status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'forbidden', message: 'Path not allowed' }) };
}

/** A JSON error of the contract's shape. */
const error = (status: number, code: string, message: string): OwnAnswer => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, message }) });

/**
 * Broken APIs answering those paths themselves, a sender they have (`known`) told from the unknown
 * id by code and words under one status: a 403 that says whose it is (no longer failing as an
 * undocumented status), a 400 that shows its state to a caller without credentials (documented,
 * and before the comparisons were errors there, two warnings only).
 */
const TELLING: Record<string, (known: boolean) => OwnAnswer> = {
  '403 "belongs to another project"': (known) => (known ? error(403, 'sender_forbidden', 'This sender belongs to another project') : error(403, 'forbidden', 'Path not allowed')),
  '400 "no WhatsApp Business Account"': (known) => (known ? error(400, 'no_waba', 'Sender has no WhatsApp Business Account') : error(400, 'invalid_request', 'Trailing slash not allowed')),
};

const SEEDED = new Set(SEED_SENDERS.map((s) => s.id));

/** The answer of TELLING[name] to a path spelled otherwise, by whether it names a seeded sender. */
function telling(name: string): (req: IncomingMessage) => OwnAnswer | undefined {
  return (req) => {
    const path = oddPath(req);
    if (path === undefined) return undefined;
    const id = /\/senders\/+([^/]+)/.exec(path)?.[1] ?? '';
    return TELLING[name]?.(SEEDED.has(id));
  };
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

// One status to both, judged as outside the contract, must not let the words through: "belongs to
// another project" where the unknown id got "Path not allowed" says the sender exists.
test.each(Object.keys(TELLING))('an API of its own on those paths telling the sender apart by a %s: a failure on every such row', async (name) => {
  const server = await startReferenceServer();
  const front = await startMockBefore(server, telling(name));
  try {
    const run = await runConformanceCli(['--base-url', front.baseUrl, '--seed', '1', '--fuzz-runs', '0', '--allow-writes', '--mock-target'], serverEnv(server));
    const results = run.report?.results ?? [];
    const compared = results.filter((r) => /^(no-credentials|other-project-sender)-(trailing-slash|doubled-slash)$/.test(r.scenario));
    expect(new Set(compared.map((r) => r.operationId)).size).toBe(3);
    const told = (r: (typeof compared)[number]): string => `${r.id}: ${r.status} ${r.violations.some((v) => v.check === 'state-prediction' && v.severity === 'error' && v.instancePath === '/code')}`;
    expect(compared.map(told)).toEqual(compared.map((r) => `${r.id}: failed true`));
    expect(run.code).toBe(1);
  } finally {
    await front.close();
    await server.close();
  }
}, 90_000);
