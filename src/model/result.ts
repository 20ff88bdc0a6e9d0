/** Results and run metadata: the closed vocabulary every reporter renders. */
import type { HistoryFigures } from './history';
import type { OmittedViolations, Violation } from './violation';
import type { CoverageObservation, CoverageReport } from './coverage';

/** "flaky": the verdict differed between repeats of the same case (--repeat). */
export type ResultStatus = 'passed' | 'failed' | 'skipped' | 'error' | 'flaky';

/** Latency over the exchanges of a case (or of a whole run), in milliseconds. */
export interface LatencyStats {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * The exchanges left out of a case's (or a run's) latency figures: those the target did not serve,
 * an answer with a 5xx status or no answer at all (refused, reset, not sent). A quick 502 from a
 * load balancer in front of a target that is down is not the target's latency, and counted in it
 * would make an outage read as a faster night. A timeout stays a sample (src/repeat/latency.ts).
 */
export interface LatencyLeftOut {
  /** How many, in all. */
  exchanges: number;
  /** How many per status, most first (0: no answer); the first LEFT_OUT_STATUSES, the rest only in `exchanges`. */
  byStatus: { status: number; count: number }[];
}

/** One repeat of a case, kept when a run repeats cases, so a flaky verdict shows its outcomes. */
export interface Attempt {
  status: ResultStatus;
  receivedStatus?: number;
  /** No receivedStatus, but the answer's head came with this status: see CaseResult.headStatus. */
  headStatus?: number;
  /** The whole attempt: for a sequence, the sum of its steps' exchanges. */
  durationMs: number;
  /**
   * The attempt's latency samples, when they are not its one `durationMs`: a sequence's, the
   * duration of each exchange it sent, in order (latency figures are of exchanges, so a 4-step
   * sequence is 4 samples, not one of 4 requests' sum); without those left out of latency
   * (LatencyLeftOut), so [] for a single request answered 502.
   */
  exchangesMs?: number[];
  /**
   * The statuses of the attempt's exchanges left out of latency (0: no answer), in order; absent
   * when none was. Bounded as `exchangesMs` is, by the exchanges the attempt sent: the case's
   * `latencyLeftOut` lists only its first LEFT_OUT_STATUSES statuses, and a run-wide count added up
   * from those lists lost every status that was fifth in each case.
   */
  leftOutStatuses?: number[];
  /** Ids of the checks with error violations in this attempt. */
  checks: string[];
}

/** One step of a sequence: what it sent and saw. A single-request case has no steps list. */
export interface StepResult {
  id: string;
  operationId: string;
  /**
   * What the step sent, "METHOD path template": its operation's label, but for a step that asks the
   * path with another method (a HEAD, a GET on a start's path) or spelling (a trailing slash).
   */
  operation: string;
  status: ResultStatus;
  expectedStatus?: number;
  /**
   * What the status was judged against, in words, when the one number does not say it all: every
   * status the step accepted ("401 or 400", "401 or any 4xx"), or where its status came from
   * ("404 (as read-unknown was answered)", "404 (senderId bound to role unknown)": a credential row's
   * sender's own; "200 or 400 or 404, as any sender's (…not recorded)" when a replay does not know
   * which sender it was). A status accepted in place of expectedStatus then never reads as
   * "expected 200, received 404, passed".
   */
  expectedAs?: string;
  receivedStatus?: number;
  /**
   * No receivedStatus, but the answer's head came with this status before the time limit ended the
   * body (TransportError.headStatus): a timeout after the head, said so, not "no response". Absent
   * otherwise, and in replays of recordings made before it was recorded.
   */
  headStatus?: number;
  durationMs: number;
  curl?: string;
  exchangeId?: string;
  source?: string;
  /** A step never sent: its expected answer could not be predicted from an earlier step (the case's error says why). */
  notSent?: true;
  /** A concurrent step: how many copies of its request were sent at once. */
  concurrent?: number;
  /** A concurrent step: the status of each copy's answer, in the order of the copies (0: no answer). */
  receivedStatuses?: number[];
}

export interface CaseResult {
  /** "operationId/scenarioId[fixture]": stable across runs and targets. */
  id: string;
  operationId: string;
  /** Operation label, e.g. "GET /v1/senders/{senderId}/whatsapp-sync". */
  operation: string;
  /** Scenario id within the operation. */
  scenario: string;
  family: string;
  /**
   * The negative-input case (its scenario's `fuzz`): the path parameter whose hostile values this
   * one result stands for. Said by the result itself, not read from its family: families are data
   * (operations/families.json), and a fuzzed row of a new operation may sit in any of them.
   */
  fuzzed?: string;
  description: string;
  status: ResultStatus;
  durationMs: number;
  /** Errors and warnings; a passed result may carry warnings. */
  violations: Violation[];
  /** Violations found beyond the ones kept in full, counted per check (absent when none were left out). */
  omittedViolations?: OmittedViolations[];
  skipReason?: string;
  /** For "error": why the case could not be judged (a crashing check, an answer no model could predict, a final 429). */
  errorMessage?: string;
  /** Of the single request, or of the failing (else last) step of a sequence; absent when predicted and never reached. */
  expectedStatus?: number;
  /** Of the same request as expectedStatus: see StepResult.expectedAs. */
  expectedAs?: string;
  receivedStatus?: number;
  /**
   * No receivedStatus, but the answer's head came with this status before the time limit ended the
   * body (TransportError.headStatus): a timeout after the head, said so, not "no response". Absent
   * otherwise, and in replays of recordings made before it was recorded.
   */
  headStatus?: number;
  /** Sequences: every step in order; the first failing one is `failedStep`. */
  steps?: StepResult[];
  failedStep?: string;
  /** Shell-safe reproduction, the key shown as $ZAVU_API_KEY. */
  curl?: string;
  exchangeId?: string;
  /** Where the exchange came from in replay mode (a recording file). */
  source?: string;
  /** With --repeat: every attempt, in order, and their latency. */
  attempts?: Attempt[];
  latency?: LatencyStats;
  /** The exchanges left out of `latency` (5xx, no answer); absent when none was. Every one left out: no `latency`. */
  latencyLeftOut?: LatencyLeftOut;
  /** What this case's answers showed of the contract, per operation (src/coverage); absent when nothing was observed. */
  coverage?: CoverageObservation[];
}

export type RunMode = 'live' | 'record' | 'replay';

export interface RunInfo {
  target: string;
  mode: RunMode;
  suiteVersion: string;
  specTitle: string;
  specVersion: string;
  specSha256: string;
  /**
   * SHA-256 of the data that defines the cases (registry/cases-digest.ts: the operations' scenarios,
   * families, rules and fixtures as loaded, in canonical JSON), part of the contract a run is judged
   * under with specSha256 and suiteVersion: the suite's version stays the same while its cases
   * change. Absent in reports from before it; an absent digest compares as unknown (equal).
   */
  casesSha256?: string;
  /**
   * The build of the suite (package-root.ts suiteBuild: a hash of the code and schemas it ships, written by `npm
   * run build`): one version is many builds, whose checks differ. Absent from a dist built without
   * the step and in reports from before it: unknown, compared as equal.
   */
  suiteBuild?: string;
  startedAt: string;
  finishedAt: string;
  node: string;
  /** How often each case ran (--repeat), when more than once. */
  repeat?: number;
  /** "i/n" when this run is one shard of several (--shard). */
  shard?: string;
  /**
   * With `shard`: the whole plan this shard is a slice of, its case count and a SHA-256 of its case
   * ids in order. Shards of one run share it; shards planned with other settings or fixtures would
   * slice different plans, and their merge could miss cases without a case in two shards.
   */
  shardPlan?: { cases: number; sha256: string };
  /**
   * The id of the CI run this run (a shard above all) was part of: --run-id, or the CI's own
   * (shard/run-id.ts). The merge refuses shards whose ids differ: two nights' shards are no run.
   */
  runId?: string;
  /** p95 budget in ms (--latency-budget-ms), when one was set. */
  latencyBudgetMs?: number;
  /** --allow-flaky: flaky cases were reported without failing the run (with a baseline, not one with a new fault). */
  allowFlaky?: boolean;
  /** The operations this run certified, in run order (reports and certificates group by them). */
  operations: { operationId: string; operation: string }[];
  /** The families the run's scenarios use (operations/families.json); `core` ones decide a full certificate. */
  families: FamilyInfo[];
  /**
   * The ids of the named rules (operations/rules.json) the run knows: a violation of one carries
   * the rule's id as its check, so the certificate can tell a success's content (what it says,
   * judged by body-assertion, state-prediction and these) from the rest. Absent in a report of an
   * older suite: its rules' violations are then charged to their case's family.
   */
  rules?: string[];
  /**
   * A write run: its write cases were allowed to go out (--allow-writes; the embedded reference
   * server, with the flag or without it, its state being disposable; a replay, when its recordings
   * were made by such a run). Absent on a read-only run. Read by ranWrites.
   */
  allowWrites?: boolean;
  /**
   * --mock-target: the target was declared a mock whose state is disposable, so writes went to
   * every configured sender. A reader of a `full` certificate must be able to tell such a run from
   * one whose writes went only to the sandbox sender.
   */
  mockTarget?: boolean;
  /**
   * A live run reached its https:// target with NODE_TLS_REJECT_UNAUTHORIZED=0 in its environment:
   * Node verified no certificate, so anyone on the path may have answered in the target's name.
   * Its note says so; this field carries it to the certificate, published without the notes.
   */
  tlsUnverified?: boolean;
  /**
   * What the run said of itself before its first case that bears on reading its verdict (a replay
   * of recordings made when an operation's contract differed, cases judged by a looser rule, flags a
   * replay did not use, …), each once, one line, cut and scrubbed of the keys (report/run-notes.ts).
   * Absent when it said none.
   */
  notes?: string[];
  /**
   * The spec's operations (method and path with an operationId) the suite has no data for
   * (operations/): no request went to them and nothing certifies them. Absent when there is none,
   * and when --operation chose the run's operations.
   */
  specOperationsWithoutData?: string[];
}

/** A scenario family as declared in operations/families.json. */
export interface FamilyInfo {
  id: string;
  title: string;
  /** A full certificate needs every core family certified. */
  core: boolean;
  /**
   * The family judges the status its requests get (a refusal, mostly): a success (2xx) one of its
   * cases receives, the sender's own status read with the valid key spelt otherwise or a read
   * around a start, is content other families judge. A case of it failed only by response-shape
   * checks of such answers is charged to the certificate's responseShape line, not to the family
   * (src/certificate/certify.ts); the shape of its own refusals stays its own. Absent (a report of
   * an older suite, or a family that judges content): every failure of its cases is charged to it.
   */
  successesJudgedElsewhere?: boolean;
  /**
   * The family that judges credentials (authentication: missing and wrong ones get 401). Where it
   * failed in an operation, another successesJudgedElsewhere family's case failed only by statuses
   * where 401 was expected is not judged for that family when its sequence stopped before its own
   * sender was asked, or when the operation served a request without valid credentials (a 2xx
   * where 401 was expected): "only after authentication" cannot be judged where nothing
   * authenticates, and the breach is this family's (src/certificate/certify.ts).
   */
  judgesCredentials?: boolean;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  errors: number;
  total: number;
  warnings: number;
  flaky: number;
}

/** How this run compares with an earlier conformance.json (--baseline). */
export interface BaselineDiff {
  baseline: { file: string; startedAt: string; target: string };
  /** Case ids, sorted. */
  newFailures: string[];
  fixed: string[];
  stillFailing: string[];
  newlySkipped: string[];
  /** In the baseline, absent from this run (scenario removed, fixture no longer configured, another shard). */
  missing?: string[];
  /**
   * In this run, absent from the baseline (a scenario added or renamed, a fixture newly configured):
   * a renamed case is one missing and one added, and its failure counts as new.
   */
  added?: string[];
  /** True when the baseline was recorded against another target: the comparison may mean little. */
  otherTarget?: boolean;
  /**
   * Set when the baseline was judged under another contract (spec sha256), by another suite
   * version or with other case data (casesSha256, when both carry one), each part only when it differs: a verdict changed since may then be the contract's or the
   * suite's change, not the target's, and every report says so beside the counts.
   */
  otherContract?: OtherContract;
  /**
   * Set when the baseline is of the other kind (runInfo.allowWrites true on one side only; a
   * baseline without the field is read-only): `baseline` says which it is, `leftOut` how many cases
   * only the write side ran (skipped for want of --allow-writes on the read-only side:
   * isReadOnlySkip), compared with nothing. Counted once, not as new failures, fixed, newly skipped
   * or out of scope.
   */
  otherKind?: { baseline: 'writes' | 'read-only'; leftOut: number };
  /**
   * Set when one side is a replay (judged recorded answers) and the other a live run (live or
   * record): each side's mode. Unset when the baseline names no mode, or one no suite writes.
   */
  otherMode?: { baseline: RunMode; now: RunMode };
  /** Cases whose p95 grew beyond the threshold. */
  latencyRegressions: { id: string; baselineP95: number; p95: number }[];
  /**
   * Baseline cases whose id predates operation ids ("no-waba", not "getWhatsAppSyncStatus/no-waba"),
   * matched to this run's operations by their operation label; absent when there were none.
   */
  mappedLegacyIds?: number;
  /**
   * Baseline cases this run deliberately did not run, so not compared: of an operation it does not
   * certify (--operation), in another shard's slice (--shard), or a write it skips by a rule of
   * writes (no --allow-writes, a sender writes do not go to). Counted, not listed: a baseline from
   * a full run read by a one-operation run would otherwise list every other case as missing.
   */
  outOfScope?: number;
  /**
   * Cases failing in the baseline too, but with a fault tonight that the baseline's failure of the
   * case did not show: they are in `newFailures` (a known failure must be the same failure, or a
   * new intermittent 5xx hides behind last night's 422). Absent when there were none.
   */
  changedFailures?: ChangedFailure[];
}

/** What differs between the baseline's run and this one besides the target: each side's value. */
export interface OtherContract {
  spec?: { baseline: string; now: string };
  suite?: { baseline: string; now: string };
  /**
   * The build of the suite (runInfo.suiteBuild), only when the version is the same and both runs
   * name one: one version is many builds, whose checks differ. Another version is `suite`.
   */
  build?: { baseline: string; now: string };
  /** The case data (runInfo.casesSha256), only when both runs carry one: a baseline from before the digest is not called another contract for lacking it. */
  cases?: { baseline: string; now: string };
}

/** What failed and where: a check, and the place (instancePath with every array index as `*`). */
export interface FailureFault {
  check: string;
  /** The violation's instancePath with array indexes as `*` ("" when not about the body). */
  place: string;
  /** The step of a sequence that saw it. */
  step?: string;
  /** Violations only counted (omittedViolations): they lie at or under `place`. */
  under?: true;
}

/** A case failing in the baseline and tonight, tonight with faults the baseline did not show. */
export interface ChangedFailure {
  id: string;
  /** Tonight's faults the baseline's failure did not show, the first ones (CHANGED_FAULTS_KEPT). */
  newFaults: FailureFault[];
  /** How many more there were beyond `newFaults`. */
  moreNewFaults?: number;
  /**
   * Why the baseline could not show them for sure, when it could not: `cut`, it only counted some
   * of this case's errors of that check without listing every place (an older suite's omission has
   * no `places`; one over OMITTED_PLACES_KEPT has `placesCut`), so they may be among those;
   * `unlisted`, it lists no violations (written by an older suite). Either way the failure is not
   * known: for a CI gate a false red costs a look, a false "known" hides a regression.
   * `not-reached`: each new fault is at a step the baseline's run of the case never reached (it
   * stopped at an earlier failure), so the baseline cannot show it either.
   */
  baselineIncomplete?: 'cut' | 'unlisted' | 'not-reached';
}

/** New faults a ChangedFailure keeps in full; the rest are counted (reports stay bounded). */
export const CHANGED_FAULTS_KEPT = 10;

/** not-judged: no case failed, but some could not be judged (a final 429, a case the suite could not finish). */
export type CertificationVerdict = 'certified' | 'failed' | 'not-judged' | 'not-applicable';

/** One family's verdict within an operation (or over all operations). */
export interface FamilyVerdict {
  family: string;
  /** From runInfo.families, so certificate.json reads on its own (the id itself when undeclared). */
  title: string;
  /** Whether a full level needs this family certified (runInfo.families). */
  core: boolean;
  verdict: CertificationVerdict;
  passed: number;
  /** Failed or flaky: the target breached the contract. */
  failed: number;
  /** In error: the run could not judge them (a rate-limited target, a case the suite could not finish). */
  notJudged: number;
  skipped: number;
  /**
   * Cases of a successesJudgedElsewhere family failed only by the shape of a 2xx answer (ResponseShapeVerdict):
   * counted in `passed` when the case went to its end (the status it judges held), in `notJudged`
   * when a broken answer stopped its sequence before that. Absent when none.
   */
  responseShape?: number;
  /**
   * Cases failed only by internal-error-exposed (InternalErrorExposedVerdict): counted in `passed`
   * when the case went to its end, in `notJudged` when the exposure stopped its sequence. Absent when none.
   */
  internalErrorExposed?: number;
  /**
   * Cases counted in `notJudged` because their route does not authenticate (the family judges
   * "only after authentication", and authentication failed on a 401): waiting on authentication,
   * not on the run (a 429, a lost target). Absent when none.
   */
  unauthenticated?: number;
  /**
   * Cases counted in `notJudged` (and in `responseShape` or `internalErrorExposed`) because the
   * broken answer charged to that line stopped their sequence before the family's own request: one
   * case, said on both lines, which the certificate's line must not read as two. Absent when none.
   */
  stoppedBefore?: number;
}

/**
 * Successes (2xx) that broke the contract's shape (RESPONSE_SHAPE_CHECKS) in cases of
 * successesJudgedElsewhere families, charged here rather than to those families: a 200 body with a
 * wrong-typed field, seen in an authentication case that sent the valid key in another spelling
 * (or in the read before a start it refuses), is no authentication fault.
 * Present only when some case was; it fails its operation, so no shape breach leaves the level.
 */
export interface ResponseShapeVerdict {
  verdict: 'failed';
  /** The cases charged here. */
  failed: number;
  /** The families those cases are of, in declared order. */
  families: string[];
  /** The response-shape checks that failed in them, in check order. */
  checks: string[];
}

/**
 * Answers that showed the server's internals (internal-error-exposed: a stack trace, a database's
 * error) in cases that failed on nothing else: the status each family judges was right (a 404 to an
 * unknown id, carrying a PHP trace), so the exposure is charged here rather than to every family
 * whose answer carried it. Present only when some case was; it fails its operation.
 */
export interface InternalErrorExposedVerdict {
  verdict: 'failed';
  /** The cases charged here. */
  failed: number;
  /** The families those cases are of, in declared order. */
  families: string[];
}

/** What a target honours, per scenario family; a mock server author can show it, a gate can require a level. */
export interface Certificate {
  target: string;
  suiteVersion: string;
  /** The run's runInfo.suiteBuild: which build of the version judged the verdicts certified (a merged run's: the shards', mergerBuildNote saying when another build merged them); absent from certificates of runs before it, or of a dist built without it. */
  suiteBuild?: string;
  specVersion: string;
  specSha256: string;
  /** The run's runInfo.casesSha256: the case data the verdicts were reached with; absent from certificates of runs before it. */
  casesSha256?: string;
  date: string;
  mode: RunMode;
  /** Per operation, then family. */
  /** `unseenSuccess`: the documented 2xx statuses, when cases were sent and no answer had any (the operation is then not full). */
  /** `responseShape`: see ResponseShapeVerdict; absent when no case was charged to it. */
  /** `internalErrorExposed`: see InternalErrorExposedVerdict; absent when no case was charged to it. */
  operations: { operationId: string; operation: string; families: FamilyVerdict[]; level: CertificateLevel; unseenSuccess?: string[]; responseShape?: ResponseShapeVerdict; internalErrorExposed?: InternalErrorExposedVerdict }[];
  /** Every family over all operations (a family fails if it fails in any operation). */
  families: FamilyVerdict[];
  /** The operations' responseShape lines together; absent when none has one. */
  responseShape?: ResponseShapeVerdict;
  /** The operations' internalErrorExposed lines together; absent when none has one. */
  internalErrorExposed?: InternalErrorExposedVerdict;
  level: CertificateLevel;
  /**
   * true when the run declared its target a mock (runInfo.mockTarget): its writes went to every
   * configured sender. Here too, for a reader of certificate.json alone: a `full` earned that way
   * is not a live target's.
   */
  mockTarget?: boolean;
  /**
   * true when the run verified no TLS certificate (runInfo.tlsUnverified). The level stands (the
   * answers were judged as any run's), but a reader of certificate.json alone must see they may not
   * have come from the target.
   */
  tlsUnverified?: boolean;
  /** runInfo.specOperationsWithoutData: the spec's operations this certificate does not cover (the suite has no data for them). */
  specOperationsWithoutData?: string[];
}

export type CertificateLevel = 'full' | 'partial' | 'failed';

/** Present when a report is not complete: some violations were counted but not kept. */
export interface Truncation {
  /** Violations kept in full per check, severity and exchange. */
  keptPerCheck: number;
  /** Violations left out over all results (the sum of their omittedViolations counts). */
  omittedViolations: number;
  /** Results that left some out. */
  results: number;
}

/**
 * One place warnings of one check were raised at, over the whole run: a gateway that adds
 * `requestId` to every body is one place seen in 400 answers, not 400 lines.
 */
export interface WarningPlace {
  /** The violations' instancePath with every array index as `*`, so `/items/3/x` and `/items/4/x` are one place; "" when not about the body. */
  pointer: string;
  /**
   * The schema the answers' bodies were judged by, when the warnings name one (their schemaPath's
   * document, "Error" of "Error.json#"): `/foo` of two schemas is two places the contract would
   * declare it, and a reviewer needs to know which.
   */
  schema?: string;
  /** Warnings only counted (omittedViolations): they lie at or under `pointer`, not at it. */
  under?: true;
  /** Warnings at this place, kept and counted-only. */
  warnings: number;
  /** Answers that had one: a case's single answer, or each step of a sequence. */
  answers: number;
  cases: number;
  /** The first cases (at most 3, in report order) with one: where to start reading. */
  firstCases: string[];
}

/** The warnings of one check over the run, by place (report/warning-digest.ts builds it). */
export interface WarningDigestEntry {
  check: string;
  warnings: number;
  answers: number;
  cases: number;
  /** Distinct places, all of them; `places` keeps the largest (at most 20). */
  placeCount: number;
  /** Most warnings first. */
  places: WarningPlace[];
}

/** One fault seen in two cases or more: failing cases' errors of one check and message shape (report/failure-digest.ts builds it). */
export interface FailureGroup {
  check: string;
  /**
   * Where in the body (a JSON Pointer, array indexes as `*`); absent for a fault of the whole answer
   * (a status, a header). Part of what makes the fault, so two faults of one check and message at two
   * places (both parts' canSync sent as a string) are told apart on their lines, not two identical ones.
   */
  place?: string;
  /** The message with what a target varies set aside as "…" (its quoted text shown when every error of the fault quoted the same): what the line shows. */
  shape: string;
  /** Violations, answers (a case's single exchange or one step of a sequence) and cases with this fault. */
  failures: number;
  answers: number;
  cases: number;
  /** The first case with it, in the order the reports list cases. */
  firstCase: string;
  /**
   * The operations it was seen in, in the order the reports list them: two faults alike but for the
   * operation their title names (a start of contacts, of history) read apart. Absent in reports of
   * older suites.
   */
  operations?: string[];
  /**
   * With --repeat: how many repeats its cases ran (the most, should they differ). `failures` and
   * `answers` then count each distinct error and answer once over them (a combined case keeps a
   * violation once, however many repeats saw it). Absent for one run of each case, and in reports
   * of older suites.
   */
  repeats?: number;
  /**
   * With `repeats`: its answers over every repeat (a route answering 502 to all 5 repeats of 24
   * cases: 120), when the repeats' kept checks (Attempt.checks) tell them exactly: each case had it
   * in one answer and no other error of its check. Absent when they cannot.
   */
  repeatAnswers?: number;
  /**
   * Of its answers, those whose status was a fault too (an error of not-a-server-error,
   * status-code-expected or status-code-documented in the same answer): its body or headers were
   * judged against a status that was not due. The digest ranks a fault by its answers without one,
   * so a wrong status comes before what it makes of the body. Absent when none, and for a status
   * fault itself.
   */
  wrongStatusAnswers?: number;
}

/** The run's faults seen in several cases, most answers whose status was right first (failureDigestOf): the first 20 kept, `faultCount` has them all. */
export interface FailureDigest {
  faultCount: number;
  faults: FailureGroup[];
}

/**
 * What a cut-short case says instead of the guard's whole sentence: the sentence is said once, as
 * the report's `targetLost`, not repeated in each of the cases after the loss (a crash on the 40th
 * case of 130 buried its one cause under 90 copies of it, each with steps and a curl).
 */
export const TARGET_LOST_NOTE = 'not sent: the target was lost mid-run (see "target lost" at the top)';

/** Whether a result is a case the loss of the target left unjudged (its error names TARGET_LOST_NOTE). */
export function cutByTargetLoss(result: Pick<CaseResult, 'status' | 'errorMessage'>): boolean {
  return result.status === 'error' && result.errorMessage !== undefined && result.errorMessage.includes(TARGET_LOST_NOTE);
}

/** The target stopped answering mid-run (transport/target-guard.ts): where, why, and the cases it left unjudged. */
export interface TargetLost {
  /** The first request left unanswered since the target's last answer ("GET /v1/senders/%/whatsapp-sync, exchange …"): the likeliest to have brought it down. */
  at?: string;
  /** The guard's sentence: how many requests went unanswered, the last error, what to look at. */
  why: string;
  /** Cases not judged because of it (errors saying TARGET_LOST_NOTE), in every report's order. */
  notJudged: number;
  /** The first of them, when there is one. */
  firstCase?: string;
}

/**
 * Something the run saw that is no case's and fails nothing: said once, on one line, by every
 * report but junit.xml (where a line is a failure). `unasked-bytes`: the target sent bytes on an
 * idle kept-alive connection, an answer no request was waiting for (transport/keep-alive.ts).
 * `no-json-answer`: none of the run's answers (three or more) was JSON, as a wrong base URL's are
 * (runner/answer-tally.ts); its cases fail on their own, this says the likely cause once.
 * `no-route`: every answer to an operation (three or more) was 404 (or 405, 501), with the key and
 * without credentials, one with the key to a sender a 2xx answer named (or every answer of the run
 * 404), as a route the target does not serve answers (runner/route-tally.ts).
 * `upstream-down`: after the target answered as the API (a JSON object or array), five requests in
 * a row or more (of those sent from the row's first on) got a 502,
 * 503 or 504 not in the contract's error form, as a front answers with nothing behind it
 * (runner/gateway-tally.ts); said as a headline, first, by every report that says warnings.
 * `stopped-answering`: the run ended while every request since the target's last answer had gone
 * unanswered, five or more, one sent as a client sends it closed or refused, but fewer in a row than make it lost
 * (transport/target-guard.ts stoppedAtEnd); a headline too.
 * `near-timeout`: answers (the cases', below 500, as the latency figures count them) took 80% of
 * --timeout or more (runner/near-timeout-tally.ts): each passed in time, and a slightly slower day
 * fails them all at once; said where the other warnings are, not a headline (it caused no failure).
 */
export interface RunWarning {
  kind: 'unasked-bytes' | 'no-json-answer' | 'no-route' | 'upstream-down' | 'stopped-answering' | 'near-timeout';
  /** The line: what was seen, how often, and an excerpt of what was received (scrubbed, cut and escaped where it was made). */
  message: string;
}

export interface ConformanceReport {
  runInfo: RunInfo;
  summary: RunSummary;
  results: CaseResult[];
  /** Present when some violations were counted but not kept (see CaseResult.omittedViolations). */
  truncation?: Truncation;
  /** Present when the run raised warnings: per check, most warnings first, where they were raised. */
  warningDigest?: WarningDigestEntry[];
  /** Present when a fault was seen in two failing cases or more: one line per fault, before the per-case lists. */
  failureDigest?: FailureDigest;
  /** Present when the target stopped answering mid-run: said once here, each case it cut short saying TARGET_LOST_NOTE. */
  targetLost?: TargetLost;
  /** Present when the run saw what fails no case but is the target's (RunWarning): one line each, first seen first. */
  runWarnings?: RunWarning[];
  /** Over every exchange of the run the target served. */
  latency?: LatencyStats;
  /** The exchanges of the run left out of `latency`, every case's together; absent when none was. */
  latencyLeftOut?: LatencyLeftOut;
  baseline?: BaselineDiff;
  certificate?: Certificate;
  /** What the target's answers covered of the contract (src/coverage). */
  coverage?: CoverageReport;
  /** Derived figures over the history window (--history); see HistoryFigures. */
  history?: HistoryFigures;
}

/** The skip reason of a write case on a live target without --allow-writes. */
export const NO_WRITES_REASON = 'writes not allowed (--allow-writes)';

/** How a replay words a case its recording skipped: this, then the recorded reason (src/runner/prepare-replay.ts). */
export const RECORDED_SKIP_PREFIX = 'skipped when recorded: ';

/**
 * The read-only kind's own skip: NO_WRITES_REASON, as a run makes it or as a replay of a read-only
 * recording repeats it. Only --allow-writes lifts it, so only it tells a case the other kind runs;
 * the other write-safety skips (a write fixture not set, a consent not given) are the
 * configuration's, made by a write run too, and are compared as they ever were.
 */
export function isReadOnlySkip(reason: string | undefined): boolean {
  return reason === NO_WRITES_REASON || reason === `${RECORDED_SKIP_PREFIX}${NO_WRITES_REASON}`;
}

/** How every report, record and recording names the embedded reference server as its target (a base URL is shown as a URL, a replay as "replay of …"). */
export const EMBEDDED_TARGET = 'embedded reference server';

/**
 * Whether a run was a write run, as its runInfo (or a history record's run, or a recording's log)
 * says: its write cases were allowed to go out (--allow-writes; the embedded reference server, whose
 * state is disposable, with the flag or without it; a replay of such a run's recording). Only
 * `true` counts, so a report or record without the field (a read-only run's, a hand-made
 * baseline's) is read-only, save one of the embedded server that is no replay: before the field
 * was written there, its runs took every write all the same, and are read as what they were. The
 * one test of a run's kind: history's series and a baseline's kind read it alike.
 */
export function ranWrites(info: { allowWrites?: unknown; target?: unknown; mode?: unknown }): boolean {
  return info.allowWrites === true || (info.target === EMBEDDED_TARGET && info.mode !== 'replay');
}

/** The field a runInfo, record or recording carries for a write run (ranWrites): present only then, absent otherwise (as every run before it). */
export function writesField(writes: boolean | undefined): { allowWrites?: true } {
  return writes === true ? { allowWrites: true } : {};
}

/**
 * A skip the write-safety rules made (src/registry/plan-cases.ts: each of their reasons starts
 * "writes "): by design on a live target, not a fixture someone forgot, so a report can say that a
 * PARTIAL certificate is then the most such a run certifies.
 */
export function isWriteSafetySkip(reason: string | undefined): boolean {
  return reason !== undefined && reason.startsWith('writes ');
}
