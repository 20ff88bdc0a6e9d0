import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  CONTACTS_STATUSES,
  HISTORY_STATUSES,
  SEED_SENDERS,
  SEEDED_ROLES,
  SYNC_STATUSES,
  seededSenderIds,
  type CoexistenceSeedSender,
} from '../../src/reference-server';
import { schemaErrors } from './spec-schemas';

type Schemas = Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>;
const schemas = (
  parse(readFileSync(join(__dirname, '..', '..', 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8')) as { components: { schemas: Schemas } }
).components.schemas;

/** Enum values as the spec states them, so a spec change shows up here rather than hiding. */
const specEnums = {
  'sync.status': schemas['WhatsAppSyncStatus']?.properties?.['status']?.enum ?? [],
  'history.status': schemas['WhatsAppSyncHistoryStatus']?.enum ?? [],
  'contacts.status': schemas['WhatsAppSyncContactsStatus']?.enum ?? [],
};

const coexistence = SEED_SENDERS.filter((sender): sender is CoexistenceSeedSender => sender.kind === 'coexistence');
/** A typed section read as a plain record, to look fields up by name. */
const asRecord = (section: object): Record<string, unknown> => ({ ...section });
const sections = coexistence.flatMap((sender) => [
  { id: sender.id, account: sender.sync.status, name: 'history', section: asRecord(sender.sync.history) },
  { id: sender.id, account: sender.sync.status, name: 'contacts', section: asRecord(sender.sync.contacts) },
]);
const timestamps = sections.flatMap(({ section }) =>
  ['requestedAt', 'completedAt'].map((field) => section[field]).filter((value): value is string => typeof value === 'string'),
);

test('the exported enum constants are the spec enums', () => {
  expect([...SYNC_STATUSES]).toEqual(specEnums['sync.status']);
  expect([...HISTORY_STATUSES]).toEqual(specEnums['history.status']);
  expect([...CONTACTS_STATUSES]).toEqual(specEnums['contacts.status']);
});

test.each(Object.entries(specEnums))('the coexistence senders together cover every value of %s', (field, values) => {
  const [object] = field.split('.');
  const valueOf = (sync: CoexistenceSeedSender['sync']): string =>
    object === 'sync' ? sync.status : object === 'history' ? sync.history.status : sync.contacts.status;
  const seen = new Set(coexistence.map((sender) => valueOf(sender.sync)));
  expect(values.length).toBeGreaterThan(0);
  expect(values.filter((value) => !seen.has(value))).toEqual([]);
});

const byId = coexistence.map((sender) => [sender.id, sender] as const);
test.each(byId)('%s is a valid WhatsAppSyncStatusResponse in coexistence mode', (_id, sender) => {
  expect(schemaErrors('WhatsAppSyncStatusResponse', { sync: sender.sync })).toEqual([]);
  expect(sender.sync.isCoexistence).toBe(true);
});

test('canSync is true exactly for a never-requested sync of an active account', () => {
  for (const { id, account, name, section } of sections) {
    const expected = account === 'active' && section['status'] === 'not_requested';
    expect({ id, name, canSync: section['canSync'] }).toEqual({ id, name, canSync: expected });
  }
  // Both values occur, so a client's handling of each is exercised.
  expect(new Set(sections.map(({ section }) => section['canSync']))).toEqual(new Set([true, false]));
});

test('timestamps are RFC 3339 date-times with a zone, in several spellings', () => {
  const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  expect(timestamps.filter((value) => !rfc3339.test(value) || Number.isNaN(Date.parse(value)))).toEqual([]);
  expect(timestamps.some((value) => value.endsWith('Z'))).toBe(true);
  expect(timestamps.some((value) => /[+-]\d{2}:\d{2}$/.test(value))).toBe(true);
});

test('a completed history was completed after it was requested', () => {
  for (const { section } of sections) {
    if (typeof section['requestedAt'] === 'string' && typeof section['completedAt'] === 'string') {
      expect(Date.parse(section['completedAt'])).toBeGreaterThanOrEqual(Date.parse(section['requestedAt']));
    }
  }
});

test('optional timestamps occur as values, as explicit nulls and omitted', () => {
  for (const field of ['requestedAt', 'completedAt']) {
    const holders = sections.filter(({ name }) => field === 'requestedAt' || name === 'history');
    expect(holders.some(({ section }) => typeof section[field] === 'string')).toBe(true);
    expect(holders.some(({ section }) => section[field] === null)).toBe(true);
    expect(holders.some(({ section }) => !(field in section))).toBe(true);
  }
});

test('ids are unique, and there is exactly one no-WABA and one not-coexistence sender', () => {
  const ids = SEED_SENDERS.map((sender) => sender.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(SEED_SENDERS.filter((sender) => sender.kind === 'no-waba')).toHaveLength(1);
  expect(SEED_SENDERS.filter((sender) => sender.kind === 'not-coexistence')).toHaveLength(1);
  // The roles come from fixtures/senders.json; the syncable sender is not among the coexistence role's (no double cases).
  // Nor is the other project's sender: the key's own cases never name it.
  expect(seededSenderIds()).toEqual({
    coexistence: coexistence.map((sender) => sender.id).filter((id) => id !== 'snd_coex_syncable' && id !== 'snd_coex_concurrent' && id !== 'snd_other_project'),
    noWaba: 'snd_sms_no_waba',
    notCoexistence: 'snd_waba_cloud_api',
    syncable: 'snd_coex_syncable',
    // The concurrent starts' own: startable after every other start of a run, and read as no witness.
    syncableConcurrent: 'snd_coex_concurrent',
    notActive: 'snd_coex_pending_verification',
    otherProject: 'snd_other_project',
  });
  expect(SEED_SENDERS.filter((sender) => sender.project !== undefined).map((sender) => sender.id)).toEqual(['snd_other_project']);
  const syncable = coexistence.find((sender) => sender.id === 'snd_coex_syncable');
  expect(syncable?.sync).toMatchObject({ status: 'active', history: { status: 'not_requested', canSync: true }, contacts: { status: 'not_requested', canSync: true } });
});

test('a seed without a role cannot be summarised', () => {
  expect(() => seededSenderIds(coexistence)).toThrow(/noWaba/);
});

describe('a role that does not fit its sender fails loudly', () => {
  const withRole = (role: string, value: string | string[]) => ({ ...SEEDED_ROLES, [role]: value });
  test.each<[string, string, string | string[], RegExp]>([
    ['a missing role', 'syncable', [], /no "syncable" sender/],
    ['an id the seed lacks', 'coexistence', ['snd_coex_active', 'snd_gone'], /"coexistence" role names snd_gone, which the reference seed lacks/],
    ['noWaba naming a coexistence sender', 'noWaba', 'snd_coex_active', /"noWaba" role names snd_coex_active, which is not a no-waba sender/],
    ['notCoexistence naming a no-WABA sender', 'notCoexistence', 'snd_sms_no_waba', /not a not-coexistence sender/],
    ['coexistence listing a refused sender', 'coexistence', ['snd_coex_active', 'snd_waba_cloud_api'], /not a coexistence sender/],
    ['syncable naming a sender whose history cannot sync', 'syncable', 'snd_coex_active', /"syncable" role names snd_coex_active, which is not an active coexistence sender/],
    ['syncable naming an account not active', 'syncable', 'snd_coex_error', /"syncable" role/],
    ['notActive naming an active account', 'notActive', 'snd_coex_fresh', /"notActive" role names snd_coex_fresh, which is not a coexistence sender of the key's project whose account is not active/],
    ['coexistence listing another project\'s sender', 'coexistence', ['snd_coex_active', 'snd_other_project'], /names snd_other_project, which is not a coexistence sender of the key's project/],
    ['syncable naming another project\'s sender', 'syncable', 'snd_other_project', /"syncable" role names snd_other_project/],
    ['otherProject naming a sender of the key\'s project', 'otherProject', 'snd_coex_syncable', /"otherProject" role names snd_coex_syncable, which is not an active, syncable coexistence sender of another project/],
    ['two values for a one-sender role', 'noWaba', ['snd_sms_no_waba', 'snd_sms_no_waba'], /"noWaba" role must name exactly one/],
  ])('%s', (_what, role, value, message) => {
    expect(() => seededSenderIds(SEED_SENDERS, withRole(role, value))).toThrow(message);
  });
});
