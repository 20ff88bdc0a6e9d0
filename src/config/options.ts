/**
 * Every setting of a conformance run as one table: flag, environment variable, default, help.
 * A new setting is a new row; parsing, precedence and --help all read this table.
 */
import { DEFAULT_MAX_BODY_BYTES } from '../model/http';

/** --history-window: 30 nights, a month of nightly runs, by default. */
export const DEFAULT_HISTORY_WINDOW = 30;
/** A year of nightly runs; more would make the strips unreadable and the report large. */
export const MAX_HISTORY_WINDOW = 365;

export interface OptionSpec {
  flag: string;
  env?: string;
  type: 'string' | 'boolean';
  default?: string;
  valueName?: string;
  /** May be given several times; the values are joined with commas. */
  multiple?: boolean;
  /** A one-letter alias (-h), as every other command has for --help. */
  short?: string;
  /** The default is a path inside the package (its own contract and data), not one where the user stands. */
  packaged?: true;
  help: string;
}

export const runOptions = [
  { flag: 'base-url', env: 'ZAVU_BASE_URL', type: 'string', valueName: 'URL', help: 'target API; omitted → the embedded reference server' },
  { flag: 'api-key', env: 'ZAVU_API_KEY', type: 'string', valueName: 'KEY', help: 'a valid API key for the target (never printed)' },
  { flag: 'reports', env: 'ZAVU_REPORTS_DIR', type: 'string', default: 'reports', valueName: 'DIR', help: 'where reports are written' },
  { flag: 'timeout', env: 'ZAVU_TIMEOUT_MS', type: 'string', default: '10000', valueName: 'MS', help: 'per-request deadline in milliseconds' },
  { flag: 'max-body-bytes', env: 'ZAVU_MAX_BODY_BYTES', type: 'string', default: String(DEFAULT_MAX_BODY_BYTES), valueName: 'BYTES', help: 'bound of a response body, as received and decoded; over it the connection is dropped (check body-too-large)' },
  { flag: 'spec', env: 'ZAVU_SPEC', type: 'string', default: 'specs/whatsapp-sync.openapi.yaml', packaged: true, valueName: 'FILE', help: 'OpenAPI document of the operation' },
  { flag: 'operations', env: 'ZAVU_OPERATIONS_DIR', type: 'string', default: 'operations', packaged: true, valueName: 'DIR', help: 'operation folders (<operationId>/scenarios.json), families.json and rules.json' },
  { flag: 'fixtures', env: 'ZAVU_FIXTURES_DIR', type: 'string', default: 'fixtures', packaged: true, valueName: 'DIR', help: 'fixture files: the roles path parameters bind to' },
  { flag: 'operation', env: 'ZAVU_OPERATION', type: 'string', multiple: true, valueName: 'ID', help: 'certify only these operationIds (repeatable or comma-separated; default: all)' },
  { flag: 'allow-writes', env: 'ZAVU_ALLOW_WRITES', type: 'boolean', help: 'send write operations to a live target, only to ZAVU_SENDER_SYNCABLE (and senders a *_WRITABLE=1 consents to), only with a zv_test_ key, ZAVU_OTHER_PROJECT_API_KEY too when set (else --allow-live-writes)' },
  { flag: 'allow-live-writes', env: 'ZAVU_ALLOW_LIVE_WRITES', type: 'boolean', help: 'with --allow-writes, also with a key that is not a sandbox (zv_test_) key (still only to those senders; never lifts a --mock-target refusal)' },
  { flag: 'mock-target', env: 'ZAVU_MOCK_TARGET', type: 'boolean', help: 'with --allow-writes: the target is a mock server whose state is yours to throw away, so writes go to every configured sender, as against the embedded server (a FULL certificate is in reach); refused with a Zavu key that is not a zv_test_ one (ZAVU_OTHER_PROJECT_API_KEY too) and against Zavu\'s own hosts (zavu.dev); a made-up key (no zv_ prefix) needs no --allow-live-writes' },
  { flag: 'mode', env: 'ZAVU_MODE', type: 'string', default: 'live', valueName: 'MODE', help: 'live | record (live, and write HAR) | replay (offline, from HAR)' },
  { flag: 'recordings', env: 'ZAVU_RECORDINGS_DIR', type: 'string', default: 'recordings', valueName: 'DIR', help: 'where record writes and replay reads HAR files' },
  { flag: 'seed', env: 'ZAVU_SEED', type: 'string', valueName: 'N', help: 'seed of the negative-input property (printed every run; pass it to replay the same inputs)' },
  { flag: 'fuzz-runs', env: 'ZAVU_FUZZ_RUNS', type: 'string', default: '20', valueName: 'N', help: 'generated hostile sender ids on top of the fixed list (0 = fixed list only)' },
  { flag: 'concurrency', env: 'ZAVU_CONCURRENCY', type: 'string', default: '1', valueName: 'N', help: 'requests in flight at once (1 to 8): reads run side by side and the negative-input property judges that many ids at once' },
  { flag: 'write-settle-ms', env: 'ZAVU_WRITE_SETTLE_MS', type: 'string', default: '0', valueName: 'MS', help: 'after each write a case sends, wait this long before its next request (0 to 10000): for a target whose reads lag its writes (a read replica, eventual consistency)' },
  { flag: 'rate', env: 'ZAVU_RATE', type: 'string', valueName: 'RPS', help: 'at most this many requests per second (default: unlimited)' },
  { flag: 'repeat', env: 'ZAVU_REPEAT', type: 'string', default: '1', valueName: 'N', help: 'run every case N times: latency percentiles, flaky detection' },
  { flag: 'latency-budget-ms', env: 'ZAVU_LATENCY_BUDGET_MS', type: 'string', valueName: 'MS', help: 'a case whose p95 latency is above this, with at least 2 of its exchanges over it, fails (check latency-budget; one stall is a warning)' },
  { flag: 'allow-flaky', env: 'ZAVU_ALLOW_FLAKY', type: 'boolean', help: 'report flaky cases without failing the run (with --baseline, not one with a new fault)' },
  { flag: 'baseline', env: 'ZAVU_BASELINE', type: 'string', valueName: 'FILE', help: 'an earlier conformance.json: report the diff; only new failures fail the run' },
  { flag: 'baseline-strict', env: 'ZAVU_BASELINE_STRICT', type: 'boolean', help: 'with --baseline, also fail on cases still failing and on latency regressions' },
  { flag: 'shard', env: 'ZAVU_SHARD', type: 'string', valueName: 'i/n', help: 'run only the i-th of n contiguous slices of the cases (merge with zavu-conformance merge)' },
  { flag: 'run-id', env: 'ZAVU_RUN_ID', type: 'string', valueName: 'ID', help: 'the id of the CI run the shards belong to (letters, digits, . _ - :, at most 128): merge refuses shards of different runs (default with --shard: the CI\'s own run id, e.g. GITHUB_RUN_ID)' },
  { flag: 'min-coverage', env: 'ZAVU_MIN_COVERAGE', type: 'string', valueName: 'RULES', help: 'fail the run (check coverage) below these coverage percentages, e.g. statuses=100,enums=80 (keys: statuses, errors, enums, optional)' },
  { flag: 'history', env: 'ZAVU_HISTORY', type: 'string', valueName: 'FILE', help: 'history store (JSON lines): append this run after the verdict, report figures over the window (not with --shard: the merge appends)' },
  { flag: 'history-window', env: 'ZAVU_HISTORY_WINDOW', type: 'string', default: String(DEFAULT_HISTORY_WINDOW), valueName: 'N', help: `with --history, the last N runs of the same target (this one included) the figures cover (1 to ${MAX_HISTORY_WINDOW})` },
  { flag: 'fail-on-flaky-rate', env: 'ZAVU_FAIL_ON_FLAKY_RATE', type: 'string', valueName: 'R', help: 'with --history, a case whose verdict changed in more than R (0 to 1) of the window, and at least twice, fails the run (default: off)' },
  { flag: 'help', type: 'boolean', short: 'h', help: 'print this help and exit' },
  { flag: 'version', type: 'boolean', help: 'print the suite version and exit' },
] as const satisfies readonly OptionSpec[];

export type RunOptionName = (typeof runOptions)[number]['flag'];

/** The row of a setting, typed loosely so optional columns can be read. */
export function optionSpec(name: RunOptionName): OptionSpec {
  const spec: OptionSpec | undefined = runOptions.find((o) => o.flag === name);
  if (!spec) throw new Error(`no option ${name}`);
  return spec;
}
