/**
 * Whether a hostile id could reach a real sender on a server with one of the lookup bugs the
 * property hunts for: a configured fixture through a sloppy, prefix, suffix, substring or LIKE lookup, or any sender
 * through a LIKE wildcard or a quote that ends the string the id was put in. A write is never
 * sent with such an id (DESIGN: writes only on the fixture meant for them, and no fuzz input may
 * repeat a write that may have taken effect), so this errs on the side of withholding.
 */
import { escapesSegment, type NegativeInput } from '../transport/path-segment';
import { foldId } from './near-miss';

/** One percent-decoding that never throws: valid UTF-8 escapes decoded, a malformed one kept as written. */
export function decodeOnce(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%[0-9a-f]{2}/gi, (escape) => String.fromCharCode(Number.parseInt(escape.slice(1), 16)));
  }
}

/** The id as a server may see it: as sent, decoded once (raw ids, or one decoding too many), decoded twice. */
export function decodings(id: string): string[] {
  const once = decodeOnce(id);
  return [...new Set([id, once, decodeOnce(once)])];
}

/**
 * What is left once a sloppy lookup is done with it: compatibility-normalised, accents dropped,
 * lower-cased, and only letters and digits kept (trimmed, NUL-truncated, ";params" and ".json" stripped all leave
 * the real id inside).
 */
function squash(text: string): string {
  // Folded as a collation folds (accents: "snd_óther" reaches "snd_other"), then letters and digits alone.
  return foldId(text).replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * True when the input is `fixture` spelled otherwise, and nothing else: decoded once or twice, in
 * another letter case or with accents, it is that id (not one inside a longer one), with no quote
 * and no "%" left once decoded. A write property sends such spellings of a hidden sender a write
 * may reach all the same (consent given): a server that serves them writes to another project.
 */
export function spellsOnly(input: NegativeInput, fixture: string): boolean {
  if (input.id === fixture || escapesSegment(input) || QUOTE.test(input.id)) return false;
  const forms = decodings(input.id);
  const last = forms[forms.length - 1] ?? input.id;
  return !last.includes('%') && foldId(last) === foldId(fixture);
}

/**
 * True when `core` is in `form` whole, or split in two with anything between: a piece placed
 * inside an id ("snd" + "%zz" + "a") reaches the id on a server that drops it, whatever its letters.
 */
export function containsWithOneGap(form: string, core: string): boolean {
  for (let split = 0; split <= core.length; split += 1) {
    // The earliest end of the first part leaves the most room for the second.
    const start = form.indexOf(core.slice(0, split));
    if (start !== -1 && form.indexOf(core.slice(split), start + split) !== -1) return true;
  }
  return false;
}

/**
 * True when a lookup by prefix, suffix or substring could reach the fixture with this form: a form
 * found anywhere inside the fixture's id (its start, its end or within), ignoring case and with "_"
 * (SQL LIKE's any one character) matching anything, or found there once squashed, reaches it on a
 * server that matches ids by part ("LIKE 'id%'", "LIKE '%' || id", startsWith, endsWith, a search
 * index): "snd", "nd_a" and "plain" of "snd_plain". `squashed` and `core` are the form's and the
 * fixture's squashed text, made once by the caller.
 */
function withinFixture(form: string, squashed: string, fixture: string, core: string): boolean {
  const id = fixture.toLowerCase();
  const lower = form.toLowerCase();
  for (let start = 0; start + lower.length <= id.length; start += 1) {
    if ([...lower].every((char, i) => char === '_' || char === id[start + i])) return true;
  }
  return squashed !== '' && core.includes(squashed);
}

/**
 * Where a server may cut an id short before its lookup: matrix parameters (";", which Servlet
 * containers and Spring drop from a segment), a query or fragment mark a hop decoded too early
 * ("?", "#"), a NUL that ends a C string.
 */
const CUT = /[;?#\u0000]/;

/**
 * The id as such a server looks it up: cut at the first such mark, then trimmed. "coex;b=c" is
 * "coex", an inner part of a fixture; ";b=c" and " " are the empty id, a part of every fixture.
 */
function cutShort(form: string): string {
  const at = form.search(CUT);
  return (at === -1 ? form : form.slice(0, at)).trim();
}

/** Quotes that end a string literal in SQL (', and " or ` in some dialects) or open a JSON query operator ({"$ne":null}). */
const QUOTE = /['"`]/;

/**
 * True when the input leaves its segment (a router may resolve "<fixture>/x/.." onto a fixture);
 * when it holds a "%", as a server that decodes the path once or not at all sees it: SQL LIKE's
 * any run of characters, which may match any sender at all, configured or not ("%", "x%41"); when
 * it holds a quote, which on a server that pastes the id into a query ends its string, and what
 * follows may match any sender ("' OR '1'='1"); when any
 * decoding contains a configured value once squashed, whole or with one gap: "snd_a ", "SND_A",
 * "snd_a%00", "snd%5Fa" (decoded twice) and "snd_%3Ba" or "sn%zzd_a" (a piece inside) all may
 * reach "snd_a"; or when one is inside a configured value, at its start, its end or within
 * (withinFixture), as sent or cut short (cutShort): "snd", "SND_", "s_d_a", "nd_a", "_A", "nd;x", " ".
 */
export function mayReachFixture(input: NegativeInput, fixtures: readonly string[]): boolean {
  if (escapesSegment(input)) return true;
  if (input.id.includes('%')) return true;
  // Without a "%", decoding changes nothing: the id as sent is every form a server may see.
  if (QUOTE.test(input.id)) return true;
  const decoded = [...new Set(decodings(input.id).flatMap((form) => [form, cutShort(form)]))];
  const forms = decoded.map(squash);
  return fixtures.some((fixture) => {
    if (fixture === '') return false;
    const core = squash(fixture) || fixture.toLowerCase();
    return decoded.some((form, i) => containsWithOneGap(forms[i] ?? '', core) || withinFixture(form, forms[i] ?? '', fixture, core));
  });
}
