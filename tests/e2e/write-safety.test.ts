/**
 * Writes are dangerous: against a live target nothing but GET/HEAD leaves the suite unless the
 * user asked for writes, and then only to the writable fixture, and only with a sandbox key. A
 * proxy in front of the reference server records every request it receives.
 * The tests that spawn two writing runs (6-10 s on a quiet machine) may take 90 s: on a loaded
 * 2-core machine two of them ran past Jest's default 30 s, a timeout no behaviour of the suite's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import type { MisbehavingServer } from '../support/misbehaving-servers';
import { passOn, startReferenceProxy } from '../support/reference-proxy';
import { expectOneLineError } from '../support/one-line-error';

let server: ReferenceServer;
let proxy: MisbehavingServer;

beforeEach(async () => {
  server = await startReferenceServer();
  proxy = await startReferenceProxy(server, passOn);
});
afterEach(async () => {
  await proxy.close();
  await server.close();
});

const methods = (): Set<string> => new Set(proxy.requests.map((line) => line.split(' ')[0] ?? ''));

test('without --allow-writes no request other than GET or HEAD reaches a live target; write cases are skipped with the reason', async () => {
  const run = await runConformanceCli(['--base-url', proxy.baseUrl], serverEnv(server));
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(proxy.requests.length).toBeGreaterThan(10);
  expect([...methods()].every((m) => m === 'GET' || m === 'HEAD')).toBe(true);
  const writes = (run.report?.results ?? []).filter((r) => r.operationId !== 'getWhatsAppSyncStatus');
  expect(writes.length).toBeGreaterThan(0);
  expect(writes.every((r) => r.status === 'skipped' && r.skipReason === 'writes not allowed (--allow-writes)')).toBe(true);
  // Loud skips lower the level; the read-only operation alone is fully certified.
  expect(run.report?.certificate?.level).toBe('partial');
});

/** The test env without consent to start syncs on the refused senders (no WABA, not coexistence). */
function withoutRefusedConsent(): Record<string, string> {
  const { ZAVU_SENDER_NO_WABA_WRITABLE: _noWaba, ZAVU_SENDER_NOT_COEXISTENCE_WRITABLE: _notCoexistence, ...env } = serverEnv(server);
  return env;
}

test('with --allow-writes, writes go only to ZAVU_SENDER_SYNCABLE (and to fuzzed ids that name nothing)', async () => {
  const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes'], withoutRefusedConsent());
  expect(run.stderr).toBe('');
  const posts = proxy.requests.filter((line) => line.startsWith('POST '));
  expect(posts.length).toBeGreaterThan(0);
  const fixtures = [...server.senders.coexistence, server.senders.noWaba, server.senders.notCoexistence, server.senders.notActive];
  for (const line of posts) {
    const id = /^POST \/v1\/senders\/([^/]*)\//.exec(line)?.[1];
    expect(fixtures).not.toContain(id);
  }
  expect(posts.some((line) => line.includes(`/${server.senders.syncable}/`))).toBe(true);
  const skipped = (run.report?.results ?? []).filter((r) => r.status === 'skipped');
  expect(skipped.length).toBeGreaterThan(0);
  expect(skipped.every((r) => /^writes go only to ZAVU_SENDER_SYNCABLE|^writes to ZAVU_SENDER_(NO_WABA|NOT_COEXISTENCE) \(.*\) need ZAVU_SENDER_\1_WRITABLE=1/.test(r.skipReason ?? ''))).toBe(true);
  expect(run.code).toBe(0);
});

test('the sender without a WABA and the one not in coexistence mode get starts only with their own consent, and must refuse them', async () => {
  const refused = [server.senders.noWaba, server.senders.notCoexistence];
  const postsTo = (from: number) => proxy.requests.slice(from).filter((line) => line.startsWith('POST ')).map((line) => /^POST \/v1\/senders\/([^/]*)\//.exec(line)?.[1]);
  const before = proxy.requests.length;
  const unconsented = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes'], withoutRefusedConsent());
  expect(unconsented.code).toBe(0);
  expect(postsTo(before).filter((id) => refused.includes(id ?? ''))).toEqual([]);
  const after = proxy.requests.length;
  const consented = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes'], serverEnv(server));
  expect(consented.stderr).toBe('');
  expect(consented.code).toBe(0);
  expect(new Set(postsTo(after).filter((id) => refused.includes(id ?? '')))).toEqual(new Set(refused));
  // Still never the coexistence senders other than the writable one.
  expect(postsTo(after).filter((id) => [...server.senders.coexistence, server.senders.notActive].includes(id ?? ''))).toEqual([]);
  expect((consented.report?.results ?? []).find((r) => r.id === 'startWhatsAppHistorySync/no-waba')?.status).toBe('passed');
}, 90_000);

test("another project's sender gets a start only with --allow-writes AND ZAVU_SENDER_OTHER_PROJECT_WRITABLE=1; its read runs regardless", async () => {
  const { ZAVU_SENDER_OTHER_PROJECT_WRITABLE: _consent, ...withoutConsent } = serverEnv(server);
  const other = `/v1/senders/${server.senders.otherProject}/`;
  const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes'], withoutConsent);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(proxy.requests.filter((line) => line.startsWith('POST ') && line.includes(other))).toEqual([]);
  expect(proxy.requests.some((line) => line.startsWith('GET ') && line.includes(other))).toBe(true);
  const isolation = (run.report?.results ?? []).filter((r) => r.family === 'isolation');
  expect(isolation.map((r) => [r.id, r.status, r.skipReason])).toEqual([
    ['getWhatsAppSyncStatus/other-project-sender-no-credentials', 'passed', undefined],
    ['getWhatsAppSyncStatus/other-project-sender', 'passed', undefined],
    ['getWhatsAppSyncStatus/other-project-sender-trailing-slash', 'passed', undefined],
    ...server.senders.coexistence.map((id) => [`getWhatsAppSyncStatus/own-sender-other-project-key[${id}]`, 'passed', undefined]),
    ['startWhatsAppContactsSync/other-project-sender-no-credentials', 'skipped', `writes to ZAVU_SENDER_OTHER_PROJECT (${server.senders.otherProject}) need ZAVU_SENDER_OTHER_PROJECT_WRITABLE=1 as well as --allow-writes`],
    ['startWhatsAppContactsSync/other-project-sender', 'skipped', `writes to ZAVU_SENDER_OTHER_PROJECT (${server.senders.otherProject}) need ZAVU_SENDER_OTHER_PROJECT_WRITABLE=1 as well as --allow-writes`],
    ['startWhatsAppContactsSync/other-project-sender-trailing-slash', 'skipped', `writes to ZAVU_SENDER_OTHER_PROJECT (${server.senders.otherProject}) need ZAVU_SENDER_OTHER_PROJECT_WRITABLE=1 as well as --allow-writes`],
    // The other project's key starting the key's own writable sender: a write to the run's sandbox, which needs no consent of that sender's.
    ['startWhatsAppContactsSync/own-sender-other-project-key', 'passed', undefined],
    ['startWhatsAppHistorySync/other-project-sender-no-credentials', 'skipped', `writes to ZAVU_SENDER_OTHER_PROJECT (${server.senders.otherProject}) need ZAVU_SENDER_OTHER_PROJECT_WRITABLE=1 as well as --allow-writes`],
    ['startWhatsAppHistorySync/other-project-sender', 'skipped', `writes to ZAVU_SENDER_OTHER_PROJECT (${server.senders.otherProject}) need ZAVU_SENDER_OTHER_PROJECT_WRITABLE=1 as well as --allow-writes`],
    ['startWhatsAppHistorySync/other-project-sender-trailing-slash', 'skipped', `writes to ZAVU_SENDER_OTHER_PROJECT (${server.senders.otherProject}) need ZAVU_SENDER_OTHER_PROJECT_WRITABLE=1 as well as --allow-writes`],
    ['startWhatsAppHistorySync/own-sender-other-project-key', 'passed', undefined],
  ]);

  // With consent (serverEnv gives it: the reference server's other project is its own fake), the starts are sent, and answered 404.
  proxy.requests.length = 0;
  const consented = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes'], serverEnv(server));
  expect(consented.code).toBe(0);
  // Per start: the valid key's (404), the one without credentials (401), and the valid key's on the path with a trailing slash.
  expect(proxy.requests.filter((line) => line.startsWith('POST ') && line.includes(other))).toHaveLength(6);
  // The start's own answer (a sequence's last step may be the owner's read after it, 200).
  const answered = (r: { receivedStatus?: number; steps?: { id: string; receivedStatus?: number }[] }): number | undefined => r.steps?.find((step) => step.id === 'start')?.receivedStatus ?? r.receivedStatus;
  expect((consented.report?.results ?? []).filter((r) => r.family === 'isolation').every((r) => r.status === 'passed' && answered(r) === (r.id.endsWith('-no-credentials') ? 401 : 404))).toBe(true);
}, 90_000);

const ownerReads = (run: { report?: { results: { id: string; steps?: { id: string; status: string }[] }[] } }): string[] =>
  (run.report?.results ?? []).filter((r) => r.id.endsWith('/other-project-sender')).flatMap((r) => (r.steps ?? []).filter((step) => step.id.startsWith('read-owner-')).map((step) => `${r.id}#${step.id} ${step.status}`));

test("the starts to another project's sender are read around by that project's own key (ZAVU_OTHER_PROJECT_API_KEY); without it those reads are left out, a note naming the variable", async () => {
  const { ZAVU_OTHER_PROJECT_API_KEY: otherKey, ...withoutKey } = serverEnv(server);
  expect(otherKey).toBeDefined();
  const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes'], withoutKey);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(ownerReads(run)).toEqual([]);
  expect(run.stdout).toContain(
    "note: 2 cases run without their reads of another project's sender with that project's own key, so a start answered 404 there is not shown to have changed nothing: ZAVU_OTHER_PROJECT_API_KEY is not set (startWhatsAppContactsSync/other-project-sender, startWhatsAppHistorySync/other-project-sender)",
  );
  // The read's own case needs that key for every request to its sender: skipped, saying so (a read of an unknown id alone passed would certify isolation).
  const own = run.report?.results.filter((r) => r.id.startsWith('getWhatsAppSyncStatus/own-sender-other-project-key[')) ?? [];
  expect(own.map((r) => [r.id, r.status, r.skipReason])).toEqual(
    server.senders.coexistence.map((id) => [`getWhatsAppSyncStatus/own-sender-other-project-key[${id}]`, 'skipped', "ZAVU_OTHER_PROJECT_API_KEY is not set: nothing to test (this case's every request to its own sender goes with another project's key)"]),
  );
  // So do the starts' own: the reads of the writable sender with the key, passed without the start between them, would certify isolation.
  const ownStarts = run.report?.results.filter((r) => r.id.endsWith('Sync/own-sender-other-project-key')) ?? [];
  expect(ownStarts.map((r) => [r.id, r.status, r.skipReason])).toEqual(
    ['startWhatsAppContactsSync', 'startWhatsAppHistorySync'].map((operation) => [`${operation}/own-sender-other-project-key`, 'skipped', "ZAVU_OTHER_PROJECT_API_KEY is not set: nothing to test (this case's every start to its own sender goes with another project's key)"]),
  );

  // With the key: two reads per start operation, each passed, and the key itself nowhere.
  proxy.requests.length = 0;
  const keyed = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes'], serverEnv(server));
  expect(keyed.code).toBe(0);
  expect(keyed.stdout).not.toContain('ZAVU_OTHER_PROJECT_API_KEY is not set');
  expect(ownerReads(keyed)).toEqual([
    'startWhatsAppContactsSync/other-project-sender#read-owner-before passed',
    'startWhatsAppContactsSync/other-project-sender#read-owner-after passed',
    'startWhatsAppHistorySync/other-project-sender#read-owner-before passed',
    'startWhatsAppHistorySync/other-project-sender#read-owner-after passed',
  ]);
  // And the read's: the key's own sender read with that key, answered as the unknown id was.
  expect(keyed.report?.results.find((r) => r.id === `getWhatsAppSyncStatus/own-sender-other-project-key[${server.senders.coexistence[0]}]`)?.steps?.map((step) => `${step.id} ${step.status}`)).toEqual(['read-unknown passed', 'read-unknown-as-other-project passed', 'read-as-other-project passed', 'head-unknown-as-other-project passed', 'head-as-other-project passed']);
  // And each start's: the writable sender started with that key after a fresh unknown id, answered as it was, and unchanged.
  for (const operation of ['startWhatsAppContactsSync', 'startWhatsAppHistorySync']) {
    const found = keyed.report?.results.find((r) => r.id === `${operation}/own-sender-other-project-key`);
    expect(found?.steps?.map((step) => `${step.id} ${step.status} ${step.receivedStatus ?? ''}`)).toEqual(['read-before passed 200', 'start-unknown passed 404', 'start passed 404', 'read-after passed 200']);
  }
  expect(JSON.stringify(keyed.report)).toContain('Bearer $ZAVU_OTHER_PROJECT_API_KEY');
  expect(JSON.stringify(keyed.report)).not.toContain(otherKey);

  // Where no start goes to that sender (no consent), the key changes nothing: no read with it, no note.
  const { ZAVU_SENDER_OTHER_PROJECT_WRITABLE: _consent, ...withoutConsent } = serverEnv(server);
  const unconsented = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes'], withoutConsent);
  expect(unconsented.code).toBe(0);
  expect(ownerReads(unconsented)).toEqual([]);
  expect(unconsented.stdout).not.toContain('ZAVU_OTHER_PROJECT_API_KEY is not set');
}, 90_000);

test("the embedded run reads another project's sender with that project's own key around each start to it, with no setting", async () => {
  const run = await runConformanceCli(['--operation', 'startWhatsAppHistorySync', '--fuzz-runs', '0']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(ownerReads(run)).toEqual(['startWhatsAppHistorySync/other-project-sender#read-owner-before passed', 'startWhatsAppHistorySync/other-project-sender#read-owner-after passed']);
});

test('ZAVU_OTHER_PROJECT_API_KEY without a target, equal to the key, or not a bearer token is exit 2 before any request, in one line without the key', async () => {
  const embedded = await runConformanceCli([], { ZAVU_OTHER_PROJECT_API_KEY: 'zv_test_OtherProjectCanary1234' });
  expect(embedded.code).toBe(2);
  expectOneLineError(embedded.stderr, /ZAVU_OTHER_PROJECT_API_KEY is set but no target is/);
  expect(embedded.stderr).not.toContain('OtherProjectCanary');
  const same = await runConformanceCli(['--base-url', proxy.baseUrl], { ...serverEnv(server), ZAVU_OTHER_PROJECT_API_KEY: server.apiKey });
  expect(same.code).toBe(2);
  expectOneLineError(same.stderr, /ZAVU_OTHER_PROJECT_API_KEY is the same key as the API key/);
  expect(same.stderr).not.toContain(server.apiKey);
  const spaced = await runConformanceCli(['--base-url', proxy.baseUrl], { ...serverEnv(server), ZAVU_OTHER_PROJECT_API_KEY: 'zv_test_Other Canary' });
  expect(spaced.code).toBe(2);
  expectOneLineError(spaced.stderr, /ZAVU_OTHER_PROJECT_API_KEY: the key must be visible ASCII without spaces/);
  expect(proxy.requests).toEqual([]);
});

test('--allow-writes with a key that is not a sandbox key is exit 2 before any request', async () => {
  const run = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes'], { ...serverEnv(server), ZAVU_API_KEY: 'zv_live_0123456789abcdef0123456789abcdef' });
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /--allow-live-writes/);
  expect(proxy.requests).toEqual([]);
});

test('a mock server is certified FULL with --mock-target: every write case runs, to every configured sender; without it the same correct mock is PARTIAL by design, and the console names the flag', async () => {
  // The reference server is the correct mock here: the certificate a careful mock's author can reach.
  const before = proxy.requests.length;
  const plain = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes'], serverEnv(server));
  expect(plain.code).toBe(0);
  expect(plain.report?.certificate?.level).toBe('partial');
  expect(plain.report?.runInfo.mockTarget).toBeUndefined();
  expect(JSON.parse(readFileSync(join(plain.reportsDir, 'certificate.json'), 'utf8'))).not.toHaveProperty('mockTarget');
  expect(plain.stdout).toContain('against a mock server, --mock-target runs them');
  const plainPosts = proxy.requests.slice(before).filter((line) => line.startsWith('POST '));
  expect(plainPosts.some((line) => line.includes(`/${server.senders.notActive}/`))).toBe(false);

  // A fresh store: the plain run above started the syncable sender's syncs.
  await proxy.close();
  await server.close();
  server = await startReferenceServer();
  proxy = await startReferenceProxy(server, passOn);
  const mock = await runConformanceCli(['--base-url', proxy.baseUrl, '--allow-writes', '--mock-target'], serverEnv(server));
  expect(mock.stderr).toBe('');
  expect(mock.code).toBe(0);
  expect((mock.report?.results ?? []).filter((r) => r.status === 'skipped').map((r) => r.id)).toEqual([]);
  expect(mock.report?.certificate?.level).toBe('full');
  // That FULL rests on writes to every sender: the report says the target was declared a mock, in its data and on its page,
  // and so does certificate.json, which is read and published alone.
  expect(mock.report?.runInfo).toMatchObject({ allowWrites: true, mockTarget: true });
  expect(JSON.parse(readFileSync(join(mock.reportsDir, 'certificate.json'), 'utf8'))).toMatchObject({ level: 'full', mockTarget: true });
  expect(readFileSync(join(mock.reportsDir, 'conformance.html'), 'utf8')).toContain('the target was declared a mock (--allow-writes --mock-target)');
  // Starts went to every coexistence sender (each is predicted from its own state) and to the not-active one.
  const posted = new Set(proxy.requests.filter((line) => line.startsWith('POST ')).map((line) => /^POST \/v1\/senders\/([^/]*)\//.exec(line)?.[1]));
  for (const id of [...server.senders.coexistence, server.senders.notActive]) expect(posted.has(id)).toBe(true);
  // The sequences keep their witnesses: a start is still checked to change no other sender.
  const startSyncable = (mock.report?.results ?? []).find((r) => r.id === 'startWhatsAppHistorySync/start-syncable');
  expect(JSON.stringify(startSyncable)).toContain('read-other-before[');
}, 90_000);

test('the same mock certified twice without a restart: FULL, then PARTIAL for a 202 never seen, and the second run says why and what to do', async () => {
  const args = ['--base-url', proxy.baseUrl, '--allow-writes', '--mock-target', '--seed', '3'];
  const first = await runConformanceCli(args, serverEnv(server));
  expect(first.code).toBe(0);
  expect(first.report?.certificate?.level).toBe('full');
  expect(first.stdout).not.toContain('never seen');
  // The first run's starts left every startable sync pending: each start is now rightly refused.
  const second = await runConformanceCli(args, serverEnv(server));
  expect(second.code).toBe(0);
  expect(second.report?.certificate?.level).toBe('partial');
  expect(second.stdout).toContain('202 never seen: every request of startWhatsAppContactsSync, startWhatsAppHistorySync was rightly refused by the state read before it');
  expect(second.stdout).toContain('run again on fresh state (a mock restarted');
  expect(readFileSync(join(second.reportsDir, 'summary.md'), 'utf8')).toContain('run again on fresh state (a mock restarted');
}, 90_000);

test('a live target with no ZAVU_SENDER_* variables: the read is PARTIAL, its 200 never seen because its 200 cases were skipped, and the note says that, not a refusal', async () => {
  const run = await runConformanceCli(['--base-url', proxy.baseUrl], { ZAVU_API_KEY: server.apiKey });
  expect(run.code).toBe(0);
  const read = run.report?.certificate?.operations.find((op) => op.operationId === 'getWhatsAppSyncStatus');
  expect(read).toMatchObject({ level: 'partial', unseenSuccess: ['200'] });
  const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
  expect(run.stdout).not.toContain('rightly refused');
  expect(summary).not.toContain('rightly refused');
  expect(run.stdout).toContain('  200 never seen: the cases of getWhatsAppSyncStatus expecting a success were skipped (getWhatsAppSyncStatus/reads-change-nothing: ZAVU_SENDER_COEXISTENCE is not set; getWhatsAppSyncStatus/head-changes-nothing: ZAVU_SENDER_COEXISTENCE is not set; getWhatsAppSyncStatus/unauthenticated-read-changes-nothing: ZAVU_SENDER_COEXISTENCE is not set; +2 more)');
  // summary.md escapes Markdown: ZAVU\_SENDER\_… there.
  expect(summary).toContain('\n  - 200 never seen: the cases of getWhatsAppSyncStatus expecting a success were skipped (getWhatsAppSyncStatus/reads-change-nothing: ZAVU\\_SENDER\\_COEXISTENCE is not set');
});
