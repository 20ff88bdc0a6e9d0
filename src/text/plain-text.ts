/**
 * Plain-text helpers shared by checks (violation messages) and reports (headlines, lists): counted
 * nouns, stable sorting, one-line shortening, printable excerpts of received data, durations.
 * It imports only text/, so checks/ can use it without depending on report/. Escaping for one output
 * medium (HTML, Markdown, XML) stays with the renderer of that medium.
 */

import { boundedJson } from './bounded-json';

/** Default length of an excerpt: enough to recognise an HTML error page or a stack trace. */
export const EXCERPT_LENGTH = 200;

/** Nouns said with a consonant's sound though spelled with a vowel ("a user", "a uuid"), or the reverse (a lone "an x"). */
const SAID_WITH_A_CONSONANT = /^(?:uu|u[bcdfgklmnprstvz][aeiou]|eu|one)/i;
const LETTER_SAID_WITH_A_VOWEL = /^[fhlmnrsx](?: |$)/i;

/** The noun with its indefinite article: "a sender", "an agent", "a user", "an unknown". */
export function withArticle(noun: string): string {
  const an = LETTER_SAID_WITH_A_VOWEL.test(noun) || (/^[aeiou]/i.test(noun) && !SAID_WITH_A_CONSONANT.test(noun));
  return `${an ? 'an' : 'a'} ${noun}`;
}

/** "1 case", "2 cases"; `pluralForm` for irregular nouns ("1 family", "2 families"). */
export function plural(count: number, noun: string, pluralForm = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralForm}`;
}

/** "a", "a and b", "a, b and c" (`joiner` "or": "a, b or c"): the one way a list is said in prose. */
export function listed(items: readonly string[], joiner: 'and' | 'or' = 'and'): string {
  return items.length <= 2 ? items.join(` ${joiner} `) : `${items.slice(0, -1).join(', ')} ${joiner} ${items[items.length - 1] ?? ''}`;
}

/** Code-unit order, not locale order: what is sorted with it sorts the same on every machine. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/*
 * Layout's whitespace: ASCII's (space, tab, the line breaks). Not all of JavaScript's \s, which also
 * holds the spaces that only look like U+0020 (U+00A0, U+3000 …), U+FEFF and the line and paragraph
 * separators U+2028/U+2029: folded into a plain space, a received key "key\u00a0one" would read as
 * the "key one" it is not, and a "key\u2028one" (a line break in some viewers and in JavaScript
 * source) would hide what was sent; escapeControl after could show neither.
 */
const LAYOUT_SPACE = /[\t\n\v\f\r ]+/g;

/** Collapses runs of layout whitespace (newlines included) to one space, for one-line summaries. */
export function oneLine(text: string): string {
  return text.replace(LAYOUT_SPACE, ' ').replace(/^ | $/g, '');
}

/**
 * The first `max` UTF-16 units of `text`, one fewer when the cut would fall inside a surrogate pair:
 * its half alone is a lone surrogate, which escapeControl shows as `\ud83d` (a target's lone
 * surrogate, it reads) and UTF-8 writes as U+FFFD.
 */
export function headOf(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = Math.max(0, max);
  const splitsPair = end > 0 && /[\uD800-\uDBFF]/.test(text.charAt(end - 1)) && /[\uDC00-\uDFFF]/.test(text.charAt(end));
  return text.slice(0, splitsPair ? end - 1 : end);
}

/** Cuts text to at most `max` characters, marking the cut with an ellipsis: for layout. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${headOf(text, Math.max(0, max - 1))}…`;
}

/**
 * Cuts text to `max` characters and says how long it was ("… (8388608 chars)"), without escaping:
 * the last bound on text that already went through an excerpt, or that came from the suite.
 */
export function cutWithSize(text: string, max: number): string {
  return text.length <= max ? text : `${headOf(text, max)}… (${text.length} chars)`;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/*
 * Besides C0, DEL and C1: the invisible format characters (Unicode Cf: bidi embeddings, overrides
 * and isolates U+202A–U+202E and U+2066–U+2069, zero-width U+200B–U+200F, U+2060, U+FEFF, soft
 * hyphen, tag characters), the line and paragraph separators U+2028/U+2029, and the 66
 * noncharacters (U+FDD0–U+FDEF, and U+FFFE/U+FFFF at the end of every plane). A bidi override
 * makes a line read in another order than its bytes (CVE-2021-42574, "Trojan Source"), a zero-width
 * character makes two different ids look the same, and U+2028 starts a new line in some viewers.
 * A noncharacter is never text to show (Unicode §23.7): U+FFFE is a byte-swapped BOM, which a
 * reader may take for a byte-order signal, and XML 1.0 forbids U+FFFE/U+FFFF outright (junit.xml).
 * A lone surrogate (Cs: a JSON "\ud800" a target sent, in a key or a value; a pair is one code
 * point here, never matched) has no UTF-8 form: written out it becomes U+FFFD, so two different
 * keys would read alike and the reader could not tell what was sent.
 * The invisible characters that are no format character (Unicode Default_Ignorable_Code_Point:
 * the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, letters that draw nothing; the combining
 * grapheme joiner U+034F; the variation selectors U+FE00–U+FE0F and U+E0100–U+E01EF) hide as well
 * as a zero-width space does: "ad\u3164min" reads "admin", and a run of variation selectors after
 * one character carries a byte each, unseen. An emoji's U+FE0F is shown as an escape with them,
 * as its U+200D joiner (Cf) already was.
 * The spaces that look like U+0020 and are not (Unicode Zs but U+0020: no-break U+00A0, the
 * typographic spaces U+2000–U+200A, narrow no-break U+202F, U+205F, ideographic U+3000, and the
 * Ogham space mark U+1680, a blank in most fonts): "ad\u00a0min" reads "ad min", so the reported
 * value cannot be told from the one the reader would type, nor from another key spelt with a
 * plain space. A plain space stays as it is: it is what it looks like.
 */
/** What a viewer would obey, not show, or show as another character past C0: DEL, C1, the separators, format, invisible and noncharacters, look-alike spaces (one list, for the three patterns below). */
const UNSEEN = '\\u007f-\\u009f\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\p{Cf}\\p{Default_Ignorable_Code_Point}\\p{Noncharacter_Code_Point}';
/**
 * Combining marks kept on one character; the rest of the run is escaped. A language stacks at
 * most a few on a letter (Vietnamese two, pointed Hebrew with its accents or a Tibetan stack up to
 * four), while a flood of hundreds ("Zalgo") draws a tall smear over the lines above and below it
 * in a terminal or a page. The escapes keep the text exact (a JSON file's value parses back the
 * same), only wide instead of tall. The run counted is the one received, so a mark escaped for
 * another reason (U+034F, a variation selector) still counts: never fewer escapes than needed.
 */
const COMBINING_MARKS_KEPT = 4;
/** A mark after COMBINING_MARKS_KEPT marks: lookbehind on a fixed length, so the match stays linear in a flood. */
const MARK_FLOOD = `(?<=\\p{M}{${COMBINING_MARKS_KEPT}})\\p{M}`;
const CONTROL = new RegExp(`[\\u0000-\\u001f${UNSEEN}\\p{Cs}]|${MARK_FLOOD}`, 'gu');
const CONTROL_BUT_LINES = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${UNSEEN}\\p{Cs}]|${MARK_FLOOD}`, 'gu');
/** inertJson's: no C0 (JSON.stringify escapes it) and no lone surrogate (it escapes those too). A mark flood stands only inside a string, as every character it escapes. */
const INERT = new RegExp(`[${UNSEEN}]|${MARK_FLOOD}`, 'gu');

/** "\u202e"; a character beyond U+FFFF as its two UTF-16 halves ("\udb40\udc41"), which JSON and JavaScript read back. */
function unicodeEscape(c: string): string {
  let out = '';
  for (let i = 0; i < c.length; i += 1) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/**
 * Control characters as visible escapes (\n, \u001b, \u0085, \u202e …), so text a server sent cannot
 * move a terminal's cursor, overwrite lines, break a one-line layout or read otherwise than it is.
 * C0, DEL, C1, U+2028/U+2029, invisible format characters, the spaces that look like U+0020 and
 * the marks of a combining-mark flood past COMBINING_MARKS_KEPT are escaped; with `keepLines`,
 * newline and tab stay as they are (multi-line output such as a curl or a message). Without it, a
 * place (a JSON pointer through the target's keys) shows on one line in every report: a page folded
 * a key's newline into a space ("/sync/key\none" read as "/sync/key one"), and junit.xml's failure
 * text started lines of the target's own there (a "Reproduce with:" curl of its choosing).
 */
export function escapeControl(text: string, options: { keepLines?: boolean } = {}): string {
  const pattern = options.keepLines === true ? CONTROL_BUT_LINES : CONTROL;
  return text.replace(pattern, (c) => SHORT_ESCAPES[c] ?? unicodeEscape(c));
}

/**
 * JSON text with the characters a viewer of the file would obey (DEL, C1, U+2028/U+2029, invisible
 * format characters such as bidi overrides, and the other invisible ones escapeControl names; noncharacters,
 * look-alike spaces and a combining-mark flood's excess, as escapeControl shows them) written as \u escapes, which JSON.stringify leaves raw.
 * They can only stand inside strings, and an escape parses back to the same character: the values
 * are unchanged, only the bytes on disk are inert (`cat`, a code view on GitHub, an editor).
 */
export function inertJson(json: string): string {
  return json.replace(INERT, unicodeEscape);
}

/* What a GitHub Actions runner trims before it looks for "::" (.NET's Char.IsWhiteSpace): JavaScript's \s and NEL. */
const RUNNER_SPACE = /[\s\u0085]/;

/*
 * What a runner's comparison may skip as if it were not there. The GitHub Actions runner looks for
 * "::" with string.StartsWith, and versions of the Azure Pipelines agent for "##vso[" with IndexOf,
 * without a StringComparison: the current culture's, which .NET on ICU (its default on Linux)
 * compares as ICU's collation does, ignoring the C0 and C1 controls that are no whitespace and the format and
 * invisible characters (U+200B, the soft hyphen, U+FEFF, the tag characters: Intl.Collator, also
 * ICU, finds "\u200b::" equal to "::"). So the guard looks through them: "\u200b::error::" is a
 * command there. Whitespace (a tab, NEL) is not skipped: it is a character ICU compares, and one a
 * runner trims. A UTF-16 half counts too (a tag character is two of them); at worst an emoji
 * between two "#" costs one more escape.
 */
const SKIPPED = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cs}]/u;

/*
 * The words between "##" and "[" that make a command, each read anywhere in a line: none (GitHub's
 * older "##[set-output …]" and Azure's "##[error]"), Azure Pipelines' "vso" ("##vso[task.prependpath]",
 * "##vso[task.setvariable …]") and TeamCity's "teamcity" ("##teamcity[setParameter name='env.PATH' …]",
 * which sets a parameter, an environment variable among them, for the steps after the run). Each
 * exactly as written: their agents compare case-sensitively.
 */
const COMMAND_WORDS = ['', 'vso', 'teamcity'] as const;

/**
 * A guard for text bound for a log a CI runner reads (stdout, stderr), one per stream, called on
 * each piece written in turn: a GitHub Actions runner takes a line that starts with "::" after
 * leading whitespace (`::error::`, `::add-mask::`, `::stop-commands::`) or holds "##[" anywhere
 * (`##[set-output name=x]y`, the older form) as a workflow command, and splits lines at "\n" and
 * "\r"; an Azure Pipelines agent takes "##vso[" anywhere in a line as a logging command, and a
 * TeamCity agent "##teamcity[" (COMMAND_WORDS).
 * The character that would complete one is shown as an escape (":\u003aerror::", "##\u005b",
 * "##vso\u005b", "##teamcity\u005b"). The completing one, not the first: the guard remembers what it
 * needs of the line so far (only whitespace? one ":" after it? how many "#" last? which letters
 * after them?), so a command begun in one write and completed in the next (a line written in
 * pieces) is caught without holding any text back. What a runner's comparison skips (SKIPPED)
 * changes none of that.
 */
export function logCommandGuard(): (text: string) => string {
  let blank = true;
  let colon = false;
  let hashes = 0;
  // The letters after two "#" or more while they still begin a COMMAND_WORDS entry; undefined when none.
  let word: string | undefined;
  return (text) => {
    let out = '';
    let from = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charAt(i);
      let escape: string | undefined;
      if (c === '\n' || c === '\r') {
        blank = true;
        colon = false;
        hashes = 0;
        word = undefined;
      } else if ((c < ' ' || c > '~') && SKIPPED.test(c) && !RUNNER_SPACE.test(c)) {
        // Printable ASCII, nearly all a run prints, is never SKIPPED: the class is asked of the rest only.
        continue;
      } else if (c === ':') {
        if (colon) escape = '\\u003a';
        colon = blank;
        blank = false;
        hashes = 0;
        word = undefined;
      } else if (c === '#') {
        hashes += 1;
        blank = false;
        colon = false;
        word = hashes >= 2 ? '' : undefined;
      } else {
        if (c === '[' && word !== undefined && (COMMAND_WORDS as readonly string[]).includes(word)) escape = '\\u005b';
        // Whitespace keeps a blank line blank: "  ::error::" is a command too.
        if (!RUNNER_SPACE.test(c)) blank = false;
        colon = false;
        hashes = 0;
        const longer = word === undefined ? undefined : word + c;
        word = longer !== undefined && COMMAND_WORDS.some((w) => w.startsWith(longer)) ? longer : undefined;
      }
      if (escape === undefined) continue;
      out += text.slice(from, i) + escape;
      from = i + 1;
    }
    return from === 0 ? text : out + text.slice(from);
  };
}

/**
 * Received text for a one-line message: control characters escaped, then cut to `max` shown
 * characters. The count names the received length, which is what a reader compares with a
 * Content-Length.
 */
export function excerpt(text: string, max: number = EXCERPT_LENGTH): string {
  // Only what can be shown is escaped: an 8 MB message costs no more than a short one.
  const shown = escapeControl(headOf(text, max));
  return text.length > max || shown.length > max ? `${headOf(shown, max)}… (${text.length} chars)` : shown;
}

/**
 * A JSON value as compact JSON, cut after `max` characters with the size of the whole noted
 * ("… (an object of 300012 properties)", "… (a string of 8388608 chars)"); "nothing" when absent.
 * Bounded work and recursion whatever the value (see bounded-json.ts).
 */
export function describeValue(value: unknown, max: number = EXCERPT_LENGTH): string {
  if (value === undefined) return 'nothing';
  // JSON.stringify escapes C0 only; escapes of the rest (C1, bidi controls) are JSON escapes too, so the text stays the value's JSON.
  // And the "/" of a " / Expected: " in it, as "\/" (JSON's own escape of it): a message's Expected
  // part begins at its last one (failure-digest, expected-kept), and a target's error code quoted in
  // an Expected part ("nf / Expected: 200 with the sync status") put its words in the suite's place.
  return escapeSeparator(escapeControl(boundedJson(value, max)));
}

/** The "/" of a message's " / Expected: " separator, inside a value shown: describeValue escapes it. */
const SEPARATOR_SLASH = / \/ (?=Expected: )/g;

/**
 * `text` (a target's, shown in a message's Received part) with the "/" of each " / Expected: " in it
 * as "\/": describeValue's escape, for a target's text quoted by other means (failure-digest's
 * shared excerpt), so the suite's Expected part stays a message's last.
 */
export function escapeSeparator(text: string): string {
  return text.replace(SEPARATOR_SLASH, ' \\/ ');
}

/** "12 ms", "1.50 s": durations as a reviewer reads them. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/**
 * "612 ms", "12.5 ms": a latency figure to 0.1 ms. Unlike formatDuration it never switches to
 * seconds, so figures compared with a budget in ms read in the budget's unit.
 */
export function formatMs(ms: number): string {
  return `${Math.round(ms * 10) / 10} ms`;
}

/**
 * An on/off variable: 1, true, yes or on; 0, false, no, off or empty (any case, spaces around it
 * ignored). Anything else is
 * undefined, for the caller to refuse: `ZAVU_BASELINE_STRICT=enabled` read as off would quietly
 * weaken a gate.
 */
export function switchValue(value: string | undefined): boolean | undefined {
  const text = value?.trim() ?? '';
  if (text === '' || /^(0|false|no|off)$/i.test(text)) return false;
  return /^(1|true|yes|on)$/i.test(text) ? true : undefined;
}

/** The one-line error for an on/off variable whose value switchValue cannot read; `label` names where it came from. */
export function notASwitch(label: string, value: string | undefined): string {
  return `${label} ${JSON.stringify(value)} must be 1, true, yes or on (or 0, false, no, off)`;
}

/** A value kept as JSON text (an enum's allowed value) as people write it: strings bare, anything else (or text that is not JSON) as it is. */
export function shownJsonText(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'string' ? value : json;
  } catch {
    return json;
  }
}

/** An error's first line (a thrown value that is no Error, as text): what a one-line message shows. */
export function firstLineOf(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/** The longest error line printed or put in a NOT RUN summary.md: a value quoted whole (a 900 KB line of .env) would flood a CI log. */
export const ERROR_LINE_LIMIT = 1000;

/** `line` cut to ERROR_LINE_LIMIT characters, saying how much was left out. */
export function boundedLine(line: string): string {
  if (line.length <= ERROR_LINE_LIMIT) return line;
  return `${line.slice(0, ERROR_LINE_LIMIT)}… (${line.length - ERROR_LINE_LIMIT} more characters)`;
}

/**
 * Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, counted up to `limit`
 * and no further: a typed name is compared with a few dozen short names, and a long one (a value
 * pasted where a name goes) must not cost a full table.
 */
function editsWithin(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let edits = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) edits = Math.min(edits, (before[j - 2] ?? 0) + 1);
      current[j] = edits;
      best = Math.min(best, edits);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/**
 * The name among `names` that `typed` most likely meant, for a "did you mean" hint: the same
 * but for letter case, or one or two edits away (one for names of up to five letters, where two
 * edits make another word). Undefined when nothing is that close, or two names are equally close.
 */
export function closestName(typed: string, names: readonly string[]): string | undefined {
  const folded = typed.toLowerCase();
  const limit = folded.length <= 5 ? 1 : 2;
  let best: { name: string; edits: number; tied: boolean } | undefined;
  for (const name of names) {
    const edits = editsWithin(folded, name.toLowerCase(), limit);
    if (edits > limit) continue;
    if (best === undefined || edits < best.edits) best = { name, edits, tied: false };
    else if (edits === best.edits && name !== best.name) best.tied = true;
  }
  return best === undefined || best.tied ? undefined : best.name;
}

/**
 * "did you mean timeoutMs? " for an option typed `timeout`, or '' when no name is that close: a
 * name cut short (`timeout`, `maxBody`) is the one it begins, when only one does; else closestName.
 */
export function didYouMean(typed: string, names: readonly string[]): string {
  const begun = typed === '' ? [] : names.filter((name) => name.toLowerCase().startsWith(typed.toLowerCase()));
  const meant = begun.length === 1 ? begun[0] : closestName(typed, names);
  return meant === undefined ? '' : `did you mean ${meant}? `;
}
