/** Making received data printable in one short line of a violation message. */

/** Default length of an excerpt: enough to recognise an HTML error page or a stack trace. */
export const EXCERPT_LENGTH = 200;

/**
 * Cuts `text` to `max` characters, marking the cut and the full length so a reader knows there
 * was more. File-local: report/text.ts has its own truncate, with a plain ellipsis for layout.
 */
function truncate(text: string, max: number = EXCERPT_LENGTH): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} chars)`;
}

/**
 * Control characters escaped (\n, \t, \u0000 …) so a body cannot break the report's layout or
 * a terminal, then cut to `max` shown characters. The count names the received length, which is
 * what a reader compares with a Content-Length.
 */
export function excerpt(text: string, max: number = EXCERPT_LENGTH): string {
  const escaped = escapeControl(text);
  if (escaped.length <= max) return escaped;
  return `${escaped.slice(0, max)}… (${text.length} chars)`;
}

function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) => {
    switch (char) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/** A JSON value as compact JSON, truncated; "nothing" when absent. */
export function describeValue(value: unknown, max: number = EXCERPT_LENGTH): string {
  if (value === undefined) return 'nothing';
  return truncate(JSON.stringify(value) ?? String(value), max);
}
