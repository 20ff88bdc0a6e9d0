/**
 * Runs one planned case: each step in order — resolve its expectation (static, or predicted from
 * what an earlier step observed), send its request, judge the exchange with every check. A
 * sequence stops at its first failing step (later steps depend on it); the result names that step.
 * A step that got no answer to judge (a final 429) ends the case as an error: could not be judged.
 */
import type { CaseResult, Exchange, KnownCredential, OmittedViolations, OperationContract, PlannedCase, PlannedStep, ResolvedExpectation, ResultStatus, RuleDefinition, SchemaValidator, StepResult, Violation } from '../model';
import { concurrentCopyId } from '../model/exchange-id';
import { copyPrefix } from '../model/violation';
import { CONCURRENT_STARTS_CHECK, judgeConcurrentStarts, type ConcurrentAnswer } from '../checks/concurrent-answers';
import { runChecks } from '../checks/run-checks';
import { allChecks, probeChecks } from '../checks/registry';
import { caseCoverage } from '../coverage/case-coverage';
import { parseJsonBody } from '../checks/support/parsed-body';
import { answerForm } from '../text/answer-form';
import { toldExample } from '../checks/support/told-example';
import { rateLimitedCheck, unjudgedAnswer } from '../checks/rate-limited';
import { IN_FLIGHT_REFUSALS, predictionModel, type Observation } from '../model-based/prediction-models';
import { resolveExpectation } from '../model-based/resolve-expectation';
import { acceptedText } from '../checks/support/outside-contract';
import { isSuccessStatus } from '../model/http';
import { isSafeMethod } from '../model/operation';
import { formatConcurrentCurls, formatCurl } from '../reproduce/format-curl';
import { buildRequest, type RequestTarget } from '../transport/build-request';
import { sentAsAClient } from '../transport/sent-as-a-client';
import type { Transport } from '../transport/transport';

export interface CaseDeps {
  transport: Transport;
  operations: ReadonlyMap<string, OperationContract>;
  rules: readonly RuleDefinition[];
  schemas: SchemaValidator;
  target: RequestTarget;
  /**
   * Waited after each write a case sent, before its next request (--write-settle-ms): a target whose
   * reads lag its writes (a read replica, an eventually consistent store) would otherwise show the
   * read right after a 202 the state from before it. Absent or 0: no wait. `signal`: the case's
   * stop (stoppable-deps.ts), which ends the wait at once, its timer cleared.
   */
  settle?: { ms: number; wait: (ms: number, signal?: AbortSignal) => Promise<void> };
  /** A live target's configured fixture values → their environment variable (RunPlan.fixtureVariables). */
  fixtureVariables?: Readonly<Record<string, string>>;
  /** Those of them the key must not see (another project's, RunPlan's negative.hiddenFixtures): the rest are its own. */
  hiddenFixtures?: ReadonlySet<string>;
  /**
   * The credentials the run knows, with every form the scrubber knows each by (suite-engine builds
   * them once per run): what credential-echoed looks for in each answer before results are scrubbed.
   */
  credentials?: readonly KnownCredential[];
}

/** The configured fixtures among a request's path values, with their variables (and whether the key must not see them): what a 404 story names. */
function fixturesOf(params: Readonly<Record<string, string>>, deps: CaseDeps): { variable: string; value: string; hidden?: true }[] {
  const named = deps.fixtureVariables;
  if (named === undefined) return [];
  return [...new Set(Object.values(params))].flatMap((value) => (Object.hasOwn(named, value) ? [{ variable: named[value] ?? '', value, ...(deps.hiddenFixtures?.has(value) === true ? { hidden: true as const } : {}) }] : []));
}

function operationOf(deps: CaseDeps, id: string): OperationContract {
  const operation = deps.operations.get(id);
  // The registry checked every step's operation against the spec at load.
  if (operation === undefined) throw new Error(`operation ${id} is not in the plan`);
  return operation;
}

/**
 * What a step sent, as "METHOD path template": its operation's label, but for a step that asks
 * that path with another method or spelling. "get (POST …/contacts): expected 405, received 202"
 * reads as a start that should have been refused; the GET it was names the breach (a GET that
 * starts a sync), and "head (GET …)" hid that the request was a HEAD.
 */
function stepLabel(operation: OperationContract, step: PlannedStep): string {
  return `${step.method ?? operation.method} ${step.pathTemplate ?? operation.pathTemplate}`;
}

/** The fields every result of this case shares. */
export function caseBase(planned: PlannedCase, operation: Pick<OperationContract, "label">) {
  const single = planned.steps.length === 1 ? planned.steps[0]?.expect.status : undefined;
  return {
    id: planned.id,
    operationId: planned.operationId,
    operation: operation.label,
    scenario: planned.scenario.id,
    family: planned.scenario.family,
    // Every result of a negative-input case says so, one that never ran, crashed or was skipped too:
    // an error of it without a status is no unanswered request in the latency figures (isAggregateResult).
    ...(planned.scenario.fuzz !== undefined ? { fuzzed: planned.scenario.fuzz } : {}),
    description: planned.scenario.description,
    ...(single !== undefined ? { expectedStatus: single } : {}),
  };
}

/**
 * The success a sequence would have asked of its own operation: the first step sent to the case's
 * own sender with the operation's own method whose status is a 2xx, stated or the one its model
 * predicts when the state allows (a start's 202), unless its row's fixture is a state the model
 * refuses (predict.refusal). Not an OPTIONS preflight's 204, nor a witness
 * read's 200: neither is the operation doing what it is for.
 */
function sequenceSuccess(planned: PlannedCase): number | undefined {
  const own = planned.steps.filter((step) => step.operationId === planned.operationId && step.method === undefined && step.params === undefined);
  // A start predicted to a state the model refuses (predict.refusal: a not-active account) asks for
  // none: it gets a 202 only from a fixture gone stale, and "expected 202" would misread the row.
  const statuses = own.map((step) => step.expect.status ?? (step.expect.predict?.refusal === true ? undefined : predictionModel(step.expect.predict?.model ?? '')?.successStatus));
  return statuses.find(isSuccessStatus);
}

export function skippedResult(planned: PlannedCase, operation: OperationContract): CaseResult {
  // A sequence keeps the success it would have asked for, so a skip of the only case that asks for
  // one is known as that (unseenSuccessNotes), not taken for a run whose every start was refused.
  const success = planned.steps.length > 1 ? sequenceSuccess(planned) : undefined;
  return { ...caseBase(planned, operation), ...(success !== undefined ? { expectedStatus: success } : {}), status: 'skipped', durationMs: 0, violations: [], skipReason: planned.skipReason ?? 'skipped' };
}

interface StepRun {
  result: StepResult;
  violations: Violation[];
  omitted: OmittedViolations[];
  crashes: string[];
  observation: Observation;
  exchange?: Exchange;
  /** A concurrent step whose set drew a finding: the set judged again with the read after's body (what the step's violations then hold of it). */
  rejudgeRace?: (readAfter: unknown) => Violation[];
}

/** One answer judged by every check that applies to it, with what the step result and the next steps read of it. */
interface Judged {
  exchange: Exchange;
  violations: Violation[];
  omitted: OmittedViolations[];
  crashes: { check: string; message: string }[];
  unjudged?: string;
  status: ResultStatus;
  parsed?: unknown;
}

function judge(exchange: Exchange, expect: ResolvedExpectation, operation: OperationContract, deps: CaseDeps, fixtures: readonly { variable: string; value: string; hidden?: true }[] = []): Judged {
  // A final 429 is the limiter's answer, not the operation's: only the rate-limited check judges it.
  // Not sent (the target had stopped answering), or a final 429: nothing of the operation's to judge.
  const unjudged = exchange.notSent === true ? exchange.error?.message ?? 'not sent' : unjudgedAnswer(exchange, operation);
  // A HEAD's answer has no body, and an OPTIONS probe's is not the operation's: the checks of its status and transport alone.
  const probe = exchange.request.method === 'HEAD' || exchange.request.method === 'OPTIONS';
  const checks = exchange.notSent === true ? [] : unjudged !== undefined ? [rateLimitedCheck] : probe ? probeChecks : allChecks;
  const { violations, crashes, omitted } = runChecks(exchange, { expect, operation, contract: deps.operations, schemas: deps.schemas, ...(fixtures.length > 0 ? { fixtures } : {}), ...(deps.credentials !== undefined ? { credentials: deps.credentials } : {}) }, checks);
  const failed = violations.some((v) => v.severity === 'error');
  const parsed = exchange.response === undefined ? undefined : parseJsonBody(exchange.response);
  const status: ResultStatus = crashes.length > 0 || unjudged !== undefined ? 'error' : failed ? 'failed' : 'passed';
  return { exchange, violations, omitted, crashes, ...(unjudged !== undefined ? { unjudged } : {}), status, ...(parsed?.ok ? { parsed: parsed.value } : {}) };
}

/**
 * A copy's answer as the set judges it. Its bytes only when whole and UTF-8: two bodies cut at the
 * size bound, or with U+FFFD for different bytes, may read the same without being the same.
 */
function concurrentAnswer(j: Judged): ConcurrentAnswer {
  const response = j.exchange.response;
  return {
    ...(response ? { status: response.status, ...(response.truncated === undefined && response.notUtf8 === undefined ? { bodyText: response.bodyText } : {}) } : {}),
    body: j.parsed,
    ...(j.unjudged !== undefined ? { unjudged: true as const } : {}),
  };
}

/**
 * What a copy of a concurrent start that was not accepted must be, when the part was startable
 * before: the first copy to arrive starts it, so the others meet it in flight, or (a sandbox that
 * completes a start at once, its daily limit then reached) already finished: `in_progress` or
 * `rate_limit`, the refusals start-sync predicts for one start of a part read in flight.
 */
function refusedAsInFlight(n: number, part: string): ResolvedExpectation {
  return {
    status: 400,
    examples: [...IN_FLIGHT_REFUSALS],
    // The read before showed the part startable: no other reason holds (error-message-documented).
    examplesFromState: true,
    because: `${n} starts of a startable ${part} sync were sent at once: one is accepted, and the others meet it in flight (or already finished, its limit reached), so are refused in_progress or rate_limit (rule in-flight-not-startable)`,
    assert: [],
  };
}

/**
 * What a step's status is judged against, when its one number does not say it (StepResult.expectedAs):
 * the other statuses it accepts ("401 or 400"), the answer a model bound it to ("404 (as
 * read-unknown was answered)"), or the sender a credential row was bound to ("404 (senderId bound
 * to role unknown)": its own answer alone). A credential row whose sender's role the run does
 * not know (a replay of a recording made before it was kept) accepts any of those senders'
 * answers, and says so. Undefined when the number is all there is.
 */
function expectedWords(step: PlannedStep, expect: ResolvedExpectation): string | undefined {
  const accepted = acceptedText(expect);
  const from = step.expect.predict?.from;
  const bound = from !== undefined && predictionModel(step.expect.predict?.model ?? '')?.statusBinds === true ? ` (as ${from} was answered)` : '';
  const role = step.boundStatus === undefined ? '' : ` (${step.boundStatus.parameter} bound to role ${step.boundStatus.role})`;
  const unknownRole = step.expect.statusByRole === undefined ? '' : ", as any sender's (the role the sender was bound to is not recorded)";
  const words = `${accepted}${bound}${role}${unknownRole}`;
  return words === String(expect.status) ? undefined : words;
}

async function runStep(planned: PlannedCase, step: PlannedStep, observations: ReadonlyMap<string, Observation>, deps: CaseDeps): Promise<StepRun> {
  const operation = operationOf(deps, step.operationId);
  const sequence = planned.scenario.steps !== undefined;
  const tag = <T extends Violation | OmittedViolations>(v: T): T => (sequence ? { ...v, step: step.id } : v);
  const from = step.expect.predict?.from === undefined ? undefined : observations.get(step.expect.predict.from);
  const resolved = resolveExpectation(step.expect, deps.rules, from);
  const base: StepResult = { id: step.id, operationId: operation.operationId, operation: stepLabel(operation, step), status: 'error', durationMs: 0 };
  if ('unpredictable' in resolved) {
    return { result: { ...base, notSent: true }, violations: [], omitted: [], crashes: [`step ${step.id}: cannot predict the expected answer: ${resolved.unpredictable}`], observation: {} };
  }
  const params = { ...planned.params, ...step.params };
  const request = buildRequest(operation, params, step.auth, deps.target, step);
  const fixtures = fixturesOf(params, deps);
  const exchangeId = sequence ? `${planned.id}#${step.id}` : planned.id;
  const copies = step.concurrent ?? 1;
  // A concurrent step's copies leave together: none waits for another's answer (Promise.all over
  // sends already started), so a server that checks and then sets with an await between meets both
  // before either has set.
  // Spelled to probe (a HEAD, an odd path, odd credentials): a front may reset it, which is no lost target (sent-as-a-client.ts).
  const hostile = sentAsAClient(operation, step.auth, step) ? undefined : { hostile: true };
  const exchanges = copies > 1 ? await Promise.all(Array.from({ length: copies }, (_, i) => deps.transport.send(request, concurrentCopyId(exchangeId, i + 1), { together: copies, ...hostile }))) : [await deps.transport.send(request, exchangeId, hostile)];
  const part = step.expect.predict?.part ?? '';
  const startable = copies > 1 && resolved.expect.status === 202;
  // Each copy judged by every check: an accepted one as the prediction says a 202 is, the others
  // (when the part was startable) as refused in flight.
  const judged = exchanges.map((exchange) => judge(exchange, startable && exchange.response?.status !== 202 ? refusedAsInFlight(copies, part) : resolved.expect, operation, deps, fixtures));
  const race = copies > 1 ? judgeConcurrentStarts(part, judged.map(concurrentAnswer), resolved.expect.status) : [];
  // What the next steps read: the accepted copy's answer (the start that took effect), else the first.
  const shown = judged.find((j) => j.exchange.response?.status === 202) ?? judged[0];
  if (shown === undefined) throw new Error(`step ${step.id} sent no request`);
  const { exchange } = shown;
  // Which copy an answer's finding is of: two copies' timeouts, or a 202 and a 500, read apart
  // (and are not merged into one "×2" by the report), the step's own status being the accepted one's.
  // The number on the finding (kept or only counted) for the digests, which count each copy as an
  // answer; in words before the message for the reader.
  const copyOf = (k: number): string => (copies > 1 ? copyPrefix(k + 1, copies) : '');
  const violations = [...judged.flatMap((j, k) => j.violations.map((v) => (copies > 1 ? { ...v, message: `${copyOf(k)}${v.message}`, copy: k + 1 } : v))), ...race];
  const crashes = judged.flatMap((j, k) => [...j.crashes.map((c) => `check ${c.check} crashed${sequence ? ` in step ${step.id}` : ''}: ${copyOf(k)}${c.message}`), ...(j.unjudged === undefined ? [] : [`${sequence ? `step ${step.id}: ` : ''}${copyOf(k)}${j.unjudged}`])]);
  const failed = violations.some((v) => v.severity === 'error');
  const status: ResultStatus = judged.some((j) => j.status === 'error') ? 'error' : failed ? 'failed' : 'passed';
  // Several 202s may be a sandbox's starts each completed before the next arrived, which only the
  // read after can tell (judgeConcurrentStarts): the set judged again once that read is in.
  const answers = judged.map(concurrentAnswer);
  const rejudgeRace = race.length > 0 ? (readAfter: unknown): Violation[] => judgeConcurrentStarts(part, answers, resolved.expect.status, readAfter).map(tag) : undefined;
  const source = deps.transport.sourceOf?.(exchange.id);
  const expectedAs = expectedWords(step, resolved.expect);
  const told = exchange.response === undefined ? undefined : toldExample(exchange.response, operation);
  return {
    result: {
      ...base,
      status,
      expectedStatus: resolved.expect.status,
      ...(expectedAs !== undefined ? { expectedAs } : {}),
      ...(exchange.response ? { receivedStatus: exchange.response.status } : {}),
      ...(exchange.error?.headStatus !== undefined ? { headStatus: exchange.error.headStatus } : {}),
      // Copies in flight together: the step took as long as the slowest.
      durationMs: Math.max(...judged.map((j) => j.exchange.durationMs)),
      // The request as the transport sent it (a replay's names the target it was recorded from);
      // a concurrent step's copies as one line that sends them at once too.
      curl: copies > 1 ? formatConcurrentCurls(judged.map((j) => j.exchange.request)) : formatCurl(exchange.request),
      exchangeId: exchange.id,
      ...(source !== undefined ? { source } : {}),
      ...(copies > 1 ? { concurrent: copies, receivedStatuses: judged.map((j) => j.exchange.response?.status ?? 0) } : {}),
    },
    violations: violations.map(tag),
    omitted: judged.flatMap((j, k) => j.omitted.map((o) => (copies > 1 ? { ...o, copy: k + 1 } : o))).map(tag),
    crashes,
    observation: {
      ...(exchange.response ? { status: exchange.response.status } : {}),
      ...(shown.parsed !== undefined ? { body: shown.parsed } : {}),
      // Its form too (an HTML page, the contract's JSON error): what answers-as-unknown compares beside the body.
      ...(exchange.response !== undefined ? { form: answerForm(exchange.response.headers['content-type'], exchange.response.bodyText, shown.parsed) } : {}),
      // The reason a refusal told in the contract's words: a read's 400 is the state a start is predicted from.
      ...(told !== undefined ? { example: told } : {}),
      ...(from !== undefined ? { predictedFrom: from } : {}),
      path: request.path,
      // The clocks of this answer: a start after a read was requested after it (requested-during).
      ...(exchange.response?.headers['date'] !== undefined ? { date: exchange.response.headers['date'] } : {}),
      sentAt: exchange.startedAt,
      ...(exchange.response?.headers['www-authenticate'] !== undefined ? { challenge: exchange.response.headers['www-authenticate'] } : {}),
    },
    exchange,
    ...(rejudgeRace !== undefined ? { rejudgeRace } : {}),
  };
}

/**
 * Whether a failed step waits for the step after it before it stops the case: a concurrent step
 * failed by its set alone (no other error, nothing unjudged), followed by a GET predicted from it
 * (its read after), which is safe to send and may explain the set.
 */
function awaitsReadAfter(run: StepRun, step: PlannedStep, next: PlannedStep | undefined, deps: CaseDeps): boolean {
  if (run.rejudgeRace === undefined || run.result.status !== 'failed' || run.crashes.length > 0 || next === undefined) return false;
  if (run.violations.some((v) => v.severity === 'error' && v.check !== CONCURRENT_STARTS_CHECK)) return false;
  return next.expect.predict?.from === step.id && (next.method ?? operationOf(deps, next.operationId).method) === 'GET';
}

/** The held step judged again with the read after's body: its set's findings as they now stand, and its status from them. */
function settledRace(held: StepRun, readAfter: unknown): StepRun {
  const race = held.rejudgeRace?.(readAfter) ?? [];
  const violations = [...held.violations.filter((v) => v.check !== CONCURRENT_STARTS_CHECK), ...race];
  const status: ResultStatus = violations.some((v) => v.severity === 'error') ? 'failed' : 'passed';
  return { ...held, violations, result: { ...held.result, status } };
}

/** Between a sequence's curls: `echo`, so an answer without a final newline does not run into the next one's status line. */
const CURL_SEPARATOR = '; echo; ';

/**
 * How to reproduce the case: the failing step's curl, after the curls of the steps before it. A
 * sequence that fails at a read shows a breach an earlier step caused (a refused start that
 * changed the state): the read alone would show a conformant answer. One line, CURL_SEPARATOR
 * between the commands, so every report renders it as it renders one curl.
 */
function reproduction(runs: readonly StepRun[], failedStep: StepRun | undefined): string | undefined {
  const upTo = failedStep === undefined ? -1 : runs.indexOf(failedStep);
  if (upTo <= 0) return (failedStep ?? runs[runs.length - 1])?.result.curl;
  const curls = runs.slice(0, upTo + 1).flatMap((run) => (run.result.curl === undefined ? [] : [run.result.curl]));
  // `echo` between them: a body without a final newline would run into the next answer's status line.
  return curls.length === 0 ? undefined : curls.join(CURL_SEPARATOR);
}

export async function executeCase(planned: PlannedCase, deps: CaseDeps): Promise<CaseResult> {
  const observations = new Map<string, Observation>();
  const runs: StepRun[] = [];
  // A concurrent step that waits for its read after (awaitsReadAfter): its index in runs.
  let held: number | undefined;
  for (const [i, step] of planned.steps.entries()) {
    const run = await runStep(planned, step, observations, deps);
    runs.push(run);
    observations.set(step.id, run.observation);
    if (held !== undefined) {
      // Only a read after judged right explains the set: one failed by its own checks (a stale read
      // that never saw the start shows the part startable, as before the copies) or not judged explains nothing.
      const settled = settledRace(runs[held] as StepRun, run.result.status === 'passed' ? run.observation.body : undefined);
      runs[held] = settled;
      held = undefined;
      if (settled.result.status !== 'passed') {
        // The race stands: the case stops at the start, its read after shown as sent; one not sent
        // (the case stopped, the target lost) is skipped, as it was before reads after were held,
        // so the race's failure is not turned into an error of a request that never left.
        if (run.exchange?.notSent === true) runs.pop();
        break;
      }
    }
    if (run.result.status !== 'passed') {
      if (!awaitsReadAfter(run, step, planned.steps[i + 1], deps)) break;
      held = i;
    }
    const wrote = run.exchange !== undefined && run.exchange.notSent !== true && !isSafeMethod(run.exchange.request.method.toUpperCase());
    if (wrote && deps.settle !== undefined && deps.settle.ms > 0 && i < planned.steps.length - 1) await deps.settle.wait(deps.settle.ms);
  }
  const steps: StepResult[] = [
    ...runs.map((r) => r.result),
    // Steps after a failure were not sent: shown, so a reader sees how far the sequence got.
    ...planned.steps.slice(runs.length).map((s): StepResult => ({ id: s.id, operationId: s.operationId, operation: stepLabel(operationOf(deps, s.operationId), s), status: 'skipped', durationMs: 0 })),
  ];
  const last = runs[runs.length - 1];
  const crashes = runs.flatMap((r) => r.crashes);
  const omitted = runs.flatMap((r) => r.omitted);
  const failedStep = runs.find((r) => r.result.status !== 'passed');
  const status: ResultStatus = crashes.length > 0 ? 'error' : failedStep ? 'failed' : 'passed';
  const shown = failedStep ?? last;
  const sequence = planned.scenario.steps !== undefined;
  const curl = reproduction(runs, failedStep);
  return {
    ...caseBase(planned, operationOf(deps, planned.operationId)),
    status,
    // Summed in tenths: each step is stored to 0.1 ms, and a float sum of them is not (0.7 + 0.6 is 1.2999999999999998).
    durationMs: Math.round(runs.reduce((sum, r) => sum + r.result.durationMs * 10, 0)) / 10,
    violations: runs.flatMap((r) => r.violations),
    ...(omitted.length > 0 ? { omittedViolations: omitted } : {}),
    ...(crashes.length > 0 ? { errorMessage: crashes.join('; ') } : {}),
    ...(shown?.result.expectedStatus !== undefined ? { expectedStatus: shown.result.expectedStatus } : {}),
    ...(shown?.result.expectedAs !== undefined ? { expectedAs: shown.result.expectedAs } : {}),
    ...(shown?.result.receivedStatus !== undefined ? { receivedStatus: shown.result.receivedStatus } : {}),
    ...(shown?.result.headStatus !== undefined ? { headStatus: shown.result.headStatus } : {}),
    ...(curl !== undefined ? { curl } : {}),
    ...(shown?.result.exchangeId !== undefined ? { exchangeId: shown.result.exchangeId } : {}),
    ...(shown?.result.source !== undefined ? { source: shown.result.source } : {}),
    ...(sequence ? { steps, ...(failedStep ? { failedStep: failedStep.result.id } : {}) } : {}),
    // A HEAD in place of a GET is not an answer of the operation the contract documents.
    ...caseCoverage(runs.map((r) => {
      const operation = operationOf(deps, r.result.operationId);
      return { operation, response: r.exchange?.request.method === operation.method ? r.exchange.response : undefined };
    })),
  };
}
