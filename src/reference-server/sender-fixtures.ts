/**
 * Reads fixtures/senders.json for the reference server: its `seed` records and each role's
 * `seeded` value(s). The file is the suite's own, so a broken one must stop the server at once
 * with the JSON pointer of the mistake, not become a server that answers 404 or 500 to a case.
 * Only what the server relies on is checked; the registry checks the rest against its schema.
 */
import { join } from 'node:path';
import { readJsonFile } from '../files/read-json-file';
import { packageRoot } from '../package-root';
import type { SeedSender } from './seed-senders';
import { CONTACTS_STATUSES, HISTORY_STATUSES, SYNC_STATUSES } from './sync-status';

/** The fixture file the seed and the roles come from. */
export const SENDER_FIXTURES = join(packageRoot, 'fixtures', 'senders.json');

/** What the reference server takes from the fixture file. */
export interface SenderFixtures {
  /** The seeded value(s) of each role that has any, by role name. */
  roles: Readonly<Record<string, string | readonly string[]>>;
  seed: readonly SeedSender[];
}

const KINDS: readonly string[] = ['coexistence', 'no-waba', 'not-coexistence'];

/** A field of the file, with its JSON pointer for the error message. */
interface Field {
  value: unknown;
  pointer: string;
}

/** Reads and checks the file (default fixtures/senders.json); throws one line naming file and pointer. */
export function readSenderFixtures(file: string = SENDER_FIXTURES): SenderFixtures {
  return parseSenderFixtures(readJsonFile(file, 'reference seed', 'a fixtures file'), file);
}

/** Checks parsed fixture data; `source` names it in errors. Throws on the first mistake. */
export function parseSenderFixtures(data: unknown, source: string): SenderFixtures {
  const fail = (field: Field, problem: string): never => {
    throw new Error(`${source}: ${field.pointer || '/'} ${problem}`);
  };
  const record = (field: Field): Record<string, unknown> =>
    typeof field.value === 'object' && field.value !== null && !Array.isArray(field.value)
      ? (field.value as Record<string, unknown>)
      : fail(field, 'must be an object');
  const at = (parent: Field, key: string): Field => ({ value: record(parent)[key], pointer: `${parent.pointer}/${key}` });
  const oneOf = (field: Field, values: readonly unknown[]): void => {
    if (!values.includes(field.value)) fail(field, `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  };
  const optionalTimestamp = (field: Field): void => {
    if (field.value !== undefined && field.value !== null && typeof field.value !== 'string') fail(field, 'must be a date-time string, null or absent');
  };
  const part = (field: Field, statuses: readonly string[], timestamps: readonly string[]): void => {
    oneOf(at(field, 'status'), statuses);
    oneOf(at(field, 'canSync'), [true, false]);
    for (const name of timestamps) optionalTimestamp(at(field, name));
  };

  const root: Field = { value: data, pointer: '' };
  const seedField = at(root, 'seed');
  if (!Array.isArray(seedField.value) || seedField.value.length === 0) fail(seedField, 'must be a non-empty array of sender records');
  const ids = new Set<string>();
  (seedField.value as unknown[]).forEach((value, index) => {
    const sender: Field = { value, pointer: `/seed/${index}` };
    const id = at(sender, 'id');
    if (typeof id.value !== 'string' || id.value.length === 0) fail(id, 'must be a non-empty string');
    if (ids.has(id.value as string)) fail(id, `repeats the id ${JSON.stringify(id.value)}`);
    ids.add(id.value as string);
    const kind = at(sender, 'kind');
    oneOf(kind, KINDS);
    if (typeof at(sender, 'note').value !== 'string') fail(at(sender, 'note'), 'must be a string');
    const project = at(sender, 'project');
    if (project.value !== undefined && (typeof project.value !== 'string' || project.value.length === 0)) fail(project, 'must be a non-empty string (another project) or absent (the key\'s own)');
    if (kind.value !== 'coexistence') return;
    const sync = at(sender, 'sync');
    oneOf(at(sync, 'isCoexistence'), [true]);
    oneOf(at(sync, 'status'), SYNC_STATUSES);
    part(at(sync, 'history'), HISTORY_STATUSES, ['requestedAt', 'completedAt']);
    part(at(sync, 'contacts'), CONTACTS_STATUSES, ['requestedAt']);
  });

  const rolesField = at(root, 'roles');
  const roles: Record<string, string | readonly string[]> = {};
  for (const name of Object.keys(record(rolesField))) {
    const seeded = at(at(rolesField, name), 'seeded');
    if (seeded.value === undefined) continue;
    const values: unknown[] = Array.isArray(seeded.value) ? seeded.value : [seeded.value];
    if (values.length === 0) fail(seeded, 'must name at least one sender');
    for (const id of values) if (typeof id !== 'string' || !ids.has(id)) fail(seeded, `names ${JSON.stringify(id)}, which no /seed record has`);
    roles[name] = Array.isArray(seeded.value) ? [...(seeded.value as string[])] : (seeded.value as string);
  }
  // Every check above passed, so the records have the SeedSender shape.
  return { roles, seed: seedField.value as SeedSender[] };
}
