/** "content-type": a JSON response says it is JSON (a warning when its label's charset reads the body as other text). */
import type { Check } from '../model/check';
import type { HttpResponse } from '../model/http';
import { judgedResponse } from './support/outside-contract';
import { isJsonMediaType } from '../openapi/documented-response';
import { documentsJson } from './support/documented-response';
import { findDocumentedResponse } from '../openapi/find-documented-response';
import { listElements } from '../text/header-list';
import { excerpt } from '../text/plain-text';

/**
 * The media types of a Content-Type as received: one per field line. A proxy that adds its own
 * Content-Type beside the origin's (nginx's add_header, a gateway's response mapping) sends the
 * field twice, which the transport joins with ", " as it joins any repeated field (RFC 9110 §5.3).
 * A comma splits them only outside a quoted parameter (`profile="a,b"`); empty lines are dropped.
 */
export function contentTypeLines(header: string): string[] {
  return listElements(header);
}

/**
 * Labelled JSON: every line of the field names a JSON type. Twice `application/json`, with or
 * without a charset, is the same label, and every client reads it as JSON (fetch's "extract a MIME
 * type" takes the last, node:http the first); lines that disagree leave the body's type to whichever
 * the client picks, so they are not JSON.
 */
export function labelledJson(header: string): boolean {
  const lines = contentTypeLines(header);
  return lines.length > 0 && lines.every(isJsonMediaType);
}

/**
 * The charsets a media type names, each lower-cased, unquoted and its quoted-pairs resolved (RFC
 * 9110 §5.6.4: `"utf\\-8"` is utf-8); empty ones left out (WHATWG's MIME parser drops an unquoted
 * one, an empty label is no encoding, and clients read UTF-8). Parameters are read one by one, so
 * "charset=" inside another's quoted value (`profile="a;charset=utf-16"`) is that value's text.
 * Every charset named, not the first only: a parameter named twice is read first-wins by WHATWG's
 * parser and last-wins by others (Python's requests). Whitespace around "=" is let by, as requests
 * does. One pass, no regular expression: the field is the target's.
 */
function charsetsOf(mediaType: string): string[] {
  const found: string[] = [];
  let at = mediaType.indexOf(';');
  // The next "=", found again only once passed: `;;;…` or `;a;a;…=` costs one scan, not one each.
  let equals = -1;
  while (at !== -1 && at < mediaType.length) {
    at += 1;
    if (equals < at) equals = mediaType.indexOf('=', at);
    if (equals === -1) break;
    const next = mediaType.indexOf(';', at);
    if (next !== -1 && next < equals) {
      at = next;
      continue;
    }
    const name = mediaType.slice(at, equals).trim().toLowerCase();
    let value = '';
    at = equals + 1;
    while (at < mediaType.length && (mediaType[at] === ' ' || mediaType[at] === '\t')) at += 1;
    if (mediaType[at] === '"') {
      for (at += 1; at < mediaType.length && mediaType[at] !== '"'; at += 1) value += mediaType[at] === '\\' && at + 1 < mediaType.length ? mediaType[(at += 1)] : mediaType[at];
      at = mediaType.indexOf(';', at);
    } else {
      const end = mediaType.indexOf(';', at);
      value = mediaType.slice(at, end === -1 ? undefined : end);
      at = end;
    }
    const charset = value.trim().toLowerCase();
    if (name === 'charset' && charset !== '') found.push(charset);
  }
  return found;
}

/** The WHATWG Encoding Standard's labels of UTF-8 ("utf8" among them): what every client reads as it. */
const UTF8_LABELS: ReadonlySet<string> = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8']);

/** UTF-16 and UTF-32 by any of their labels: no ASCII byte reads as itself in them. */
const NOT_ASCII_COMPATIBLE = /^(?:utf-?(?:16|32)|ucs-?[24]|unicode(?:fffe|feff)?$|csunicode|iso-10646-ucs)/;

/**
 * A JSON label whose charset reads the body as other text than it is. RFC 8259 defines no charset
 * for application/json (§11: "no effect on compliant recipients") and JSON between systems is UTF-8
 * (§8.1), which the transport reads; but XMLHttpRequest's responseText, a browser showing the body
 * and client libraries such as Python's requests (`.text`, `.json()`) honour the label (fetch's
 * text() does not: it decodes UTF-8 whatever the label). So only where it changes what they read:
 * UTF-16/32 always, another charset when the body holds bytes past ASCII (an ASCII body reads the
 * same in ISO-8859-1 or us-ascii). A body that is not UTF-8 at all (`notUtf8`, as the transport read its bytes; not U+FFFD in the text, which a
 * UTF-8 body may hold) is json-body's error already: its label may be the honest one.
 */
function misleadingCharset(header: string, response: HttpResponse): string | undefined {
  // A body cut at the size bound is not told UTF-8 or not (notUtf8 is only said of a whole one): U+FFFD there may be either.
  if (response.notUtf8 === true || (response.truncated !== undefined && response.bodyText.includes('\ufffd'))) return undefined;
  // The body is scanned only once a label names a charset not UTF-8's (most name none, or utf-8), and once.
  let pastAscii: boolean | undefined;
  for (const charset of contentTypeLines(header).flatMap(charsetsOf)) {
    if (UTF8_LABELS.has(charset)) continue;
    if (NOT_ASCII_COMPATIBLE.test(charset) || (pastAscii ??= /[^\x00-\x7f]/.test(response.bodyText))) return charset;
  }
  return undefined;
}

/**
 * Applies when the spec documents JSON for the status, and also to an undocumented status that
 * carries a body: every documented body of this API is JSON, so an HTML error page from a proxy
 * is a breach worth naming. An undocumented status with an empty body has nothing to label.
 */
export const contentTypeCheck: Check = {
  id: 'content-type',
  title: 'The Content-Type header is application/json or a +json type',
  run(exchange, context) {
    const response = judgedResponse(exchange, context.expect);
    if (response === undefined) return [];
    const documented = findDocumentedResponse(context.operation, response.status);
    const applies = documented === undefined ? response.bodyText !== '' : documentsJson(documented);
    if (!applies) return [];
    const header = response.headers['content-type'];
    if (header !== undefined && labelledJson(header)) {
      const charset = misleadingCharset(header, response);
      if (charset === undefined) return [];
      return [
        {
          check: 'content-type',
          severity: 'warning',
          title: 'The JSON response is labelled with a charset that is not UTF-8',
          message: `Received: Content-Type ${excerpt(header)} (a client that honours its charset reads the body's UTF-8 bytes as ${excerpt(charset, 40)}: other text than was sent) / Expected: no charset, or utf-8: JSON between systems is UTF-8 (RFC 8259 §8.1), and application/json defines no charset parameter (§11)`,
          instancePath: '',
        },
      ];
    }
    const lines = header === undefined ? [] : contentTypeLines(header);
    const expected =
      documented === undefined
        ? 'application/json or a +json type (charset allowed)'
        : `${documented.mediaTypes.join(' or ')} as documented for ${documented.status} (charset allowed; +json types accepted)`;
    return [
      {
        check: 'content-type',
        severity: 'error',
        title: header === undefined ? 'The response has no Content-Type header' : lines.length > 1 && lines.some(isJsonMediaType) ? 'The response is labelled with several media types, not only JSON' : 'The response is not labelled as JSON',
        message: `Received: ${header === undefined ? 'no Content-Type header' : `Content-Type ${excerpt(header)}${lines.length > 1 ? ` (${lines.length} media types: the field sent more than once)` : ''}`} / Expected: ${expected}`,
        instancePath: '',
      },
    ];
  },
};
