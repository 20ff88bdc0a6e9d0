/**
 * Escaping and shortening of untrusted text. Messages embed bytes a target server sent, so every
 * renderer treats all interpolated text as hostile for its output medium.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Collapses all whitespace runs (newlines included) to one space, for one-line summaries. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts text to at most `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Backslash-escapes the Markdown and inline-HTML characters that could turn plain text into
 * links, emphasis, tables or tags (GitHub renders HTML in job summaries).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|&~]/g, (c) => `\\${c}`);
}

/**
 * Makes text safe for a terminal: control characters other than newline and tab (ANSI escapes
 * a server put in its body, carriage returns that overwrite lines) are shown as \u escapes.
 */
export function escapeTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
