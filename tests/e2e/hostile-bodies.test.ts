/**
 * A hostile target cannot exhaust the run, bloat its reports or fool its verdict with the shape
 * of a body: 300,000 undeclared properties, 100,000 nested arrays, an 8 MB error message. A proxy
 * in front of the reference server swaps one answer; the run must end with the documented exit
 * code, name the right check, and write reports of a few hundred KB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { dirBytes } from '../../src/bench/peak-rss';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { coexistenceCaseReads } from '../support/coexistence-case-reads';
import { passOn, startReferenceProxy, type ProxyTarget, type UpstreamAnswer } from '../support/reference-proxy';
import { JSON_LIMITS } from '../../src/checks/support/json-structure';

/**
 * A hostile body may add a little to the reports of the same run against the conformant server
 * (~490 KB for the read-only run's 166 cases), never megabytes: the bound follows the cases the
 * suite has, so a new row grows the reference and not the hostile body's allowance.
 */
const HOSTILE_MARGIN_BYTES = 64 * 1024;

/** Sends `body` instead of the upstream answer; "connection: close" so the slow judging of it cannot leave a stale keep-alive socket behind. */
function answer(status: number, body: string) {
  return (res: ServerResponse): void => void res.writeHead(status, { 'content-type': 'application/json', connection: 'close' }).end(body);
}

async function runAgainst(behave: (res: ServerResponse, up: UpstreamAnswer) => void, targetOf: (server: ReferenceServer) => ProxyTarget) {
  const server = await startReferenceServer();
  const proxy = await startReferenceProxy(server, behave, targetOf(server));
  try {
    const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--fuzz-runs', '0', '--seed', '1'], serverEnv(server), undefined, 90000);
    if (run.report === undefined) throw new Error(`no conformance.json; stderr: ${run.stderr}`);
    const read = (name: string): string => readFileSync(join(run.reportsDir, name), 'utf8');
    return { run, report: run.report, read, bytes: dirBytes(run.reportsDir) };
  } finally {
    await proxy.close();
    await server.close();
  }
}

const ACTIVE = 'getWhatsAppSyncStatus/coexistence[snd_coex_active]';
/** The coexistence case's read of the first coexistence sender, not the sequences that read it with the key first. */
const activeCase = (server: ReferenceServer): ProxyTarget => coexistenceCaseReads(server.senders.coexistence[0] ?? '', server.apiKey);

/** The bytes of the same run's reports when nothing is swapped: what each hostile run's are held to, plus the margin. */
let reportsMaxBytes = 0;
beforeAll(async () => {
  const { run, bytes } = await runAgainst(passOn, activeCase);
  expect(run.code).toBe(0);
  reportsMaxBytes = bytes + HOSTILE_MARGIN_BYTES;
}, 120000);

test('a 200 with 300,000 undeclared properties: 20 warnings kept, 299,980 counted in every report, exit 0', async () => {
  const { run, report, read, bytes } = await runAgainst((res, up) => {
    const body = JSON.parse(up.body) as { sync: Record<string, unknown> };
    for (let i = 0; i < 300000; i += 1) body.sync[`extra${i}`] = i;
    answer(200, JSON.stringify(body))(res);
  }, activeCase);
  expect(run.code).toBe(0);
  const target = report.results.find((r) => r.id === ACTIVE);
  expect(target?.status).toBe('passed');
  expect(target?.violations).toHaveLength(20);
  expect(new Set(target?.violations.map((v) => v.check))).toEqual(new Set(['undocumented-properties']));
  expect(target?.omittedViolations).toEqual([{ check: 'undocumented-properties', severity: 'warning', count: 299980, instancePath: '/sync' }]);
  expect(report.truncation).toEqual({ keptPerCheck: 20, omittedViolations: 299980, results: 1 });
  expect(report.summary.warnings).toBe(300000);
  const line = '+299,980 more undocumented-properties warnings under /sync (counted, not kept)';
  expect(run.stdout).toContain(line);
  expect(read('conformance.html')).toContain(line);
  expect(read('junit.xml')).toContain(line);
  expect(read('summary.md')).toContain('Truncated: 299,980 violations in 1 case counted, not kept');
  expect(bytes).toBeLessThan(reportsMaxBytes);
  expect(run.stdout.length).toBeLessThan(64 * 1024);
}, 120000);

test('100,000 nested arrays: body-too-complex fails the case, nothing crashes, exit 1', async () => {
  const depth = 100000;
  const { run, report, bytes } = await runAgainst(answer(200, `{"sync":${'['.repeat(depth)}${']'.repeat(depth)}}`), activeCase);
  expect(run.code).toBe(1);
  const target = report.results.find((r) => r.id === ACTIVE);
  expect(target?.status).toBe('failed');
  expect(target?.errorMessage).toBeUndefined();
  expect(target?.violations.map((v) => v.check)).toEqual(['body-too-complex']);
  expect(target?.violations[0]?.message).toContain(`nested more than ${JSON_LIMITS.depth} deep`);
  expect(report.summary).toMatchObject({ failed: 1, errors: 0 });
  expect(run.stdout).not.toMatch(/crashed|Maximum call stack/);
  expect(bytes).toBeLessThan(reportsMaxBytes);
}, 120000);

test('an 8 MB error message: cut to an excerpt that states its size, reports stay small, exit 0', async () => {
  const message = `${'m'.repeat(8 * 1024 * 1024 - 3)}end`;
  const { run, report, read, bytes } = await runAgainst(answer(400, JSON.stringify({ code: 'bad_request', message })), (server) => server.senders.noWaba);
  expect(run.code).toBe(0);
  const target = report.results.find((r) => r.id === 'getWhatsAppSyncStatus/no-waba');
  expect(target?.status).toBe('passed');
  const warning = target?.violations.find((v) => v.check === 'error-message-documented');
  expect(warning?.severity).toBe('warning');
  expect(warning?.message).toContain('… (a string of 8388608 chars)');
  expect(warning?.message.length).toBeLessThan(1000);
  for (const name of ['conformance.json', 'conformance.html', 'summary.md', 'junit.xml']) expect(read(name)).not.toContain('m'.repeat(1000));
  expect(bytes).toBeLessThan(reportsMaxBytes);
}, 120000);
