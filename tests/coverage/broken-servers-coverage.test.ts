/**
 * Against the oracle-style broken servers (tests/support), coverage is exact: each breach changes
 * precisely the figures it touches, measured against the same run on the reference server.
 */
import type { ConformanceReport, OperationCoverage } from '../../src/model';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { BROKEN_SERVERS, startBrokenServer } from '../support/broken-servers';
import { againstServer } from '../support/conformance-run';

const only = ['--operation', 'getWhatsAppSyncStatus'];

async function coverageOf(start: () => Promise<ReferenceServer>): Promise<{ report: ConformanceReport; read: OperationCoverage }> {
  const server = await start();
  try {
    const run = await againstServer(server, only);
    expect(run.stderr).toBe('');
    const report = run.report!;
    return { report, read: report.coverage!.operations[0]! };
  } finally {
    await server.close();
  }
}

const broken = (name: string) => () => startBrokenServer(BROKEN_SERVERS.find((b) => b.name === name)!);

/**
 * The 200 answers a run's cases got (the negative property's are not counted live), a HEAD's left
 * out: it has no body, and is not an answer of the operation's documented method. Counted in the
 * run itself, not taken from the reference's: a sequence whose first read fails sends no read
 * after it (reads-change-nothing, unauthenticated-read-changes-nothing), so a broken server gets
 * fewer reads than the reference does.
 */
function answers200(report: ConformanceReport): number {
  return report.results
    .filter((r) => r.fuzzed === undefined)
    .reduce((sum, r) => sum + (r.steps === undefined ? Number(r.receivedStatus === 200) : r.steps.filter((step) => step.receivedStatus === 200 && !step.operation.startsWith('HEAD ')).length), 0);
}

let reference: Awaited<ReturnType<typeof coverageOf>>;
beforeAll(async () => {
  reference = await coverageOf(() => startReferenceServer());
}, 60_000);

test('the reference: every status, both error examples and every enum value of the read', () => {
  expect(reference.read.statuses.seen).toEqual(['200', '400', '401', '404']);
  // Every 200 body carries sync.contacts: its optional requestedAt is counted once per 200 answer.
  const contacts = reference.read.optional.find((o) => o.path === 'sync.contacts.requestedAt' && o.status === '200')!;
  expect(contacts.present + contacts.absent + contacts.null).toBe(answers200(reference.report));
  expect(reference.read.errorExamples.matched).toEqual(['400 no_waba', '400 not_coexistence']);
  expect(reference.report.coverage?.totals.enums).toEqual({ seen: 14, total: 14, percent: 100 });
});

test('not-coexistence-returns-404: exactly the not_coexistence example is lost; 400 is still seen (no_waba)', async () => {
  const { report, read } = await coverageOf(broken('not-coexistence-returns-404'));
  expect(read.errorExamples.matched).toEqual(['400 no_waba']);
  expect(read.statuses.seen).toEqual(['200', '400', '401', '404']);
  expect(report.coverage?.totals.errors).toEqual({ seen: 1, total: 2, percent: 50 });
  expect(report.coverage?.totals.enums).toEqual(reference.report.coverage?.totals.enums);
}, 60_000);

test('unknown-account-status: no sync.status value is seen, and every 200 answer counts one value outside the enum', async () => {
  const { report, read } = await coverageOf(broken('unknown-account-status'));
  const site = read.enums.find((e) => e.path === 'sync.status')!;
  expect(site.seen).toEqual([]);
  expect(site.outside).toBe(answers200(report));
  expect(site.outside).toBeGreaterThan(0);
  expect(report.coverage?.enums.find((e) => e.definition === 'WhatsAppSyncStatus.status')).toMatchObject({ seen: [], outside: site.outside });
  expect(report.coverage?.totals.enums).toEqual({ seen: 9, total: 14, percent: 64.2 });
  // The value itself is a response-schema violation; coverage never stores it.
  // (As a value it would read \"connected\"; the word alone is in a documented error message.)
  expect(JSON.stringify(report.coverage)).not.toContain('\\"connected\\"');
}, 60_000);

test('truncated-json: the 200 bodies that do not parse are counted as not walked, and show no enum value', async () => {
  const { report, read } = await coverageOf(broken('truncated-json'));
  expect(read.unwalked).toBe(answers200(report));
  expect(read.unwalked).toBeGreaterThan(0);
  expect(read.statuses.seen).toEqual(['200', '400', '401', '404']);
  expect(report.coverage?.totals.enums).toEqual({ seen: 0, total: 14, percent: 0 });
}, 60_000);
