/**
 * An answer node:http's HTTP/1.1 parser refused, told from bytes that were never HTTP. The parser
 * (Node 20's llhttp) is strict, and refuses some forms RFC 9112 allows: a tab after the value of
 * Content-Length (§5: trailing OWS; nodejs/node#62192). A target that sends it answered all the
 * same, and the run's words must not ask whether an HTTP server listens there, nor call the bytes
 * a breach of the contract. The suite keeps the strict parser (not `insecureHTTPParser`, which
 * would let framing faults through too), so such an answer stays unread, named for what it is.
 */

/** The words a refused answer's transport error carries after the parser's code: the guard reads them back (target-guard.ts). */
export const PARSER_REFUSED = "the target answered, but node:http's HTTP/1.1 parser refused its answer's bytes";

/** How the bytes of an HTTP/1.x answer begin (RFC 9112 §4: the status line's HTTP-version). */
const HTTP_START = /^HTTP\/\d/;

/**
 * A Content-Length field line as RFC 9112 allows it: its value's digits, then the whitespace after
 * them (refused by Node 20 when a tab is in it). Digits and whitespace are apart, so it is linear.
 */
const LENGTH_LINE = /^content-length:[ \t]*\d+([ \t]*)\r?$/i;

/**
 * The line of the chunk the parser stopped in (`bytesParsed`: where it refused), without its LF,
 * or '' when that is not known or the line is not whole in the chunk. That line, not any other:
 * a letter in one Content-Length with a tab after another's value is refused for the letter.
 */
function refusedLine(packet: Buffer, at: unknown): string {
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= packet.length) return '';
  const end = packet.indexOf(0x0a, at);
  return end < 0 ? '' : packet.toString('latin1', packet.lastIndexOf(0x0a, at) + 1, end);
}

/** Node's reason, one bounded line of its own words: never the target's bytes. */
function reasonOf(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim() : '';
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/**
 * The transport error's message for a parse error (`HPE_*`) on bytes that began as an HTTP/1.x
 * answer (`head`: the first bytes the request got back, latin1), or undefined for bytes that never
 * were one (an SSH banner, a TLS record: then the parser's own error is the message). Names the
 * parser's code and reason, not the target's bytes; says when the refused form is one RFC 9112 allows.
 */
export function parserRefusal(error: { code?: unknown; reason?: unknown; rawPacket?: unknown; bytesParsed?: unknown }, head: string): string | undefined {
  if (typeof error.code !== 'string' || !/^HPE_[A-Z_]{1,60}$/.test(error.code) || !HTTP_START.test(head)) return undefined;
  const reason = reasonOf(error.reason);
  const refused = `${error.code}: ${PARSER_REFUSED}${reason === '' ? '' : ` (${reason})`}`;
  const line = Buffer.isBuffer(error.rawPacket) ? refusedLine(error.rawPacket, error.bytesParsed) : '';
  if (error.code === 'HPE_INVALID_CONTENT_LENGTH' && LENGTH_LINE.exec(line)?.[1]?.includes('\t') === true) {
    return `${refused}: a tab after the value of Content-Length, which RFC 9112 §5 allows (trailing whitespace) and Node 20's parser refuses (nodejs/node#62192): not a breach of the contract, but no answer the suite can read`;
  }
  return refused;
}

/**
 * What a run says of an answer whose Transfer-Encoding ends "chunked" then a tab. RFC 9112 §5 allows
 * the trailing whitespace; Node 20's parser neither refuses it nor reads it as chunked: it takes the
 * body to the connection's close, chunk sizes and all (judged so, a right answer failed as "not
 * valid JSON"), or, on a kept-alive connection, waits for a close that never comes (a "timeout").
 */
export const TAB_AFTER_CHUNKED =
  "the target answered, but node:http's HTTP/1.1 parser does not read its answer's framing: a tab after the value of Transfer-Encoding (chunked), which RFC 9112 §5 allows (trailing whitespace) and Node 20's parser reads as no chunking, the body running to the connection's close: not a breach of the contract, but no answer the suite can read";

/**
 * The same for an empty list element after "chunked" ("chunked," or a second field line of ","):
 * RFC 9110 §5.6.1 says a sender must not generate one but a recipient must accept and ignore it,
 * so the answer is chunked; Node 20's parser reads it as no chunking, with the same effects.
 */
export const EMPTY_ELEMENT_AFTER_CHUNKED =
  "the target answered, but node:http's HTTP/1.1 parser does not read its answer's framing: an empty list element after the value of Transfer-Encoding (chunked,), which RFC 9110 §5.6.1 says a recipient must accept and ignore and Node 20's parser reads as no chunking, the body running to the connection's close: not a breach of the contract, but no answer the suite can read";

/** How the guard names each among the run's first answers (target-guard.ts). */
const MISREAD_SHORT: Readonly<Record<string, string>> = {
  [TAB_AFTER_CHUNKED]: 'a tab after Transfer-Encoding: chunked, read by Node 20 as no chunking',
  [EMPTY_ELEMENT_AFTER_CHUNKED]: 'an empty list element after Transfer-Encoding: chunked, read by Node 20 as no chunking',
};

/** A status line: a 1xx one starts a head that an answer's head follows. */
const STATUS_LINE = /^HTTP\/\d(?:\.\d)? (\d{3})/;

/**
 * The field lines of the answer's own head in `text` (the bytes an answer began with, latin1):
 * the first head whose status is not 1xx, once whole; 1xx heads before it and the body after it
 * are not read. Undefined while that head is not whole.
 */
function answerFieldLines(text: string): string[] | undefined {
  let fields: string[] | undefined;
  let informational = false;
  // The piece after the last LF is no whole line yet.
  for (const raw of text.split('\n').slice(0, -1)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (fields === undefined) {
      const status = STATUS_LINE.exec(line);
      if (status === null) continue;
      fields = [];
      informational = status[1]?.startsWith('1') === true;
    } else if (line !== '') fields.push(line);
    else if (informational) fields = undefined;
    else return fields;
  }
  return undefined;
}

/** OWS (RFC 9110 §5.6.3): a space or a tab. */
function ows(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/**
 * `text` without the OWS around it: spaces and tabs only, as RFC 9110 and Node's parser both trim.
 * Not String.trim, which also strips a no-break space (0xA0 in latin1) that neither reads as OWS,
 * so "chunked\xa0" would pass for the chunked coding. Walked by index: no regular expression on
 * the target's line.
 */
function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && ows(text[start])) start += 1;
  while (end > start && ows(text[end - 1])) end -= 1;
  return text.slice(start, end);
}

/**
 * Whether Node 20's parser frames the body as chunked by these Transfer-Encoding values, field line
 * by field line as it reads them: a line of whitespace only changes nothing; any other sets it to
 * whether the value, spaces (not tabs) after it dropped, ends in "chunked" as the list's element.
 * Checked against node:http on every list of up to four of chunked, gzip, ",", " " and tab.
 */
function nodeReadsChunked(values: readonly string[]): boolean {
  let chunked = false;
  for (const value of values) {
    if (trimOws(value) === '') continue;
    let end = value.length;
    while (end > 0 && value[end - 1] === ' ') end -= 1;
    const start = end - 'chunked'.length;
    let before = start - 1;
    while (before >= 0 && ows(value[before])) before -= 1;
    chunked = start >= 0 && value.slice(start, end).toLowerCase() === 'chunked' && (before < 0 || value[before] === ',');
  }
  return chunked;
}

/**
 * Whether the answer's head (`text`: its bytes, 1xx heads before it, latin1) frames its body as
 * chunked (RFC 9112 §6.3: the last coding of its Transfer-Encoding list, every field line's
 * elements in order, empty ones ignored) in a form Node 20's parser reads as no chunking: 'tab' for
 * whitespace with a tab after "chunked" (a space there, or a tab before the value, it reads),
 * 'empty-element' for a comma after it; undefined when the two agree.
 */
export function chunkedMisread(text: string): 'tab' | 'empty-element' | undefined {
  const values = answerFieldLines(text)
    ?.filter((line) => /^transfer-encoding:/i.test(line))
    .map((line) => line.slice('transfer-encoding:'.length));
  if (values === undefined || values.length === 0) return undefined;
  const list = values.join(',');
  const elements = list.split(',').map(trimOws).filter((element) => element !== '');
  if (elements.at(-1)?.toLowerCase() !== 'chunked' || nodeReadsChunked(values)) return undefined;
  // What follows the last "chunked" in the lines Node reads: a comma there is an empty element, else
  // the tab in its whitespace. A line of whitespace only is left out, as Node skips it: joined in, it
  // would put a comma after a tab that alone is the form Node misreads.
  const read = values.filter((value) => trimOws(value) !== '').join(',');
  return read.slice(read.toLowerCase().lastIndexOf('chunked')).includes(',') ? 'empty-element' : 'tab';
}

/** The run's words for an answer chunkedMisread names. */
export function misreadFraming(form: 'tab' | 'empty-element'): string {
  return form === 'tab' ? TAB_AFTER_CHUNKED : EMPTY_ELEMENT_AFTER_CHUNKED;
}

/** The parser's code and reason from a refused answer's message (parserRefusal's), or undefined for any other message. */
export function refusalOfMessage(message: string): string | undefined {
  const misread = MISREAD_SHORT[message];
  if (misread !== undefined) return misread;
  const at = message.indexOf(`: ${PARSER_REFUSED}`);
  if (at < 0 || !/^HPE_[A-Z_]+$/.test(message.slice(0, at))) return undefined;
  const reason = /^ \(([^)]*)\)/.exec(message.slice(at + PARSER_REFUSED.length + 2))?.[1];
  return reason === undefined ? message.slice(0, at) : `${message.slice(0, at)}: ${reason}`;
}
