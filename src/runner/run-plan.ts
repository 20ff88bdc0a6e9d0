/**
 * Everything the suite's engine needs to run the cases, except the API key (handed to the engine
 * beside it, in memory: never written to disk, never put in the environment).
 */
import type { OperationContract, PlannedCase, RuleDefinition, RunMode } from '../model';

export interface RunPlan {
  baseUrl: string;
  /** The target as messages show it (no user-info). */
  targetLabel?: string;
  /** Where the key is set, as the line saying the target refused it names it (keySourceOf). */
  keySource?: string;
  mode: RunMode;
  timeoutMs: number;
  /** Bound of a response body, on the wire and decoded (--max-body-bytes). */
  maxBodyBytes: number;
  /** Every operation a case or step calls, in run order. */
  operations: OperationContract[];
  /** Named rules (operations/rules.json). */
  rules: RuleDefinition[];
  /** Component schemas converted from the spec (name → JSON Schema). */
  schemas: Record<string, object>;
  cases: PlannedCase[];
  /** A live target's configured fixture values → their environment variable: a 404 to one names it. */
  fixtureVariables?: Readonly<Record<string, string>>;
  /** A well-formed key the target does not know, for the wrong-key case. */
  unknownKey: string;
  /** record mode: JSON Lines file the suite appends one scrubbed HAR entry to per exchange. */
  recordSink?: string;
  /** replay mode: the recordings directory (or .har file) to answer from. */
  recordings?: string;
  concurrency: number;
  /** The wait after each write of a case before its next request (--write-settle-ms; 0 in replay, which answers from the file). */
  writeSettleMs: number;
  ratePerSecond?: number;
  /** Times each case runs (--repeat); the attempts are combined into one result. A write case runs once. */
  repeat: number;
  negative: {
    seed: number;
    numRuns: number;
    /** No new input is tried after this; the case says how many were. */
    timeBudgetMs: number;
    /** Configured fixture values: never generated, and the source of near-misses. */
    fixtures: string[];
    /** One configured value per role: the fixed near-miss examples are built from these. */
    exampleFixtures: string[];
    /** Fixtures the key must not see (another project's): a spelling of theirs answered 200 fails. */
    hiddenFixtures: string[];
    /**
     * Hidden fixtures a write may reach all the same (ZAVU_SENDER_OTHER_PROJECT_WRITABLE=1, or the
     * embedded server): the write property sends their other spellings (percent-encoded, another
     * letter case, accented), which any other write withholds, since a server that serves them
     * writes to that project.
     */
    writableHiddenFixtures?: string[];
  };
}
