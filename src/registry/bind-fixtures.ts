/**
 * The values of every fixture role for one run: the embedded reference server's seeded values, or
 * the live target's from the environment (a role that is not set carries the reason instead, so
 * a scenario over it is skipped loudly). Generated roles (an unknown id) are fresh each run.
 */
import { randomBytes } from 'node:crypto';
import { UsageError } from '../model/errors';
import { keyShapedWords } from '../model/http';
import { listed, notASwitch, switchValue } from '../text/plain-text';
import type { Registry } from './load-registry';
import { idShapedLike } from './shaped-id';

/**
 * `generated`: a fresh random id of a generated role (no one configured it), so it names no sender.
 * `from`: of a firstOf role, the role its value came from (itself not a firstOf role).
 */
export type RoleValues = { values: string[]; writable: boolean; generated?: true; from?: string } | { missing: string };

/**
 * The roles a firstOf role may take its value from, through nested firstOf roles: `any` → coexistence,
 * noWaba, notCoexistence, unknown. A role that is not firstOf is its own only source.
 */
export function sourceRoles(registry: Pick<Registry, 'roles'>, name: string, seen: readonly string[] = []): string[] {
  const firstOf = registry.roles.get(name)?.role.firstOf;
  // `seen`: two firstOf roles that name each other end here instead of looping.
  if (firstOf === undefined || seen.includes(name)) return [name];
  return [...new Set(firstOf.flatMap((other) => sourceRoles(registry, other, [...seen, name])))];
}

export interface BindSource {
  /** True for the embedded reference server: roles take their seeded values. */
  embedded: boolean;
  /** The environment (process over .env) a live run reads fixture variables from. */
  env: Readonly<Record<string, string | undefined>>;
}

function fromEnv(value: string | undefined, many: boolean): string[] {
  const text = value?.trim() ?? '';
  if (text === '') return [];
  // A value listed twice would give two cases with one id: each fixture once.
  return many ? [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))] : [text];
}

/** A consent variable: on or off, and anything else refused rather than read as off. */
function consent(variable: string, value: string | undefined): boolean {
  const on = switchValue(value);
  if (on === undefined) throw new UsageError(notASwitch(variable, value));
  return on;
}

/**
 * The longest sender id a fixture variable may hold: the negative property sends 1 KB ids as
 * hostile ones, so a configured id past that is no id (a file or a blob pasted into the variable),
 * and its near-misses would be URLs no server takes, failing the target for the configuration.
 */
export const MAX_FIXTURE_ID_LENGTH = 1024;

/**
 * Why a configured id cannot be meant, or undefined. A line break inside one comes from a YAML
 * block (`|`) listing ids one per line, or a multi-line secret: sent as one id with a %0A in it,
 * every case of the role failed as the target's 404.
 */
function fixtureIdProblem(variable: string, many: boolean, id: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  if (/[\u0000-\u001f\u007f]/.test(id)) {
    return `${variable} holds a line break or another control character inside a sender id${many ? ': list the ids separated by commas (snd_a,snd_b)' : ': it takes one id'}`;
  }
  if (id.length > MAX_FIXTURE_ID_LENGTH) return `${variable} holds a sender id of ${id.length} characters; a sender id has at most ${MAX_FIXTURE_ID_LENGTH} (a file or a blob pasted into it?)`;
  // A key the run was not given (the production key beside a sandbox run's) is no less a secret,
  // and the scrubbers know only the run's keys: as an id it would reach every URL, recording and curl.
  if (keyShapedWords(id).length > 0) return `${variable} holds a word shaped like an API key (zv_test_…, zv_live_…): sender ids go into every URL and report, where no key may be (a swapped variable?)`;
  return undefined;
}

/** A key this long inside a sender id is the key, not a coincidence of letters. */
const KEY_IN_ID_MIN = 16;

/**
 * Fixture settings that cannot be meant, said before any request: a sender variable holding a key
 * of the run (a swapped CI secret: sender ids go into every URL, case id and report, where no key
 * may ever be), or an "unknown" id that is one of the configured senders (its not-found cases
 * would fail the target for the configuration's mistake). `keys` name each secret by what it is
 * ("the API key", "ZAVU_OTHER_PROJECT_API_KEY": that variable and ZAVU_SENDER_OTHER_PROJECT are
 * the likeliest pair to swap). `named`: a variable as the lines name it (inside the GitHub Action,
 * the input that set it: config/action-run settingName), the variable itself by default.
 */
export function checkFixtureSettings(registry: Registry, env: Readonly<Record<string, string | undefined>>, keys: readonly { name: string; value: string | undefined }[], named: (variable: string) => string = (variable) => variable): void {
  const roles = [...registry.roles.values()].filter(({ role }) => role.env !== undefined);
  const configured = (variable: string, many: boolean): string[] => fromEnv(env[variable], many);
  const nameOf = (role: { env?: string | undefined }, fallback = ''): string => (role.env === undefined ? fallback : named(role.env));
  for (const { role } of roles) {
    const variable = role.env ?? '';
    for (const { name, value: key } of keys) {
      // Named by variable only: the message must not carry the key either. A short key (a mock's
      // "sync") may be a piece of real ids: then only the key itself is refused.
      const holdsKey = (value: string): boolean => key !== undefined && key !== '' && (value === key || (key.length >= KEY_IN_ID_MIN && value.includes(key)));
      if (configured(variable, role.many === true).some(holdsKey)) {
        throw new UsageError(`${named(variable)} holds ${name}: sender ids go into every URL and report, where the key must never be (a swapped variable?)`);
      }
    }
    // Named by variable and length only: the value itself may be anything (a pasted secret).
    const problem = configured(variable, role.many === true).map((id) => fixtureIdProblem(named(variable), role.many === true, id)).find((p) => p !== undefined);
    if (problem !== undefined) throw new UsageError(problem);
  }
  // A sender the key must not see (another project's) that is also configured as one of the key's
  // own: its isolation cases would fail the target as a breach of another project's data (a 200
  // to the key) for a copy-paste of the configuration.
  for (const { role } of roles.filter(({ role }) => role.hidden === true && role.generated === undefined)) {
    for (const id of configured(role.env ?? '', role.many === true)) {
      const same = roles.find(({ role: other }) => other.hidden !== true && other.generated === undefined && configured(other.env ?? '', other.many === true).includes(id));
      if (same !== undefined) throw new UsageError(`${nameOf(role)} ${JSON.stringify(id)} is also ${nameOf(same.role, same.name)}: it must be a sender of another project than the key's, never one of the key's own`);
    }
  }
  for (const { role } of roles.filter(({ role }) => role.generated !== undefined)) {
    const [unknown] = configured(role.env ?? '', false);
    const same = unknown === undefined ? undefined : roles.find(({ role: other }) => other.generated === undefined && configured(other.env ?? '', other.many === true).includes(unknown));
    if (same !== undefined) throw new UsageError(`${nameOf(role)} ${JSON.stringify(unknown)} is also ${nameOf(same.role, same.name)}: it must name no sender`);
  }
}

/**
 * Fixture variables a run against the embedded reference server would ignore (it seeds its own
 * senders): set with no target, they are a live run whose URL came out empty (a fork's pull request
 * without the secret), which must not certify the embedded server instead, as a key with no target
 * must not. A generated role's variable (ZAVU_SENDER_UNKNOWN) is honoured there, so not refused.
 * `noTarget`: the words saying no target is set (config/layered-env.ts noTargetWords: they name a variable
 * of the user's that holds a URL); `named`: as checkFixtureSettings's.
 */
export function checkEmbeddedFixtureSettings(registry: Registry, env: Readonly<Record<string, string | undefined>>, noTarget: string, named: (variable: string) => string = (variable) => variable): void {
  const ignored = [...registry.roles.values()].flatMap(({ role }) => (role.env !== undefined && role.generated === undefined && fromEnv(env[role.env], role.many === true).length > 0 ? [named(role.env)] : []));
  if (ignored.length === 0) return;
  const subject = ignored.length === 1 ? `${ignored[0] ?? ''} is` : `${ignored.join(', ')} are`;
  throw new UsageError(`${subject} set but no target is ${noTarget}: the run would certify the embedded reference server with its own senders, not yours; set the target, or unset ${ignored.length === 1 ? 'it' : 'them'} to run against the embedded server`);
}

/** Role name → its values this run. */
export function bindFixtures(registry: Registry, source: BindSource): Map<string, RoleValues> {
  const bound = new Map<string, RoleValues>();
  // Generated roles last: one shaped like other roles' ids needs their values first.
  const direct = [...registry.roles.values()].filter(({ role }) => role.firstOf === undefined).sort((a, b) => Number(a.role.generated !== undefined) - Number(b.role.generated !== undefined));
  for (const { name, role } of direct) {
    const configured = fromEnv(role.env === undefined ? undefined : source.env[role.env], role.many === true);
    // Consent per fixture: a role may be writable only when its own variable says so.
    const consented = role.writableWhen !== undefined && consent(role.writableWhen, source.env[role.writableWhen]);
    const writable = role.writable === true || consented;
    if (role.generated !== undefined) {
      // Fresh every run so a server cannot special-case it, in the shape of the configured ids where
      // they have one with room for randomness (a server may refuse an id of a shape it never issues).
      if (configured.length > 0) {
        bound.set(name, { values: configured, writable });
        continue;
      }
      const samples = (role.shapeOf ?? []).flatMap((other) => {
        const values = bound.get(other);
        return values !== undefined && 'values' in values ? values.values : [];
      });
      const fresh = idShapedLike(samples) ?? `${role.generated}${randomBytes(8).toString('hex')}`;
      bound.set(name, { values: [fresh], writable, generated: true });
    } else if (source.embedded) {
      const seeded = role.seeded === undefined ? [] : ([] as string[]).concat(role.seeded);
      bound.set(name, seeded.length > 0 ? { values: seeded, writable } : { missing: `the embedded reference server seeds no ${name} (${role.description})` });
    } else {
      bound.set(name, configured.length > 0 ? { values: configured, writable } : { missing: `${role.env ?? name} is not set: nothing to test for role ${name} (${role.description})` });
    }
  }
  // firstOf roles may name each other in any order: resolve until nothing changes (at most one pass per role).
  const pending = [...registry.roles.values()].filter(({ role }) => role.firstOf !== undefined);
  for (let pass = 0; pass <= pending.length; pass += 1) {
    for (const { name, role } of pending) {
      const first = (role.firstOf ?? []).map((other) => [other, bound.get(other)] as const).find((pair): pair is readonly [string, { values: string[]; writable: boolean; from?: string }] => pair[1] !== undefined && 'values' in pair[1]);
      // Which role it was, so a row judged by the bound sender's own answer knows whose (PlannedCase.boundAs).
      if (first) bound.set(name, { values: first[1].values.slice(0, 1), writable: false, from: first[1].from ?? first[0] });
      else if (pass === pending.length) {
        // The last of them is the one it falls back on: its own reason says what to set (a write
        // fixture's "ZAVU_SENDER_SYNCABLE is not set: nothing to test for role syncable").
        const last = bound.get(role.firstOf?.at(-1) ?? '');
        bound.set(name, { missing: last !== undefined && 'missing' in last ? last.missing : `none of ${(role.firstOf ?? []).join(', ')} is configured` });
      }
    }
  }
  return bound;
}

/** Every configured value of every role: the negative property never generates these, and builds near-misses from them. */
export function configuredValues(bound: ReadonlyMap<string, RoleValues>, registry: Registry): string[] {
  const values = new Set<string>();
  // firstOf roles only repeat another role's value (possibly a generated one), so they add nothing of their own.
  for (const [name, v] of bound) {
    const role = registry.roles.get(name)?.role;
    if ('values' in v && role?.generated === undefined && role?.firstOf === undefined) v.values.forEach((x) => values.add(x));
  }
  return [...values];
}

/**
 * The values of the roles the key must not see (another project's senders): no spelling of them may
 * be served. With `writes`, only those a write may be sent to: consented (writableWhen), or every
 * one on the embedded server or a --mock-target mock (`embedded`), whose store is the run's own.
 */
export function hiddenValues(bound: ReadonlyMap<string, RoleValues>, registry: Registry, writes?: { embedded: boolean }): string[] {
  return [...bound].flatMap(([name, v]) => (registry.roles.get(name)?.role.hidden === true && 'values' in v && (writes === undefined || writes.embedded || v.writable) ? v.values : []));
}

/**
 * Each role the user configured → its values: only the roles that name a variable of theirs (a
 * generated id is the suite's, a firstOf role repeats another's). What fixtureVariables reads, and
 * what a recording keeps of the run's configuration (log._zavu.fixtures), by role name, so a replay
 * reads a 404 by the variable the live run named, through today's roles.
 */
export function configuredRoles(bound: ReadonlyMap<string, RoleValues>, registry: Registry): Record<string, string[]> {
  // A null-prototype map: a role named "__proto__" is a key like any other.
  const roles = Object.create(null) as Record<string, string[]>;
  for (const [name, v] of bound) {
    const role = registry.roles.get(name)?.role;
    if (!('values' in v) || role?.env === undefined || role.generated !== undefined || role.firstOf !== undefined) continue;
    roles[name] = [...v.values];
  }
  return roles;
}

/**
 * Each configured value → the environment variable(s) it came from ("ZAVU_SENDER_NO_WABA"), so an
 * answer that says the target does not know a fixture names the variable to fix, not "the
 * configured sender id" among eight. Only values the user configured (configuredRoles).
 */
export function fixtureVariables(bound: ReadonlyMap<string, RoleValues>, registry: Registry): Record<string, string> {
  return variablesOfRoles(configuredRoles(bound, registry), registry);
}

/**
 * fixtureVariables of role → values (configuredRoles's, or a recording's): a role today's registry
 * has no variable for, or no longer takes from one, names nothing. The variables are the registry's
 * words, never the caller's: a recording's role name only picks one of them.
 */
export function variablesOfRoles(roles: Readonly<Record<string, readonly string[]>>, registry: Registry): Record<string, string> {
  const named = new Map<string, string[]>();
  for (const [name, values] of Object.entries(roles)) {
    const role = registry.roles.get(name)?.role;
    if (role?.env === undefined || role.generated !== undefined || role.firstOf !== undefined) continue;
    for (const value of values) named.set(value, [...(named.get(value) ?? []), role.env]);
  }
  return Object.fromEntries([...named].map(([value, variables]) => [value, listed([...new Set(variables)])]));
}

/** The values of role → values whose role the key must not see (another project's): hiddenValues of a recording's roles. */
export function hiddenOfRoles(roles: Readonly<Record<string, readonly string[]>>, registry: Registry): string[] {
  return Object.entries(roles).flatMap(([name, values]) => (registry.roles.get(name)?.role.hidden === true ? [...values] : []));
}

/** The first value of each role: representatives for the fixed near-miss examples. */
export function representativeValues(bound: ReadonlyMap<string, RoleValues>, registry: Registry): string[] {
  const values = new Set<string>();
  for (const [name, v] of bound) {
    const role = registry.roles.get(name)?.role;
    if ('values' in v && role?.generated === undefined && role?.firstOf === undefined && v.values[0] !== undefined) values.add(v.values[0]);
  }
  return [...values];
}
