/** Parsing a response body as JSON once per exchange, however many checks ask. */
import type { HttpResponse } from '../../model/http';
import { isRecord } from '../../openapi/is-record';
import { structureProblem } from './json-structure';

export type ParsedBody =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'empty' | 'invalid' | 'truncated'; error?: string }
  /** Valid JSON beyond JSON_LIMITS: no check walks it; "body-too-complex" reports it. */
  | { ok: false; reason: 'too-complex'; error: string };

/**
 * Keyed on the response object (one per exchange) so that a dozen checks share one parse, and
 * weakly so that a long run does not keep every body alive after its exchange is reported.
 */
const cache = new WeakMap<HttpResponse, ParsedBody>();

/**
 * The body parsed as JSON, or why it is not JSON (a truncated body is never parsed), or why it is
 * JSON too deep or too large to judge. Never throws. Every check that reads the body goes through
 * here, so the structure limits guard them all at once.
 */
export function parseJsonBody(response: HttpResponse): ParsedBody {
  const cached = cache.get(response);
  if (cached !== undefined) return cached;
  // A body cut off at the size bound is only its start: "body-too-large" reports it, once.
  const parsed: ParsedBody = response.truncated === undefined ? parse(response.bodyText) : { ok: false, reason: 'truncated' };
  cache.set(response, parsed);
  return parsed;
}

function parse(text: string): ParsedBody {
  // Whitespace alone is not a JSON text either; calling it "empty" gives the clearer message.
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, reason: 'invalid', error: error instanceof Error ? error.message : String(error) };
  }
  const problem = structureProblem(value);
  return problem === undefined ? { ok: true, value } : { ok: false, reason: 'too-complex', error: problem };
}

/**
 * Whether a body is a JSON object or array, whatever its label or status: the API's own answer (the
 * contract's error form, a sender, a list), where a scalar is no API's answer (a page's "null") and
 * an HTML page or a front's plain text is another server's. One rule for the run's two readers of
 * it, the answer tally (a wrong base URL) and the gateway tally (an upstream down). A page rarely
 * starts with "{" or "[": the others are never parsed, nor a hostile target's near-JSON twice.
 */
export function jsonObjectBody(response: HttpResponse): boolean {
  const text = response.bodyText.trimStart();
  if (!text.startsWith('{') && !text.startsWith('[')) return false;
  // JSON text that starts so parses to an object or array only: no scalar (nor null) gets past here.
  return parseJsonBody(response).ok;
}

/** The `message` of a JSON object body (an error's words), or undefined when it has no string one. */
export function bodyMessage(response: HttpResponse): string | undefined {
  const parsed = parseJsonBody(response);
  const message = parsed.ok && isRecord(parsed.value) ? parsed.value['message'] : undefined;
  return typeof message === 'string' ? message : undefined;
}
