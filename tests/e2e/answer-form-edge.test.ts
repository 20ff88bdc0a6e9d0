/**
 * An edge in front of a conformant API that answers the unknown id with an HTML page of the API's own
 * status, while the API answers another project's sender with its JSON error: the statuses agree, so
 * the status alone let it by, yet the form of the answer tells the sender apart. A warning on those
 * rows (it cannot tell a leak from an unknown id of a shape the routes refuse), naming both forms;
 * none where the edge answers both alike, nor on the reference server as it is.
 */
import type { IncomingMessage } from 'node:http';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv, type ConformanceRun } from '../support/conformance-run';
import { startScriptedServer, type MisbehavingServer } from '../support/misbehaving-servers';
import { forward, passOn } from '../support/reference-proxy';

const PAGE = '<!doctype html><html><body><h1>Not here</h1></body></html>';

/** The sender id a request names, decoded and lower-cased (the odd spellings too). */
function senderOf(req: IncomingMessage): string {
  const segment = /\/senders\/+([^/?#]*)/.exec(req.url ?? '')?.[1] ?? '';
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

/** An edge that forwards everything, and turns the API's 4xx to the senders it picks into its own HTML page of that status. */
function startPageEdge(upstream: ReferenceServer, paged: (sender: string) => boolean): Promise<MisbehavingServer> {
  return startScriptedServer((req, res) => {
    forward(upstream, req).then(
      (answer) => {
        if (answer.status >= 400 && answer.status < 500 && paged(senderOf(req))) res.writeHead(answer.status, { ...answer.headers, 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
        else passOn(res, answer);
      },
      (error: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`edge: ${error.message}`),
    );
  });
}

const unknownId = (sender: string): boolean => sender.startsWith('snd_zvc_unknown_');

/** Every form warning of the run, as "scenario: title". */
function formWarnings(run: ConformanceRun): string[] {
  return (run.report?.results ?? []).flatMap((r) => r.violations.filter((v) => v.check === 'state-prediction' && v.title.startsWith("The answer's form is not the unknown id's")).map((v) => `${v.severity} ${r.operationId} ${r.scenario}: ${v.title}`));
}

async function runBehind(paged: ((sender: string) => boolean) | undefined): Promise<ConformanceRun> {
  const server = await startReferenceServer();
  const edge = paged === undefined ? undefined : await startPageEdge(server, paged);
  try {
    return await runConformanceCli(['--base-url', edge?.baseUrl ?? server.baseUrl, '--seed', '1', '--fuzz-runs', '0', '--allow-writes', '--mock-target'], serverEnv(server));
  } finally {
    await edge?.close();
    await server.close();
  }
}

test("an edge's HTML page to the unknown id, the API's JSON error to another project's sender: a warning naming both forms, on every operation", async () => {
  const run = await runBehind(unknownId);
  const found = formWarnings(run);
  expect(found.every((f) => f.startsWith('warning '))).toBe(true);
  const otherProject = found.filter((f) => f.includes("an HTML page (text/html) to the unknown id, the contract's JSON error {code: ") && f.endsWith('to ZAVU_SENDER_OTHER_PROJECT'));
  expect(new Set(otherProject.map((f) => f.split(' ')[1])).size).toBe(3);
}, 120_000);

// An edge that puts its page in place of every 4xx of a sender's path answers every sender alike: nothing told apart.
test('an edge answering every sender, the unknown id among them, with the same page, and the reference server as it is: no form warning', async () => {
  expect(formWarnings(await runBehind(() => true))).toEqual([]);
  const plain = await runBehind(undefined);
  expect(formWarnings(plain)).toEqual([]);
  expect(plain.code).toBe(0);
}, 180_000);
