/**
 * Planning: one case per row (or per fixture of a many-role), ids "operationId/scenarioId[fixture]",
 * a case that cannot run planned as skipped with its reason, and write safety on a live target:
 * no write without --allow-writes, and with it only to the writable sender (or a fuzzed id).
 */
import type { OperationContract, PlannedCase, Scenario } from '../../src/model';
import { isWriteSafetySkip } from '../../src/model/result';
import { bindFixtures, type RoleValues } from '../../src/registry/bind-fixtures';
import type { Registry } from '../../src/registry/load-registry';
import { planCase, planCases, uncomparedRefusals, unreadByOwner } from '../../src/registry/plan-cases';
import { operations, registry, row } from '../support/shipped-contract';

const GET = 'getWhatsAppSyncStatus';
const HISTORY = 'startWhatsAppHistorySync';
const NO_WRITES = 'writes not allowed (--allow-writes)';
const onlyToSyncable = (value: string) => `writes go only to ZAVU_SENDER_SYNCABLE (this case would write to ${value})`;
/** The skip of a start to a refused sender (no WABA, not coexistence) without its own consent. */
const needsOwnConsent = (role: 'NO_WABA' | 'NOT_COEXISTENCE', value: string) => `writes to ZAVU_SENDER_${role} (${value}) need ZAVU_SENDER_${role}_WRITABLE=1 as well as --allow-writes`;

const LIVE_ENV = {
  ZAVU_SENDER_COEXISTENCE: 'snd_a, snd_b',
  ZAVU_SENDER_NO_WABA: 'snd_n',
  ZAVU_SENDER_NOT_COEXISTENCE: 'snd_c',
  ZAVU_SENDER_NOT_ACTIVE: 'snd_i',
  ZAVU_SENDER_SYNCABLE: 'snd_s',
  ZAVU_SENDER_UNKNOWN: 'snd_u',
  ZAVU_SENDER_OTHER_PROJECT: 'snd_o',
};
const CONSENT = 'ZAVU_SENDER_OTHER_PROJECT_WRITABLE';
const OWNER_KEY_ONLY = "ZAVU_OTHER_PROJECT_API_KEY is not set: nothing to test (this case's every request to its own sender goes with another project's key)";
const needsConsent = (value: string) => `writes to ZAVU_SENDER_OTHER_PROJECT (${value}) need ${CONSENT}=1 as well as --allow-writes`;

function live(env: Record<string, string>, allowWrites: boolean, only?: string[]): PlannedCase[] {
  return planCases({ registry, operations, bound: bindFixtures(registry, { embedded: false, env }), embedded: false, allowWrites, ...(only ? { only } : {}) });
}

/** id → skip reason ("runs" when none) of one operation's cases. */
function reasons(cases: readonly PlannedCase[], operationId: string): Record<string, string> {
  return Object.fromEntries(cases.filter((c) => c.operationId === operationId).map((c) => [c.id, c.skipReason ?? 'runs']));
}

const writeOperations = [...operations.values()].filter((o) => o.writes).map((o) => o.operationId);

test('the spec has write operations to keep safe: the two starts', () => {
  expect(writeOperations.sort()).toEqual(['startWhatsAppContactsSync', 'startWhatsAppHistorySync']);
});

describe('ids and steps', () => {
  const cases = planCases({ registry, operations, bound: bindFixtures(registry, { embedded: true, env: {} }), embedded: true, allowWrites: false });

  test('"operationId/scenarioId", and one case per fixture of a many-role, "[fixture]" appended', () => {
    const ids = cases.filter((c) => c.operationId === GET).map((c) => c.id);
    const senders = ['snd_coex_active', 'snd_coex_fresh', 'snd_coex_syncing', 'snd_coex_pending_verification', 'snd_coex_pending_registration', 'snd_coex_disconnected', 'snd_coex_error'];
    // The reads that must change nothing come first: each sender's first read of the run is theirs.
    expect(ids.slice(0, 7)).toEqual(senders.map((id) => `getWhatsAppSyncStatus/reads-change-nothing[${id}]`));
    // A HEAD with the key between two reads: no read without credentials in it, so a test server still tells the coexistence case's reads by their order.
    expect(ids.slice(7, 14)).toEqual(senders.map((id) => `getWhatsAppSyncStatus/head-changes-nothing[${id}]`));
    expect(ids.slice(14, 21)).toEqual(senders.map((id) => `getWhatsAppSyncStatus/unauthenticated-read-changes-nothing[${id}]`));
    expect(ids.slice(21, 29)).toEqual([
      ...senders.map((id) => `getWhatsAppSyncStatus/coexistence[${id}]`),
      // A role with one value is not expanded: the id stays the row's.
      'getWhatsAppSyncStatus/no-waba',
    ]);
    expect(ids).toHaveLength(7 + 7 + 7 + 7 + 44 + 7);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  test('a step predicted from a witness read left out keeps its own expectation (no-credentials bound to the unknown id has no other to be compared with)', () => {
    const bare = planCases({ registry, operations, bound: bindFixtures(registry, { embedded: false, env: { ZAVU_API_KEY: 'zv_test_k' } }), embedded: false, allowWrites: false });
    const noKey = bare.find((c) => c.id === 'getWhatsAppSyncStatus/no-credentials');
    expect(noKey?.steps.map((s) => [s.id, s.expect.status, s.expect.predict])).toEqual([['read', 401, undefined]]);
    // With a sender to read, the unknown id is read first and the sender's answer predicted from it.
    expect(cases.find((c) => c.id === 'getWhatsAppSyncStatus/no-credentials')?.steps.map((s) => [s.id, s.expect.predict?.model])).toEqual([['read-unknown', undefined], ['read', 'answers-as-unknown']]);
  });

  test('a single-request row is one step, "request", with the row\'s auth, expectation and path values', () => {
    const noWaba = cases.find((c) => c.id === 'getWhatsAppSyncStatus/no-waba');
    expect(noWaba?.params).toEqual({ senderId: 'snd_sms_no_waba' });
    expect(noWaba?.steps).toEqual([{ id: 'request', operationId: GET, auth: 'valid', expect: row(GET, 'no-waba').expect }]);
    expect(noWaba?.writes).toBe(false);
    expect(cases.find((c) => c.id === 'getWhatsAppSyncStatus/unknown-sender-no-credentials')?.steps.map((s) => s.auth)).toEqual(['none']);
  });

  test('a sequence: each step on its own operation (the row\'s by default), all on the same fixture; it writes when any step does', () => {
    const sequence = cases.find((c) => c.id === 'startWhatsAppHistorySync/start-predicted[snd_coex_fresh]');
    // Every step is sent with the case's one set of path values: the same fixture throughout.
    expect(sequence?.params).toEqual({ senderId: 'snd_coex_fresh' });
    expect(sequence?.steps.map((s) => [s.id, s.operationId, s.auth])).toEqual([
      ['read-before', GET, 'valid'],
      ['start', HISTORY, 'valid'],
      ['read-after', GET, 'valid'],
      ['start-again', HISTORY, 'valid'],
      ['read-after-again', GET, 'valid'],
    ]);
    expect(sequence?.writes).toBe(true);
  });

  test('a fuzzed row binds nothing: its parameter is generated at run time', () => {
    const fuzzed = cases.find((c) => c.id === 'startWhatsAppHistorySync/negative-inputs');
    expect(fuzzed?.params).toEqual({});
    expect(fuzzed?.writes).toBe(true);
  });
});

describe('skipped for a missing fixture', () => {
  test('one case, no fixture suffix, the reason naming the variable', () => {
    const bound = bindFixtures(registry, { embedded: false, env: {} });
    const cases = live({}, false, [GET]);
    const missing = (bound.get('noWaba') as Extract<RoleValues, { missing: string }>).missing;
    const noWaba = cases.find((c) => c.id === 'getWhatsAppSyncStatus/no-waba');
    expect(noWaba?.skipReason).toBe(missing);
    expect(noWaba?.skipReason).toMatch(/^ZAVU_SENDER_NO_WABA is not set/);
    expect(noWaba?.params).toEqual({});
    // A many-role that is not set is not expanded over nothing: it is one skipped case.
    expect(cases.filter((c) => c.id.startsWith('getWhatsAppSyncStatus/coexistence')).map((c) => [c.id, c.skipReason])).toEqual([['getWhatsAppSyncStatus/coexistence', expect.stringMatching(/^ZAVU_SENDER_COEXISTENCE is not set/)]]);
    // Rows over the generated unknown id, and fuzzed rows, need nothing configured.
    expect(cases.find((c) => c.id === 'getWhatsAppSyncStatus/unknown-sender')?.skipReason).toBeUndefined();
    expect(cases.find((c) => c.id === 'getWhatsAppSyncStatus/negative-inputs')?.skipReason).toBeUndefined();
  });

  test('a live case over a many-role expands over the configured values', () => {
    const ids = live(LIVE_ENV, false, [GET]).map((c) => c.id);
    expect(ids.filter((id) => id.startsWith('getWhatsAppSyncStatus/coexistence'))).toEqual(['getWhatsAppSyncStatus/coexistence[snd_a]', 'getWhatsAppSyncStatus/coexistence[snd_b]']);
  });
});

describe('witness reads (a step with a path of its own)', () => {
  const witnessesOf = (cases: readonly PlannedCase[]) => {
    const sequence = cases.find((c) => c.id === `${HISTORY}/start-syncable`);
    return { skipReason: sequence?.skipReason, steps: Object.fromEntries((sequence?.steps ?? []).map((s) => [s.id, s.params?.['senderId'] ?? '(the case\'s)'])) };
  };

  test('read every coexistence sender that no write goes to, each before and after; every other step uses the case\'s own', () => {
    const witnesses = witnessesOf(live(LIVE_ENV, true));
    expect(witnesses).toEqual({
      skipReason: undefined,
      steps: {
        'read-before': "(the case's)",
        'read-other-before[snd_a]': 'snd_a',
        'read-other-before[snd_b]': 'snd_b',
        start: "(the case's)",
        'read-after': "(the case's)",
        'read-other-after[snd_a]': 'snd_a',
        'read-other-after[snd_b]': 'snd_b',
        'start-again': "(the case's)",
        'read-after-again': "(the case's)",
        'read-other-after-again[snd_a]': 'snd_a',
        'read-other-after-again[snd_b]': 'snd_b',
      },
    });
    // In the order sent, and each read after is predicted from the read before of the same sender.
    const sequence = live(LIVE_ENV, true).find((c) => c.id === `${HISTORY}/start-syncable`);
    expect(sequence?.steps.map((s) => s.id)).toEqual(Object.keys(witnesses.steps));
    expect(sequence?.steps.filter((s) => s.id.startsWith('read-other-after')).map((s) => s.expect.predict?.from)).toEqual(['read-other-before[snd_a]', 'read-other-before[snd_b]', 'read-other-after[snd_a]', 'read-other-after[snd_b]']);
    // In the order of their ids, whatever the order configured.
    expect(Object.keys(witnessesOf(live({ ...LIVE_ENV, ZAVU_SENDER_COEXISTENCE: 'snd_b, snd_a' }, true)).steps).filter((id) => id.startsWith('read-other-before'))).toEqual(['read-other-before[snd_a]', 'read-other-before[snd_b]']);
    // The writable sender listed among the coexistence ones is passed over: it is the one written to.
    expect(Object.keys(witnessesOf(live({ ...LIVE_ENV, ZAVU_SENDER_COEXISTENCE: 'snd_s, snd_b' }, true)).steps).filter((id) => id.startsWith('read-other'))).toEqual(['read-other-before[snd_b]', 'read-other-after[snd_b]', 'read-other-after-again[snd_b]']);
  });

  test("a start to the unknown id whose answer another is compared with goes, live, only to a fresh id that names no sender", () => {
    const stepsOf = (env: Record<string, string>) => live(env, true).find((c) => c.id === `${HISTORY}/no-credentials`)?.steps.map((s) => [s.id, s.params?.['senderId'] ?? "(the case's)", s.expect.predict?.model ?? 'stated']);
    const { ZAVU_SENDER_UNKNOWN: _configured, ...env } = LIVE_ENV;
    const [first, second] = stepsOf(env) ?? [];
    expect(first?.[0]).toBe('start-unknown');
    expect(first?.[1]).toMatch(/^snd_/);
    expect(second).toEqual(['start', "(the case's)", 'answers-as-unknown']);
    // A configured unknown id is someone's choice: the start to it is left out, and the row keeps its own 401.
    expect(stepsOf(LIVE_ENV)).toEqual([['start', "(the case's)", 'stated']]);
  });

  test('a start refused as not found is witnessed too: every coexistence sender read before it and after, the read after predicted unchanged (a 404 whose update lost its sender filter starts the project)', () => {
    const { ZAVU_SENDER_UNKNOWN: _configured, ...env } = LIVE_ENV;
    for (const operationId of writeOperations) {
      const sequence = live(env, true).find((c) => c.id === `${operationId}/unknown-sender`);
      expect(sequence?.skipReason).toBeUndefined();
      expect(sequence?.steps.map((s) => [s.id, s.params?.['senderId'] ?? "(the case's)", s.expect.predict?.model ?? s.expect.status])).toEqual([
        ['read-other-before[snd_a]', 'snd_a', 200],
        ['read-other-before[snd_b]', 'snd_b', 200],
        ['start', "(the case's)", 404],
        ['read-after', "(the case's)", 404],
        ['read-other-after[snd_a]', 'snd_a', 'witness-unchanged'],
        ['read-other-after[snd_b]', 'snd_b', 'witness-unchanged'],
      ]);
      expect(sequence?.steps.filter((s) => s.id.startsWith('read-other-after')).map((s) => s.expect.predict?.from)).toEqual(['read-other-before[snd_a]', 'read-other-before[snd_b]']);
    }
  });

  test("a start to another project's sender, refused as not found, is followed by a read of it: still not the key's to see (a refused start's upsert must not hand the key that sync)", () => {
    const { ZAVU_SENDER_UNKNOWN: _configured, ...env } = LIVE_ENV;
    for (const operationId of writeOperations) {
      const sequence = live({ ...env, [CONSENT]: '1' }, true).find((c) => c.id === `${operationId}/other-project-sender`);
      expect(sequence?.skipReason).toBeUndefined();
      expect(sequence?.steps.map((s) => [s.id, s.operationId, s.params?.['senderId'] ?? "(the case's)", s.expect.status])).toEqual([
        ['start-unknown', operationId, expect.stringMatching(/^snd_/), 404],
        ['start', operationId, "(the case's)", 404],
        ['read-after', GET, "(the case's)", 404],
      ]);
    }
  });

  test("the concurrent starts' own sender, set apart, is a witness of the writable sender's starts: read before and after each, predicted unchanged; its own case never reads itself", () => {
    const env = { ...LIVE_ENV, ZAVU_SENDER_SYNCABLE_CONCURRENT: 'snd_k' };
    const cases = live(env, true);
    for (const operationId of writeOperations) {
      const steps = (id: string) => cases.find((c) => c.id === `${operationId}/${id}`)?.steps.filter((s) => s.id.startsWith('read-concurrent-')).map((s) => [s.id, s.operationId, s.params?.['senderId'], s.expect.predict?.model ?? s.expect.status, s.expect.predict?.from]);
      expect(steps('start-syncable')).toEqual([
        ['read-concurrent-before', GET, 'snd_k', 200, undefined],
        ['read-concurrent-after', GET, 'snd_k', 'witness-unchanged', 'read-concurrent-before'],
        ['read-concurrent-after-again', GET, 'snd_k', 'witness-unchanged', 'read-concurrent-after'],
      ]);
      expect(steps('unauthenticated-start-changes-nothing')).toEqual([
        ['read-concurrent-before', GET, 'snd_k', 200, undefined],
        ['read-concurrent-after', GET, 'snd_k', 'witness-unchanged', 'read-concurrent-before'],
      ]);
      // The coexistence witnesses stay as they were beside it.
      expect(cases.find((c) => c.id === `${operationId}/start-syncable`)?.steps.filter((s) => s.id.startsWith('read-other-')).map((s) => s.id)).toHaveLength(6);
      // Its own case writes to it, and reads it as its own sender, never as a witness.
      const own = cases.find((c) => c.id === `${operationId}/concurrent-starts`);
      expect(own?.params).toEqual({ senderId: 'snd_k' });
      expect(own?.steps.map((s) => s.id)).toEqual(['read-before', 'start', 'read-after']);
    }
  });

  test("the concurrent starts' sender is read only as a witness of a case that sends no write to it, in a case that runs alone (writes are never run at once), so no start of its own falls between its two reads", () => {
    const cases = live({ ...LIVE_ENV, ZAVU_SENDER_SYNCABLE_CONCURRENT: 'snd_k' }, true);
    const witnessing = cases.filter((c) => c.steps.some((s) => s.params?.['senderId'] === 'snd_k'));
    expect(witnessing.map((c) => c.id).sort()).toEqual(writeOperations.flatMap((o) => [`${o}/start-syncable`, `${o}/unauthenticated-start-changes-nothing`]).sort());
    for (const c of witnessing) {
      expect(c.writes).toBe(true);
      expect(Object.values(c.params)).not.toContain('snd_k');
      // Every request to it is a GET of the status.
      expect(c.steps.filter((s) => s.params?.['senderId'] === 'snd_k').every((s) => s.operationId === GET && s.method === undefined)).toBe(true);
    }
    // The cases that write to it are its concurrent starts alone.
    expect(cases.filter((c) => Object.values(c.params).includes('snd_k')).map((c) => c.id).sort()).toEqual(writeOperations.map((o) => `${o}/concurrent-starts`).sort());
  });

  test("listed in ZAVU_SENDER_COEXISTENCE too, the concurrent starts' sender is still theirs alone: the coexistence starts to it are skipped (so the concurrent starts meet parts no earlier start has started), its reads run", () => {
    const cases = live({ ...LIVE_ENV, ZAVU_SENDER_COEXISTENCE: 'snd_a,snd_k', ZAVU_SENDER_SYNCABLE_CONCURRENT: 'snd_k' }, true);
    const running = cases.filter((c) => c.skipReason === undefined);
    // No case that runs writes to it but the concurrent starts.
    expect(running.filter((c) => c.writes && Object.values(c.params).includes('snd_k')).map((c) => c.id).sort()).toEqual(writeOperations.map((o) => `${o}/concurrent-starts`).sort());
    for (const operationId of writeOperations) {
      const skipped = cases.find((c) => c.id === `${operationId}/start-predicted[snd_k]`)?.skipReason;
      expect(skipped).toBe('set apart: ZAVU_SENDER_SYNCABLE_CONCURRENT (snd_k) is written to only by the cases bound to it, so they meet a sender no earlier write of the run has touched; listed in ZAVU_SENDER_COEXISTENCE too, it is only read there (list another sender there to run this)');
      // Not a rule of write safety: --mock-target skips it too, so partialByDesign's "a live run
      // certifies no more; --mock-target runs them" would be untrue of it (a mock left PARTIAL told
      // to pass the flag it was given). The certificate lists it as a family certified without it.
      expect(isWriteSafetySkip(skipped)).toBe(false);
      expect(cases.find((c) => c.id === `${operationId}/start-predicted[snd_a]`)?.skipReason).toBe(onlyToSyncable('snd_a'));
    }
    // Its coexistence reads change nothing, and run.
    expect(reasons(cases, GET)[`${GET}/coexistence[snd_k]`]).toBe('runs');
    // Without --allow-writes, "writes not allowed" is its reason first, as any write's.
    expect(live({ ...LIVE_ENV, ZAVU_SENDER_COEXISTENCE: 'snd_a,snd_k', ZAVU_SENDER_SYNCABLE_CONCURRENT: 'snd_k' }, false).find((c) => c.id === `${HISTORY}/start-predicted[snd_k]`)?.skipReason).toBe(NO_WRITES);
    // Set to the writable sender itself, it is not set apart: a coexistence list naming that sender writes to it as before.
    const same = live({ ...LIVE_ENV, ZAVU_SENDER_COEXISTENCE: 'snd_a,snd_s', ZAVU_SENDER_SYNCABLE_CONCURRENT: 'snd_s' }, true);
    expect(same.find((c) => c.id === `${HISTORY}/start-predicted[snd_s]`)?.skipReason).toBeUndefined();
  });

  test("unset, or set to the writable sender itself, the concurrent starts' sender is no witness, and the coexistence witnesses stay", () => {
    for (const env of [LIVE_ENV, { ...LIVE_ENV, ZAVU_SENDER_SYNCABLE_CONCURRENT: 'snd_s' }]) {
      for (const operationId of writeOperations) {
        for (const id of ['start-syncable', 'unauthenticated-start-changes-nothing']) {
          const steps = live(env, true).find((c) => c.id === `${operationId}/${id}`)?.steps.map((s) => s.id) ?? [];
          expect(steps.filter((s) => s.startsWith('read-concurrent-'))).toEqual([]);
          expect(steps.filter((s) => s.startsWith('read-other-before'))).toEqual(['read-other-before[snd_a]', 'read-other-before[snd_b]']);
        }
      }
    }
  });

  test("a read-only run sends none of it: the cases that read the concurrent starts' sender as a witness are write cases, skipped", () => {
    const cases = live({ ...LIVE_ENV, ZAVU_SENDER_SYNCABLE_CONCURRENT: 'snd_k' }, false);
    const witnessing = cases.filter((c) => c.steps.some((s) => s.id.startsWith('read-concurrent-')));
    expect(witnessing.length).toBe(4);
    expect(witnessing.map((c) => c.skipReason)).toEqual([NO_WRITES, NO_WRITES, NO_WRITES, NO_WRITES]);
  });

  test('a run whose only coexistence sender is the written one leaves the witness reads out, and runs the rest of the case', () => {
    expect(witnessesOf(live({ ...LIVE_ENV, ZAVU_SENDER_COEXISTENCE: 'snd_s' }, true))).toEqual({
      skipReason: undefined,
      steps: { 'read-before': "(the case's)", start: "(the case's)", 'read-after': "(the case's)", 'start-again': "(the case's)", 'read-after-again': "(the case's)" },
    });
  });
});

/** The skip of a write to an unknown id someone set: named by its variable, not by the sandbox one (which is set). */
const CHOSEN_UNKNOWN = "writes go to an unknown id only when the suite generates it: ZAVU_SENDER_UNKNOWN is set, someone's choice, not known to name no sender (this case would write to snd_u)";

describe('write safety on a live target', () => {
  test('every write-safety skip is known as one to the reports (its reason starts "writes "), so a PARTIAL certificate can say it is by design', () => {
    const { ZAVU_SENDER_SYNCABLE: _syncable, ...noSandbox } = LIVE_ENV;
    for (const cases of [live(LIVE_ENV, true), live(LIVE_ENV, false), live(noSandbox, true)]) {
      // A fixture not set is the user's to fix, not a rule of writes: those skips say so in their own words
      // (another project's key not set too, as the read's own-sender-other-project-key says it).
      const skipped = cases.filter((c) => c.writes && c.skipReason !== undefined && !/ is not set: nothing to test for role |^ZAVU_OTHER_PROJECT_API_KEY is not set: /.test(c.skipReason));
      expect(skipped.length).toBeGreaterThan(0);
      expect(skipped.filter((c) => !isWriteSafetySkip(c.skipReason)).map((c) => c.skipReason)).toEqual([]);
    }
  });

  test('the generated unknown id names no sender: its write cases run, like the negative inputs, once a writable fixture is set', () => {
    const { ZAVU_SENDER_UNKNOWN: _configured, ...env } = LIVE_ENV;
    const unknown = (cases: PlannedCase[]) => Object.entries(reasons(cases, HISTORY)).filter(([id]) => id.startsWith(`${HISTORY}/unknown-sender`));
    // Authentication before lookup is then checked on the starts too, not only on the read.
    expect(unknown(live(env, true))).toEqual([
      [`${HISTORY}/unknown-sender`, 'runs'],
      [`${HISTORY}/unknown-sender-no-credentials`, 'runs'],
      [`${HISTORY}/unknown-sender-wrong-key`, 'runs'],
    ]);
    const { ZAVU_SENDER_SYNCABLE: _syncable, ...noSandbox } = env;
    expect(unknown(live(noSandbox, true)).map(([, reason]) => reason)).toEqual([
      'writes go only to ZAVU_SENDER_SYNCABLE, which is not set (this case would POST an id that names no sender)',
      'writes go only to ZAVU_SENDER_SYNCABLE, which is not set (this case would POST an id that names no sender)',
      'writes go only to ZAVU_SENDER_SYNCABLE, which is not set (this case would POST an id that names no sender)',
    ]);
    expect(unknown(live(env, false)).map(([, reason]) => reason)).toEqual([NO_WRITES, NO_WRITES, NO_WRITES]);
    // ZAVU_SENDER_SYNCABLE_CONCURRENT is a second of the write fixture, not one: given alone, the
    // ids that name nothing are not written to either (the negative inputs' POSTs once went out).
    const concurrentOnly = live({ ...noSandbox, ZAVU_SENDER_SYNCABLE_CONCURRENT: 'snd_r' }, true);
    expect(unknown(concurrentOnly).map(([, reason]) => reason)).toEqual(unknown(live(noSandbox, true)).map(([, reason]) => reason));
    expect(concurrentOnly.find((c) => c.id === `${HISTORY}/negative-inputs`)?.skipReason).toMatch(/^writes go only to ZAVU_SENDER_SYNCABLE, which is not set/);
    // The concurrent starts themselves go to it.
    expect(concurrentOnly.find((c) => c.id === `${HISTORY}/concurrent-starts`)).toMatchObject({ params: { senderId: 'snd_r' } });
    expect(concurrentOnly.find((c) => c.id === `${HISTORY}/concurrent-starts`)?.skipReason).toBeUndefined();
  });

  /** The shipped fixtures with no role marked writable (a data-only write whose author left out "writable": true). */
  function unwritableRegistry(): Registry {
    const roles = new Map([...registry.roles].map(([name, declared]) => {
      const { writable: _writable, ...role } = declared.role;
      return [name, { ...declared, role }] as const;
    }));
    return { ...registry, roles };
  }

  test('fixtures that mark no role writable (a data-only write whose author left out "writable": true) send no write, and each skip says what to declare, not a variable to set', () => {
    const unwritable = unwritableRegistry();
    const { ZAVU_SENDER_UNKNOWN: _configured, ...env } = LIVE_ENV;
    const cases = planCases({ registry: unwritable, operations, bound: bindFixtures(unwritable, { embedded: false, env }), embedded: false, allowWrites: true });
    const history = reasons(cases, HISTORY);
    expect(Object.values(history).filter((reason) => reason === 'runs')).toEqual([]);
    const none = 'writes go only to a fixture role marked "writable": true, and the fixtures declare none';
    expect(history[`${HISTORY}/start-syncable`]).toBe(`${none} (this case would write to snd_s)`);
    expect(history[`${HISTORY}/negative-inputs`]).toBe(`${none} (this case would POST ids that name no sender)`);
    expect(history[`${HISTORY}/unknown-sender-no-credentials`]).toBe(`${none} (this case would POST an id that names no sender)`);
  });

  test('a case run without its start to an unknown id is noted with the write fixture it lacks: its variable when unset, what to declare when the fixtures mark none', () => {
    // The other project's sender by consent: its start runs, the start to an unknown id before it has no sandbox to go with.
    const noted = (reg: Registry, env: Record<string, string>): string[] => {
      const input = { registry: reg, operations, bound: bindFixtures(reg, { embedded: false, env: { ...env, [CONSENT]: '1' } }), embedded: false, allowWrites: true };
      return uncomparedRefusals(input, planCases(input));
    };
    const { ZAVU_SENDER_UNKNOWN: _generated, ...env } = LIVE_ENV;
    const { ZAVU_SENDER_SYNCABLE: _unset, ...unset } = env;
    const because = (why: string): string[] => [`6 cases run without the start to an unknown id their refusal is compared with, so judged by status alone: the suite writes to an unknown id only in a run given ${why}`];
    expect(noted(registry, unset)).toEqual(because('ZAVU_SENDER_SYNCABLE, which is not set'));
    expect(noted(unwritableRegistry(), env)).toEqual(because('a fixture role marked "writable": true, which the fixtures do not declare'));
    expect(noted(registry, env)).toEqual([]);
  });

  test('without --allow-writes: every case of a write operation is skipped with the reason, no read is', () => {
    const cases = live(LIVE_ENV, false);
    const ofWrites = cases.filter((c) => writeOperations.includes(c.operationId));
    // Per start: unauthenticated-start-changes-nothing, get-changes-nothing, head-changes-nothing, options-changes-nothing, start-syncable and concurrent-starts, seventeen wrong-credential sequences, start-predicted on each of the two coexistence senders, twenty-two other rows.
    expect(ofWrites).toHaveLength(2 * (6 + 17 + 2 + 22));
    expect(ofWrites.filter((c) => c.skipReason !== NO_WRITES).map((c) => c.id)).toEqual([]);
    expect(ofWrites.every((c) => c.writes)).toBe(true);
    const reads = cases.filter((c) => !writeOperations.includes(c.operationId));
    expect(reads).toHaveLength(2 + 2 + 2 + 2 + 44 + 2);
    // No read is skipped for want of --allow-writes; only those that need another project's key (not given here) are.
    expect(reads.filter((c) => c.skipReason !== undefined).map((c) => `${c.id}: ${c.skipReason ?? ''}`)).toEqual(['snd_a', 'snd_b'].map((id) => `${GET}/own-sender-other-project-key[${id}]: ${OWNER_KEY_ONLY}`));
  });

  test('without --allow-writes and without the writable sender set: still "writes not allowed" on every write case, not the missing variable', () => {
    const { ZAVU_SENDER_SYNCABLE: _unset, ...env } = LIVE_ENV;
    const ofWrites = live(env, false).filter((c) => writeOperations.includes(c.operationId));
    expect(ofWrites.length).toBeGreaterThan(0);
    expect(ofWrites.filter((c) => c.skipReason !== NO_WRITES).map((c) => [c.id, c.skipReason])).toEqual([]);
    // With --allow-writes the missing variable is the reason.
    expect(live(env, true).find((c) => c.id === `${HISTORY}/start-syncable`)?.skipReason).toMatch(/^ZAVU_SENDER_SYNCABLE is not set/);
  });

  test('with --allow-writes: only cases bound to the writable sender write; the others are skipped naming the variable and the sender', () => {
    const cases = live(LIVE_ENV, true);
    expect(reasons(cases, HISTORY)).toEqual({
      'startWhatsAppHistorySync/unauthenticated-start-changes-nothing': 'runs',
      'startWhatsAppHistorySync/get-changes-nothing': 'runs',
      'startWhatsAppHistorySync/head-changes-nothing': 'runs',
      'startWhatsAppHistorySync/options-changes-nothing': 'runs',
      'startWhatsAppHistorySync/start-syncable': 'runs',
      'startWhatsAppHistorySync/start-predicted[snd_a]': onlyToSyncable('snd_a'),
      'startWhatsAppHistorySync/start-predicted[snd_b]': onlyToSyncable('snd_b'),
      // ZAVU_SENDER_SYNCABLE_CONCURRENT not set: the concurrent starts go to the writable sender.
      'startWhatsAppHistorySync/concurrent-starts': 'runs',
      'startWhatsAppHistorySync/no-waba': needsOwnConsent('NO_WABA', 'snd_n'),
      'startWhatsAppHistorySync/no-waba-no-credentials': needsOwnConsent('NO_WABA', 'snd_n'),
      'startWhatsAppHistorySync/not-coexistence': needsOwnConsent('NOT_COEXISTENCE', 'snd_c'),
      'startWhatsAppHistorySync/not-coexistence-no-credentials': needsOwnConsent('NOT_COEXISTENCE', 'snd_c'),
      'startWhatsAppHistorySync/not-active': onlyToSyncable('snd_i'),
      'startWhatsAppHistorySync/no-credentials': 'runs',
      'startWhatsAppHistorySync/wrong-key': 'runs',
      'startWhatsAppHistorySync/empty-bearer': 'runs',
      'startWhatsAppHistorySync/key-without-scheme': 'runs',
      'startWhatsAppHistorySync/basic-scheme': 'runs',
      'startWhatsAppHistorySync/wrong-checksum-key': 'runs',
      'startWhatsAppHistorySync/token-scheme-key': 'runs',
      'startWhatsAppHistorySync/apikey-scheme-key': 'runs',
      'startWhatsAppHistorySync/bearer-without-space': 'runs',
      'startWhatsAppHistorySync/key-case-changed': 'runs',
      'startWhatsAppHistorySync/key-with-suffix': 'runs',
      'startWhatsAppHistorySync/key-with-prefix': 'runs',
      'startWhatsAppHistorySync/key-other-environment': 'runs',
      'startWhatsAppHistorySync/key-property-name': 'runs',
      'startWhatsAppHistorySync/key-cut-short': 'runs',
      'startWhatsAppHistorySync/control-chars-in-token': 'runs',
      'startWhatsAppHistorySync/key-then-word': 'runs',
      'startWhatsAppHistorySync/oversized-bearer-token': 'runs',
      'startWhatsAppHistorySync/no-credentials-with-query': 'runs',
      'startWhatsAppHistorySync/no-credentials-encoded-path': 'runs',
      'startWhatsAppHistorySync/no-credentials-dot-segment': 'runs',
      'startWhatsAppHistorySync/no-credentials-trailing-slash': 'runs',
      'startWhatsAppHistorySync/no-credentials-path-parameter': 'runs',
      'startWhatsAppHistorySync/no-credentials-doubled-slash': 'runs',
      'startWhatsAppHistorySync/no-credentials-trailing-dot': 'runs',
      'startWhatsAppHistorySync/no-credentials-case-folded-path': 'runs',
      // Another project's sender: a target that ignored projects would start a sync there, so consent is asked for.
      'startWhatsAppHistorySync/other-project-sender': needsConsent('snd_o'),
      'startWhatsAppHistorySync/other-project-sender-trailing-slash': needsConsent('snd_o'),
      // Another project's key not given here: its starts to the key's writable sender are not sent.
      'startWhatsAppHistorySync/own-sender-other-project-key': "ZAVU_OTHER_PROJECT_API_KEY is not set: nothing to test (this case's every start to its own sender goes with another project's key)",
      'startWhatsAppHistorySync/other-project-sender-no-credentials': needsConsent('snd_o'),
      // A configured unknown id is someone's choice, not known to name no sender, nor is it the writable one.
      'startWhatsAppHistorySync/unknown-sender': CHOSEN_UNKNOWN,
      'startWhatsAppHistorySync/unknown-sender-no-credentials': CHOSEN_UNKNOWN,
      'startWhatsAppHistorySync/unknown-sender-wrong-key': CHOSEN_UNKNOWN,
      // Fuzzed ids name nothing: the hostile inputs of a write are sent.
      'startWhatsAppHistorySync/negative-inputs': 'runs',
    });
    expect(Object.values(reasons(cases, GET)).every((r) => r === 'runs' || r === OWNER_KEY_ONLY)).toBe(true);
  });

  test("a HEAD to a start's path is gated as the GET there is: a write's case, run only with --allow-writes and only to the writable sender (a route answering every method starts a sync for it)", () => {
    for (const operationId of writeOperations) {
      const of = (allowWrites: boolean) => ['get', 'head'].map((method) => live(LIVE_ENV, allowWrites).find((c) => c.id === `${operationId}/${method}-changes-nothing`));
      const [get, head] = of(true);
      expect(head?.writes).toBe(true);
      expect(head?.skipReason).toBeUndefined();
      expect(head?.params).toEqual(get?.params);
      expect(head?.steps.map((s) => [s.id, s.operationId, s.method, s.expect.status, s.expect.anyClientError, s.expect.warnOn, s.expect.predict?.model])).toEqual([
        ['read-before', GET, undefined, 200, undefined, undefined, undefined],
        ['head', operationId, 'HEAD', 405, true, [200], undefined],
        ['read-after', GET, undefined, 200, undefined, undefined, get?.steps[2]?.expect.predict?.model],
      ]);
      expect(of(false).map((c) => c?.skipReason)).toEqual([NO_WRITES, NO_WRITES]);
    }
  });

  test('writable by value: a coexistence fixture that is the writable sender may be written to', () => {
    const cases = live({ ...LIVE_ENV, ZAVU_SENDER_COEXISTENCE: 'snd_a,snd_s' }, true);
    expect(cases.find((c) => c.id === 'startWhatsAppHistorySync/start-predicted[snd_s]')?.skipReason).toBeUndefined();
    expect(cases.find((c) => c.id === 'startWhatsAppHistorySync/start-predicted[snd_a]')?.skipReason).toBe(onlyToSyncable('snd_a'));
  });

  describe("another project's sender", () => {
    const isolation = (env: Record<string, string>, allowWrites: boolean) =>
      [HISTORY, 'startWhatsAppContactsSync'].map((op) => reasons(live(env, allowWrites), op)[`${op}/other-project-sender`]);

    test('a start goes to it only with --allow-writes AND its own consent variable', () => {
      expect(isolation(LIVE_ENV, true)).toEqual([needsConsent('snd_o'), needsConsent('snd_o')]);
      expect(isolation({ ...LIVE_ENV, [CONSENT]: '1' }, false)).toEqual([NO_WRITES, NO_WRITES]);
      expect(isolation({ ...LIVE_ENV, [CONSENT]: 'no' }, true)).toEqual([needsConsent('snd_o'), needsConsent('snd_o')]);
      expect(isolation({ ...LIVE_ENV, [CONSENT]: '1' }, true)).toEqual(['runs', 'runs']);
      expect(isolation({ ...LIVE_ENV, [CONSENT]: 'true' }, true)).toEqual(['runs', 'runs']);
    });

    test('the read runs whenever the sender is named, and every isolation case is skipped with the variable when it is not', () => {
      expect(reasons(live(LIVE_ENV, false), GET)[`${GET}/other-project-sender`]).toBe('runs');
      const { ZAVU_SENDER_OTHER_PROJECT: _unset, ...env } = LIVE_ENV;
      for (const op of [GET, HISTORY]) expect(reasons(live({ ...env, [CONSENT]: '1' }, true), op)[`${op}/other-project-sender`]).toMatch(/^ZAVU_SENDER_OTHER_PROJECT is not set/);
    });

    test("consent without the writable sender: the start to it runs, but the start to an unknown id before it does not (no sandbox was named to write in), as the unknown-sender case does not", () => {
      const { ZAVU_SENDER_SYNCABLE: _unset, ZAVU_SENDER_UNKNOWN: _generated, ...env } = LIVE_ENV;
      const cases = live({ ...env, [CONSENT]: '1' }, true);
      const isolation = cases.find((c) => c.id === `${HISTORY}/other-project-sender`);
      expect(isolation?.skipReason).toBeUndefined();
      expect(isolation?.steps.map((step) => step.id)).toEqual(['start', 'read-after']);
      expect(cases.find((c) => c.id === `${HISTORY}/unknown-sender`)?.skipReason).toMatch(/^writes go only to ZAVU_SENDER_SYNCABLE, which is not set/);
      // With the writable sender named, the unknown id is written to, first.
      expect(live({ ...env, ZAVU_SENDER_SYNCABLE: 'snd_s', [CONSENT]: '1' }, true).find((c) => c.id === `${HISTORY}/other-project-sender`)?.steps.map((step) => step.id)).toEqual(['start-unknown', 'start', 'read-after']);
    });

    test('consent makes only that sender writable: the other fixtures stay read-only', () => {
      const history = reasons(live({ ...LIVE_ENV, [CONSENT]: '1' }, true), HISTORY);
      expect(history['startWhatsAppHistorySync/no-waba']).toBe(needsOwnConsent('NO_WABA', 'snd_n'));
      expect(history['startWhatsAppHistorySync/not-active']).toBe(onlyToSyncable('snd_i'));
      expect(history['startWhatsAppHistorySync/start-predicted[snd_a]']).toBe('writes go only to ZAVU_SENDER_SYNCABLE (this case would write to snd_a)');
    });
  });

  test("the refused senders' starts run with their own consent, each alone: a start handler that checks less than the read shows only there", () => {
    const noWaba = reasons(live({ ...LIVE_ENV, ZAVU_SENDER_NO_WABA_WRITABLE: '1' }, true), HISTORY);
    expect(noWaba['startWhatsAppHistorySync/no-waba']).toBe('runs');
    expect(noWaba['startWhatsAppHistorySync/no-waba-no-credentials']).toBe('runs');
    expect(noWaba['startWhatsAppHistorySync/not-coexistence']).toBe(needsOwnConsent('NOT_COEXISTENCE', 'snd_c'));
    expect(noWaba['startWhatsAppHistorySync/not-active']).toBe(onlyToSyncable('snd_i'));
    const notCoexistence = reasons(live({ ...LIVE_ENV, ZAVU_SENDER_NOT_COEXISTENCE_WRITABLE: '1' }, true), HISTORY);
    expect(notCoexistence['startWhatsAppHistorySync/not-coexistence']).toBe('runs');
    expect(notCoexistence['startWhatsAppHistorySync/no-waba']).toBe(needsOwnConsent('NO_WABA', 'snd_n'));
    // Consent is to writes: without --allow-writes nothing writes.
    expect(reasons(live({ ...LIVE_ENV, ZAVU_SENDER_NO_WABA_WRITABLE: '1' }, false), HISTORY)['startWhatsAppHistorySync/no-waba']).toBe(NO_WRITES);
  });

  test('with --allow-writes but no writable sender configured: no write runs, not even the fuzzed one (no sandbox was named to write in)', () => {
    const { ZAVU_SENDER_SYNCABLE: _unset, ...env } = LIVE_ENV;
    const history = reasons(live(env, true), HISTORY);
    expect(history['startWhatsAppHistorySync/start-syncable']).toMatch(/^ZAVU_SENDER_SYNCABLE is not set/);
    expect(history['startWhatsAppHistorySync/no-credentials']).toMatch(/^ZAVU_SENDER_SYNCABLE is not set/);
    expect(history['startWhatsAppHistorySync/no-waba']).toBe(needsOwnConsent('NO_WABA', 'snd_n'));
    expect(history['startWhatsAppHistorySync/negative-inputs']).toBe('writes go only to ZAVU_SENDER_SYNCABLE, which is not set (this case would POST ids that name no sender)');
    expect(Object.entries(history).filter(([, r]) => r === 'runs')).toEqual([]);
    // Consent to write to another project's sender names no sandbox for hostile ids either.
    const consented = reasons(live({ ...env, [CONSENT]: '1' }, true), HISTORY);
    expect(consented['startWhatsAppHistorySync/negative-inputs']).toMatch(/^writes go only to ZAVU_SENDER_SYNCABLE, which is not set/);
  });

  test('a fuzzed write runs with --allow-writes even when its other path parameters are bound to a sender that is not writable', () => {
    // An operation with two path parameters: the sender is bound, the message id is fuzzed.
    const retry: OperationContract = {
      operationId: 'retryMessage',
      method: 'POST',
      pathTemplate: '/v1/senders/{senderId}/messages/{messageId}/retry',
      pathParameters: ['senderId', 'messageId'],
      writes: true,
      label: 'POST /v1/senders/{senderId}/messages/{messageId}/retry',
      responses: [],
    };
    const base = { family: 'negative-inputs', description: 'd', path: { senderId: 'noWaba' }, auth: 'valid', expect: { status: 404, because: 'b' } } satisfies Omit<Scenario, 'id'>;
    const scenarios: Scenario[] = [
      { ...base, id: 'fuzzed', fuzz: 'messageId' },
      { ...base, id: 'not-fuzzed', path: { senderId: 'noWaba', messageId: 'noWaba' } },
    ];
    const withRetry: Registry = { ...registry, operations: [{ operationId: 'retryMessage', file: 'operations/retryMessage/scenarios.json', scenarios }] };
    const plan = (allowWrites: boolean) =>
      reasons(planCases({ registry: withRetry, operations: new Map([['retryMessage', retry]]), bound: bindFixtures(registry, { embedded: false, env: LIVE_ENV }), embedded: false, allowWrites }), 'retryMessage');
    expect(plan(true)).toEqual({ 'retryMessage/fuzzed': 'runs', 'retryMessage/not-fuzzed': needsOwnConsent('NO_WABA', 'snd_n, snd_n') });
    expect(plan(false)).toEqual({ 'retryMessage/fuzzed': NO_WRITES, 'retryMessage/not-fuzzed': NO_WRITES });
  });
});

test('embedded: every case runs, writes included, without --allow-writes (a fresh store every run)', () => {
  // The embedded server makes another project's key of its own.
  const cases = planCases({ registry, operations, bound: bindFixtures(registry, { embedded: true, env: LIVE_ENV }), embedded: true, allowWrites: false, otherProjectKey: true });
  // Per start: unauthenticated-start-changes-nothing, get-changes-nothing, head-changes-nothing, options-changes-nothing, start-syncable and concurrent-starts, seventeen wrong-credential sequences, start-predicted on each of the seven seeded coexistence senders, twenty-two other rows.
  expect(cases.filter((c) => c.writes)).toHaveLength(2 * (6 + 17 + 7 + 22));
  expect(cases.filter((c) => c.skipReason !== undefined).map((c) => c.id)).toEqual([]);
});

test('--operation: only the named operations\' cases are planned', () => {
  expect(new Set(live(LIVE_ENV, false, ['startWhatsAppContactsSync']).map((c) => c.operationId))).toEqual(new Set(['startWhatsAppContactsSync']));
  expect(new Set(live(LIVE_ENV, false, [GET, HISTORY]).map((c) => c.operationId))).toEqual(new Set([GET, HISTORY]));
  expect(new Set(live(LIVE_ENV, false).map((c) => c.operationId)).size).toBe(3);
});

describe("reads of another project's sender with that project's own key", () => {
  const consented = { ...LIVE_ENV, [CONSENT]: '1' };
  const input = (otherProjectKey: boolean, env: Record<string, string> = consented) => ({ registry, operations, bound: bindFixtures(registry, { embedded: false, env }), embedded: false, allowWrites: true, otherProjectKey });
  const stepsOf = (cases: readonly PlannedCase[]) => cases.find((c) => c.id === `${HISTORY}/other-project-sender`)?.steps.map((step) => step.id);

  test('with the key, the start to that sender is read around by it; the read after is predicted unchanged from the read before', () => {
    const cases = planCases(input(true));
    // ZAVU_SENDER_UNKNOWN is set: the start to an unknown id is left out (uncomparedRefusals).
    expect(stepsOf(cases)).toEqual(['read-owner-before', 'start', 'read-after', 'read-owner-after']);
    const after = cases.find((c) => c.id === `${HISTORY}/other-project-sender`)?.steps.find((step) => step.id === 'read-owner-after');
    expect(after).toMatchObject({ operationId: GET, auth: 'other-project-key', expect: { predict: { model: 'unchanged', from: 'read-owner-before' } } });
    expect(unreadByOwner(input(true), cases)).toEqual([]);
  });

  test('without it, both reads are left out and a note names the variable, for the cases that run only', () => {
    const cases = planCases(input(false));
    expect(stepsOf(cases)).toEqual(['start', 'read-after']);
    // The read's case that needs that key is skipped, saying so itself: the note names the starts alone.
    expect(unreadByOwner(input(false), cases)).toEqual([expect.stringMatching(/^2 cases run without their reads of another project's sender with that project's own key, so a start answered 404 there is not shown to have changed nothing: ZAVU_OTHER_PROJECT_API_KEY is not set \(startWhatsAppContactsSync\/other-project-sender, startWhatsAppHistorySync\/other-project-sender\)$/)]);
    // No consent: no start goes to that sender, so no read of it is missing.
    const unconsented = planCases(input(false, LIVE_ENV));
    expect(unreadByOwner(input(false, LIVE_ENV), unconsented)).toEqual([]);
  });
});

describe("the key's own sender read with another project's own key", () => {
  const input = (otherProjectKey: boolean) => ({ registry, operations, bound: bindFixtures(registry, { embedded: false, env: LIVE_ENV }), embedded: false, allowWrites: false, otherProjectKey });
  const caseOf = (cases: readonly PlannedCase[]) => cases.find((c) => c.id === `${GET}/own-sender-other-project-key[snd_a]`);

  test('with that key: an unknown id with the key, then an unknown id and the sender with that key, the sender answered as that unknown id was', () => {
    const found = caseOf(planCases(input(true)));
    expect(found?.steps.map((step) => [step.id, step.auth, step.expect.status])).toEqual([
      ['read-unknown', 'valid', 404],
      ['read-unknown-as-other-project', 'other-project-key', 404],
      ['read-as-other-project', 'other-project-key', 404],
      ['head-unknown-as-other-project', 'other-project-key', 404],
      ['head-as-other-project', 'other-project-key', 404],
    ]);
    expect(found?.steps[2]?.expect.predict).toEqual({ model: 'answers-as-unknown', from: 'read-unknown-as-other-project' });
    expect(found?.writes).toBe(false);
  });

  test('without it, the case is skipped naming the variable: a read of an unknown id alone shows nothing of isolation, and passed it certified the family', () => {
    const found = caseOf(planCases(input(false)));
    expect(found?.skipReason).toBe("ZAVU_OTHER_PROJECT_API_KEY is not set: nothing to test (this case's every request to its own sender goes with another project's key)");
    // Nor is it the note's: a skip says so itself.
    expect(unreadByOwner(input(false), planCases(input(false)))).toEqual([]);
    // A replay of a recording made without that key plans it the same way (planCase is shared).
    const own = row(GET, 'own-sender-other-project-key');
    expect(planCase(`${GET}/own-sender-other-project-key[snd_a]`, GET, own, { senderId: 'snd_a' }, operations).skipReason).toMatch(/^ZAVU_OTHER_PROJECT_API_KEY is not set/);
    // A reason given first (a fixture not set) stays the reason.
    expect(planCase(`${GET}/own-sender-other-project-key`, GET, own, {}, operations, 'ZAVU_SENDER_COEXISTENCE is not set').skipReason).toBe('ZAVU_SENDER_COEXISTENCE is not set');
  });
});

describe("a start sent with another project's own key to the key's writable sender", () => {
  // No ZAVU_SENDER_UNKNOWN: the suite generates the unknown id, so the start to it with that key is sent too.
  const { ZAVU_SENDER_UNKNOWN: _chosen, ...env } = LIVE_ENV;
  const input = (otherProjectKey: boolean, allowWrites = true) => ({ registry, operations, bound: bindFixtures(registry, { embedded: false, env }), embedded: false, allowWrites, otherProjectKey });
  const caseOf = (cases: readonly PlannedCase[]) => cases.find((c) => c.id === `${HISTORY}/own-sender-other-project-key`);

  test('with that key and --allow-writes: read with the key, a start of the unknown id and of the sender with that key, read again; it writes to the writable sender and the unknown id only', () => {
    const found = caseOf(planCases(input(true)));
    expect(found?.skipReason).toBeUndefined();
    expect(found?.params).toEqual({ senderId: 'snd_s' });
    expect(found?.writes).toBe(true);
    expect(found?.steps.map((step) => [step.id, step.operationId, step.auth, step.params])).toEqual([
      ['read-before', GET, 'valid', undefined],
      ['start-unknown', HISTORY, 'other-project-key', { senderId: expect.not.stringMatching(/^snd_[sabncio]$/) as unknown }],
      ['start', HISTORY, 'other-project-key', undefined],
      ['read-after', GET, 'valid', undefined],
    ]);
  });

  test('without that key: skipped naming the variable (the two reads left would pass, certifying isolation on a run that sent nothing of it); without --allow-writes, that reason first', () => {
    expect(caseOf(planCases(input(false)))?.skipReason).toBe("ZAVU_OTHER_PROJECT_API_KEY is not set: nothing to test (this case's every start to its own sender goes with another project's key)");
    expect(caseOf(planCases(input(false, false)))?.skipReason).toBe(NO_WRITES);
    expect(caseOf(planCases(input(true, false)))?.skipReason).toBe(NO_WRITES);
    // A skip says so itself, so it is not the console's note either.
    expect(unreadByOwner(input(false), planCases(input(false)))).not.toEqual(expect.arrayContaining([expect.stringContaining('own-sender-other-project-key')]));
    // A replay of a recording made without that key plans it the same way.
    expect(planCase(`${HISTORY}/own-sender-other-project-key`, HISTORY, row(HISTORY, 'own-sender-other-project-key'), { senderId: 'snd_s' }, operations).skipReason).toMatch(/^ZAVU_OTHER_PROJECT_API_KEY is not set/);
  });
});

describe('a credential row bound through "any" expects the bound sender\'s own status', () => {
  const rowOf = (cases: readonly PlannedCase[]) => cases.find((c) => c.id === `${GET}/lowercase-bearer-scheme`);
  const only = (env: Record<string, string>) => rowOf(live(env, false, [GET]));

  test.each([
    ['a coexistence sender', { ZAVU_SENDER_COEXISTENCE: 'snd_a', ZAVU_SENDER_NO_WABA: 'snd_n' }, 'coexistence', 200],
    ['no coexistence sender, one without a WABA', { ZAVU_SENDER_NO_WABA: 'snd_n', ZAVU_SENDER_NOT_COEXISTENCE: 'snd_c' }, 'noWaba', 400],
    ['only a sender that is not coexistence', { ZAVU_SENDER_NOT_COEXISTENCE: 'snd_c' }, 'notCoexistence', 400],
    ['none: the unknown id', {}, 'unknown', 404],
  ] as const)('%s: role %s, status %s alone', (_what, env, role, status) => {
    const planned = only(env);
    expect(planned?.boundAs).toEqual({ senderId: role });
    const [step] = planned?.steps ?? [];
    expect(step?.expect).toMatchObject({ status, warnOn: [401] });
    // Neither the statuses other senders get nor the loose rule's marker stay.
    expect(step?.expect.alsoAccept).toBeUndefined();
    expect(step?.expect.statusByRole).toBeUndefined();
    expect(step?.boundStatus).toEqual({ parameter: 'senderId', role });
    expect(step?.expect.because).toMatch(new RegExp(`\\{senderId\\} is bound to role ${role} here, whose own answer is ${status}$`));
  });

  test('the other cases bound through "any" keep their expectations, and record the binding too', () => {
    const planned = live({ ZAVU_SENDER_COEXISTENCE: 'snd_a' }, false, [GET]).find((c) => c.id === `${GET}/no-credentials`);
    expect(planned?.boundAs).toEqual({ senderId: 'coexistence' });
    expect(planned?.steps.map((s) => s.expect)).toEqual(row(GET, 'no-credentials').steps?.map((s) => s.expect));
    // A row of a role of its own has nothing to bind.
    const own = live({ ZAVU_SENDER_COEXISTENCE: 'snd_a' }, false, [GET]).find((c) => c.id === `${GET}/coexistence[snd_a]`);
    expect(own).toBeDefined();
    expect(own?.boundAs).toBeUndefined();
  });
});
