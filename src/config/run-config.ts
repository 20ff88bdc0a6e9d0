/** The resolved settings of one run. Flags override environment, which overrides .env, which overrides defaults. */
import { resolve } from 'node:path';
import { UsageError } from '../model/errors';
import type { RunMode } from '../model';
import { FLAKY_MIN_FLIPS } from '../model/history';
import { apiKeyProblem, ENV_EXAMPLE_KEY, keyPrefix, OTHER_PROJECT_KEY_ENV } from '../model/http';
import { parseBaseUrl, parseMode, parseRate, parseRateLimit, parseTimeout, seedOf, wholeNumber, type Picked } from './parse-values';
import { parseShard, type Shard } from '../shard/shard';
import { ciRunId, parseRunId } from '../shard/run-id';
import { packageRoot } from '../package-root';
import { notASwitch, switchValue } from '../text/plain-text';
import { MAX_HISTORY_WINDOW, optionSpec, type RunOptionName } from './options';
import type { RawFlags } from './parse-flags';
import { parseMinCoverage, type CoverageRule } from '../coverage/min-coverage';
import { otherProjectKeyLabel, settingName, targetSettingOf } from './action-run';
import { noTargetWords, TARGET_FLAG, urlNotTarget } from './layered-env';

/** The most requests in flight at once (--concurrency): the keep-alive agents' sockets per target. */
export const MAX_CONCURRENCY = 8;

/** 256 MiB: a body is held as one string, and V8's strings stop at 512 MiB. */
const MAX_BODY_BYTES_CEILING = 256 * 1024 * 1024;

export interface RunConfig {
  /** Undefined: run against the embedded reference server. */
  baseUrl?: string;
  apiKey?: string;
  /** ZAVU_OTHER_PROJECT_API_KEY: the key of the project ZAVU_SENDER_OTHER_PROJECT belongs to (a secret, as apiKey is). */
  otherProjectApiKey?: string;
  /** The environment fixture roles are read from (process over .env); roles name their variables. */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The target's setting beside ZAVU_BASE_URL, as lines saying none was given name it: `--base-url`
   * (absent), the GitHub Action's base-url input, or a run from code's `baseUrl` option.
   */
  targetSetting?: string;
  /** Which of env's names came from .env, to say where a setting was given. */
  envFromDotenv?: ReadonlySet<string>;
  reportsDir: string;
  timeoutMs: number;
  /** --max-body-bytes: bound of a response body, on the wire and decoded. */
  maxBodyBytes: number;
  specPath: string;
  operationsDir: string;
  fixturesDir: string;
  /** --operation: only these operationIds. */
  operations?: string[];
  /** --allow-writes: write operations may go to a live target's writable fixture. */
  allowWrites: boolean;
  /**
   * --allow-live-writes: … also with a key that is not a sandbox key, still only to the writable
   * fixture; it never lifts a --mock-target refusal (runner/write-safety.ts).
   */
  allowLiveWrites: boolean;
  /**
   * --mock-target (needs --allow-writes): the target's state is disposable (a mock server), so the
   * writes are planned as against the embedded server, to every configured sender, not only to
   * ZAVU_SENDER_SYNCABLE and the senders a *_WRITABLE=1 consents to.
   */
  mockTarget: boolean;
  mode: RunMode;
  recordingsDir: string;
  /** Seed of the negative-input property; random when not given, always printed. */
  seed: number;
  fuzzRuns: number;
  concurrency: number;
  /** --write-settle-ms: the wait after each write of a case before its next request (0: none). */
  writeSettleMs: number;
  ratePerSecond?: number;
  repeat: number;
  latencyBudgetMs?: number;
  allowFlaky: boolean;
  /** `label`: where the file was named (--baseline, ZAVU_BASELINE, …), for an error about it. */
  baseline?: { file: string; strict: boolean; label?: string };
  shard?: Shard;
  /**
   * The run id the report records (runInfo.runId): --run-id / ZAVU_RUN_ID, or with --shard the
   * CI's own id of the run (shard/run-id.ts); absent otherwise. Shards whose ids differ do not merge.
   */
  runId?: string;
  /** --min-coverage: the least coverage the run must reach (check `coverage`); absent: no rule. */
  minCoverage?: CoverageRule[];
  /** --history: the store, the window, and --fail-on-flaky-rate. */
  history?: HistorySettings;
  /**
   * Where each of these settings was given (`--reports`, `ZAVU_REPORTS_DIR`, `ZAVU_REPORTS_DIR (from
   * .env)`), for an error about its value: a line naming `--operation` sends a user who set
   * ZAVU_OPERATION looking through a command line that has no such flag. Absent: the flag's name.
   */
  labels?: SettingLabels;
}

/** The settings whose errors are raised after resolution (the folders, the operation ids), by where they were given. */
export type SettingLabels = Partial<Record<'reports' | 'apiKey' | 'recordings' | 'operation' | 'operations' | 'fixtures' | 'baseUrl' | 'allowLiveWrites' | 'mockTarget' | 'shard', string>>;

/** What --history, --history-window and --fail-on-flaky-rate resolve to. */
export interface HistorySettings {
  file: string;
  /** Where the store was named (--history, ZAVU_HISTORY, .env's …), for an error about it. */
  label: string;
  window: number;
  failOnFlakyRate?: number;
}


/** The environment a run sees, and which of its keys came from the .env file (for error messages). */
export interface SettingsEnv {
  values: Record<string, string | undefined>;
  fromDotenv?: ReadonlySet<string>;
}

function pickFrom(name: RunOptionName, flags: RawFlags, env: SettingsEnv): Picked {
  const spec = optionSpec(name);
  const fromFlag = flags[name];
  if (typeof fromFlag === 'string') return { value: fromFlag, label: `--${name}` };
  const fromEnv = spec.env === undefined ? undefined : env.values[spec.env];
  if (spec.env !== undefined && fromEnv !== undefined && fromEnv !== '') {
    // Inside the GitHub Action, a variable its input set is named by that input (base-url, api-key, reports-dir).
    return { value: fromEnv, label: env.fromDotenv?.has(spec.env) ? `${spec.env} (from .env)` : settingName(spec.env, env) };
  }
  return { value: spec.default, label: `--${name}`, isDefault: true };
}

/** A boolean setting: the flag, or the variable set to 1/true/yes/on; a variable set to anything but those and 0/false/no/off is refused. */
function isOn(name: RunOptionName, flags: RawFlags, env: SettingsEnv): boolean {
  if (flags[name] === true) return true;
  const variable = optionSpec(name).env;
  return variable !== undefined && switchOf(variable, env);
}

/** What set an on/off setting that is on: its flag, or else its variable. */
function switchLabel(name: RunOptionName, flags: RawFlags): string {
  return flags[name] === true ? `--${name}` : (optionSpec(name).env ?? `--${name}`);
}

/** The on/off variable `variable`, or a one-line error naming it (and .env when it came from there). */
export function switchOf(variable: string, env: SettingsEnv): boolean {
  const value = env.values[variable];
  const on = switchValue(value);
  if (on !== undefined) return on;
  throw new UsageError(notASwitch(env.fromDotenv?.has(variable) ? `${variable} (from .env)` : variable, value));
}

/** A path the user gave is relative to where they stand; a packaged default (OptionSpec.packaged) is the suite's own file. */
function locate(name: 'spec' | 'operations' | 'fixtures', flags: RawFlags, env: SettingsEnv, cwd: string): string {
  const { value, isDefault } = pickFrom(name, flags, env);
  return resolve(isDefault === true && optionSpec(name).packaged === true ? packageRoot : cwd, value ?? '');
}

/** Where the operations and fixtures are read from: also what the library reads to name a `senders` role in an error. */
export function dataDirs(flags: RawFlags, env: SettingsEnv, cwd: string): Pick<RunConfig, 'operationsDir' | 'fixturesDir'> {
  return { operationsDir: locate('operations', flags, env, cwd), fixturesDir: locate('fixtures', flags, env, cwd) };
}

/**
 * The key in the URL: whole, or its secret without the public zv_test_/zv_live_ prefix, as written
 * or percent-encoded, in any letter case (a host is lower-cased on its way). A key too short to
 * tell from a port or a word by a search (under 8 characters) counts when it is a whole host label
 * or path segment. The target is named unscrubbed in every report, so this is where it is caught.
 */
function carriesKey(url: string, apiKey: string): boolean {
  const text = url.toLowerCase();
  const prefix = keyPrefix(apiKey);
  const secret = apiKey.slice(prefix.length);
  const forms = [apiKey, ...(prefix !== '' && secret.length >= 8 ? [secret] : [])].filter((form) => form.length >= 8);
  if (forms.some((form) => [form, encodeURIComponent(form)].some((written) => text.includes(written.toLowerCase())))) return true;
  const { hostname, pathname } = new URL(url);
  const words = [...hostname.split('.'), ...pathname.split('/')].map((word) => safeDecode(word).toLowerCase());
  return words.includes(apiKey.toLowerCase());
}

/** Where the key goes, in its user's terms: inside the Action, the api-key input when that is where it was given. */
function keyHome(env: SettingsEnv): string {
  const named = settingName('ZAVU_API_KEY', env);
  return named === 'ZAVU_API_KEY' ? 'ZAVU_API_KEY (or --api-key)' : `the ${named} input`;
}

function safeDecode(word: string): string {
  try {
    return decodeURIComponent(word);
  } catch {
    return word;
  }
}

/** Resolves every setting of a run; `env` is the process environment over .env (see layeredEnv). */
export function resolveRunConfig(flags: RawFlags, env: SettingsEnv, cwd: string): RunConfig {
  const pick = (name: RunOptionName): Picked => pickFrom(name, flags, env);
  // The process's own on/off settings, read later where they apply: a value that is neither is said now, as for every on/off setting.
  for (const variable of ['ZAVU_CACHE', 'ZAVU_DEBUG']) if ((env.values[variable] ?? '').trim() !== '') switchOf(variable, env);
  const apiKey = pick('api-key').value?.trim();
  // Checked before a request: a key with a space or a line break in it would fail every case as the target's transport error.
  const keyProblem = apiKey ? apiKeyProblem(apiKey) : undefined;
  if (keyProblem !== undefined) throw new UsageError(`${pick('api-key').label}: ${keyProblem}`);
  const only = pick('operation').value?.split(',').map((s) => s.trim()).filter(Boolean);
  const allowWrites = isOn('allow-writes', flags, env);
  const allowLiveWrites = isOn('allow-live-writes', flags, env);
  if (allowLiveWrites && !allowWrites) throw new UsageError(`${switchLabel('allow-live-writes', flags)} needs --allow-writes`);
  const mockTarget = isOn('mock-target', flags, env);
  // Without writes it would change nothing: said, not ignored, as --allow-live-writes is.
  if (mockTarget && !allowWrites) throw new UsageError(`${switchLabel('mock-target', flags)} needs --allow-writes (it lets writes go to every configured sender of a mock)`);
  const target = pick('base-url');
  const targetSetting = targetSettingOf(env);
  const baseUrl = parseBaseUrl(target);
  // A key with no target is a live run whose URL came out empty (a CI variable unset or misnamed):
  // the embedded server, which has its own key, would be certified instead, and the gate would pass.
  if (baseUrl === undefined && apiKey && pick('mode').value !== 'replay') {
    throw new UsageError(`${pick('api-key').label} is set but no target is ${noTargetWords(urlNotTarget(env.values, env.fromDotenv), targetSetting)}: the run would certify the embedded reference server, not yours; set the target, or unset the key to run against the embedded server`);
  }
  // The target is named in every report, curl and recording: a key in its path would be named with it.
  if (baseUrl !== undefined && apiKey && carriesKey(baseUrl, apiKey)) {
    throw new UsageError(`${target.label} carries the API key: the key goes only in ${keyHome(env)}, as a bearer token`);
  }
  // .env.example copied and not filled in would send a run to the production URL beside the placeholder.
  if (baseUrl !== undefined && apiKey === ENV_EXAMPLE_KEY) throw new UsageError(`${pick('api-key').label}: the API key is still .env.example's placeholder: set a key of the target`);
  const otherProjectApiKey = otherProjectKey(env, apiKey, baseUrl, pick('mode').value === 'replay');
  const budget = pick('latency-budget-ms');
  const shard = pick('shard');
  // A record run writes each operation's file whole from the cases it ran: a shard holds a slice of
  // an operation's cases (the slices cut across operations), so each shard's file of it would lack
  // the others' cases, and the last written would replace the rest. Refused before any request.
  if (shard.value !== undefined && pick('mode').value === 'record') {
    throw new UsageError(`${shard.label} with ${pick('mode').label} record: each shard would write an operation's recording with its own slice of the cases alone, and the last would replace the others'; record without --shard (a replay may be sharded)`);
  }
  const givenRunId = pick('run-id');
  // Given, it is checked and kept whether or not the run is sharded; else a shard takes its CI's id of the run.
  const runId = givenRunId.value !== undefined ? parseRunId(givenRunId.value, givenRunId.label) : shard.value !== undefined ? ciRunId(env.values) : undefined;
  const minCoverage = pick('min-coverage');
  const baseline = baselineSettings(pick, flags, env, cwd);
  const labels: SettingLabels = { reports: pick('reports').label, apiKey: pick('api-key').label, recordings: pick('recordings').label, operation: pick('operation').label, operations: pick('operations').label, fixtures: pick('fixtures').label, baseUrl: target.label, allowLiveWrites: switchLabel('allow-live-writes', flags), mockTarget: switchLabel('mock-target', flags), shard: shard.label };
  return {
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(otherProjectApiKey ? { otherProjectApiKey } : {}),
    env: env.values,
    ...(env.fromDotenv !== undefined ? { envFromDotenv: env.fromDotenv } : {}),
    reportsDir: resolve(cwd, pick('reports').value ?? ''),
    timeoutMs: parseTimeout(pick('timeout')),
    maxBodyBytes: wholeNumber(pick('max-body-bytes'), 1024, MAX_BODY_BYTES_CEILING),
    specPath: locate('spec', flags, env, cwd),
    ...dataDirs(flags, env, cwd),
    ...(only !== undefined && only.length > 0 ? { operations: only } : {}),
    allowWrites,
    allowLiveWrites,
    mockTarget,
    mode: parseMode(pick('mode')),
    recordingsDir: resolve(cwd, pick('recordings').value ?? ''),
    seed: seedOf(pick('seed')),
    fuzzRuns: wholeNumber(pick('fuzz-runs'), 0, 10_000),
    concurrency: wholeNumber(pick('concurrency'), 1, MAX_CONCURRENCY),
    writeSettleMs: wholeNumber(pick('write-settle-ms'), 0, 10_000),
    ...optionalRate(parseRate(pick('rate'))),
    repeat: wholeNumber(pick('repeat'), 1, 1000),
    ...(budget.value !== undefined ? { latencyBudgetMs: wholeNumber(budget, 1, 600_000) } : {}),
    allowFlaky: resolveAllowFlaky(flags, env),
    ...baseline,
    ...(shard.value !== undefined ? { shard: parseShard(shard.value, shard.label) } : {}),
    ...(runId !== undefined ? { runId } : {}),
    ...(minCoverage.value !== undefined ? { minCoverage: parseMinCoverage(minCoverage.value, minCoverage.label) } : {}),
    ...historySettings(pick, cwd),
    labels,
    ...(targetSetting !== TARGET_FLAG ? { targetSetting } : {}),
  };
}

/**
 * Every secret the run was given, the key first: what every line, report and recording is
 * scrubbed of (one list, so a scrubber cannot know one key and miss the other).
 */
export function runSecrets(config: Pick<RunConfig, 'apiKey' | 'otherProjectApiKey'>): string[] {
  return [config.apiKey, config.otherProjectApiKey].filter((key): key is string => key !== undefined && key !== '');
}

/**
 * ZAVU_OTHER_PROJECT_API_KEY, checked as the key is: a bearer token, not in the URL, not given
 * without a target (the embedded server makes its own other projects' keys; a key set there is a
 * live run whose URL came out empty), and not the key itself (the reads with it would read the
 * other project's sender as the key's project, 404, and judge nothing).
 */
function otherProjectKey(env: SettingsEnv, apiKey: string | undefined, baseUrl: string | undefined, replay: boolean): string | undefined {
  const key = env.values[OTHER_PROJECT_KEY_ENV]?.trim();
  if (!key) return undefined;
  const label = otherProjectKeyLabel(env);
  const problem = apiKeyProblem(key, 'the key');
  if (problem !== undefined) throw new UsageError(`${label}: ${problem}`);
  if (baseUrl === undefined && !replay) {
    throw new UsageError(`${label} is set but no target is ${noTargetWords(urlNotTarget(env.values, env.fromDotenv))}: the embedded reference server makes its own other projects' keys; set the target, or unset ${label}`);
  }
  if (baseUrl !== undefined && carriesKey(baseUrl, key)) throw new UsageError(`the base URL carries ${label}: that key goes only in ${label === OTHER_PROJECT_KEY_ENV ? 'the variable' : 'it'}, as a bearer token`);
  if (key === apiKey) throw new UsageError(`${label} is the same key as the API key: it must be the key of the project ${settingName('ZAVU_SENDER_OTHER_PROJECT', env)} belongs to, another project than the key's`);
  return key;
}

/**
 * --history and its companions. The window and the rate are checked even without --history (a
 * typo should not wait for the day the store is turned on), but only mean something with it.
 */
function historySettings(pick: (name: RunOptionName) => Picked, cwd: string): { history?: HistorySettings } {
  const filePicked = pick('history');
  const file = filePicked.value;
  const windowPicked = pick('history-window');
  const window = wholeNumber(windowPicked, 1, MAX_HISTORY_WINDOW);
  const rate = pick('fail-on-flaky-rate');
  const failOnFlakyRate = parseRateLimit(rate);
  if (file === undefined) {
    if (windowPicked.isDefault !== true) throw new UsageError(`${windowPicked.label} needs --history FILE (or ZAVU_HISTORY): the window is a number of stored runs`);
    if (failOnFlakyRate !== undefined) throw new UsageError(`${rate.label} needs --history FILE (or ZAVU_HISTORY): the flaky rate is measured across the stored runs`);
    return {};
  }
  // Two changes need three runs: with a smaller window the rule could never fail a run, in silence.
  if (failOnFlakyRate !== undefined && window < FLAKY_MIN_FLIPS + 1) {
    throw new UsageError(`${rate.label} needs a window of ${FLAKY_MIN_FLIPS + 1} runs or more (${windowPicked.label} is ${window}): a case is over it only when its verdict changed twice, which ${window === 1 ? 'one run never holds' : `${window} runs never hold`}`);
  }
  return { history: { file: resolve(cwd, file), label: filePicked.label, window, ...(failOnFlakyRate !== undefined ? { failOnFlakyRate } : {}) } };
}

/** --baseline and --baseline-strict: the strict switch alone (the flag, or ZAVU_BASELINE_STRICT) is refused, as it would compare with nothing. */
function baselineSettings(pick: (name: RunOptionName) => Picked, flags: RawFlags, env: SettingsEnv, cwd: string): Pick<RunConfig, 'baseline'> {
  const file = pick('baseline');
  const strict = isOn('baseline-strict', flags, env);
  if (strict && file.value === undefined) throw new UsageError(`${switchLabel('baseline-strict', flags)} needs --baseline FILE`);
  return file.value === undefined ? {} : { baseline: { file: resolve(cwd, file.value), strict, label: file.label } };
}

/** The baseline settings alone, for the merge, which diffs the merged run as a run diffs its own. */
export function resolveBaselineSettings(flags: RawFlags, env: SettingsEnv, cwd: string): Pick<RunConfig, 'baseline'> {
  return baselineSettings((name) => pickFrom(name, flags, env), flags, env, cwd);
}

/**
 * --allow-flaky or ZAVU_ALLOW_FLAKY: read once, here, for the run and for the merge, so a CI job
 * that sets the variable for every step gets the same verdict from its merge as from its run.
 */
export function resolveAllowFlaky(flags: RawFlags, env: SettingsEnv): boolean {
  return isOn('allow-flaky', flags, env);
}

/** The history settings alone, for the commands that take them without a whole run (merge, history). */
export function resolveHistorySettings(flags: RawFlags, env: SettingsEnv, cwd: string): { history?: HistorySettings } {
  return historySettings((name) => pickFrom(name, flags, env), cwd);
}

function optionalRate(rate: number | undefined): { ratePerSecond?: number } {
  return rate === undefined ? {} : { ratePerSecond: rate };
}

/** The target as shown in reports: no user-info (it may hold credentials). */
export function displayTarget(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.username = '';
  url.password = '';
  return url.toString().replace(/\/+$/, '');
}
