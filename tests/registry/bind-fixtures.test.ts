/**
 * The values of each role for one run: seeded on the embedded server, from the environment on a
 * live target (a missing variable is a reason, so the cases over it are skipped loudly), a fresh
 * unknown id each run, and firstOf roles that take the first configured one.
 */
import type { FixtureRole } from '../../src/model';
import { noTargetWords } from '../../src/config/layered-env';
import { UsageError } from '../../src/model/errors';
import { bindFixtures, checkEmbeddedFixtureSettings, checkFixtureSettings, configuredRoles, configuredValues, fixtureVariables, hiddenOfRoles, hiddenValues, representativeValues, sourceRoles, variablesOfRoles, type RoleValues } from '../../src/registry/bind-fixtures';
import type { Registry } from '../../src/registry/load-registry';
import { registry } from '../support/shipped-contract';

const UNKNOWN = /^snd_zvc_unknown_[0-9a-f]{16}$/;

const live = (env: Record<string, string | undefined>) => bindFixtures(registry, { embedded: false, env });

/** The values of a role that has some; fails the test when it is missing. */
function valuesOf(bound: ReadonlyMap<string, RoleValues>, role: string): string[] {
  const found = bound.get(role);
  if (found === undefined || 'missing' in found) throw new Error(`role ${role} has no values: ${JSON.stringify(found)}`);
  return found.values;
}

/** The shipped registry with extra roles declared in the senders file. */
function withRoles(extra: Record<string, FixtureRole>): Registry {
  const fixture = registry.fixtures[0];
  if (fixture === undefined) throw new Error('no fixture file');
  const roles = new Map(registry.roles);
  for (const [name, role] of Object.entries(extra)) roles.set(name, { name, fixture, role });
  return { ...registry, roles };
}

describe('embedded', () => {
  test('every role takes its seeded values, whatever the environment says', () => {
    const bound = bindFixtures(registry, { embedded: true, env: { ZAVU_SENDER_NO_WABA: 'snd_from_env', ZAVU_SENDER_COEXISTENCE: 'snd_x,snd_y' } });
    expect(bound.get('noWaba')).toEqual({ values: ['snd_sms_no_waba'], writable: false });
    expect(bound.get('syncable')).toEqual({ values: ['snd_coex_syncable'], writable: true });
    expect(valuesOf(bound, 'coexistence')).toEqual([
      'snd_coex_active',
      'snd_coex_fresh',
      'snd_coex_syncing',
      'snd_coex_pending_verification',
      'snd_coex_pending_registration',
      'snd_coex_disconnected',
      'snd_coex_error',
    ]);
    expect(valuesOf(bound, 'notActive')).toEqual(['snd_coex_pending_verification']);
  });

  test('a role the server seeds nothing for is missing, with the reason', () => {
    const bound = bindFixtures(withRoles({ archived: { env: 'ZAVU_SENDER_ARCHIVED', description: 'an archived sender' } }), { embedded: true, env: { ZAVU_SENDER_ARCHIVED: 'snd_z' } });
    expect(bound.get('archived')).toEqual({ missing: 'the embedded reference server seeds no archived (an archived sender)' });
  });
});

describe('live', () => {
  test('each role takes its environment variable, trimmed', () => {
    const bound = live({ ZAVU_SENDER_NO_WABA: '  snd_n ', ZAVU_SENDER_SYNCABLE: 'snd_s' });
    expect(bound.get('noWaba')).toEqual({ values: ['snd_n'], writable: false });
    expect(bound.get('syncable')).toEqual({ values: ['snd_s'], writable: true });
  });

  test('a role writable only with consent is writable only when its variable is 1, true, yes or on; another value is refused, not read as no', () => {
    const other = (consent: string | undefined) => live({ ZAVU_SENDER_OTHER_PROJECT: 'snd_o', ZAVU_SENDER_OTHER_PROJECT_WRITABLE: consent }).get('otherProject');
    expect(other(undefined)).toEqual({ values: ['snd_o'], writable: false });
    expect(other('0')).toEqual({ values: ['snd_o'], writable: false });
    expect(other('1')).toEqual({ values: ['snd_o'], writable: true });
    expect(other(' YES ')).toEqual({ values: ['snd_o'], writable: true });
    expect(() => other('sure')).toThrow('ZAVU_SENDER_OTHER_PROJECT_WRITABLE "sure" must be 1, true, yes or on (or 0, false, no, off)');
    // Consent without the sender makes nothing writable.
    expect(live({ ZAVU_SENDER_OTHER_PROJECT_WRITABLE: '1' }).get('otherProject')).toEqual({ missing: expect.stringMatching(/^ZAVU_SENDER_OTHER_PROJECT is not set/) });
  });

  test('a many-role is a comma list; a single role keeps its commas', () => {
    const bound = live({ ZAVU_SENDER_COEXISTENCE: ' snd_a, snd_b ,,snd_c,', ZAVU_SENDER_NO_WABA: 'snd_n,snd_m' });
    expect(valuesOf(bound, 'coexistence')).toEqual(['snd_a', 'snd_b', 'snd_c']);
    expect(valuesOf(bound, 'noWaba')).toEqual(['snd_n,snd_m']);
  });

  test('a variable not set, empty or blank: missing, naming the variable and what it is for', () => {
    const bound = live({ ZAVU_SENDER_NO_WABA: '', ZAVU_SENDER_NOT_ACTIVE: '   ' });
    for (const [role, variable] of [['noWaba', 'ZAVU_SENDER_NO_WABA'], ['notActive', 'ZAVU_SENDER_NOT_ACTIVE'], ['syncable', 'ZAVU_SENDER_SYNCABLE'], ['coexistence', 'ZAVU_SENDER_COEXISTENCE']] as const) {
      const description = registry.roles.get(role)?.role.description ?? '';
      expect(bound.get(role)).toEqual({ missing: expect.stringMatching(new RegExp(`^${variable} is not set`)) });
      expect(bound.get(role)).toEqual({ missing: expect.stringContaining(description) });
    }
  });
});

test('each configured value names the variables it came from, as a reader lists them ("A, B and C")', () => {
  const bound = live({ ZAVU_SENDER_NO_WABA: 'snd_x', ZAVU_SENDER_NOT_COEXISTENCE: 'snd_x', ZAVU_SENDER_NOT_ACTIVE: 'snd_x', ZAVU_SENDER_SYNCABLE: 'snd_s' });
  expect(fixtureVariables(bound, registry)).toMatchObject({ snd_x: 'ZAVU_SENDER_NO_WABA, ZAVU_SENDER_NOT_COEXISTENCE and ZAVU_SENDER_NOT_ACTIVE', snd_s: 'ZAVU_SENDER_SYNCABLE' });
});

test('the configured roles (what a recording keeps) give the same variables and hidden values back, through the registry: no generated or firstOf role, no role it does not know', () => {
  const bound = live({ ZAVU_SENDER_NO_WABA: 'snd_x', ZAVU_SENDER_NOT_ACTIVE: 'snd_x', ZAVU_SENDER_OTHER_PROJECT: 'snd_o', ZAVU_SENDER_UNKNOWN: 'snd_u' });
  const roles = configuredRoles(bound, registry);
  expect({ ...roles }).toEqual({ noWaba: ['snd_x'], notActive: ['snd_x'], otherProject: ['snd_o'] });
  expect(variablesOfRoles(roles, registry)).toEqual(fixtureVariables(bound, registry));
  expect(hiddenOfRoles(roles, registry)).toEqual(hiddenValues(bound, registry));
  // A recording's role names only pick the registry's variables: one it has none for names nothing.
  expect(variablesOfRoles({ noSuchRole: ['snd_y'], any: ['snd_a'], unknown: ['snd_u'] }, registry)).toEqual({});
  expect(hiddenOfRoles({ noSuchRole: ['snd_y'], noWaba: ['snd_x'] }, registry)).toEqual([]);
});

test("hidden values: the other project's sender, the only role the key must not see", () => {
  expect(hiddenValues(bindFixtures(registry, { embedded: true, env: {} }), registry)).toEqual(['snd_other_project']);
  expect(hiddenValues(live({ ZAVU_SENDER_NO_WABA: 'snd_n' }), registry)).toEqual([]);
});

test('the hidden values a write may reach all the same: with consent on a live target, every one on the embedded server', () => {
  expect(hiddenValues(bindFixtures(registry, { embedded: true, env: {} }), registry, { embedded: true })).toEqual(['snd_other_project']);
  expect(hiddenValues(live({ ZAVU_SENDER_OTHER_PROJECT: 'snd_o' }), registry)).toEqual(['snd_o']);
  expect(hiddenValues(live({ ZAVU_SENDER_OTHER_PROJECT: 'snd_o' }), registry, { embedded: false })).toEqual([]);
  expect(hiddenValues(live({ ZAVU_SENDER_OTHER_PROJECT: 'snd_o', ZAVU_SENDER_OTHER_PROJECT_WRITABLE: '1' }), registry, { embedded: false })).toEqual(['snd_o']);
});

describe('generated roles', () => {
  test('a fresh unknown id on every bind, live or embedded', () => {
    const [first, second, embedded] = [live({}), live({}), bindFixtures(registry, { embedded: true, env: {} })].map((bound) => valuesOf(bound, 'unknown'));
    for (const values of [first, second, embedded]) expect(values).toEqual([expect.stringMatching(UNKNOWN)]);
    // Fresh, so a server cannot special-case a fixed "unknown" id.
    expect(first?.[0]).not.toBe(second?.[0]);
    expect(first?.[0]).not.toBe(embedded?.[0]);
  });

  test("in the shape of the configured senders' ids when theirs has room for randomness: a UUID, whichever role names it first", () => {
    const uuid = '3f2a9c0b-7d1e-4a5b-9c8d-1e2f3a4b5c6d';
    expect(valuesOf(live({ ZAVU_SENDER_COEXISTENCE: uuid }), 'unknown')).toEqual([expect.stringMatching(/^3f2a9c0b-7d1e-4a5b-9c8d-[0-9a-f]{12}$/)]);
    // No coexistence sender: the next role of shapeOf gives the shape.
    const bound = live({ ZAVU_SENDER_NO_WABA: 'snd_8fK2mQ7xR4tZ9pWb' });
    expect(bound.get('unknown')).toEqual({ values: [expect.stringMatching(/^snd_[0-9A-Za-z]{16}$/)], writable: false, generated: true });
    // Short random parts (the seeded ids, "snd_a") leave too little room: the generator's own prefix.
    expect(valuesOf(live({ ZAVU_SENDER_COEXISTENCE: 'snd_a' }), 'unknown')).toEqual([expect.stringMatching(UNKNOWN)]);
  });

  test('the variable, when set, wins', () => {
    expect(live({ ZAVU_SENDER_UNKNOWN: 'snd_recorded_unknown' }).get('unknown')).toEqual({ values: ['snd_recorded_unknown'], writable: false });
    expect(valuesOf(bindFixtures(registry, { embedded: true, env: { ZAVU_SENDER_UNKNOWN: 'snd_recorded_unknown' } }), 'unknown')).toEqual(['snd_recorded_unknown']);
  });
});

describe('firstOf', () => {
  test('the first value of the first configured role, in the declared order', () => {
    expect(live({ ZAVU_SENDER_COEXISTENCE: 'snd_a,snd_b', ZAVU_SENDER_NO_WABA: 'snd_n' }).get('any')).toEqual({ values: ['snd_a'], writable: false, from: 'coexistence' });
    expect(live({ ZAVU_SENDER_NOT_COEXISTENCE: 'snd_c', ZAVU_SENDER_NO_WABA: 'snd_n' }).get('any')).toEqual({ values: ['snd_n'], writable: false, from: 'noWaba' });
    expect(valuesOf(bindFixtures(registry, { embedded: true, env: {} }), 'any')).toEqual(['snd_coex_active']);
  });

  test('with nothing configured, the generated role it lists: the same id as that role this run', () => {
    const bound = live({});
    expect(valuesOf(bound, 'any')).toEqual(valuesOf(bound, 'unknown'));
    // Said, so a credential row bound to it expects the unknown id's own answer (PlannedCase.boundAs).
    expect(bound.get('any')).toMatchObject({ from: 'unknown' });
  });

  test('names the role its value came from through a firstOf role it takes: the role with a value of its own', () => {
    const roles = withRoles({ inner: { firstOf: ['notCoexistence', 'noWaba'], description: 'a sender with or without a WABA' }, outer: { firstOf: ['inner', 'coexistence'], description: 'nested' } });
    const bound = bindFixtures(roles, { embedded: false, env: { ZAVU_SENDER_NO_WABA: 'snd_n', ZAVU_SENDER_COEXISTENCE: 'snd_a' } });
    expect(bound.get('outer')).toEqual({ values: ['snd_n'], writable: false, from: 'noWaba' });
    expect(sourceRoles(roles, 'outer')).toEqual(['notCoexistence', 'noWaba', 'coexistence']);
    expect(sourceRoles(roles, 'noWaba')).toEqual(['noWaba']);
  });

  test('never writable, even when the role it takes is', () => {
    const bound = bindFixtures(withRoles({ writer: { firstOf: ['syncable'], description: 'some writable sender' } }), { embedded: false, env: { ZAVU_SENDER_SYNCABLE: 'snd_s' } });
    expect(bound.get('writer')).toEqual({ values: ['snd_s'], writable: false, from: 'syncable' });
  });

  test('none of its roles configured: missing, with the reason of the last, the one it falls back on (the variable to set)', () => {
    const bound = bindFixtures(withRoles({ someWaba: { firstOf: ['notCoexistence', 'noWaba'], description: 'a sender with or without a WABA' } }), { embedded: false, env: {} });
    expect(bound.get('someWaba')).toEqual({ missing: expect.stringMatching(/^ZAVU_SENDER_NO_WABA is not set: nothing to test for role noWaba \(/) });
  });
});

describe('the values the negative property avoids and builds near-misses from', () => {
  const env = { ZAVU_SENDER_COEXISTENCE: 'snd_a,snd_b', ZAVU_SENDER_NO_WABA: 'snd_n', ZAVU_SENDER_SYNCABLE: 'snd_s' };

  test('configuredValues: every value of every role once, without the generated unknown id', () => {
    const bound = live(env);
    expect(configuredValues(bound, registry)).toEqual(['snd_a', 'snd_b', 'snd_n', 'snd_s']);
    // A configured unknown id is still an id that names nothing: not a fixture to avoid.
    expect(configuredValues(live({ ...env, ZAVU_SENDER_UNKNOWN: 'snd_u' }), registry)).not.toContain('snd_u');
  });

  test('representativeValues: the first value of each role, without generated or firstOf roles', () => {
    const bound = live(env);
    expect(representativeValues(bound, registry)).toEqual(['snd_a', 'snd_n', 'snd_s']);
    // With nothing configured, "any" holds the unknown id: it is no representative either.
    expect(representativeValues(live({}), registry)).toEqual([]);
  });
});

describe('regressions found by the unit tests', () => {
  test('configuredValues never lists the generated unknown id, even when "any" fell back to it', () => {
    const bound = live({});
    const any = bound.get('any');
    expect(any && 'values' in any ? any.values[0] : '').toMatch(UNKNOWN);
    expect(configuredValues(bound, registry)).toEqual([]);
  });

  test('a value listed twice in a many-role is one fixture (one case id)', () => {
    expect(live({ ZAVU_SENDER_COEXISTENCE: 'snd_a, snd_a,snd_b' }).get('coexistence')).toEqual({ values: ['snd_a', 'snd_b'], writable: false });
  });

  test('a missing variable says which role has nothing to test', () => {
    expect(live({}).get('noWaba')).toEqual({ missing: 'ZAVU_SENDER_NO_WABA is not set: nothing to test for role noWaba (a sender without a WhatsApp Business Account)' });
  });
});

describe('checkEmbeddedFixtureSettings', () => {
  const NO_TARGET = noTargetWords(undefined);
  test('a sender variable of the target with no target is refused, naming it; the unknown id (honoured by the embedded server too) and empty values are not', () => {
    expect(() => checkEmbeddedFixtureSettings(registry, { ZAVU_SENDER_COEXISTENCE: 'snd_mine' }, NO_TARGET)).toThrow(/^ZAVU_SENDER_COEXISTENCE is set but no target is .*; set the target, or unset it to run against the embedded server$/);
    expect(() => checkEmbeddedFixtureSettings(registry, { ZAVU_SENDER_UNKNOWN: 'snd_none', ZAVU_SENDER_COEXISTENCE: '' }, NO_TARGET)).not.toThrow();
    expect(() => checkEmbeddedFixtureSettings(registry, {}, NO_TARGET)).not.toThrow();
  });
  test('each variable named as the caller names it (inside the GitHub Action, the input that set it)', () => {
    const named = (variable: string) => (variable === 'ZAVU_SENDER_COEXISTENCE' ? 'sender-coexistence' : variable);
    expect(() => checkEmbeddedFixtureSettings(registry, { ZAVU_SENDER_COEXISTENCE: 'snd_mine', ZAVU_SENDER_NO_WABA: 'snd_n' }, NO_TARGET, named)).toThrow(/^sender-coexistence, ZAVU_SENDER_NO_WABA are set but no target is /);
  });
});

describe('checkFixtureSettings: ids no one can mean are refused before any request, the value never quoted', () => {
  const check = (env: Record<string, string>) => () => checkFixtureSettings(registry, env, [{ name: 'the API key', value: 'zv_test_abcdefgh12345678' }]);
  test('ids one per line (a YAML block scalar, a multi-line secret): one line naming the variable, commas for a list', () => {
    // Sent as one id with %0A in it, every case of the role failed as the target's 404.
    expect(check({ ZAVU_SENDER_COEXISTENCE: 'snd_a\nsnd_b\n' })).toThrow(new UsageError('ZAVU_SENDER_COEXISTENCE holds a line break or another control character inside a sender id: list the ids separated by commas (snd_a,snd_b)'));
    expect(check({ ZAVU_SENDER_NO_WABA: 'snd_a\r\nsnd_b' })).toThrow(new UsageError('ZAVU_SENDER_NO_WABA holds a line break or another control character inside a sender id: it takes one id'));
    // Around the value (a trailing newline from a secrets file) it is trimmed, as before.
    expect(check({ ZAVU_SENDER_COEXISTENCE: 'snd_a, snd_b\n', ZAVU_SENDER_NO_WABA: '  snd_c\r\n' })).not.toThrow();
  });
  test("another project's sender that is also one of the key's own is refused, naming both variables: its isolation cases would report a breach", () => {
    expect(check({ ZAVU_SENDER_COEXISTENCE: 'snd_a,snd_b', ZAVU_SENDER_OTHER_PROJECT: 'snd_b' })).toThrow(new UsageError('ZAVU_SENDER_OTHER_PROJECT "snd_b" is also ZAVU_SENDER_COEXISTENCE: it must be a sender of another project than the key\'s, never one of the key\'s own'));
    expect(check({ ZAVU_SENDER_NOT_ACTIVE: 'snd_i', ZAVU_SENDER_OTHER_PROJECT: 'snd_i' })).toThrow(/^ZAVU_SENDER_OTHER_PROJECT "snd_i" is also ZAVU_SENDER_NOT_ACTIVE: /);
    expect(check({ ZAVU_SENDER_COEXISTENCE: 'snd_a', ZAVU_SENDER_OTHER_PROJECT: 'snd_o' })).not.toThrow();
  });
  test("a word shaped like a Zavu key that is not the run's (the production key beside a sandbox run's, another project's) is a secret all the same: refused without quoting it", () => {
    // A swapped CI secret the run was not given as a key: it would go into every URL, recording and curl as an id.
    expect(check({ ZAVU_SENDER_UNKNOWN: 'zv_live_PRODUCTION0123456789ab' })).toThrow(new UsageError('ZAVU_SENDER_UNKNOWN holds a word shaped like an API key (zv_test_…, zv_live_…): sender ids go into every URL and report, where no key may be (a swapped variable?)'));
    expect(check({ ZAVU_SENDER_COEXISTENCE: 'snd_a,zv_test_OTHERSANDBOX012345' })).toThrow(/^ZAVU_SENDER_COEXISTENCE holds a word shaped like an API key /);
    // The prefix alone, or glued to a word, is no key (as keyShapedWords reads one).
    expect(check({ ZAVU_SENDER_COEXISTENCE: 'snd_zv_test_abcdefgh12', ZAVU_SENDER_NO_WABA: 'zv_test_short' })).not.toThrow();
  });
  test('an id past 1 KB (the hostile length the negative property sends) is a pasted file, not an id', () => {
    const long = `snd_${'a'.repeat(120_000)}`;
    expect(check({ ZAVU_SENDER_OTHER_PROJECT: long })).toThrow(new UsageError('ZAVU_SENDER_OTHER_PROJECT holds a sender id of 120004 characters; a sender id has at most 1024 (a file or a blob pasted into it?)'));
    expect(check({ ZAVU_SENDER_UNKNOWN: `snd_${'b'.repeat(1021)}` })).toThrow(/^ZAVU_SENDER_UNKNOWN holds a sender id of 1025 characters/);
    expect(check({ ZAVU_SENDER_COEXISTENCE: `snd_a,snd_${'c'.repeat(1020)}` })).not.toThrow();
  });
  test('each variable named as the caller names it (inside the GitHub Action, the input that set it: config/action-run settingName)', () => {
    const inputs: Record<string, string> = { ZAVU_SENDER_COEXISTENCE: 'sender-coexistence', ZAVU_SENDER_OTHER_PROJECT: 'sender-other-project', ZAVU_SENDER_NO_WABA: 'sender-no-waba' };
    const named = (variable: string) => inputs[variable] ?? variable;
    const key = 'zv_test_abcdefgh12345678';
    const checkNamed = (env: Record<string, string>) => () => checkFixtureSettings(registry, env, [{ name: 'the API key', value: key }], named);
    expect(checkNamed({ ZAVU_SENDER_NO_WABA: key })).toThrow(/^sender-no-waba holds the API key: /);
    expect(checkNamed({ ZAVU_SENDER_COEXISTENCE: 'snd_a\nsnd_b' })).toThrow(/^sender-coexistence holds a line break /);
    expect(checkNamed({ ZAVU_SENDER_NOT_ACTIVE: `snd_${'a'.repeat(1100)}` })).toThrow(/^ZAVU_SENDER_NOT_ACTIVE holds a sender id of 1104 characters/);
    expect(checkNamed({ ZAVU_SENDER_COEXISTENCE: 'snd_a,snd_b', ZAVU_SENDER_OTHER_PROJECT: 'snd_b' })).toThrow(/^sender-other-project "snd_b" is also sender-coexistence: /);
    expect(checkNamed({ ZAVU_SENDER_NO_WABA: 'snd_n', ZAVU_SENDER_UNKNOWN: 'snd_n' })).toThrow(/^ZAVU_SENDER_UNKNOWN "snd_n" is also sender-no-waba: it must name no sender$/);
  });
});
