/** Escaping, text helpers and size caps for summary.md, shared by its renderer and its failure list. */
import { escapeControl, oneLine, truncate } from '../text/plain-text';

/** Caps that keep the file under ~40 lines even when every case fails. */
export const MARKDOWN_LIMITS = { failures: 12, skipped: 6, messageChars: 140 } as const;

/**
 * Backslash-escapes the Markdown and inline-HTML characters that could turn plain text into
 * links, emphasis, tables or tags (GitHub renders HTML in job summaries).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|&~]/g, (c) => `\\${c}`);
}

/**
 * Text for a Markdown line: one line, control and invisible format characters as visible escapes
 * (a bidi override would reorder the rendered line), shortened, with Markdown and HTML characters escaped.
 */
export function md(text: string, max: number = MARKDOWN_LIMITS.messageChars): string {
  return escapeMarkdown(truncate(escapeControl(oneLine(text)), max));
}

/** An inline code span that holds any text: the fence is longer than any backtick run inside. */
export function code(text: string): string {
  // A code span shows its text literally, but a bidi override inside it still reorders the line.
  const flat = truncate(escapeControl(oneLine(text)), 80);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** At most `max` lines; when cut, the last one says how many more there were. */
export function capped(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max - 1), `- … and ${lines.length - (max - 1)} more`];
}
