/**
 * The engine the Jest suite drives, built once in the host process: transports, compiled
 * validators, the plan and the key stay here as live objects, and each Jest test calls `run` with
 * its case id. Nothing is re-required inside Jest's sandbox (where Node's module cache does not
 * apply) and nothing goes through files: results are kept here, in memory, in plan order.
 *
 * The sandbox is another realm: what crosses the boundary is strings, numbers and plain arrays
 * (`Array.isArray`, never `instanceof`), and `run` never rejects: a case that throws becomes an
 * "error" result, and the suite turns the failure text into an Error of its own realm.
 */
import type { CaseResult, PlannedCase, RunWarning } from '../model';
import { cutByTargetLoss } from '../model/result';
import { combineAttempts } from '../repeat/combine-attempts';
import { createTransports } from '../transport/create-transport';
import type { TargetLoss, TargetStop } from '../transport/target-guard';
import { AnswerTally } from './answer-tally';
import { watchAnswers } from './watch-answers';
import { RouteTally } from './route-tally';
import { GatewayTally } from './gateway-tally';
import { NearTimeoutTally } from './near-timeout-tally';
import { AuthOrder, planSentAs } from './auth-order';
import { describeFailure } from './describe-failure';
import { knownCredentials } from './known-credentials';
import { caseBase, executeCase, skippedResult, type CaseDeps } from './execute-case';
import { caseTimeout, stopGrace } from './jest-config';
import type { RunPlan } from './run-plan';
import { runValidator } from './run-validator';
import { resultScrubber, textScrubber } from './scrub-result';
import { excerpt, truncate } from '../text/plain-text';
import { stoppableDeps } from './stoppable-deps';
import { stopCauseOf, stoppedAsRecorded, timedOut } from './timed-out';
import type { StoppedCase } from '../recording/zavu-fields';

/** One Jest test, as the suite declares it. */
export interface SuiteCase {
  id: string;
  title: string;
  /** Set: declared with test.skip (its result is already recorded). */
  skipReason?: string;
  /** Declared with test.concurrent (--concurrency above 1, a read, not the property). */
  concurrent: boolean;
  /** Jest's bound for this test: a guard against a bug in the suite, every request has its own deadline; past it the case is stopped (run's signal), an error. */
  timeoutMs: number;
  /** How long the runner waits for it to end once stopped before it halts the file (jest-config.ts stopGrace). */
  stopGraceMs: number;
}

/** One describe block: the cases of one operation, in plan order. */
export interface SuiteGroup {
  title: string;
  cases: SuiteCase[];
}

/** What the suite inside Jest's sandbox sees. */
export interface SuiteEngine {
  readonly groups: readonly SuiteGroup[];
  /**
   * Runs the case and records its result; resolves to the text Jest shows when it did not pass,
   * else undefined. Never rejects. `signal`, the suite's test runner's stop for the test (aborted
   * when Jest's timeout for it runs out, or an error nothing awaited failed it): nothing more of the
   * case is sent after it, the case resolves once the request it had on the wire is done, and its
   * result is an error saying why it was stopped (timed-out.ts). A host-realm object the sandbox
   * only passes on.
   */
  run(id: string, signal?: AbortSignal): Promise<string | undefined>;
  /** The recorded status of the case Jest titled so (the progress line tells a case not judged from a failed one); the host's engine has it. */
  statusOf?(title: string): CaseResult['status'] | undefined;
  /**
   * The recorded duration of the case Jest titled so, for its progress line: with --repeat the
   * repeats' median, as every report has it, where Jest's own is every repeat's wall time
   * together; undefined for a case not judged or skipped (the line keeps Jest's).
   */
  durationOf?(title: string): number | undefined;
  /** Why the run stopped sending (a silent target, a refused key), once it did: the progress says it once, not per case. */
  silence?(): string | undefined;
  /** While the target's first answers may still stop the run: the progress holds a failed case's line back until it knows. */
  undecided?(): boolean;
  /** The target lost mid-run, once it is: the progress says so once, when it happens. */
  lost?(): TargetLoss | undefined;
  /** Whether the case Jest titled so was cut short by that loss (not sent): the progress counts those, one line for all. */
  cutByLoss?(title: string): boolean;
  /** Whether the case Jest titled so needed a step its recording lacks: the replay ends with exit 2, and its line says it is not judged rather than FAIL. */
  lacksRecordedStep?(title: string): boolean;
  /**
   * The row of gateway errors after the API's answers, once found (gateway-tally.ts): the progress
   * says it once, when found, and the API answering again once. Never a replay's: it finds the row in
   * the order the recorded run sent its requests, once all are in (its headline, after it, says it).
   */
  upstreamRow?(): UpstreamRowSeen | undefined;
}

/**
 * A row of gateway errors as found, for the progress line: what a reader watching the run sees at
 * once of what the reports say after it (`upstream-down`), which stays the verdict on it (the API
 * may answer again, and outnumber the front). Requests are the suite's own, shown as the warning
 * shows them: the run's keys out, cut and inert; of the target's bytes only the status numbers
 * and the form in the suite's words (answer-form.ts), cut.
 */
export interface UpstreamRowSeen {
  /** "GET /v1/senders/…, exchange …": the request the row began with. */
  at: string;
  /** How many in a row made the row. */
  after: number;
  /** The row's statuses when found: "502 ×5". */
  statuses: string;
  /** The row's first answer's form: "an HTML page (text/html)". */
  form: string;
  /** The request the first answer as the API after the row began was to, once there was one. */
  back?: string;
}

/** The host's side: the results, when Jest is done. */
export interface HostEngine extends SuiteEngine {
  silence(): string | undefined;
  /** Why the run stopped sending, and so how it ends (exit 3 or 2). */
  stopped(): TargetStop | undefined;
  /** The target lost mid-run: the reports say it once (`targetLost`). */
  lost(): TargetLoss | undefined;
  /** The row of gateway errors as found, for the progress line (the reports' verdict on it is `warnings`). */
  upstreamRow(): UpstreamRowSeen | undefined;
  /** A replay's first needed exchange its recordings lack, with its file: the run ends as a recording error (exit 2). */
  unrecorded(): string | undefined;
  /**
   * Once Jest is done, before close(): a live run that ends on a row of hostile-looking requests
   * reset, none of a client's closed, sends one read a client sends to tell a target gone down from
   * a front that resets those (RunTransports.confirmAtEnd); `warnings` says it when unanswered. In
   * no case's result, recording, latency, coverage or tally. Nothing when `signal` (the run's abort) is aborted.
   * `sending` is told the read ("METHOD path", the keys taken out) just before it is sent.
   */
  confirmEnd(signal?: AbortSignal, sending?: (read: string) => void): Promise<void>;
  /** What the run saw that fails nothing (no answer JSON, as a wrong base URL's; bytes the target sent on an idle kept-alive connection): the reports say each once (`runWarnings`). */
  warnings(): RunWarning[];
  /** Every planned case in plan order; one the suite never ran is an "error" saying why (`why`), one it did not finish says so. */
  results(why: string): CaseResult[];
  /** The cases the run stopped (their signal aborted), and why, in the order stopped: a recording keeps them (log._zavu.stopped). */
  stoppedCases(): StoppedCase[];
  /** Closes the transports' kept-alive sockets; the run calls it when Jest is done, whatever happened. */
  close(): void;
}

/** A progress line's bounds on a request's path and id, and on an answer's form (already inert: answer-form.ts, but its media type the target's, which may echo the key: hidden before it is cut), each. */
const SHOWN_REQUEST_CHARS = 120;
const SHOWN_FORM_CHARS = 80;

/** The longest a request waits for its --rate tick behind --concurrency others: 0 without --rate. */
function pacingMs(plan: Pick<RunPlan, 'ratePerSecond' | 'concurrency'>): number {
  return plan.ratePerSecond === undefined ? 0 : Math.ceil((Math.max(1, plan.concurrency) * 1000) / plan.ratePerSecond);
}

/**
 * Builds the engine; throws when a schema does not compile (before a single request). `apiKey` is
 * sent; `scrubKey` (default: the same) is removed from every result: a replay sends no key, and
 * still scrubs the one the user has set, which a recorded body may hold. `otherProjectKey` (the
 * other project's own key, '' when none) is sent by the reads of that project's sender as its
 * owner sees it, and removed from every result and recording as the key is. `recordedKeys` (a
 * replay's: the key-shaped words its recordings hold) are removed from every result too.
 */
export function createSuiteEngine(plan: RunPlan, apiKey: string, scrubKey: string = apiKey, otherProjectKey = '', recordedKeys: readonly string[] = []): HostEngine {
  // One scrubber for both: a result's strings and a single text are hidden of the same keys.
  const hideText = textScrubber([apiKey !== '' ? apiKey : scrubKey, otherProjectKey, ...recordedKeys]);
  const scrub = resultScrubber(hideText);
  const transports = createTransports(plan, apiKey, otherProjectKey === '' ? [] : [otherProjectKey]);
  // Whether any answer was JSON, as every Zavu API's is: a live run's only (a replay's answers are
  // its recording's, whose target was judged when it was made).
  const tally = plan.mode === 'replay' ? undefined : new AnswerTally(plan.baseUrl);
  // And whether each operation's route is served at all (a mock half-written answers it 404 throughout).
  const routes = plan.mode === 'replay' ? undefined : new RouteTally(plan.operations);
  const planned = new Map(plan.cases.map((c) => [c.id, c] as const));
  // Whether the run's answers without valid credentials show the target authenticates: a replay's
  // too (the recorded run's answers). The cases' own requests only: the negative inputs carry the key.
  const authOrder = new AuthOrder(planSentAs(planned));
  // And whether its front answered a row of gateway errors after it answered as the API (its upstream
  // gone down behind it): a replay's too, whose recorded answers are the run's it replays, taken in
  // the order the recorded run sent them (its plan may order the cases otherwise), once all are in.
  const gateway = new GatewayTally(plan.mode === 'replay' ? 'sent-order' : 'as-answered');
  const tallies = tally === undefined || routes === undefined ? [gateway] : [tally, routes, gateway];
  // And whether the cases' answers came near --timeout: a live run's only (a replay's durations are
  // the recorded run's, whose --timeout its recording does not keep), and not the negative
  // property's, an aggregate the latency figures leave out too (near-timeout-tally.ts).
  const slow = plan.mode === 'replay' ? undefined : new NearTimeoutTally(plan.timeoutMs);
  const casesTransport = watchAnswers(transports.cases, ...tallies, authOrder, ...(slow === undefined ? [] : [slow]));
  const negativeTransport = watchAnswers(transports.negative, ...tallies);
  const operations = new Map(plan.operations.map((o) => [o.operationId, o] as const));
  const deps: CaseDeps = {
    transport: casesTransport,
    operations,
    rules: plan.rules,
    schemas: runValidator(plan.schemas),
    target: { baseUrl: plan.baseUrl, apiKey, unknownKey: plan.unknownKey, ...(otherProjectKey !== '' ? { otherProjectKey } : {}) },
    ...(plan.fixtureVariables !== undefined ? { fixtureVariables: plan.fixtureVariables, hiddenFixtures: new Set(plan.negative.hiddenFixtures) } : {}),
    // Looked for in every answer before it is scrubbed. Not by a replay: a recording holds the key
    // redacted, and its requests carry none, so an echo could not be told from a leak there.
    ...(plan.mode !== 'replay' ? { credentials: knownCredentials({ apiKey, otherProjectKey, unknownKey: plan.unknownKey }) } : {}),
    // The transports' pause: a run closed (its end, or its caller's abort) waits out no settle.
    ...(plan.writeSettleMs > 0 ? { settle: { ms: plan.writeSettleMs, wait: transports.wait } } : {}),
  };
  const recorded = new Map<string, CaseResult>();
  /** Cases Jest started: one started but not recorded was still running when the suite ended. */
  const started = new Set<string>();
  /** The cases stopped by their signal, and why. */
  const stops = new Map<string, StoppedCase['why']>();
  /** Every form of the key removed (a target may echo it) before the result is kept or shown. */
  const record = (result: CaseResult): CaseResult => {
    const clean = scrub(result);
    recorded.set(clean.id, clean);
    return clean;
  };
  const operationOf = (c: PlannedCase) => operations.get(c.operationId) ?? { label: c.operationId };
  /** A request of the suite's for a progress line: its path and id may carry a key (a hostile input's), taken out first, then cut and made inert. */
  const shownRequest = (at: { method: string; path: string; exchangeId: string }): string => `${at.method} ${excerpt(hideText(at.path), SHOWN_REQUEST_CHARS)}, exchange ${excerpt(hideText(at.exchangeId), SHOWN_REQUEST_CHARS)}`;

  /**
   * A case --repeat times, in sequence, combined into one result (flaky when the verdicts differ).
   * A case that writes runs once: repeating a write that took effect would change what it tests.
   */
  async function repeated(c: PlannedCase, signal: AbortSignal | undefined): Promise<CaseResult> {
    const caseDeps = stoppableDeps(deps, signal);
    if (plan.repeat <= 1 || c.writes) return executeCase(c, caseDeps);
    const attempts: CaseResult[] = [];
    // A stopped case starts no further repeat.
    for (let i = 0; i < plan.repeat && signal?.aborted !== true; i += 1) attempts.push(await executeCase(c, caseDeps));
    return combineAttempts(attempts);
  }

  /** Loaded only when a negative case runs: fast-check and the property are not a replay's cost. */
  function negative(c: PlannedCase, signal: AbortSignal | undefined): Promise<CaseResult> {
    const { executeNegativeCase } = require('./execute-negative') as typeof import('./execute-negative');
    return executeNegativeCase(c, stoppableDeps({ ...deps, transport: negativeTransport }, signal), plan.negative, plan.concurrency);
  }

  const groups: SuiteGroup[] = [];
  for (const c of plan.cases) {
    const operation = operations.get(c.operationId);
    // The registry checked every operation against the spec before the plan was built.
    if (operation === undefined) throw new Error(`operation ${c.operationId} is not in the plan`);
    const title = `${c.operationId}: ${operation.label}`;
    let group = groups[groups.length - 1];
    if (group?.title !== title) groups.push((group = { title, cases: [] }));
    const isNegative = c.scenario.fuzz !== undefined;
    if (c.skipReason !== undefined) record(skippedResult(c, operation));
    group.cases.push({
      id: c.id,
      title: `${c.id}: ${c.scenario.description}`,
      ...(c.skipReason !== undefined ? { skipReason: c.skipReason } : {}),
      // Cases run one at a time unless --concurrency allows more; a sequence runs its requests in order, and the
      // property, one case on its own, uses --concurrency within itself (it judges the ids it will reach next ahead).
      concurrent: plan.concurrency > 1 && !isNegative && !c.writes,
      // The property is one case however often the others repeat: its inputs already vary run to run.
      // Past its budget it still finishes the inputs in flight, up to --concurrency of them, each
      // waiting its --rate tick first: at --rate 0.1 and --concurrency 4, 40 s it would otherwise be
      // stopped for (an error) on a target that answers every request in time; and each as long as
      // its exchange may take (longestExchangeMs: all of its deadlines, a 429's retries and their
      // Retry-After waits, each retry's tick; without the 429s, a rate-limited target's input past
      // the budget waited a Retry-After the bound had no room for, and the property was stopped).
      // A case's steps, each --repeat times (a write case runs once), share the run's minute of Retry-After.
      timeoutMs: isNegative ? plan.negative.timeBudgetMs + caseTimeout(plan.timeoutMs, 1, pacingMs(plan)) : caseTimeout(plan.timeoutMs, c.steps.length * (c.writes ? 1 : plan.repeat), pacingMs(plan)) + (c.writes ? c.steps.length * plan.writeSettleMs : 0),
      stopGraceMs: stopGrace(plan.timeoutMs),
    });
  }
  // Jest names a case by its title: how the progress line finds the case's recorded status.
  const idOfTitle = new Map(groups.flatMap((group) => group.cases.map((c) => [c.title, c.id] as const)));

  return {
    groups,
    async run(id, signal) {
      const c = planned.get(id);
      if (c === undefined) return `${id}: no such case in the plan`;
      // The target answered none of the first requests, or refused the key: the run ends, nothing more is sent.
      const stop = transports.stopped();
      if (stop !== undefined) return `not sent: ${stop.why}`;
      started.add(id);
      let result: CaseResult;
      try {
        const ran = c.scenario.fuzz !== undefined ? await negative(c, signal) : await repeated(c, signal);
        // Stopped (its timeout, or an error nothing awaited failed its test): what it got to is no verdict (its remaining steps were not sent).
        // A replay runs into no timeout: a case its recorded run stopped is said so from the recording.
        const recordedStop = transports.stoppedWhenRecorded(id);
        if (signal?.aborted === true) stops.set(id, stopCauseOf(signal.reason));
        result = record(signal?.aborted === true ? timedOut(ran, signal.reason) : recordedStop !== undefined ? stoppedAsRecorded(ran, recordedStop) : ran);
      } catch (error) {
        // A bug in the suite, not the target's doing: the case says so instead of vanishing from the reports.
        const message = error instanceof Error ? error.message : String(error);
        result = record({ ...caseBase(c, operationOf(c)), status: 'error', durationMs: 0, violations: [], errorMessage: `the suite crashed on this case: ${message}` });
      }
      return result.status === 'passed' || result.status === 'skipped' ? undefined : describeFailure(result);
    },
    silence() {
      return transports.stopped()?.why;
    },
    undecided() {
      return transports.undecided();
    },
    stopped() {
      return transports.stopped();
    },
    lost() {
      return transports.lost();
    },
    unrecorded() {
      return transports.unrecorded();
    },
    confirmEnd(signal, sending) {
      return transports.confirmAtEnd(signal, sending);
    },
    warnings() {
      // Scrubbed of the run's keys and made inert by the transports, before the excerpt was cut.
      const unasked = transports.unasked();
      const seen = tally?.nonJson();
      // The origin and the media type are the target's own text: the keys out first (a Location may
      // name one as a host, a front may echo the Bearer token into its Content-Type), then cut and made inert.
      const shownType = seen === undefined ? undefined : { ...seen, firstType: hideText(seen.firstType) };
      const nonJson = shownType?.redirectedTo === undefined ? shownType : { ...shownType, redirectedTo: excerpt(hideText(shownType.redirectedTo), 100) };
      // A run none of whose answers was JSON has its wrong base URL said already: no route line beside it.
      const unrouted = nonJson === undefined ? routes?.unrouted() : undefined;
      const down = gateway.upstreamDown();
      // Asked at the run's end: a target gone too near it to be lost (the guard redacted and cut its request).
      const faded = transports.stoppedAtEnd();
      const near = slow?.nearTimeout();
      if (unasked === undefined && nonJson === undefined && unrouted === undefined && down === undefined && faded === undefined && near === undefined) return [];
      // Loaded only by a run that has one to say.
      const { nearTimeoutWarning, noRouteWarning, nonJsonAnswersWarning, stoppedAnsweringWarning, unaskedBytesWarning, upstreamDownWarning } = require('../report/run-warnings') as typeof import('../report/run-warnings');
      return [
        ...(faded === undefined ? [] : [stoppedAnsweringWarning(faded)]),
        // The request is the suite's own, but its path and id may carry a key (a hostile input's): taken out first.
        ...(down === undefined ? [] : [upstreamDownWarning(down, hideText)]),
        ...(nonJson === undefined ? [] : [nonJsonAnswersWarning(nonJson, plan.operations[0]?.pathTemplate)]),
        ...(unrouted === undefined ? [] : [noRouteWarning(unrouted)]),
        ...(unasked === undefined ? [] : [unaskedBytesWarning(unasked)]),
        // Last: it caused no failure, it says what may come. The request and case may carry a key (a hostile id's): taken out first.
        ...(near === undefined ? [] : [nearTimeoutWarning(near, hideText)]),
      ];
    },
    statusOf(title) {
      const id = idOfTitle.get(title);
      return id === undefined ? undefined : recorded.get(id)?.status;
    },
    cutByLoss(title) {
      const id = idOfTitle.get(title);
      const result = id === undefined ? undefined : recorded.get(id);
      return result !== undefined && cutByTargetLoss(result);
    },
    upstreamRow() {
      const row = gateway.rowFound();
      if (row === undefined) return undefined;
      const back = gateway.apiBackAt();
      return { at: shownRequest(row.at), after: row.after, statuses: row.statuses, form: truncate(hideText(row.form), SHOWN_FORM_CHARS), ...(back === undefined ? {} : { back: shownRequest(back) }) };
    },
    lacksRecordedStep(title) {
      const id = idOfTitle.get(title);
      return id !== undefined && transports.lacksStep(id);
    },
    durationOf(title) {
      const id = idOfTitle.get(title);
      const result = id === undefined ? undefined : recorded.get(id);
      return result === undefined || result.status === 'error' || result.status === 'skipped' ? undefined : result.durationMs;
    },
    stoppedCases() {
      return [...stops].map(([caseId, why]) => ({ caseId, why }));
    },
    close() {
      transports.close();
    },
    results(why) {
      const unfinished = "the case was still running when the suite ended (Jest's timeout for it, a guard against a bug in the suite, ran out first)";
      // Once every case has run: a story of both readings of a 404 gets the one the run's answers show,
      // scrubbed as every result is (it names an exchange, whose id holds a configured sender's).
      return plan.cases.map((c) => {
        const result = recorded.get(c.id);
        if (result === undefined) return { ...caseBase(c, operationOf(c)), status: 'error', durationMs: 0, violations: [], errorMessage: `no result recorded: ${started.has(c.id) ? unfinished : why}` };
        const refined = authOrder.refine(result);
        return refined === result ? result : scrub(refined);
      });
    },
  };
}
