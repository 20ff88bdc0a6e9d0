/**
 * The violations of a negative-input case, one group per distinct kind the property found: a
 * headline naming the (shrunk) id, the kind and a curl to reproduce it, then — for failures — the
 * full checks of that exchange, so each kind reads like a failed case of its own.
 */
import type { Exchange, HttpRequest, OperationContract, ResolvedExpectation, SchemaValidator, Violation } from '../model';
import { runChecks, VIOLATION_TEXT_LIMITS } from '../checks/run-checks';
import type { NegativeFinding } from '../negative';
import { formatCurl } from '../reproduce/format-curl';
import type { NegativeInput } from '../transport/path-segment';
import { cutWithSize } from '../text/plain-text';

/** The id as a title shows it: quoted, cut at 80 characters. */
const shownId = (input: NegativeInput): string => `${JSON.stringify(input.id.length > 80 ? `${input.id.slice(0, 80)}…` : input.id)}${input.raw ? ' (sent raw)' : ''}`;

/**
 * The longest curl a headline quotes whole. A hostile id may be 8192 characters (49 KB as a
 * percent-encoded path), and the first id refused is not shrunk (property-round.ts): its curl
 * would take a headline far past the 2,000 characters a violation's message keeps. Cut, it would
 * be a command that still runs, as another request; so past this the headline says how long it is
 * and how to send the id again (the seed; the case's own curl is its first finding's, whole).
 */
export const HEADLINE_CURL_CHARS = 1200;

/**
 * `text` ending in the exchange's curl, when it fits both HEADLINE_CURL_CHARS and the message's
 * own bound after `text` (a long summary before it must not make the final cut fall inside it).
 */
function withReproduction(text: string, request: HttpRequest, seed: number): string {
  const curl = formatCurl(request);
  const room = Math.min(HEADLINE_CURL_CHARS, VIOLATION_TEXT_LIMITS.message - text.length - ' Reproduce: '.length);
  if (curl.length <= room) return `${text} Reproduce: ${curl}`;
  return `${text} Reproduce: a curl of ${curl.length} characters, too long to quote here: --seed ${seed} sends this id again (the case's "Reproduce with" curl is its first finding's, whole)`;
}

/** A headline bounded as runChecks bounds a check's violation: the id and the judge's summary are long at times. */
function bounded(v: Violation): Violation {
  return { ...v, title: cutWithSize(v.title, VIOLATION_TEXT_LIMITS.title), message: cutWithSize(v.message, VIOLATION_TEXT_LIMITS.message) };
}

export interface FindingContext {
  operation: OperationContract;
  schemas: SchemaValidator;
  /** The row's own expectation: its `because` is the rule every hostile id is held to. */
  baseExpect: ResolvedExpectation;
  seed: number;
  /**
   * The exchange an input produced, or a fresh one when it was not kept (finding-exchanges.ts); undefined
   * when it was not kept and is a write, which is never sent twice: the finding is reported without its answer.
   */
  exchangeOf: (input: NegativeInput) => Promise<Exchange | undefined>;
  /** The request an input is sent as, built without sending it: a curl needs no answer. */
  requestOf: (input: NegativeInput) => HttpRequest;
  expectationOf: (input: NegativeInput) => ResolvedExpectation;
}

/**
 * The judge's summary without the reason the Expected half states: "200: expected 404 or 400
 * because X / Expected: X" said X twice. A reason of the id's own (one that may reach a fixture is
 * held to another rule) stays, as the Expected half does not state it.
 */
function receivedPart(summary: string, rule: string): string {
  const said = ` because ${rule}`;
  return summary.endsWith(said) ? summary.slice(0, -said.length) : summary;
}

/** What a headline says of a write's answer that was let go: the judge's summary stands, the full checks cannot. */
export const ANSWER_LET_GO = "Its answer was let go to hold the property's answers within a bound, and a write is never sent twice: the full checks of that answer are not shown.";

/** Headline and full-check errors of one kind of failure (the headline alone when its answer is gone: ANSWER_LET_GO). */
export async function failureViolations(finding: NegativeFinding, context: FindingContext): Promise<{ violations: Violation[]; request: HttpRequest; exchange?: Exchange }> {
  const exchange = await context.exchangeOf(finding.input);
  const request = exchange?.request ?? context.requestOf(finding.input);
  const violations = exchange === undefined ? [] : runChecks(exchange, { expect: context.expectationOf(finding.input), operation: context.operation, schemas: context.schemas }).violations;
  const headline: Violation = bounded({
    check: 'negative-inputs',
    severity: 'error',
    title: `Hostile sender id ${shownId(finding.input)} breaks the contract (${finding.kind})`,
    // The judge's summary already says what was expected of this id; Expected states the rule once.
    message: withReproduction(`Received: ${receivedPart(finding.summary, context.baseExpect.because)}${finding.shrunk === true ? ' (shrunk to the smallest failing id of this kind)' : ''} / Expected: ${context.baseExpect.because}. Same inputs again: --seed ${context.seed}.${exchange === undefined ? ` ${ANSWER_LET_GO}` : ''}`, request, context.seed),
    instancePath: '',
  });
  return { violations: [headline, ...violations.filter((v) => v.severity === 'error')], request, ...(exchange !== undefined ? { exchange } : {}) };
}

/** A warning the property met (kept whether it passed or not): what came back, for which id. */
export async function warningViolation(finding: NegativeFinding, context: FindingContext): Promise<Violation> {
  // Only its curl is shown: the request is built, never sent again for it.
  return bounded({
    check: 'negative-inputs',
    severity: 'warning',
    title: `Hostile sender id ${shownId(finding.input)} got an answer that is only a warning (${finding.kind})`,
    message: withReproduction(`Received: ${finding.summary} / Expected: ${context.expectationOf(finding.input).because}.`, context.requestOf(finding.input), context.seed),
    instancePath: '',
  });
}
