/**
 * The live transport: PactumJS moves the bytes. Redirects are not followed (a 3xx is a finding,
 * not something to hide), compressed bodies are decoded here, and every request has a hard deadline:
 * centra's own timeout only fires on an idle socket, so a server that trickles bytes is cut off
 * by racing a timer. (pactum deep-clones `core` options, so an AbortSignal cannot be passed down.)
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { settings, spec } from 'pactum';
import type { Exchange, HttpRequest, HttpResponse } from '../model';
import { classifyError } from './classify-error';
import type { Transport } from './transport';

settings.setLogLevel('SILENT');

interface PactumResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  text?: string;
  /** The body bytes as received, before any content-coding is undone. */
  buffer?: Buffer;
}

function flattenHeaders(raw: PactumResponse['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Content-codings are case-insensitive (RFC 9110 §8.4.1); "deflate" is zlib-wrapped, though some servers send it raw. */
const decoders: Record<string, (body: Buffer) => Buffer> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  br: brotliDecompressSync,
  deflate: (body) => {
    try {
      return inflateSync(body);
    } catch {
      return inflateRawSync(body);
    }
  },
};

/** Undoes the codings in reverse order of application; an unknown coding leaves the bytes as received. */
function decodeBody(body: Buffer, contentEncoding: string | undefined): Buffer {
  const codings = (contentEncoding ?? '').split(',').map((coding) => coding.trim().toLowerCase()).filter((coding) => coding !== '' && coding !== 'identity');
  let decoded = body;
  for (const coding of codings.reverse()) {
    const decode = decoders[coding];
    // An empty body (204, HEAD) carries the header but nothing to decode.
    if (decode === undefined || decoded.length === 0) return decoded;
    try {
      decoded = decode(decoded);
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      throw Object.assign(new Error(`the ${coding} body cannot be decoded (${message ?? 'corrupt data'})`), { code });
    }
  }
  return decoded;
}

function toHttpResponse(res: PactumResponse): HttpResponse {
  const headers = flattenHeaders(res.headers);
  const bodyText = res.buffer === undefined ? (res.text ?? '') : decodeBody(res.buffer, headers['content-encoding']).toString('utf8');
  return { status: res.statusCode, headers, bodyText };
}

/**
 * Origin and path of the URL exactly as written. pactum and centra parse the URL with WHATWG
 * rules, which resolve "..", turn "\" into "/", drop "#…" and throw on a lone "%" (pactum
 * decodeURIs the path); a negative input must reach the target byte for byte, so the path is
 * handed to node:http directly. Only bytes node:http refuses in a request line are escaped.
 */
function splitUrl(url: string): { origin: string; path: string } {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#\\]*)(.*)$/is.exec(url);
  const origin = match?.[1] ?? url;
  const rest = match?.[2] ?? '';
  const path = rest.replace(/[^\x21-\x7e]/gu, (char) => [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
  return { origin, path: path.startsWith('/') ? path : `/${path}` };
}

/** The codings decodeBody undoes. Advertised by hand: centra's own decoding is case-sensitive and hides a cut-short body behind a timeout. */
const ACCEPTED_CODINGS = 'gzip, deflate, br';

/** pactum's builder for the method (a POST here carries no body: the operations take none). */
function byMethod(method: HttpRequest['method']): (url: string) => ReturnType<typeof spec> {
  const s = spec();
  const builders = { GET: s.get, HEAD: s.head, POST: s.post, PUT: s.put, PATCH: s.patch, DELETE: s.delete, OPTIONS: s.options };
  return builders[method].bind(s);
}

export class PactumTransport implements Transport {
  constructor(private readonly timeoutMs: number) {}

  async send(request: HttpRequest, exchangeId: string): Promise<Exchange> {
    const startedAt = new Date();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), this.timeoutMs);
    });
    try {
      const { origin, path } = splitUrl(request.url);
      const headers = { 'accept-encoding': ACCEPTED_CODINGS, ...request.headers };
      const sent = byMethod(request.method)(`${origin}/`).withCore({ path }).withHeaders(headers).withRequestTimeout(this.timeoutMs).toss() as Promise<PactumResponse>;
      sent.catch(() => undefined); // a request that loses the race may still fail later
      const res = await Promise.race([sent, deadline]);
      if (res === 'deadline') throw Object.assign(new Error('deadline'), { code: 'ETIMEDOUT' });
      // pactum recognises network errors with `instanceof Error`, which fails across Jest's vm realm,
      // so inside Jest a refused connection "resolves" as the error object itself.
      if (typeof res.statusCode !== 'number') throw res;
      return { id: exchangeId, request, response: toHttpResponse(res), startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime() };
    } catch (error) {
      return { id: exchangeId, request, error: classifyError(error, this.timeoutMs), startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime() };
    } finally {
      clearTimeout(timer);
    }
  }
}
