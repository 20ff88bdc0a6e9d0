/**
 * What a test hands a matcher, as the suite's HttpResponse: a plain `{ status, headers, body }`
 * (body parsed or text), axios' `{ status, headers, data }`, pactum's `{ statusCode, headers, body, buffer }`,
 * got's `{ statusCode, headers, body }`, supertest's `{ status, headers, body, text }`, and the
 * official SDK's thrown `APIError` (`{ status, headers, error }`); an error axios or got throws is
 * judged by its `response`. Headers may be a plain object, a fetch `Headers`, axios' `AxiosHeaders`
 * or `[name, value]` pairs.
 */
import type { HttpResponse } from '../model';
import { addHeader } from '../model/http';
import { excerpt } from '../text/plain-text';
import { shownKeys, shownValue } from './shown-value';

export type ReceivedResponse = { ok: true; response: HttpResponse } | { ok: false; problem: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A fetch Response still holds its body in a stream: a matcher cannot read it synchronously. */
function isFetchResponse(value: Record<string, unknown>): boolean {
  return typeof value['bodyUsed'] === 'boolean' && typeof value['json'] === 'function' && typeof value['arrayBuffer'] === 'function';
}

/**
 * `@zavudev/sdk`'s `.withResponse()` result: `{ data, response }`, the parsed body beside a fetch
 * Response whose body the SDK has read. It has no status of its own: the Response has.
 */
function isWithResponse(value: Record<string, unknown>): boolean {
  const response = value['response'];
  return 'data' in value && isRecord(response) && typeof response['status'] === 'number' && typeof response['bodyUsed'] === 'boolean' && !('status' in value) && !('statusCode' in value);
}

/** Lower-case names, repeated values joined with ", ", as the transport records them. */
export function headersOf(raw: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  // A Map's forEach gives its keys as they are (a number, a symbol): a name that is no string is no header.
  const add = (name: unknown, value: unknown): void => {
    if (typeof name !== 'string' || value === undefined || value === null || typeof value === 'function') return;
    const text = Array.isArray(value) ? value.map(String).join(', ') : String(value);
    addHeader(headers, name, text);
  };
  if (!isRecord(raw)) return headers;
  if (Array.isArray(raw)) {
    // [name, value] pairs, as fetch's HeadersInit takes them; as a plain object they would be headers named 0, 1, ….
    for (const pair of raw) if (Array.isArray(pair) && pair.length === 2) add(pair[0], pair[1]);
    return headers;
  }
  if (typeof raw['forEach'] === 'function') {
    // fetch Headers (and the SDK's), a Map: forEach(value, name).
    (raw as unknown as { forEach(callback: (value: unknown, name: unknown) => void): void }).forEach((value, name) => add(name, value));
    return headers;
  }
  const plain = typeof raw['toJSON'] === 'function' ? (raw as { toJSON(): unknown }).toJSON() : raw;
  if (isRecord(plain)) for (const [name, value] of Object.entries(plain)) add(name, value);
  return headers;
}

/** The body as the text that came over the wire (or the JSON text of what a client parsed). */
export function bodyTextOf(body: unknown): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return JSON.stringify(body) ?? '';
}

function bodyOf(received: Record<string, unknown>): unknown {
  // pactum keeps the bytes it received in `buffer` and parses `body`: a JSON string body such as
  // "ok" would come back unquoted from `body`, so the bytes are what is judged.
  if (Buffer.isBuffer(received['buffer'])) return received['buffer'];
  // supertest (superagent) parses `body` only for the types it knows, `{}` for any other, and keeps
  // the text it received in `text`: a text/html 500 must be judged as the HTML it was.
  if (typeof received['text'] === 'string' && 'body' in received) return received['text'];
  if ('body' in received) return received['body'];
  if ('data' in received) return received['data'];
  // The SDK's APIError keeps the parsed error body in `error`.
  if (received instanceof Error && 'error' in received) return received['error'];
  return undefined;
}

export function toHttpResponse(given: unknown): ReceivedResponse {
  // axios and got throw an Error whose `response` is the answer (`{ status, headers, data }`, `{ statusCode, headers, body }`): judge that.
  const response = given instanceof Error ? (given as unknown as Record<string, unknown>)['response'] : undefined;
  const received = isRecord(response) && (typeof response['status'] === 'number' || typeof response['statusCode'] === 'number') ? response : given;
  if (!isRecord(received)) return { ok: false, problem: `expected a response object, received ${shownValue(received)}` };
  if (typeof received['then'] === 'function') {
    return { ok: false, problem: 'received a Promise, not a response: await it first (expect(await client.call()), or await expect(promise).resolves / .rejects)' };
  }
  if (isFetchResponse(received)) {
    // Read already, a second res.json() would throw "Body is unusable": the test has the body in hand.
    if (received['bodyUsed'] === true) {
      return { ok: false, problem: 'received a fetch Response whose body was already read (res.bodyUsed): pass the body you read, { status: res.status, headers: res.headers, body }' };
    }
    return { ok: false, problem: 'received a fetch Response whose body has not been read: pass { status: res.status, headers: res.headers, body: await res.json() }' };
  }
  if (isWithResponse(received)) {
    // Not judged as it is: `data` is what the SDK made of the body (null for a 204, text for a body
    // it did not take for JSON), so the test says which body it means, as for a fetch Response.
    return { ok: false, problem: `received an object with keys ${shownKeys(Object.keys(received))}, the official SDK's .withResponse(): pass { status: response.status, headers: response.headers, body: data }` };
  }
  const status = typeof received['status'] === 'number' ? received['status'] : received['statusCode'];
  const asText = [received['status'], received['statusCode']].find((value) => typeof value === 'string');
  if (status === undefined && asText !== undefined) return { ok: false, problem: `received the HTTP status as text (${shownValue(asText)}): it must be a number` };
  if (typeof status !== 'number' || !Number.isInteger(status)) {
    // The SDK's classes keep the name "Error"; their constructor says which one it is. An error from
    // another realm (fetch's TypeError, made by Node outside Jest's sandbox) is no instanceof Error
    // here: its tag says what it is. A connection failure's cause (ECONNREFUSED) is named too.
    const isError = received instanceof Error || Object.prototype.toString.call(received) === '[object Error]';
    const cause = isError && isRecord(received['cause']) && typeof received['cause']['code'] === 'string' ? ` (${excerpt(received['cause']['code'])}: no answer, a connection failure)` : '';
    // Bounded and escaped: the keys may be a parsed body's, the message may quote what the target sent.
    const what = isError ? `${excerpt(`${received.constructor.name}: ${String(received['message'])}`)}${cause}` : `an object with keys ${shownKeys(Object.keys(received))}`;
    return { ok: false, problem: `received no HTTP status (${what})` };
  }
  let bodyText: string;
  try {
    bodyText = bodyTextOf(bodyOf(received));
  } catch (error) {
    // JSON.stringify of a parsed body: a circular structure or a BigInt is no body a server sent.
    return { ok: false, problem: `received a body that is not JSON data (${excerpt(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error))}): pass the body as the client parsed it` };
  }
  return { ok: true, response: { status, headers: headersOf(received['headers']), bodyText } };
}
