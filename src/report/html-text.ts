/**
 * HTML escaping and the small markup pieces every section of conformance.html repeats. Messages
 * and curls embed bytes the target sent, so every interpolated string goes through escapeHtml.
 */
import type { ResultStatus } from '../model';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The coloured status badge of a case, a step or an attempt. */
export function statusBadge(status: ResultStatus): string {
  return `<span class="badge badge-${status}">${status}</span>`;
}
