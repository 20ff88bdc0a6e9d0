/**
 * "body-assertion", a named rule's id, or "state-prediction": the JSON-pointer assertions of the
 * expectation (rules as data, and what a model predicted from the state read before) hold on the
 * body. A body that is not JSON, or a status the assertion is not about, is other checks' to judge;
 * but for the answer's form (sameForm), which is judged on any body.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Check, CheckContext } from '../model/check';
import type { Exchange, HttpResponse } from '../model/http';
import { SUITE_CLOCK_SKEW_MS, type ResolvedAssertion } from '../model/scenario';
import type { Violation } from '../model/violation';
import { getAtPointer, parsePointer } from '../openapi/json-pointer';
import { describeValue, plural } from '../text/plain-text';
import { shownAndRest } from '../text/shown-and-rest';
import { httpDateMs } from '../text/http-date';
import { parseJsonBody, type ParsedBody } from './support/parsed-body';
import { answerForm } from '../text/answer-form';
import { pathSegmentId } from '../text/path-segment-id';
import { rfc3339Instant, sameInstant } from './support/rfc3339-instant';
import { comparableMessage } from '../text/comparable-message';
import { comparedNames } from '../text/request-id-name';

const MISSING = Symbol('missing');
const NAMED_KEYS = 20;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** "a string", "an object", "an array", "null". */
const article = (type: string): string => (type === 'null' ? 'null' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

const hasEquals = (assertion: ResolvedAssertion): boolean => Object.prototype.hasOwnProperty.call(assertion, 'equals');

/** Milliseconds since the epoch of an RFC 3339 date-time, or undefined for any other value. */
function epochMs(value: unknown): number | undefined {
  const instant = typeof value === 'string' ? rfc3339Instant(value) : undefined;
  return instant === undefined ? undefined : Number.parseFloat(instant) * 1000;
}

/** True when both are date-times at most `withinMs` apart (never without a tolerance). */
function withinOf(value: unknown, other: string, withinMs: number | undefined): boolean {
  const at = epochMs(value);
  const expected = epochMs(other);
  return withinMs !== undefined && at !== undefined && expected !== undefined && Math.abs(at - expected) <= withinMs;
}

/** "1 hour", "90 seconds": a tolerance in words. */
function duration(ms: number): string {
  if (ms % 3_600_000 === 0) return plural(ms / 3_600_000, 'hour');
  if (ms % 60_000 === 0) return plural(ms / 60_000, 'minute');
  return plural(Math.round(ms / 1000), 'second');
}

/**
 * How far a server's Date may be from the suite's clock and still be taken as the server's time.
 * Synchronised clocks (NTP) agree within seconds, and a front's clock within minutes; a zone's
 * offset is an hour at the least. A Date further off is a clock gone wrong (local wall time taken
 * for UTC, a wrong year; or the suite's own host drifted): the suite's own clock is the reference
 * then, within this much, so a server whose Date and times agree with each other, 10 hours off, does
 * not clear itself; a time the Date would clear is then a warning (ClocksDisagree), a time far from
 * both clocks (the epoch, a wrong year) an error.
 */
const CLOCK_SKEW_MS = SUITE_CLOCK_SKEW_MS;

/**
 * Before the API existed: a clock that says so is wrong, whichever it is. A server's Date before it
 * (a host that booted at the epoch with no RTC or NTP) cannot be the clock that is right.
 */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(2025, 0, 1);

/**
 * What a time the server just recorded is compared with: the answer's own Date header, the server's
 * clock as it answered; or, when there is none to read or it is more than 30 minutes from the
 * suite's clock as it sent the request (a server whose clock says 1970, or local time as UTC, would
 * clear its own times), the suite's clock, within 30 minutes. Both are recorded with the exchange,
 * so a replay judges alike.
 */
interface ClockReference {
  ms: number;
  toleranceMs: number;
  words: string;
  /**
   * The answer's Date the suite's clock was taken over, when it is plausible (EARLIEST_PLAUSIBLE_MS)
   * and more than CLOCK_SKEW_MS away: either clock may be the wrong one (ClocksDisagree).
   */
  setAside?: number;
}

/** The suite's clock as it sent the request (the exchange's startedAt), when it reads as one. */
function suiteClock(sentAt: string | undefined): number | undefined {
  const sent = sentAt === undefined ? Number.NaN : Date.parse(sentAt);
  return Number.isNaN(sent) ? undefined : sent;
}

function clockReference(tolerance: number, responseDate: string | undefined, sentAt: string | undefined): ClockReference | undefined {
  const date = responseDate === undefined ? undefined : httpDateMs(responseDate);
  const suite = suiteClock(sentAt);
  if (date !== undefined && (suite === undefined || Math.abs(date - suite) <= CLOCK_SKEW_MS)) return { ms: date, toleranceMs: tolerance, words: `the answer's own Date header (${describeValue(responseDate)})` };
  if (suite === undefined) return undefined;
  const why = date === undefined ? (responseDate === undefined ? 'the answer had no Date header' : `the answer's Date header ${describeValue(responseDate)} is no HTTP date`) : `the answer's Date header ${describeValue(responseDate)} is more than ${duration(CLOCK_SKEW_MS)} from it: one of the two clocks is wrong`;
  const setAside = date !== undefined && date >= EARLIEST_PLAUSIBLE_MS ? { setAside: date } : {};
  return { ms: suite, toleranceMs: Math.max(tolerance, CLOCK_SKEW_MS), words: `the suite's clock when it sent the request (${describeValue(sentAt)}; ${why})`, ...setAside };
}

/**
 * The clock a time the server recorded may not be ahead of: the later of the answer's Date and the
 * suite's clock as it sent the request. The later one, as a suite whose clock lags must not call the
 * server's present its future, and a front (a CDN) whose Date lags is not the API's time gone wrong.
 * With no Date to read, or one more than 30 minutes from the suite's clock (ahead too: a server
 * whose clock is hours ahead would clear its own future), the suite's clock alone, within 30
 * minutes (clockReference).
 */
function latestClock(tolerance: number, responseDate: string | undefined, sentAt: string | undefined): ClockReference | undefined {
  const date = responseDate === undefined ? undefined : httpDateMs(responseDate);
  const suite = suiteClock(sentAt);
  const dateWords = `the answer's own Date header (${describeValue(responseDate)})`;
  if (date !== undefined && (suite === undefined || (date >= suite && date - suite <= CLOCK_SKEW_MS))) return { ms: date, toleranceMs: tolerance, words: dateWords };
  if (date !== undefined && suite !== undefined && date < suite && suite - date <= CLOCK_SKEW_MS) return { ms: suite, toleranceMs: tolerance, words: `the suite's clock when it sent the request (${describeValue(sentAt)}), later than ${dateWords}` };
  return clockReference(tolerance, responseDate, sentAt);
}

/** "one of a, b", or the one value when there is one ("null", not "one of null"). */
function oneOfWords(options: readonly unknown[]): string {
  return options.length === 1 ? describeValue(options[0]) : `one of ${options.map((o) => describeValue(o)).join(', ')}`;
}

/**
 * How far a completion may seem to precede its request: the two may come from two clocks (the
 * API's, and the one that reports the completion), rounded two ways; minutes, where the breach
 * this catches is hours or days (a time zone, a field filled from another record).
 */
const TWO_CLOCKS_MS = 300_000;

/** The value the assertion asks for, in words ("true", "one of …", "a string", "present"). */
function wanted(assertion: ResolvedAssertion, reference?: ClockReference, body?: unknown): string {
  if (hasEquals(assertion)) return describeValue(assertion.equals);
  if (assertion.sameInstant !== undefined) return `the instant ${describeValue(assertion.sameInstant)} (any RFC 3339 spelling of it${assertion.sameInstantWithinMs === undefined ? '' : `, give or take ${duration(assertion.sameInstantWithinMs)}: two clocks may time one request`})`;
  if (assertion.sameKeys !== undefined) {
    // Named up to a few: the list comes from a target's answer, which may have thousands.
    const { shown, rest } = shownAndRest(assertion.sameKeys, NAMED_KEYS);
    const names = shown.map((k) => describeValue(k)).join(', ');
    const more = rest > 0 ? ` and ${rest} more` : '';
    if (assertion.sameKeysAside !== undefined) {
      const aside = ["those naming a request or its trace (requestId, traceId, …)", ...assertion.sameKeysAside.besides.map((k) => describeValue(k))].join(', ');
      if (assertion.sameKeys.length > 0) return `an object with exactly the properties ${names}${more}, ${aside} set aside`;
      const nothing = assertion.sameKeysAside.nothing;
      return nothing === 'absent' ? `no object, or one with nothing but ${aside}` : `${nothing === 'empty' ? 'an object' : 'no object or one'} with no properties, ${aside} set aside`;
    }
    return assertion.sameKeys.length === 0 ? 'an object with no properties' : `an object with exactly the properties ${names}${more}`;
  }
  if (assertion.sameText !== undefined) return `a message that reads as ${describeValue(assertion.sameText)} (the id asked for, times and request ids set aside)`;
  if (assertion.nearResponseDate !== undefined) return reference === undefined ? 'an instant near the time it was answered' : `an instant within ${duration(reference.toleranceMs)} of ${reference.words}`;
  if (assertion.notAfterAnswer !== undefined) return reference === undefined ? 'an instant no later than the time it was answered' : `an instant no later than ${duration(reference.toleranceMs)} after ${reference.words}`;
  if (assertion.notBeforeInstant !== undefined) return `an instant no earlier than ${describeValue(assertion.notBeforeInstant)}`;
  if (assertion.notBefore !== undefined) return `an instant no earlier than ${assertion.notBefore} (${describeValue(valueAt(body, assertion.notBefore))})`;
  if (assertion.notAfter !== undefined) return `an instant no later than ${assertion.notAfter} (${describeValue(valueAt(body, assertion.notAfter))})`;
  if (assertion.oneOf !== undefined) return oneOfWords(assertion.oneOf);
  if (assertion.type !== undefined) return article(assertion.type);
  return 'present';
}

/**
 * A time judged against the suite's clock because the answer's Date is more than CLOCK_SKEW_MS from
 * it, but which the Date itself would clear: one of the two clocks is wrong, and the suite cannot
 * tell which (a host on local time taken for UTC, or a suite host whose clock drifted: a VM, WSL
 * after sleep). A warning that says so, never a failure a drifted runner puts on a correct server.
 */
interface ClocksDisagree {
  wanted: string;
  warning: true;
}

function clocksDisagree(assertion: ResolvedAssertion, reference: ClockReference, responseDate: string | undefined): ClocksDisagree {
  return { wanted: `${wanted(assertion, reference)}, though it agrees with the answer's own Date header (${describeValue(responseDate)}): the two clocks disagree, and one of them is wrong`, warning: true };
}

/**
 * "the boolean false (a string was sent)": a value of another JSON type than the one asked for, other
 * than null (a null where a time is due, or a time where null is, is the rule's own breach). Without
 * it `Received: "false" / Expected: false` reads as a contradiction to a reviewer; the schema's
 * finding at the same place says the same thing, and this line then reads as its consequence.
 */
function wrongType(expected: unknown, value: unknown): string | undefined {
  const [asked, sent] = [typeOf(expected), typeOf(value)];
  if (asked === sent || asked === 'null' || sent === 'null') return undefined;
  return `the ${asked} ${describeValue(expected)} (${article(sent)} was sent)`;
}

/** What the assertion wanted, in words, when `value` does not satisfy it; undefined when it does. */
function unmet(assertion: ResolvedAssertion, value: unknown, body: unknown, responseDate: string | undefined, sentAt: string | undefined, path: string): string | ClocksDisagree | undefined {
  const present = value !== MISSING;
  if (assertion.present === false) return present ? 'absent' : undefined;
  // Nothing there reads as an object of ids only, save where the answer predicted from had {}: a member this one lacks.
  if (!present) return assertion.sameKeysAside !== undefined && assertion.sameKeys?.length === 0 && assertion.sameKeysAside.nothing !== 'empty' ? undefined : wanted(assertion);
  if (assertion.type !== undefined && typeOf(value) !== assertion.type) return article(assertion.type);
  if (hasEquals(assertion) && !isDeepStrictEqual(value, assertion.equals)) return wrongType(assertion.equals, value) ?? wanted(assertion);
  if (assertion.sameInstant !== undefined && !(sameInstant(value, assertion.sameInstant) || withinOf(value, assertion.sameInstant, assertion.sameInstantWithinMs))) return wanted(assertion);
  if (assertion.sameKeys !== undefined) {
    const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
    const keys = object === undefined ? undefined : (assertion.sameKeysAside === undefined ? Object.keys(object) : comparedNames(object, assertion.sameKeysAside.besides, path)).sort();
    if (keys === undefined || !isDeepStrictEqual(keys, [...assertion.sameKeys].sort())) return wanted(assertion);
    // {} where the answer predicted from had nothing there: a member that one lacks (one holding a trace's id is a sample's).
    if (assertion.sameKeysAside?.nothing === 'absent' && Object.keys(object ?? {}).length === 0) return wanted(assertion);
  }
  if (assertion.sameText !== undefined && (typeof value !== 'string' || comparableMessage(value, path) !== assertion.sameText)) return wanted(assertion);
  if (assertion.nearResponseDate !== undefined) {
    const at = epochMs(value);
    const reference = clockReference(assertion.nearResponseDate, responseDate, sentAt);
    // No clock to compare with, or no date-time to compare (the schema's finding): nothing to say.
    // Near the suite's own clock passes too: a front whose Date is off (a CDN's clock) is not the API's time gone wrong.
    const suite = suiteClock(sentAt);
    const nearSuite = at !== undefined && suite !== undefined && Math.abs(at - suite) <= assertion.nearResponseDate;
    if (at !== undefined && reference !== undefined && !nearSuite && Math.abs(at - reference.ms) > reference.toleranceMs) {
      const date = reference.setAside;
      return date !== undefined && Math.abs(at - date) <= assertion.nearResponseDate ? clocksDisagree(assertion, reference, responseDate) : wanted(assertion, reference);
    }
  }
  if (assertion.notAfterAnswer !== undefined) {
    const at = epochMs(value);
    const limit = latestClock(assertion.notAfterAnswer, responseDate, sentAt);
    if (at !== undefined && limit !== undefined && at - limit.ms > limit.toleranceMs) {
      const date = limit.setAside;
      return date !== undefined && at - date <= assertion.notAfterAnswer ? clocksDisagree(assertion, limit, responseDate) : wanted(assertion, limit);
    }
  }
  if (assertion.notBeforeInstant !== undefined) {
    const at = epochMs(value);
    const earliest = epochMs(assertion.notBeforeInstant);
    if (at !== undefined && earliest !== undefined && at < earliest) return wanted(assertion);
  }
  if (assertion.notBefore !== undefined) {
    const at = epochMs(value);
    const other = epochMs(valueAt(body, assertion.notBefore));
    // Either time missing, null or no date-time: nothing to compare.
    if (at !== undefined && other !== undefined && other - at > TWO_CLOCKS_MS) return wanted(assertion, undefined, body);
  }
  if (assertion.notAfter !== undefined) {
    const at = epochMs(value);
    const other = epochMs(valueAt(body, assertion.notAfter));
    if (at !== undefined && other !== undefined && at - other > TWO_CLOCKS_MS) return wanted(assertion, undefined, body);
  }
  if (assertion.oneOf !== undefined && !assertion.oneOf.some((option) => isDeepStrictEqual(value, option))) return oneOfWords(assertion.oneOf);
  return undefined;
}

function valueAt(body: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  let current: unknown = body;
  for (const token of tokens) {
    // Arrays only have canonical indexes ("length" is not an element); objects their own keys.
    const present = Array.isArray(current) ? /^(0|[1-9]\d*)$/.test(token) && Number(token) < current.length : typeof current === 'object' && current !== null && Object.prototype.hasOwnProperty.call(current, token);
    if (!present) return MISSING;
    current = getAtPointer(current, [token]);
  }
  return current;
}

/** A path's segments as sent, and decoded where they decode (an id is sent percent-encoded). */
function pathSegments(path: string): Set<string> {
  const segments = (path.split('?')[0] ?? '').split('/');
  return new Set(segments.flatMap((segment) => [segment, pathSegmentId(segment)]));
}

/**
 * What the request's sender is called in a message: the variable it came from (another project's
 * first, the one that must look unknown), else "this sender". A fixture is the path's when it is a
 * whole segment of it: a short id that is part of another ("sync" of "whatsapp-sync") is not.
 */
function senderName(exchange: Exchange, fixtures: CheckContext['fixtures']): string {
  const segments = pathSegments(exchange.request.path);
  const named = (fixtures ?? []).filter((f) => f.value !== '' && segments.has(f.value));
  return (named.find((f) => f.hidden === true) ?? named[0])?.variable ?? 'this sender';
}

/**
 * The answer's form against the one predicted (sameForm), judged on any body, JSON or not: an HTML
 * page is exactly what the other assertions cannot read. Both forms are said, as each is the reason.
 */
function formUnmet(assertion: ResolvedAssertion, exchange: Exchange, response: HttpResponse, parsed: ParsedBody, context: CheckContext): Violation | undefined {
  const expected = assertion.sameForm;
  // A body cut at --max-body-bytes is its start only (a JSON error cut is no longer one): not judged
  // by its form, as body-too-large reports the cut, once.
  if (expected === undefined || response.truncated !== undefined) return undefined;
  const got = answerForm(response.headers['content-type'], response.bodyText, parsed.ok ? parsed.value : undefined);
  if (got.key === expected.key) return undefined;
  return {
    check: assertion.check,
    severity: assertion.severity ?? 'error',
    title: `The answer's form is not the unknown id's: ${expected.words} to the unknown id, ${got.words} to ${senderName(exchange, context.fixtures)}`,
    message: `Received: ${got.words} / Expected: ${expected.words}, as the unknown id's answer (${assertion.because})`,
    instancePath: assertion.pointer,
  };
}

export const bodyAssertionsCheck: Check = {
  id: 'body-assertion',
  title: 'The assertions of the scenario, its rules and its predictions hold on the body',
  run(exchange, context) {
    const response = exchange.response;
    if (response === undefined || context.expect.assert.length === 0) return [];
    const parsed = parseJsonBody(response);
    const applies = (assertion: ResolvedAssertion): boolean => (assertion.whenStatus === undefined ? response.status === context.expect.status : response.status === assertion.whenStatus);
    const violations: Violation[] = [];
    for (const assertion of context.expect.assert) {
      const found = applies(assertion) ? formUnmet(assertion, exchange, response, parsed, context) : undefined;
      if (found !== undefined) violations.push(found);
    }
    if (!parsed.ok) return violations;
    for (const assertion of context.expect.assert) {
      if (!applies(assertion) || assertion.sameForm !== undefined) continue;
      // A condition on another value of the body: the assertion holds only while it is met.
      const condition = assertion.when === undefined ? undefined : valueAt(parsed.value, assertion.when.pointer);
      if (assertion.when !== undefined && !assertion.when.oneOf.some((option) => isDeepStrictEqual(condition, option))) continue;
      const value = valueAt(parsed.value, assertion.pointer);
      if (assertion.ifPresent === true && value === MISSING) continue;
      const found = unmet(assertion, value, parsed.value, response.headers['date'], exchange.startedAt, exchange.request.path);
      if (found === undefined) continue;
      const wanted = typeof found === 'string' ? found : found.wanted;
      const since = assertion.when === undefined ? '' : ` while ${assertion.when.pointer} is ${describeValue(condition)}`;
      const errorAllTheSame = assertion.errorWhen !== undefined && assertion.errorWhen.oneOf.some((option) => isDeepStrictEqual(valueAt(parsed.value, assertion.errorWhen?.pointer ?? ''), option));
      violations.push({
        check: assertion.check,
        severity: typeof found === 'string' ? (errorAllTheSame ? 'error' : (assertion.severity ?? 'error')) : 'warning',
        title: `${assertion.pointer} is not ${wanted}${since}`,
        message: `Received: ${value === MISSING ? 'nothing there' : describeValue(value)} / Expected: ${wanted} (${assertion.because})`,
        instancePath: assertion.pointer,
      });
    }
    return violations;
  },
};
