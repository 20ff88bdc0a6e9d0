/** Escaping, text helpers and size caps for summary.md, shared by its renderer and its failure list. */
import { escapeControl, oneLine, truncate } from '../text/plain-text';

/**
 * Caps that keep the file under ~50 lines even when every case fails: ~40 of lists and counts, a
 * baseline line under the heading, and the first failure's curl (at most `reproduceLines` lines).
 */
export const MARKDOWN_LIMITS = { failures: 12, skipped: 6, messageChars: 140, reproduceLines: 6, reproduceChars: 2000 } as const;

/**
 * Backslash-escapes the Markdown and inline-HTML characters that could turn plain text into
 * links, emphasis, tables or tags (GitHub renders HTML in job summaries).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|&~]/g, (c) => `\\${c}`);
}

/*
 * What GitHub links in the text of a rendered comment or job summary: "@name" (which notifies that
 * user or team), "#123", "GH-123" and "owner/repo#123" (which cross-link that issue or pull request).
 * "@" counts after a non-word ASCII character or at the start, as GitHub reads it, so an e-mail address
 * is left as it is.
 */
const GITHUB_REFERENCE = /(?:(?<![A-Za-z0-9_])@[A-Za-z0-9][A-Za-z0-9-]*|#\d+|(?<![A-Za-z0-9_])GH-\d+)+/gi;

/**
 * Received text that names a user or an issue, made inert: a target's error message saying
 * "@octocat see #12" must not ping anyone nor link an issue from a PR comment or job summary.
 * GitHub looks for these in text only, never inside code, pre or a link; a backslash escape or an
 * entity (`\@`, `&#64;`) is undone by its Markdown parser before that, so it would still ping, and a
 * zero-width character in between, though inert, is what every other output shows as an escape
 * (\u200b). So each such word is set as a code span: it reads as it was sent, and links nothing.
 * Applied to escaped text, where every backtick is escaped; references that touch ("@a#1") share one
 * span, as two touching spans would read as one with the backticks inside.
 */
function inertReferences(escaped: string): string {
  return escaped.replace(GITHUB_REFERENCE, (reference) => `\`${reference}\``);
}

/**
 * Text for a Markdown line: one line, control and invisible format characters as visible escapes
 * (a bidi override would reorder the rendered line), shortened, with Markdown and HTML characters escaped
 * and @mentions and issue references inert.
 */
export function md(text: string, max: number = MARKDOWN_LIMITS.messageChars): string {
  return inertReferences(escapeMarkdown(truncate(escapeControl(oneLine(text)), max)));
}

/** Backticks one more than the longest run in `text` (and than `least`): no run inside can close it. */
function fenceFor(text: string, least: number): string {
  return '`'.repeat(Math.max(least, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
}

/** An inline code span that holds any text: the fence is longer than any backtick run inside. */
export function code(text: string): string {
  // A code span shows its text literally, but a bidi override inside it still reorders the line.
  const flat = truncate(escapeControl(oneLine(text)), 80);
  const fence = fenceFor(flat, 0);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** At most `max` lines; when cut, the last one says how many more there were. */
export function capped(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max - 1), `- … and ${lines.length - (max - 1)} more`];
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
