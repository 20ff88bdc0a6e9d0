/** Binding the shipped rows to fixtures, and the write-safety rules of a live target. */
import type { PlannedCase } from '../../src/model';
import { bindFixtures, configuredValues } from '../../src/registry/bind-fixtures';
import { planCases } from '../../src/registry/plan-cases';
import { operations, registry } from '../support/shipped-contract';

const LIVE_ENV = {
  ZAVU_SENDER_COEXISTENCE: 'snd_a, snd_b',
  ZAVU_SENDER_NO_WABA: 'snd_n',
  ZAVU_SENDER_NOT_COEXISTENCE: 'snd_c',
  ZAVU_SENDER_NOT_ACTIVE: 'snd_i',
  ZAVU_SENDER_SYNCABLE: 'snd_s',
};
const live = (env: Record<string, string>, allowWrites: boolean, only?: string[]): PlannedCase[] =>
  planCases({ registry, operations, bound: bindFixtures(registry, { embedded: false, env }), embedded: false, allowWrites, ...(only ? { only } : {}) });
const byId = (cases: readonly PlannedCase[]) => new Map(cases.map((c) => [c.id, c] as const));

test('embedded: seeded values, every case runs, ids operationId/scenario[fixture]', () => {
  const bound = bindFixtures(registry, { embedded: true, env: LIVE_ENV });
  expect(bound.get('noWaba')).toEqual({ values: ['snd_sms_no_waba'], writable: false });
  expect(bound.get('syncable')).toEqual({ values: ['snd_coex_syncable'], writable: true });
  const cases = planCases({ registry, operations, bound, embedded: true, allowWrites: false });
  expect(cases.filter((c) => c.skipReason !== undefined)).toEqual([]);
  expect(cases.map((c) => c.id)).toContain('startWhatsAppHistorySync/start-predicted[snd_coex_active]');
  expect(cases.map((c) => c.id)).toContain('getWhatsAppSyncStatus/no-waba');
  const sequence = byId(cases).get('startWhatsAppHistorySync/start-syncable');
  expect(sequence?.steps.map((s) => [s.id, s.operationId, s.params['senderId']])).toEqual([
    ['read-before', 'getWhatsAppSyncStatus', 'snd_coex_syncable'],
    ['start', 'startWhatsAppHistorySync', 'snd_coex_syncable'],
    ['read-after', 'getWhatsAppSyncStatus', 'snd_coex_syncable'],
    ['start-again', 'startWhatsAppHistorySync', 'snd_coex_syncable'],
  ]);
  expect(sequence?.writes).toBe(true);
});

test('live: environment values, a many-role expands, a missing variable skips with its name, unknown ids are fresh', () => {
  const bound = bindFixtures(registry, { embedded: false, env: { ZAVU_SENDER_COEXISTENCE: ' snd_a, snd_b ,,' } });
  expect(bound.get('coexistence')).toEqual({ values: ['snd_a', 'snd_b'], writable: false });
  expect(bound.get('noWaba')).toEqual({ missing: expect.stringMatching(/^ZAVU_SENDER_NO_WABA is not set/) });
  expect(bound.get('any')).toEqual({ values: ['snd_a'], writable: false });
  const unknown = bound.get('unknown');
  expect(unknown && 'values' in unknown ? unknown.values[0] : '').toMatch(/^snd_zvc_unknown_[0-9a-f]{16}$/);
  expect(configuredValues(bound, registry)).toEqual(['snd_a', 'snd_b']);
  const cases = byId(live({ ZAVU_SENDER_COEXISTENCE: 'snd_a,snd_b' }, false, ['getWhatsAppSyncStatus']));
  expect([...cases.keys()].filter((id) => id.startsWith('getWhatsAppSyncStatus/coexistence'))).toEqual(['getWhatsAppSyncStatus/coexistence[snd_a]', 'getWhatsAppSyncStatus/coexistence[snd_b]']);
  expect(cases.get('getWhatsAppSyncStatus/no-waba')?.skipReason).toMatch(/ZAVU_SENDER_NO_WABA is not set/);
});

test('live without --allow-writes: every case that writes is skipped with the reason, reads are not', () => {
  const cases = live(LIVE_ENV, false);
  const writes = cases.filter((c) => c.writes);
  expect(writes.length).toBeGreaterThan(20);
  expect(writes.every((c) => c.skipReason === 'writes not allowed (--allow-writes)')).toBe(true);
  expect(cases.filter((c) => !c.writes).every((c) => c.skipReason === undefined)).toBe(true);
});

test('live with --allow-writes: only cases bound to the writable sender (or fuzzing) write', () => {
  const cases = byId(live(LIVE_ENV, true));
  expect(cases.get('startWhatsAppHistorySync/start-syncable')?.skipReason).toBeUndefined();
  expect(cases.get('startWhatsAppHistorySync/no-credentials')?.skipReason).toBeUndefined();
  expect(cases.get('startWhatsAppHistorySync/negative-inputs')?.skipReason).toBeUndefined();
  expect(cases.get('startWhatsAppHistorySync/no-waba')?.skipReason).toBe('writes go only to ZAVU_SENDER_SYNCABLE (this case would write to snd_n)');
  expect(cases.get('startWhatsAppHistorySync/start-predicted[snd_a]')?.skipReason).toMatch(/^writes go only to ZAVU_SENDER_SYNCABLE/);
  // By value: a coexistence fixture that is the syncable sender may be written to.
  const same = byId(live({ ...LIVE_ENV, ZAVU_SENDER_COEXISTENCE: 'snd_s' }, true));
  expect(same.get('startWhatsAppHistorySync/start-predicted[snd_s]')?.skipReason).toBeUndefined();
  // Without the variable every write case is skipped.
  const { ZAVU_SENDER_SYNCABLE: _unset, ...withoutSyncable } = LIVE_ENV;
  expect(byId(live(withoutSyncable, true)).get('startWhatsAppHistorySync/start-syncable')?.skipReason).toMatch(/ZAVU_SENDER_SYNCABLE is not set/);
});

test('--operation picks the operations whose cases are planned', () => {
  expect(new Set(live(LIVE_ENV, false, ['startWhatsAppContactsSync']).map((c) => c.operationId))).toEqual(new Set(['startWhatsAppContactsSync']));
});
