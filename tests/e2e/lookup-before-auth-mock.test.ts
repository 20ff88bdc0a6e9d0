/**
 * A 404 where 401 was due, to an id no sender has, reads two ways in one answer: the sender looked
 * up before authenticating, or no authentication at all. A mock's author needs the one that is
 * true, and the run's other answers tell it (runner/auth-order.ts): a mock that looks senders up
 * first but refuses a known sender's request without credentials 401 is told the order of its
 * checks; a mock that checks no key is told so; a run of that one case alone keeps both. The
 * console, summary.md and conformance.json say the same.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Violation } from '../../src/model';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv, type ConformanceRun } from '../support/conformance-run';
import { forward, notFoundAnswer, passOn, startMockBefore } from '../support/reference-proxy';
import { startScriptedServer, type MisbehavingServer } from '../support/misbehaving-servers';
import { scratchDir } from '../support/scratch-dir';

const CASE = 'getWhatsAppSyncStatus/unknown-sender-no-credentials';
const BOTH = 'the sender was looked up before authenticating, or authentication is not enforced';

/** Every id the reference server knows is looked up first; any other is answered 404 whatever the credentials. */
function startLookupFirstMock(server: ReferenceServer): Promise<MisbehavingServer> {
  const known = new Set(Object.values(server.senders).flat());
  return startMockBefore(server, (req) => {
    const id = /^\/v1\/senders\/([^/?;]+)/.exec(req.url ?? '')?.[1];
    return id !== undefined && !known.has(id) ? notFoundAnswer('Sender not found') : undefined;
  });
}

/** The documented no_waba refusal (the contract's own words), as a hand-written handler sends it. */
const NO_WABA_REFUSAL = { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'bad_request', message: 'Sender does not have a WhatsApp Business Account connected' }) };

/**
 * A mock that checks the sender before the key: a request without valid credentials to the sender
 * without a WhatsApp Business Account is refused no_waba (400); every other is the reference
 * server's, which refuses a coexistence sender without credentials 401.
 */
function startChecksFirstMock(server: ReferenceServer): Promise<MisbehavingServer> {
  const noWaba = `/v1/senders/${server.senders.noWaba}/`;
  return startMockBefore(server, (req) => ((req.url ?? '').startsWith(noWaba) && req.headers.authorization !== `Bearer ${server.apiKey}` ? NO_WABA_REFUSAL : undefined));
}

/** A mock that checks no key: every request is answered as the key's own. */
function startKeylessMock(server: ReferenceServer): Promise<MisbehavingServer> {
  return startScriptedServer((req, res) => {
    req.headers.authorization = `Bearer ${server.apiKey}`;
    forward(server, req).then(
      (answer) => passOn(res, answer),
      (error: Error) => res.writeHead(502).end(`mock: ${error.message}`),
    );
  });
}

/** How each reading's story begins: as much as summary.md keeps of a long Received part, and enough to tell them apart. */
const HEADS = ['authentication after loo', 'authentication not enfor', 'the sender was looked up'];

/**
 * The case's story in conformance.json, which the console says whole and summary.md begins (it cuts
 * a long Received part, in the case's line or its fault's), no other reading's beside it.
 */
function storyOf(run: ConformanceRun): string {
  const violation = run.report?.results.find((r) => r.id === CASE)?.violations.find((v) => v.check === 'status-code-expected');
  const message = violation?.message ?? '';
  const story = /^Received: 404 \((.*)\) \/ Expected: 401/.exec(message)?.[1] ?? `no 404 story in ${message}`;
  expectEvidenceHeld(violation, story.startsWith(BOTH));
  expect(run.stdout).toContain(story);
  const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
  for (const head of HEADS) {
    if (story.startsWith(head)) expect(summary).toContain(`Received: 404 (${head}`);
    else expect(summary).not.toContain(`Received: 404 (${head}`);
  }
  return story;
}

/**
 * A reading's evidence as conformance.json keeps it (scrubbed, written and read back): words its
 * message holds as they are, quoting the exchange named, by which the failure digest sets them aside
 * (a field whose words the message lost would be read by older words); none while both readings are kept.
 */
function expectEvidenceHeld(violation: Violation | undefined, bothKept: boolean): void {
  if (bothKept) {
    expect(violation?.shownBy).toBeUndefined();
    return;
  }
  const shownBy = violation?.shownBy;
  expect(shownBy).toBeDefined();
  expect(violation?.message).toContain(shownBy?.words);
  expect(shownBy?.words).toContain(`"${shownBy?.exchange ?? '?'}"`);
}

const readOnly = ['--fuzz-runs', '0', '--seed', '1', '--operation', 'getWhatsAppSyncStatus'];

const NO_WABA_CASE = 'getWhatsAppSyncStatus/no-waba-no-credentials';
const CHECKED_BOTH = 'the sender was checked before authenticating, or authentication is not enforced';
const REFUSAL = 'refused as the documented 400 no_waba ("Sender does not have a WhatsApp Business Account connected") without valid credentials, so the sender\'s state leaks to unauthenticated callers';

/** How each reading of the 400 begins: as much as summary.md keeps of a long Received part (as HEADS), and enough to tell them apart. */
const REFUSAL_HEADS = ['authentication after the', 'authentication not enfor', CHECKED_BOTH.slice(0, 24)];

/** The no-WABA read's 400 story (its `read` step), said alike by conformance.json, the console and summary.md (its head). */
function refusalStoryOf(run: ConformanceRun): string {
  const violation = run.report?.results.find((r) => r.id === NO_WABA_CASE)?.violations.find((v) => v.check === 'status-code-expected' && v.step === 'read');
  const message = violation?.message ?? '';
  const story = /^Received: 400 \((.*)\) \/ Expected: 401/.exec(message)?.[1] ?? `no 400 story in ${message}`;
  expectEvidenceHeld(violation, story.startsWith(CHECKED_BOTH));
  expect(run.stdout).toContain(story);
  const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
  for (const head of REFUSAL_HEADS) {
    if (story.startsWith(head)) expect(summary).toContain(`Received: 400 (${head}`);
    else expect(summary).not.toContain(`Received: 400 (${head}`);
  }
  return story;
}

test('a mock that looks senders up before authenticating, but refuses a known sender 401: told the order of its checks, a 401 of the run named', async () => {
  const run = await runAgainst(startLookupFirstMock);
  expect(run.code).toBe(1);
  expect(storyOf(run)).toMatch(/^authentication after lookup \("getWhatsAppSyncStatus\/[^"]+", sent without credentials, was refused 401 in this run: the target authenticates, but only once it has looked the sender up\): sender ids can be enumerated$/);
}, 120_000);

test('a mock that checks no key: told authentication is not enforced, as no request of the run was refused 401', async () => {
  const run = await runAgainst(startKeylessMock);
  expect(run.code).toBe(1);
  expect(storyOf(run)).toMatch(/^authentication not enforced \(no request of this run sent without credentials was refused 401, and "getWhatsAppSyncStatus\/[^"]+" was served\): sender ids can be enumerated$/);
}, 120_000);

interface Row {
  id: string;
  steps?: { id: string; expect?: { predict?: unknown } }[];
}

/** A copy of the shipped operations with the read's rows edited by `edit` (removed after the file). */
function readRowsEdited(edit: (rows: Row[]) => Row[]): string {
  const operations = scratchDir('zavu-read-rows-');
  cpSync(join(__dirname, '../../operations'), operations, { recursive: true });
  const file = join(operations, 'getWhatsAppSyncStatus', 'scenarios.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { scenarios: Row[] };
  writeFileSync(file, JSON.stringify({ ...data, scenarios: edit(data.scenarios) }));
  return operations;
}

/**
 * A read-only run against `startMock`'s mock in front of a reference server (`edit`: the read's rows
 * edited first, --operations pointing at the copy), both stopped after; a run that printed nothing
 * on stderr, or the test fails here.
 */
async function runAgainst(startMock: (server: ReferenceServer) => Promise<MisbehavingServer>, edit?: (rows: Row[]) => Row[]): Promise<ConformanceRun> {
  const server = await startReferenceServer();
  const mock = await startMock(server);
  try {
    const operations = edit === undefined ? [] : ['--operations', readRowsEdited(edit)];
    const run = await runConformanceCli(['--base-url', mock.baseUrl, ...operations, ...readOnly], serverEnv(server));
    expect(run.stderr).toBe('');
    return run;
  } finally {
    await mock.close();
    await server.close();
  }
}

test('that one case alone: nothing else tells, both readings kept', async () => {
  // The shipped operations with the read's rows cut to the one case: a run scoped to it.
  const run = await runAgainst(startLookupFirstMock, (rows) => rows.filter((row) => row.id === 'unknown-sender-no-credentials'));
  expect(run.report?.results.map((r) => r.id)).toEqual([CASE]);
  expect(storyOf(run)).toBe(`${BOTH}: sender ids can be enumerated`);
}, 120_000);

test('a mock that checks the sender before authenticating, but refuses a coexistence sender without credentials 401: its 400 told the order of its checks, a 401 of the run named', async () => {
  const run = await runAgainst(startChecksFirstMock);
  expect(run.code).toBe(1);
  const story = refusalStoryOf(run);
  expect(story).toMatch(/^authentication after the sender's checks \("getWhatsAppSyncStatus\/[^"]+", sent without credentials, was refused 401 in this run: the target authenticates, but only once it has checked the sender\): /);
  expect(story.endsWith(`: ${REFUSAL}`)).toBe(true);
  // Never its own exchange (--repeat reuses ids).
  expect(story).not.toContain(`"${NO_WABA_CASE}#read"`);
}, 120_000);

test('a mock that checks no key: its documented no_waba refusal where 401 was due told authentication is not enforced, as no request of the run was refused 401', async () => {
  // The no-WABA row's read alone: as shipped, its unknown id's 404 before it stops the case (a keyless mock answers it so).
  const run = await runAgainst(startKeylessMock, (rows) =>
    rows.map((row) => (row.id !== 'no-waba-no-credentials' ? row : { ...row, steps: (row.steps ?? []).filter((step) => step.id === 'read').map((step) => ({ ...step, expect: { ...step.expect, predict: undefined } })) })),
  );
  expect(run.code).toBe(1);
  const story = refusalStoryOf(run);
  expect(story).toMatch(/^authentication not enforced \(no request of this run sent without credentials was refused 401, and "getWhatsAppSyncStatus\/[^"]+" was served\): /);
  expect(story.endsWith(`: ${REFUSAL}`)).toBe(true);
}, 120_000);
