/**
 * One-line descriptions of JSON syntax errors with their position. Node 20's JSON.parse gives a
 * position for most errors but not all ("Unexpected token 'x', "<snippet>" is not valid JSON" has
 * none, and its snippet may span lines), so the position is found here when the message lacks it.
 */
import { oneLine } from './plain-text';

function parseError(text: string): Error | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** True when `prefix` could still be the start of a valid JSON text (it fails only for running out). */
function viablePrefix(prefix: string): boolean {
  const error = parseError(prefix);
  if (!error) return true;
  if (/Unexpected end of JSON input/.test(error.message)) return true;
  const at = /at position (\d+)/.exec(error.message);
  return at !== null && Number(at[1]) >= prefix.length;
}

/** Offset of the first character that makes `text` invalid JSON. */
function errorOffset(text: string, error: Error): number {
  const at = /at position (\d+)/.exec(error.message);
  if (at) return Number(at[1]);
  if (/Unexpected end of JSON input/.test(error.message)) return text.length;
  // Longest viable prefix, by bisection: the character after it is the culprit.
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (viablePrefix(text.slice(0, mid))) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Why the text is not JSON. A text that ends where the parser faulted was cut short (a truncated
 * download or copy): V8 then says what it expected next ("Expected double-quoted property name",
 * "Unterminated string"), which reads as a typo at that spot, so the line says the text ends
 * there. Otherwise V8's reason, without the excerpt it quotes: the position says where, and the
 * excerpt is anyone's text, cut with "..." on either side. On one line by layout's whitespace only
 * (oneLine): V8 quotes the token it refused, and a U+2028 or U+00A0 there (no JSON whitespace)
 * folded into a plain space read "Unexpected token ' '", a space JSON would have taken.
 */
function reasonOf(text: string, error: Error, offset: number): string {
  if (offset >= text.length) return text.trim() === '' ? 'the text is empty' : 'the text ends before its JSON does (cut short?)';
  return jsonErrorWords(error.message)
    .replace(/ at position \d+.*$/s, '')
    .replace(/ in JSON$/, '');
}

/**
 * V8's words for a JSON syntax error without the excerpt of the text it quotes ("Unexpected token
 * '<', "<!doctype "... is not valid JSON" → "Unexpected token '<'"), on one line (reasonOf's
 * oneLine): a caller that shows the text already shows it, and the excerpt, the target's bytes in
 * double quotes after the caller's own, read to the failure digest as part of the quoted text, so
 * an HTML page's fault line said `Received: "…"... is not valid JSON)`. Its position stays.
 */
export function jsonErrorWords(message: string): string {
  // Four whole texts (NaN, Infinity, undefined, "[object Object]": a value printed, not serialised)
  // V8 quotes alone, without the token; the same text with a space after it is not one of them, and
  // V8 names its token (no position: the space moves none).
  const special = /^"(NaN|Infinity|undefined|\[object Object\])" is not valid JSON$/.exec(message);
  const again = special?.[1] === undefined ? undefined : parseError(`${special[1]} `);
  return oneLine((again?.message ?? message).replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, ''));
}

/** "line L column C: <reason>" for text that JSON.parse rejected with `error`. */
export function describeJsonError(text: string, error: Error): string {
  const offset = errorOffset(text, error);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1) ?? '').length + 1;
  return `line ${line} column ${column} (offset ${offset}): ${reasonOf(text, error, offset)}`;
}

/** "column C: <reason>" for one line of a JSON-lines file (its line number the caller's to say). */
export function describeJsonLineError(line: string, error: Error): string {
  const offset = errorOffset(line, error);
  return `column ${offset + 1}: ${reasonOf(line, error, offset)}`;
}
