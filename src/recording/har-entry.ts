/** One exchange as one HAR 1.2 entry, and back. Everything written goes through the scrubber. */
import { isUtf8 } from 'node:buffer';
import { STATUS_CODES } from 'node:http';
import type { Entry, Header, Response } from 'har-format';
import type { AuthVariant, Exchange, HttpResponse } from '../model';
import { addHeader } from '../model/http';
import { HTTP_METHODS, type HttpMethod } from '../model/operation';
import type { Scrubber } from './scrub';
import { readEntryFields, type ZavuEntry, type ZavuEntryFields } from './zavu-fields';

/** What a HAR entry says about the case beyond HTTP. */
export interface EntryMeta {
  caseId: string;
  scenario: string;
  authVariant: AuthVariant;
  /** PlannedCase.boundAs of the case, when it has one. */
  boundAs?: Record<string, string>;
}

/** An entry read back: the case it answers and the exchange as recorded (secrets stay redacted). */
export interface RecordedExchange extends EntryMeta {
  exchange: Exchange;
}

/** What a recording keeps of a body cut off at the size bound: no check reads it, so a glimpse is enough. */
const TRUNCATED_BODY_CHARS = 4096;

function harResponse(response: HttpResponse, scrubber: Scrubber): Response {
  // The glimpse's cut is not marked: the head of a key it may end in goes before the rest is scrubbed.
  const text = scrubber.body(response.truncated ? scrubber.cutEnd(response.bodyText.slice(0, TRUNCATED_BODY_CHARS)) : response.bodyText);
  return {
    status: response.status,
    statusText: STATUS_CODES[response.status] ?? '',
    // The live transport does not report the protocol version; HTTP/1.1 is what it speaks.
    httpVersion: 'HTTP/1.1',
    headers: scrubber.headers(response.headers),
    cookies: [],
    content: { size: Buffer.byteLength(text), mimeType: response.headers['content-type'] ?? '', text },
    redirectURL: scrubber.url(response.headers['location'] ?? ''),
    headersSize: -1,
    // -1 = unknown: the transport sees the body after content-encoding is undone, not the bytes received.
    bodySize: -1,
  };
}

/** What browsers write for a request that got no response: status 0 and nothing else. */
const noResponse: Response = {
  status: 0,
  statusText: '',
  httpVersion: '',
  headers: [],
  cookies: [],
  content: { size: 0, mimeType: '' },
  redirectURL: '',
  headersSize: -1,
  bodySize: -1,
};

/** The scrubbed HAR entry of one exchange. */
export function toHarEntry(exchange: Exchange, meta: EntryMeta, scrubber: Scrubber): ZavuEntry {
  const { request } = exchange;
  const zavu: ZavuEntryFields = { caseId: meta.caseId, scenario: meta.scenario, authVariant: meta.authVariant, path: scrubber.url(request.path) };
  // Which sender a firstOf role took: a replay judges a credential row by that sender's own status.
  if (meta.boundAs !== undefined && Object.keys(meta.boundAs).length > 0) zavu.boundAs = { ...meta.boundAs };
  // The head's status of a timeout after it: a replay's case line says what came, as the live run's did.
  if (exchange.error) zavu.error = { kind: exchange.error.kind, message: scrubber.text(exchange.error.message), ...(exchange.error.headStatus !== undefined ? { headStatus: exchange.error.headStatus } : {}) };
  // Held back, not failed: a replay says "not sent" and why, as the live run did, rather than judge a transport error.
  if (exchange.notSent === true) zavu.notSent = true;
  if (exchange.retries) zavu.retries = exchange.retries.map((r) => ({ status: r.status, waitedMs: r.waitedMs, ...(r.retryAfter !== undefined ? { retryAfter: r.retryAfter } : {}), ...(r.stopped === true ? { stopped: true as const } : {}) }));
  // Why a recorded 429 was final: a replay says the same, and keeps the budget warning.
  if (exchange.rateLimitBudgetSpent === true) zavu.rateLimitBudgetSpent = true;
  if (exchange.response?.truncated) zavu.truncated = { ...exchange.response.truncated };
  if (exchange.response?.notUtf8) zavu.notUtf8 = true;
  // That the answer came only on a fresh connection: a replay warns of it as the live run did.
  if (exchange.keepAliveIgnored !== undefined) zavu.keepAliveIgnored = { ...exchange.keepAliveIgnored };
  return {
    startedDateTime: exchange.startedAt,
    time: exchange.durationMs,
    request: {
      method: request.method,
      url: scrubber.url(request.url),
      httpVersion: 'HTTP/1.1',
      headers: scrubber.headers(request.headers),
      queryString: scrubber.queryString(request.url),
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: exchange.response ? harResponse(exchange.response, scrubber) : noResponse,
    cache: {},
    timings: { send: 0, wait: exchange.durationMs, receive: 0 },
    _zavu: zavu,
  };
}

/** HAR headers as the model keeps them: lower-case names, repeated headers joined with ", ". */
function headerRecord(headers: readonly Header[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const { name, value } of headers) addHeader(record, name, value);
  return record;
}

/** Longer than any content-coding or transfer encoding name (`x-compress`, `base64`). */
const MAX_NAMED_ENCODING_CHARS = 64;

/** The body as an entry stores it: its text, and whether the bytes it was decoded from were UTF-8. */
interface ContentBody {
  text: string;
  /** The stored bytes were not UTF-8 (base64 only: text stored as is was UTF-8 when the file was read). */
  notUtf8?: true;
}

/**
 * The body text; other tools may store it base64-encoded, which HAR 1.2 allows. Text that is not
 * base64 is a damaged recording, not an answer of the target: Buffer.from would skip the bad
 * characters and hand the checks bytes the target never sent. Decoded bytes that are not UTF-8 are
 * said so, as the transport says it of bytes received: U+FFFD alone would hide json-body's finding.
 * Any other encoding is one a replay cannot undo, and judging its text as the body would blame the
 * target for the recording's form.
 */
function contentBody(response: Response): ContentBody {
  const { text = '', encoding } = response.content;
  // HAR 1.2: leave out encoding for text stored as is; some tools write it empty.
  if (encoding === undefined || encoding === '') return { text };
  if (encoding !== 'base64') {
    // Named whole only when short: the line's own bound would otherwise cut off what it says after the value.
    const named = encoding.length > MAX_NAMED_ENCODING_CHARS ? `${encoding.length} characters long` : JSON.stringify(encoding);
    throw new Error(`response.content.encoding is ${named}: a replay can read only a body stored as text or as base64 (HAR 1.2); not a recording this suite wrote`);
  }
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) {
    throw new Error('response.content.text is marked base64 but is not base64: the recording is damaged (record again)');
  }
  const bytes = Buffer.from(compact, 'base64');
  return { text: bytes.toString('utf8'), ...(isUtf8(bytes) ? {} : { notUtf8: true as const }) };
}

/**
 * The exchange an entry records. Status 0 without `_zavu.error` means the run got neither a
 * response nor an error, and comes back as such.
 *
 * @throws Error naming what is wrong when the entry has no valid `_zavu` fields.
 */
export function fromHarEntry(entry: Entry): RecordedExchange {
  const fields = readEntryFields(entry['_zavu']);
  if (typeof fields === 'string') throw new Error(fields);
  // Only the methods an operation can have were sent by this suite.
  const method = entry.request.method as HttpMethod;
  if (!HTTP_METHODS.includes(method)) throw new Error(`request.method is ${JSON.stringify(entry.request.method)}, expected one of ${HTTP_METHODS.join(', ')}`);
  // HAR's schema takes any number; an HTTP answer this suite recorded is 0 (none) or a status code, and took no negative time.
  const status = entry.response.status;
  if (!Number.isInteger(status) || (status !== 0 && (status < 100 || status > 999))) throw new Error(`response.status is ${JSON.stringify(status)}, expected 0 (no answer) or an HTTP status code`);
  if (!Number.isFinite(entry.time) || entry.time < 0) throw new Error(`time is ${JSON.stringify(entry.time)}, expected the exchange's duration in milliseconds (0 or more)`);
  const exchange: Exchange = {
    id: fields.caseId,
    request: {
      method,
      url: entry.request.url,
      path: fields.path,
      headers: headerRecord(entry.request.headers),
      authVariant: fields.authVariant,
    },
    startedAt: entry.startedDateTime,
    durationMs: entry.time,
  };
  if (fields.retries) exchange.retries = fields.retries;
  if (fields.rateLimitBudgetSpent === true) exchange.rateLimitBudgetSpent = true;
  if (fields.keepAliveIgnored !== undefined) exchange.keepAliveIgnored = fields.keepAliveIgnored;
  if (fields.notSent === true) {
    // A request never sent got no answer: an answer beside the mark is a hand edit, which a replay must not judge.
    if (status !== 0) throw new Error(`response.status is ${status}, but _zavu.notSent says the request was never sent (expected 0)`);
    exchange.notSent = true;
  }
  if (fields.error) exchange.error = fields.error;
  else if (entry.response.status !== 0) {
    const body = contentBody(entry.response);
    // As the transport: a body cut at the size bound is not told UTF-8 or not.
    const notUtf8 = fields.notUtf8 === true || (body.notUtf8 === true && fields.truncated === undefined);
    exchange.response = { status: entry.response.status, headers: headerRecord(entry.response.headers), bodyText: body.text, ...(fields.truncated ? { truncated: fields.truncated } : {}), ...(notUtf8 ? { notUtf8: true } : {}) };
  }
  return { caseId: fields.caseId, scenario: fields.scenario, authVariant: fields.authVariant, ...(fields.boundAs !== undefined ? { boundAs: fields.boundAs } : {}), exchange };
}
