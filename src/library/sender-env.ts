/** The `senders` option → the fixture variables the fixture files name for each role. */
import { UsageError } from '../model/errors';
import { loadRegistry } from '../registry/load-registry';
import type { SenderOptions } from './options';

/**
 * `{ noWaba: 'snd_x' }` → `{ ZAVU_SENDER_NO_WABA: 'snd_x' }`, the variable named by the role in the
 * fixture files, so a role added to the data is an option here with no code. Lists are joined with
 * commas, as the variables take them.
 */
export function senderEnv(senders: SenderOptions, operationsDir: string, fixturesDir: string): Record<string, string> {
  const { roles } = loadRegistry(operationsDir, fixturesDir);
  const withEnv = [...roles.values()].filter((declared) => declared.role.env !== undefined).map((declared) => declared.name);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(senders) as [string, unknown][]) {
    if (value === undefined) continue;
    const variable = roles.get(name)?.role.env;
    if (variable === undefined) throw new UsageError(`runConformance: senders.${name}: no such fixture role (roles: ${withEnv.join(', ')})`);
    env[variable] = senderIds(name, value);
  }
  return env;
}

/**
 * `{ noWaba: 'snd_x' }` → `ZAVU_SENDER_NO_WABA` ↦ `senders.noWaba`: the words a refusal of the run
 * uses for the roles the caller gave as options. The checks behind those refusals read the
 * variables, which a caller of the library never set.
 */
export function senderOptionWords(senders: Record<string, unknown>, operationsDir: string, fixturesDir: string): Map<string, string> {
  const { roles } = loadRegistry(operationsDir, fixturesDir);
  const words = new Map<string, string>();
  for (const [name, value] of Object.entries(senders)) {
    const variable = roles.get(name)?.role.env;
    if (value !== undefined && variable !== undefined) words.set(variable, `senders.${name}`);
  }
  return words;
}

/**
 * A role's value as its variable's text, or the one line saying what is wrong with it. What
 * TypeScript checks, checked for JavaScript callers (and senders read from a JSON file): a null
 * failed on `.join` with a TypeError, a number or `[]` ran the cases with an id "5" or none, and
 * an empty id left the role unset, its cases skipped, where the caller meant to name a sender.
 */
function senderIds(role: string, value: unknown): string {
  const bad = (why: string): UsageError => new UsageError(`runConformance: senders.${role} ${why}`);
  const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
  if (typeof value === 'string') {
    if (value.trim() === '') throw bad('is empty: give it a sender id or leave it out');
    return value;
  }
  if (!Array.isArray(value)) throw bad(`must be a sender id or a list of them, not ${kind}`);
  if (value.length === 0) throw bad('is an empty list: give it sender ids or leave it out');
  const wrong = value.find((id) => typeof id !== 'string' || id.trim() === '');
  if (wrong !== undefined) throw bad(`must list sender ids, not ${typeof wrong === 'string' ? 'an empty one' : wrong === null ? 'null' : typeof wrong}`);
  return value.join(',');
}
