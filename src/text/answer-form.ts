/**
 * The form of an answer, what a client sees before it reads a word of it: the contract's JSON error
 * ({code, message}), or else what was sent in its place (an HTML page, a framework's problem+json,
 * plain text, no body), told by its media type. Two answers that must not be told apart (a sender
 * the caller may not see, and an id that names no sender) are compared by it: a router's page to
 * one and the API's JSON error to the other tell them apart as surely as two codes do.
 */
import { listElements } from './header-list';
import { describeValue, truncate } from './plain-text';

export interface AnswerForm {
  /**
   * What two answers are compared by: "contract-error" for the contract's error shape, "none" for
   * no body, else the media types' essences as sent (lower-cased, parameters such as charset left
   * out: the same page labelled with and without a charset is one form), "" for no Content-Type.
   */
  key: string;
  /** The form in words, for a reviewer: bounded and inert (the media type and code are the target's). */
  words: string;
}

/** The contract's error shape's key. */
export const CONTRACT_ERROR_FORM = 'contract-error';

/** How much of a target's Content-Type is read, and how many of its media types, and how much of each. */
const READ_CHARS = 500;
const MEDIA_TYPES = 4;
const MEDIA_TYPE_CHARS = 100;

/** A media type as a token/token, shown bare; anything else is shown quoted and escaped. */
const PLAIN_MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The essences of a Content-Type's media types, one per field line (a proxy may add its own), within
 * bounds, each cut marked "…" (truncate): the scrubber takes what a cut left of a key only before
 * its mark (recording/cut-pieces.ts), and a key echoed across an unmarked cut left its head, under
 * half the key, which no whole form of it matches, in an upstream-down headline.
 */
export function mediaTypesOf(contentType: string | undefined): string[] {
  if (contentType === undefined) return [];
  return listElements(truncate(contentType, READ_CHARS))
    .slice(0, MEDIA_TYPES)
    .map((type) => truncate((type.split(';')[0] ?? '').trim().toLowerCase(), MEDIA_TYPE_CHARS))
    .filter((type) => type !== '');
}

/** Media types of mediaTypesOf as a reviewer reads them: a token/token bare, anything else quoted and escaped. */
export function shownMediaTypes(types: readonly string[]): string {
  // Quoted with room for its quotes: a type mediaTypesOf cut ("…") is not cut again, with another size than the field's.
  return types.map((type) => (PLAIN_MEDIA_TYPE.test(type) ? type : describeValue(type, MEDIA_TYPE_CHARS + 2))).join(', ');
}

function mediaTypeWords(types: readonly string[]): string {
  const shown = shownMediaTypes(types);
  if (types.length === 1 && types[0] === 'text/html') return `an HTML page (${shown})`;
  if (types.length > 0 && types.every((type) => type === 'application/json' || type.endsWith('+json'))) return `JSON not in the contract's error shape (${shown})`;
  return `a body of type ${shown}`;
}

/**
 * The form of an answer from its Content-Type (as received), its body's text and that text parsed
 * as JSON (undefined when it is none). The contract's error shape is told by the body, not the
 * label: a JSON error labelled text/plain is still the API's error, and its label another check's.
 */
export function answerForm(contentType: string | undefined, bodyText: string, parsed: unknown): AnswerForm {
  if (isObject(parsed) && typeof parsed['code'] === 'string' && typeof parsed['message'] === 'string') {
    return { key: CONTRACT_ERROR_FORM, words: `the contract's JSON error {code: ${describeValue(parsed['code'], MEDIA_TYPE_CHARS)}}` };
  }
  // Up to its first character that is not white space: a body of megabytes is not copied to be trimmed.
  if (!/\S/.test(bodyText)) return { key: 'none', words: 'no body' };
  const types = mediaTypesOf(contentType);
  if (types.length === 0) return { key: '', words: 'a body with no Content-Type' };
  return { key: types.join(', '), words: mediaTypeWords(types) };
}
