/** The resolved settings of one run. Flags override environment, which overrides .env, which overrides defaults. */
import { resolve } from 'node:path';
import { UsageError } from '../model/errors';
import type { RunMode } from '../model';
import { parseBaseUrl, parseMode, parseRate, parseTimeout, seedOf, wholeNumber } from './parse-values';
import { parseShard, type Shard } from '../regression/shard';
import { packageRoot } from '../package-root';
import { fixtureEnv, optionSpec, type RunOptionName } from './options';
import type { RawFlags } from './parse-flags';

export interface FixtureSenders {
  coexistence: string[];
  noWaba?: string;
  notCoexistence?: string;
  unknown?: string;
}

export interface RunConfig {
  /** Undefined: run against the embedded reference server. */
  baseUrl?: string;
  apiKey?: string;
  fixtures: FixtureSenders;
  reportsDir: string;
  timeoutMs: number;
  specPath: string;
  scenariosPath: string;
  mode: RunMode;
  recordingsDir: string;
  /** Seed of the negative-input property; random when not given, always printed. */
  seed: number;
  fuzzRuns: number;
  concurrency: number;
  ratePerSecond?: number;
  repeat: number;
  latencyBudgetMs?: number;
  allowFlaky: boolean;
  baseline?: { file: string; strict: boolean };
  shard?: Shard;
}

type Env = Record<string, string | undefined>;

function pick(name: RunOptionName, flags: RawFlags, env: Env): string | undefined {
  const spec = optionSpec(name);
  const fromFlag = flags[name];
  if (typeof fromFlag === 'string') return fromFlag;
  const fromEnv = spec.env === undefined ? undefined : env[spec.env];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  return spec.default;
}

/** A boolean setting: the flag, or the variable set to 1/true/yes. */
function isOn(name: RunOptionName, flags: RawFlags, env: Env): boolean {
  if (flags[name] === true) return true;
  const variable = optionSpec(name).env;
  return variable !== undefined && /^(1|true|yes)$/i.test(env[variable] ?? '');
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** A path the user gave is relative to where they stand; a default one is the suite's own file. */
function locate(name: 'spec' | 'scenarios', flags: RawFlags, env: Env, cwd: string): string {
  const given = pick(name, flags, env);
  const fallback = optionSpec(name).default;
  return given === fallback ? resolve(packageRoot, given ?? '') : resolve(cwd, given ?? '');
}

export function resolveRunConfig(flags: RawFlags, env: Env, cwd: string): RunConfig {
  const apiKey = pick('api-key', flags, env)?.trim();
  const fixtures: FixtureSenders = {
    coexistence: (env[fixtureEnv.coexistence] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
  for (const role of ['noWaba', 'notCoexistence', 'unknown'] as const) {
    const value = optional(env, fixtureEnv[role]);
    if (value !== undefined) fixtures[role] = value;
  }
  const baseUrl = parseBaseUrl(pick('base-url', flags, env));
  return {
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(apiKey ? { apiKey } : {}),
    fixtures,
    reportsDir: resolve(cwd, pick('reports', flags, env) ?? 'reports'),
    timeoutMs: parseTimeout(pick('timeout', flags, env)),
    specPath: locate('spec', flags, env, cwd),
    scenariosPath: locate('scenarios', flags, env, cwd),
    mode: parseMode(pick('mode', flags, env)),
    recordingsDir: resolve(cwd, pick('recordings', flags, env) ?? 'recordings'),
    seed: seedOf(pick('seed', flags, env)),
    fuzzRuns: wholeNumber('fuzz-runs', pick('fuzz-runs', flags, env), 0, 10_000),
    concurrency: wholeNumber('concurrency', pick('concurrency', flags, env), 1, 8),
    ...optionalRate(parseRate(pick('rate', flags, env))),
    ...regressionSettings(flags, env, cwd),
  };
}

function regressionSettings(flags: RawFlags, env: Env, cwd: string): Pick<RunConfig, 'repeat' | 'latencyBudgetMs' | 'allowFlaky' | 'baseline' | 'shard'> {
  const budget = pick('latency-budget-ms', flags, env);
  const baseline = pick('baseline', flags, env);
  const shard = pick('shard', flags, env);
  const strict = isOn('baseline-strict', flags, env);
  if (strict && baseline === undefined) throw new UsageError('--baseline-strict needs --baseline FILE');
  return {
    repeat: wholeNumber('repeat', pick('repeat', flags, env), 1, 1000),
    ...(budget !== undefined ? { latencyBudgetMs: wholeNumber('latency-budget-ms', budget, 1, 600_000) } : {}),
    allowFlaky: isOn('allow-flaky', flags, env),
    ...(baseline !== undefined ? { baseline: { file: resolve(cwd, baseline), strict } } : {}),
    ...(shard !== undefined ? { shard: parseShard(shard) } : {}),
  };
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
