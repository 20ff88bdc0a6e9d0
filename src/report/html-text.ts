/**
 * HTML escaping and the small markup pieces every section of conformance.html repeats. Messages
 * and curls embed bytes the target sent, so every interpolated string goes through escapeHtml.
 */
import type { ResultStatus } from '../model';
import { escapeControl } from '../text/plain-text';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and quoted attribute values; control characters (a JSON
 * pointer into a hostile body may hold an ESC) become visible escapes, as in every other report.
 */
export function escapeHtml(text: string): string {
  return escapeControl(text, { keepLines: true }).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The coloured status badge of a case, a step or an attempt. */
export function statusBadge(status: ResultStatus): string {
  return `<span class="badge badge-${status}">${status}</span>`;
}

/** A table: its header row (`<tr>…</tr>`) and body rows, one per line. Every table of the page is built here. */
export function table(head: string, rows: readonly string[], className?: string): string {
  const open = className === undefined ? '<table>' : `<table class="${className}">`;
  return `${open}\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}
