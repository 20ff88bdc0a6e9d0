/**
 * An error message as two answers are compared by it: what may rightly differ between an unknown
 * id's answer and another sender's set aside. The id each request asked for (as sent and decoded),
 * and what names a moment or a request rather than a sender: UUIDs, RFC 3339 and HTTP dates, runs of
 * hex digits, every word with a digit in it and every word of 8 characters or more (a request or
 * trace id, a count). What is left
 * is the words a server chose: "Sender not found" and "Sender belongs to another project" stay apart.
 */
import { decodeUnreserved } from './uri-path';

// In any capitals: the case-folded path rows ask /V1/Senders/<id>/…, and their answers are compared too.
const SENDER_SEGMENT = /\/senders\/([^/?#]*)/i;

/** The sender id a request asked for, as sent (the path segment after /senders/) and decoded once. */
function askedIds(path: string): string[] {
  // As sent; or, on a path spelled otherwise ("/v1/%73enders/…"), once its unreserved escapes are decoded (RFC 3986 §6.2.2.2).
  const segment = SENDER_SEGMENT.exec(path)?.[1] ?? SENDER_SEGMENT.exec(decodeUnreserved(path))?.[1];
  if (segment === undefined || segment === '') return [];
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A malformed escape: the segment as sent is all there is.
  }
  // Longest first, so the decoded id is not cut inside the encoded one; a short id (one or two
  // characters) would blank parts of words.
  return [...new Set([segment, decoded])].filter((id) => id.length >= 3).sort((a, b) => b.length - a.length);
}

/** What names a moment or a request, not a sender, found by its shape: blanked, longest patterns first. */
const VOLATILE = [
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
  /\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?/g,
  /(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT/g,
];

/**
 * A word of an id's characters, dashes at its ends set aside: "req-2f9a" in "--req-2f9a-". Blanked
 * when it has a digit in it (a request id however short, a count: "59 remaining") or 8 characters
 * or more (a request id of letters alone, a nanoid drawn without a digit). Blanking too much only
 * makes the comparison coarser, alike on both sides: the short words that say what the server
 * means ("not found", "another project", "to access this sender") stay.
 *
 * One pass over each maximal run, not a regular expression that looks ahead from every word
 * boundary: a dash starts a word, and `\b(?=[\w-]*\d)` tried at each word of "a-a-a-…" rescans the
 * rest of the run every time, quadratic in a target's message (4 s for 40 KB, minutes for a MB).
 */
function blankIdWord(run: string): string {
  let start = 0;
  while (run.charAt(start) === '-') start += 1;
  let end = run.length;
  while (end > start && run.charAt(end - 1) === '-') end -= 1;
  const word = run.slice(start, end);
  if (word === '' || !(word.length >= 8 || /\d/.test(word))) return run;
  return `${run.slice(0, start)}<n>${run.slice(end)}`;
}

/**
 * `text` with the id its request (`path`) asked for set aside as `<id>`, and what names a moment or
 * a request by a shape no chosen word has (a UUID, an RFC 3339 or HTTP date) as `<n>`; every word
 * else as sent. What a challenge's realm, scope and error are compared by (comparable-challenge.ts).
 */
export function withAskedIdAndMomentsSetAside(text: string, path: string): string {
  let result = text;
  for (const id of askedIds(path)) result = result.split(id).join('<id>');
  for (const pattern of VOLATILE) result = result.replace(pattern, '<n>');
  return result;
}

/** `message` with the id its request (`path`) asked for and every volatile part set aside, spaces collapsed. */
export function comparableMessage(message: string, path: string): string {
  return withAskedIdAndMomentsSetAside(message, path).replace(/[A-Za-z0-9_-]+/g, blankIdWord).replace(/\s+/g, ' ').trim();
}

/**
 * A wait: a number and a unit of time ("24 hours", "45 minutes", "1 day", "3 hrs"). The time left is
 * no other reason in whatever unit it is told: the contract's "Please wait 24 hours" is an example's
 * figure, and a server that counts the wait down in minutes or seconds gives the same refusal.
 */
const WAIT = /\d+(?:\.\d+)?\s+(?:(?:milli)?seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\b/gi;
/** A number, with the unit word after it taken in the singular: "24 hours" and "1 hour" read alike. */
const QUANTITY = /\d+(?:\.\d+)?(\s+[A-Za-z]+?)s?\b/g;
const NUMBER = /\d+(?:\.\d+)?/g;
/** How many characters more than the documented message its quantities may take when told otherwise. */
const QUANTITY_SLACK = 32;

/**
 * Whether `received` words a documented error message as the contract does, its quantities aside:
 * "Please wait 24 hours" is the documented limit's message, and a server that says how long is
 * left ("Please wait 23 hours", "… 1 hour …", "… 45 minutes …") gives the same reason, not another
 * one. Every other word stays as documented.
 */
export function sameDocumentedWording(documented: string, received: string): boolean {
  const sentence = plainSentence(documented);
  if (wordedAlike(sentence, plainSentence(received))) return true;
  // The documented message with the request's id after it ("… (request 3f2a…)", "… Request ID: req_…"):
  // a gateway's or framework's tag for finding the request in its logs, not another reason. Before
  // the documented final period too ("… again (request 3f2a…).").
  const bare = withoutIdAnnotation(received);
  return bare !== undefined && bare.trim() !== '' && wordedAlike(sentence, plainSentence(bare));
}

/**
 * A message with its spacing and its one final full stop set aside: the documented examples end
 * some sentences with a period ("… before trying again.") and not others ("… connected"), and a
 * server that ends every sentence with one, or none, or wraps a line, gives the same reason in the
 * same words. Only whitespace and a single final "." go: a word, a letter's case, "!" or "..", and
 * a space removed between two words still count. Linear in the message (no pattern anchored at its end).
 */
function plainSentence(message: string): string {
  const spaced = message.replace(/\s+/g, ' ').trim();
  return spaced.endsWith('.') && !spaced.endsWith('..') ? spaced.slice(0, -1).trimEnd() : spaced;
}

/** Words that say an id names a request (or its trace), not a sender, an account or a reason: "request", "Request ID", "trace-id", "ref". */
const REQUEST_ID_WORD = '(?<![A-Za-z0-9])(?:request|req|trace|correlation|reference|ref|incident)(?:[ _-]?id)?';

/**
 * A request's id told at a message's end: a request-id word then the id, bracketed or after a
 * separator ("(request 3f2a…)", ". Request ID: req_…", "[trace-id=4bf9…]"); or an id alone in
 * brackets ("[req_8f3a2b1c]"). Read on the message's last ANNOTATION_TAIL characters only: patterns
 * anchored at the end are tried from every position of what they are given, and a target's message
 * may be a megabyte.
 */
const NAMED_ID = new RegExp(`[\\s,;:.|-]*[([]?\\s*${REQUEST_ID_WORD}\\s*[:=#]?\\s*([A-Za-z0-9_-]+)\\s*[)\\]]?\\.?$`, 'i');
const BRACKETED_ID = /\s*[([]\s*([A-Za-z0-9_-]+)\s*[)\]]\.?$/;
const ANNOTATION_TAIL = 160;

/**
 * `message` without the request id annotation at its end, or undefined when it ends in none. The id
 * must look like one: after a request-id word, a digit in it or 12 characters or more (a nanoid of
 * letters; "(request rejected)" stays words); alone in brackets, a digit and 8 characters or more
 * (so "(disabled)" or "(waba)" stays a word).
 */
export function withoutIdAnnotation(message: string): string | undefined {
  const from = Math.max(0, message.length - ANNOTATION_TAIL);
  const tail = message.slice(from);
  const named = NAMED_ID.exec(tail);
  const id = named?.[1];
  if (named !== null && id !== undefined && (/\d/.test(id) || id.length >= 12)) return message.slice(0, from + named.index);
  const bracketed = BRACKETED_ID.exec(tail);
  const alone = bracketed?.[1];
  if (bracketed !== null && alone !== undefined && /\d/.test(alone) && alone.length >= 8) return message.slice(0, from + bracketed.index);
  return undefined;
}

/** Whether `received` is `documented` with only its quantities told otherwise (see sameDocumentedWording). */
function wordedAlike(documented: string, received: string): boolean {
  if (documented === received) return true;
  // A time left takes a few characters more than the documented number, never a kilobyte: a longer
  // message is another wording, and the patterns below never read a target's megabyte of digits.
  if (received.length > documented.length + QUANTITY_SLACK) return false;
  const quantityFree = (text: string): string => text.replace(WAIT, '<wait>').replace(QUANTITY, '<n>$1').replace(NUMBER, '<n>');
  return quantityFree(documented) === quantityFree(received);
}
