/**
 * Property names that name a request, not what was asked: a request's or trace's id (`requestId`,
 * `trace_id`, `traceId`, `x-request-id`, `correlationId`, `spanId`). A tracer samples some answers
 * and not others, and a gateway tags some errors and not others, so such a member may be on one
 * answer and not the next as its value differs; two answers compared for what they tell of a
 * sender set it aside, as their messages set aside a request id (comparable-message.ts), while
 * its value is one (an id, or a tracer's object of ids alone): under such a name, an object with
 * any other member may carry what was found as well as under any other name.
 */
import { withAskedIdAndMomentsSetAside } from './comparable-message';

/**
 * The words that name a request or its trace, as a regular expression's alternatives: here in a
 * property's name, and in a challenge's value before the id they name (comparable-challenge.ts).
 */
export const REQUEST_WORDS = 'request|req|trace|span|correlation';

/** `request`, `req`, `trace`, `span` or `correlation`, an `id` after it or not, an `x-` before it or not, in any case and separator. */
const REQUEST_ID_NAME = new RegExp(`^(?:x[-_]?)?(?:${REQUEST_WORDS})(?:[-_]?id)?$`, 'i');

/** Whether a property's name names a request or its trace. */
export function namesARequest(name: string): boolean {
  return REQUEST_ID_NAME.test(name);
}

/** A value an id may take: a string, a number, or none (null: a tracer that writes an unsampled trace so). */
function isIdValue(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number';
}

/**
 * What else a tracer writes in its context object beside ids naming a request: its own `id`, its
 * parent's (X-Ray's `parent_id`, Sentry's `parent_span_id`) and its flags (OpenTelemetry's
 * `traceFlags`, W3C's "01"). Left out, a sampled answer's `{traceId, spanId, traceFlags}` was a
 * member the other answer had not.
 */
const TRACER_MEMBER = /^(?:id|parent(?:[-_]?span)?(?:[-_]?id)?|trace[-_]?flags)$/i;

/**
 * A value a tracer's id takes inside its context object: a number, none, or a string with a digit
 * that does not hold the sender id the request (`path`) asked for. The object may be on one answer
 * and not the other, so what it holds is all that tells a tracer's sample from a leak: a tracer's
 * ids are hex or numbers, and `trace: {id: "acme-corp-project"}` or `{id: "<the sender's id>"}`
 * names what was found as well as `request: {project}` does.
 */
function isTracerIdValue(value: unknown, path: string | undefined): boolean {
  if (typeof value !== 'string') return isIdValue(value);
  return /\d/.test(value) && (path === undefined || !withAskedIdAndMomentsSetAside(value, path).includes('<id>'));
}

/**
 * Whether a member is a request's or trace's id: its name names one, and its value is an id's, or
 * an object of ids alone, as a tracer writes its context (`trace: {id}`, `trace: {traceId, spanId}`):
 * each member named `id`, naming a request or what else a tracer writes there (TRACER_MEMBER), its
 * value a tracer's id (isTracerIdValue), one member at least. An array or a flag under such a name
 * is no id, nor is an object with any other member: `request: {senderId, project}` carries what
 * was found, and `trace: {id, project}` names a project as well as any other. One level only: a
 * tracer's context is flat.
 */
function isRequestId(name: string, value: unknown, path: string | undefined): boolean {
  if (!namesARequest(name)) return false;
  if (isIdValue(value)) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const members = Object.entries(value as object);
  return members.length > 0 && members.every(([inner, id]) => (namesARequest(inner) || TRACER_MEMBER.test(inner)) && isTracerIdValue(id, path));
}

/**
 * An object's property names as two answers compare them: its requests' and traces' ids set aside,
 * and `besides` (compared on their own); `path`, the request's, for the sender id it asked for.
 */
export function comparedNames(object: object, besides: readonly string[] = [], path?: string): string[] {
  return Object.entries(object).filter(([name, value]) => !isRequestId(name, value, path) && !besides.includes(name)).map(([name]) => name);
}
