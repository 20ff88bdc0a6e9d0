/** Escaping, text helpers and size caps for summary.md, shared by its renderer and its failure list. */
import { escapeControl, oneLine, truncate } from '../text/plain-text';
import { keptAndRest } from '../text/shown-and-rest';

/**
 * Caps that keep the file under ~50 lines even when every case fails: ~40 of lists and counts, a
 * baseline line under the heading, and the first failure's curl (at most `reproduceLines` lines).
 * `baselineChars` is the baseline's headline: its counts, then what makes them read otherwise (a
 * baseline of another target, kind, source or contract), which a message's length cut off.
 */
export const MARKDOWN_LIMITS = { failures: 12, skipped: 6, messageChars: 140, baselineChars: 1000, reproduceLines: 6, reproduceChars: 2000 } as const;

/**
 * Backslash-escapes the Markdown and inline-HTML characters that could turn plain text into
 * links, emphasis, tables or tags (GitHub renders HTML in job summaries).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|&~]/g, (c) => `\\${c}`);
}

/*
 * What GitHub links in the text of a rendered comment or job summary. Two passes do it: the Markdown
 * parser's autolink extension ("https://…", "http://…", "ftp://…", "mailto:…", "xmpp:…", "www.…",
 * "a@b.example"), and a later pass over the rendered text nodes, after escapes and entities are
 * undone, that links URLs and e-mail addresses again, commit SHAs (7 to 40 hex digits, "user@sha",
 * "owner/repo@sha"), issues ("#123", "GH-123", "owner/repo#123") and notifies "@name" (a user or a
 * team). Any "@" counts, so an e-mail address is caught too.
 */
const LINKABLE = /@|[a-z][a-z0-9+.-]*:\/\/|(?:mailto|xmpp):|#\d|GH-\d|www\.|(?<![0-9a-z])[0-9a-f]{7,40}(?![0-9a-z])/i;

/*
 * What GitHub renders as a formula: "$…$" and "$$…$$" (and "$`…`$") are LaTeX, drawn by MathJax in PR
 * comments and Markdown files, so "$\Huge\color{green}\text{CONFORMANT}$" in a message would draw
 * the target's verdict over the suite's. A backslash before "$" is not honoured on every line that holds
 * math, while a code span is never math: a word holding "$" is set as one, as a linkable word is.
 */
const MATH = /\$/;

/** Words and what splits them: whitespace, and "|" (a table cell's edge, which a code span cannot hold). */
const WORD_EDGE = /(\s+|\|)/;

/**
 * Received text made inert: a target's error message saying "@octocat see #12 at
 * https://evil.example/x or www.evil.example, ops@evil.example, commit 0123abc…" must not ping anyone,
 * link an issue or a commit, nor offer a link (nor draw a formula: MATH), from a PR comment or job summary. Both passes skip
 * code; a backslash escape or an entity (`\@`, `&#64;`, `&#46;`) is undone before the second pass, so it
 * would still link, and a zero-width character in between, though inert, is what every other output
 * shows as an escape (\u200b). So each word that holds anything linkable is set as a code span, whole
 * and unescaped (a code span shows its text literally): it reads as it was sent, and links nothing.
 * Every other word is escaped, so no stray backtick there can pair with a span's. Words are cut at
 * whitespace and at "|", which is kept outside the spans, escaped: in a table row a "|" inside a span
 * would end the cell. So two spans never touch (touching spans would read as one with the backticks
 * inside).
 */
function inertWords(text: string): string {
  return text
    .split(WORD_EDGE)
    .map((part, i) => (i % 2 === 0 && (LINKABLE.test(part) || MATH.test(part)) ? span(part) : escapeMarkdown(part)))
    .join('');
}

/**
 * Text for a Markdown line: one line, control and invisible format characters as visible escapes
 * (a bidi override would reorder the rendered line), shortened, with Markdown and HTML characters escaped
 * and links, @mentions and issue and commit references inert.
 */
export function md(text: string, max: number = MARKDOWN_LIMITS.messageChars): string {
  return inertWords(truncate(escapeControl(oneLine(text)), max));
}

/** Backticks one more than the longest run in `text` (and than `least`): no run inside can close it. */
function fenceFor(text: string, least: number): string {
  return '`'.repeat(Math.max(least, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
}

/** A code span around one line of text as it is: the fence is longer than any backtick run inside. */
function span(flat: string): string {
  const fence = fenceFor(flat, 0);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * An inline code span that holds any text: the fence is longer than any backtick run inside. Its
 * text is a name (a case id, a place through the target's keys): a newline or tab in it is shown as
 * an escape, not folded into a space, so "/sync/key\none" does not read as a "/sync/key one".
 */
export function code(text: string): string {
  // A code span shows its text literally, but a bidi override inside it still reorders the line.
  return span(truncate(escapeControl(text), 80));
}

/** At most `max` lines; when cut, the last one says how many more there were. */
export function capped(lines: readonly string[], max: number): string[] {
  const { shown, rest } = keptAndRest(lines, max);
  return rest > 0 ? [...shown, `- … and ${rest} more`] : shown;
}

/**
 * A fenced code block that holds any lines: its fence is longer than any backtick run inside, so
 * no line of the text can close it (GitHub then shows the text literally: no Markdown, no HTML, no
 * @mention). Control and invisible format characters are shown as escapes, as everywhere else.
 */
export function codeBlock(text: string, info = ''): string[] {
  const escaped = escapeControl(text, { keepLines: true });
  // Three backticks at the least: shorter is no fence.
  const fence = fenceFor(escaped, 2);
  return [`${fence}${info}`, ...escaped.split('\n'), fence];
}
