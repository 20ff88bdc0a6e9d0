/** fixtures/senders.json as the reference server reads it: the real file, and each kind of mistake failing loudly. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSenderFixtures, readSenderFixtures, SEED_SENDERS, SEEDED_ROLES, SENDER_FIXTURES } from '../../src/reference-server';
import { scratchDir } from '../support/scratch-dir';

type Json = Record<string, unknown>;
const original = JSON.parse(readFileSync(SENDER_FIXTURES, 'utf8')) as Json;
const records = original['seed'] as Json[];

/** Marks a field to delete rather than set. */
const REMOVE = Symbol('remove');

/** A fresh copy of the real file with the value at a JSON pointer set (or removed). */
function editedAt(pointer: string, value: unknown): unknown {
  const file = structuredClone(original);
  const keys = pointer.split('/').slice(1);
  const last = keys.pop() ?? '';
  const parent = keys.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, file);
  if (value === REMOVE) delete parent[last];
  else parent[last] = value;
  return file;
}

const coex = records.findIndex((sender) => sender['kind'] === 'coexistence');
const noWaba = records.findIndex((sender) => sender['kind'] === 'no-waba');

test('the real file is the seed and the roles the server serves', () => {
  const { seed, roles } = readSenderFixtures();
  expect(seed).toEqual(original['seed']);
  expect(SEED_SENDERS).toEqual(original['seed']);
  expect(roles).toEqual(SEEDED_ROLES);
  // Roles without a seeded value (generated, firstOf) are not the server's business.
  const seededRoles = Object.entries(original['roles'] as Record<string, Json>).filter(([, role]) => role['seeded'] !== undefined);
  expect(Object.keys(roles).sort()).toEqual(seededRoles.map(([name]) => name).sort());
  expect(roles['unknown']).toBeUndefined();
});

test('the seed the server uses is frozen all the way down, so an aliasing store would throw', () => {
  const sender = SEED_SENDERS.find((candidate) => candidate.kind === 'coexistence');
  expect(sender).toBeDefined();
  expect(Object.isFrozen(sender)).toBe(true);
  expect(Object.isFrozen(sender?.kind === 'coexistence' ? sender.sync.history : undefined)).toBe(true);
});

test.each<[string, string, unknown, string]>([
  ['no seed', '/seed', REMOVE, '/seed must be a non-empty array'],
  ['an empty seed', '/seed', [], '/seed must be a non-empty array'],
  ['a record that is not an object', '/seed/0', 'snd_x', '/seed/0 must be an object'],
  ['a record without an id', '/seed/0/id', REMOVE, '/seed/0/id must be a non-empty string'],
  ['a repeated id', '/seed/1/id', records[0]?.['id'], '/seed/1/id repeats the id'],
  ['an unknown kind', '/seed/0/kind', 'sms', '/seed/0/kind must be one of "coexistence"'],
  ['no note', `/seed/${noWaba}/note`, REMOVE, `/seed/${noWaba}/note must be a string`],
  ['an empty project', `/seed/${noWaba}/project`, '', `/seed/${noWaba}/project must be a non-empty string`],
  ['a project that is not a string', `/seed/${coex}/project`, 7, `/seed/${coex}/project must be a non-empty string`],
  ['a coexistence record without sync', `/seed/${coex}/sync`, REMOVE, `/seed/${coex}/sync must be an object`],
  ['isCoexistence false', `/seed/${coex}/sync/isCoexistence`, false, '/sync/isCoexistence must be one of true'],
  ['an account status outside the enum', `/seed/${coex}/sync/status`, 'paused', '/sync/status must be one of'],
  ['a history status outside the enum', `/seed/${coex}/sync/history/status`, 'done', '/sync/history/status must be one of'],
  ['contacts rejected (not in its enum)', `/seed/${coex}/sync/contacts/status`, 'rejected', '/sync/contacts/status must be one of'],
  ['canSync as a string', `/seed/${coex}/sync/contacts/canSync`, 'true', '/sync/contacts/canSync must be one of'],
  ['a numeric requestedAt', `/seed/${coex}/sync/history/requestedAt`, 1, '/sync/history/requestedAt must be a date-time string, null or absent'],
  ['roles missing', '/roles', REMOVE, '/roles must be an object'],
  ['a role seeding an id the seed lacks', '/roles/noWaba/seeded', 'snd_nobody', '/roles/noWaba/seeded names "snd_nobody", which no /seed record has'],
  ['a role seeding an empty list', '/roles/coexistence/seeded', [], '/roles/coexistence/seeded must name at least one sender'],
])('%s (%s) fails with the pointer of the mistake', (_what, pointer, value, message) => {
  const bad = editedAt(pointer, value);
  expect(() => parseSenderFixtures(bad, 'fixtures/senders.json')).toThrow(message);
  expect(() => parseSenderFixtures(bad, 'fixtures/senders.json')).toThrow(/^fixtures\/senders\.json: \//);
});

test('a missing file, or one that is not JSON, fails with one line naming it', () => {
  const dir = scratchDir();
  expect(() => readSenderFixtures(join(dir, 'absent.json'))).toThrow(/absent\.json: no such file/);
  writeFileSync(join(dir, 'broken.json'), '{"seed": [');
  expect(() => readSenderFixtures(join(dir, 'broken.json'))).toThrow(/broken\.json: not JSON/);
});

test('a good file read from another place parses to the same seed and roles', () => {
  const dir = scratchDir();
  writeFileSync(join(dir, 'senders.json'), JSON.stringify(original));
  const read = readSenderFixtures(join(dir, 'senders.json'));
  expect(read.seed.map((sender) => sender.id)).toEqual(records.map((sender) => sender['id']));
  expect(read.roles).toEqual(SEEDED_ROLES);
});
