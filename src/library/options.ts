/**
 * The options of {@link runConformance}: the CLI's flags, as typed values. Each option becomes the
 * text its flag would carry and goes through the CLI's own settings resolution, so the two cannot
 * drift apart (a test fails when a flag has no option here).
 */
import type { RawFlags } from '../config/parse-flags';
import type { RunOptionName } from '../config/options';
import type { SeededSenderIds } from '../reference-server/types';

/** The fixture roles of the shipped fixture files (a role added there is accepted at run time too). */
export type SenderRole = keyof SeededSenderIds | 'unknown';

/** Sender ids by role; a list where a role takes several (coexistence). */
export type SenderOptions = Readonly<Partial<Record<SenderRole, string | readonly string[]>>>;

/** Options of a run from code; every one mirrors a flag of `zavu-conformance run`. */
export interface ConformanceOptions {
  /** `--base-url`: the target, as text or a WHATWG `URL` (read as its href, as fetch reads one); omitted → the embedded reference server (its own key and senders). */
  baseUrl?: string | URL;
  /** `--api-key`: a valid key for the target (never printed or written). */
  apiKey?: string;
  /**
   * The key of the project `senders.otherProject` belongs to: what ZAVU_OTHER_PROJECT_API_KEY is to
   * the CLI (it has no flag: a secret), which it overrides in `env`. Refused as the variable is:
   * equal to `apiKey`, without a `baseUrl`, or carried by the URL. It is sent on reads of that
   * sender (around each start sent to it) and of the key's own senders, and on a start only where
   * the run writes (with `allowWrites`: the writable sender and a fresh id that names no sender,
   * own-sender-other-project-key), never to that project's own sender; it is scrubbed from
   * everything the run writes, prints or rejects with. {@link startReferenceServer} resolves to one that fits.
   */
  otherProjectApiKey?: string;
  /**
   * The fixture senders by role (`coexistence`, `noWaba`, `notCoexistence`, `notActive`, `syncable`,
   * `otherProject`, `unknown`): the same as the `ZAVU_SENDER_*` variables, which they override. The `senders` of
   * {@link startReferenceServer} fit here as they are.
   */
  senders?: SenderOptions;
  /** `--reports`: write the report files into this folder. Omitted: nothing is written, the report is only returned. */
  reports?: string;
  /** `--timeout`: per-request deadline in milliseconds (default 10000). */
  timeoutMs?: number;
  /** `--max-body-bytes`: bound of a response body, as received and decoded (default 16 MiB); over it: check `body-too-large`. */
  maxBodyBytes?: number;
  /** `--operation`: certify only these operationIds. */
  operation?: string | readonly string[];
  /** `--allow-writes`: send write operations to a live target (only to the `syncable` sender, only with a `zv_test_` key, `otherProjectApiKey` too when set, unless `allowLiveWrites`). */
  allowWrites?: boolean;
  /** `--allow-live-writes`: with `allowWrites`, also with a key that is not a sandbox key (still only to the `syncable` sender; it never lifts a `mockTarget` refusal). */
  allowLiveWrites?: boolean;
  /** `--mock-target`: with `allowWrites`, the target is a mock whose state is disposable: writes go to every configured sender (refused, exit 2, with a Zavu key that is not a `zv_test_` one, `apiKey` or `otherProjectApiKey`, and against Zavu's own hosts, `zavu.dev`, `allowLiveWrites` or not; a made-up key with no `zv_` prefix needs no `allowLiveWrites`). */
  mockTarget?: boolean;
  /** `--mode` (default `live`). */
  mode?: 'live' | 'record' | 'replay';
  /** `--recordings`: where `record` writes and `replay` reads HAR files. */
  recordings?: string;
  /** `--seed` of the negative-input property (random when omitted; in the report). */
  seed?: number;
  /** `--fuzz-runs`: generated hostile ids on top of the fixed list (default 20). */
  fuzzRuns?: number;
  /** `--concurrency`: requests in flight at once, 1 to 8 (default 1). */
  concurrency?: number;
  /** `--write-settle-ms`: after each write a case sends, wait this long (0 to 10000 ms) before its next request, for a target whose reads lag its writes. */
  writeSettleMs?: number;
  /** `--rate`: at most this many requests per second. */
  rate?: number;
  /** `--repeat`: run every case this many times (default 1). */
  repeat?: number;
  /** `--latency-budget-ms`: a case whose p95 is above this, with at least 2 of its exchanges over it, fails. */
  latencyBudgetMs?: number;
  /** `--allow-flaky`: report flaky cases without failing the run (with `baseline`, not one with a new fault against it). */
  allowFlaky?: boolean;
  /** `--baseline`: an earlier conformance.json to diff against. */
  baseline?: string;
  /** `--baseline-strict`. */
  baselineStrict?: boolean;
  /** `--shard`, e.g. `"1/2"`. */
  shard?: string;
  /** `--run-id`: the id of the CI run the shards belong to (default with `shard`: the CI's own run id); merge refuses shards of different runs. */
  runId?: string;
  /** `--min-coverage`, e.g. `"statuses=100,enums=80"`: below these, the run fails with check `coverage`. */
  minCoverage?: string;
  /** `--history`: the history store (JSON lines) this run appends to and reports figures from. */
  history?: string;
  /** `--history-window`: the last N runs of the same target (default 30). */
  historyWindow?: number;
  /** `--fail-on-flaky-rate`: with `history`, a case whose verdict changed in more than this share (0 to 1) of the window, and at least twice (one change is a regression or a fix), fails the run; needs a `historyWindow` of 3 or more (a UsageError otherwise). */
  failOnFlakyRate?: number;
  /** `--spec`, `--operations`, `--fixtures`: the data files (default: the package's own). */
  spec?: string;
  operations?: string;
  fixtures?: string;
  /** The environment settings and fixture variables are read from; default `process.env` (no `.env` file is read). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Relative paths are resolved against this folder; default `process.cwd()`. */
  cwd?: string;
  /** Receives the console text the CLI prints (banner, failures, verdict; not the line per case); default: nothing is printed. */
  out?: (text: string) => void;
  /**
   * Stops the run when aborted (a test's timeout, a deploy cancelled): nothing more is sent (requests
   * in flight are cut), the reports folder says NOT RUN, and the run rejects with an `AbortError`
   * (a `ConformanceError`, exit code 130, as Ctrl-C is to the CLI). Aborted while the run waits its
   * turn behind another, it rejects at once and never starts.
   */
  signal?: AbortSignal;
}

type FlagOptionName = Exclude<keyof ConformanceOptions, 'senders' | 'env' | 'cwd' | 'out' | 'otherProjectApiKey' | 'signal'>;

/** Option → flag. `satisfies` keeps every entry a real flag; the library test keeps every flag an entry. */
export const FLAG_OF = {
  baseUrl: 'base-url',
  apiKey: 'api-key',
  reports: 'reports',
  timeoutMs: 'timeout',
  maxBodyBytes: 'max-body-bytes',
  operation: 'operation',
  allowWrites: 'allow-writes',
  allowLiveWrites: 'allow-live-writes',
  mockTarget: 'mock-target',
  mode: 'mode',
  recordings: 'recordings',
  seed: 'seed',
  fuzzRuns: 'fuzz-runs',
  concurrency: 'concurrency',
  writeSettleMs: 'write-settle-ms',
  rate: 'rate',
  repeat: 'repeat',
  latencyBudgetMs: 'latency-budget-ms',
  allowFlaky: 'allow-flaky',
  baseline: 'baseline',
  baselineStrict: 'baseline-strict',
  shard: 'shard',
  runId: 'run-id',
  minCoverage: 'min-coverage',
  history: 'history',
  historyWindow: 'history-window',
  failOnFlakyRate: 'fail-on-flaky-rate',
  spec: 'spec',
  operations: 'operations',
  fixtures: 'fixtures',
} as const satisfies Record<FlagOptionName, RunOptionName>;

/** The flags the options stand for, as parseFlags would have returned them. */
export function flagsOf(options: ConformanceOptions): RawFlags {
  const flags: RawFlags = {};
  for (const [option, flag] of Object.entries(FLAG_OF) as [FlagOptionName, RunOptionName][]) {
    const value = options[option];
    if (value === undefined) continue;
    if (typeof value === 'boolean') flags[flag] = value;
    else if (Array.isArray(value)) flags[flag] = value.join(',');
    else flags[flag] = String(value);
  }
  return flags;
}
