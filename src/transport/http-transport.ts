/**
 * The live transport: node:http and node:https move the bytes, with every bound a hostile target
 * could push against held here. One connection per exchange (no pooled socket carries one
 * exchange's leftovers into the next); redirects are not followed (a 3xx is a finding, not something
 * to hide); content-codings are decoded here, streaming, within --max-body-bytes; response headers
 * are bounded in bytes and count; and every request has a hard deadline that destroys its socket,
 * so a request that loses the race stops reading instead of going on in the background.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Exchange, HttpRequest, HttpResponse } from '../model';
import { DEFAULT_MAX_BODY_BYTES } from '../model/http';
import { classifyError } from './classify-error';
import { ACCEPTED_CODINGS } from './content-codings';
import { readBody } from './read-body';
import type { Transport } from './transport';

/** Response head bound (status line and headers): four times Node's default, as generous as curl's 100 KB. */
export const MAX_HEADER_BYTES = 64 * 1024;
/** More headers than this is a flood, not an API response (real ones have a few dozen). */
export const MAX_HEADER_COUNT = 1000;

/** A bound the response crossed before its body: reported as it is, not through classifyError's guesses. */
class HeadTooLarge extends Error {}

/**
 * Origin and path of the URL exactly as written. WHATWG URL parsing resolves "..", turns "\" into
 * "/", drops "#…" and throws on a lone "%"; a negative input must reach the target byte for byte,
 * so the path is handed to node:http as written. Only bytes node:http refuses in a request line
 * are escaped.
 */
function splitUrl(url: string): { origin: string; path: string } {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#\\]*)(.*)$/is.exec(url);
  const origin = match?.[1] ?? url;
  const rest = match?.[2] ?? '';
  const path = rest.replace(/[^\x21-\x7e]/gu, (char) => [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
  return { origin, path: path.startsWith('/') ? path : `/${path}` };
}

/** Lower-case names, repeated headers joined with ", " — from the raw list, so no repeat is dropped. */
function headersOf(res: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase();
    const value = raw[i + 1] ?? '';
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}

function open(request: HttpRequest): ClientRequest {
  const { origin, path } = splitUrl(request.url);
  const url = new URL(origin);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const req = send({
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    ...(url.port !== '' ? { port: Number(url.port) } : {}),
    path,
    method: request.method,
    headers: { 'accept-encoding': ACCEPTED_CODINGS, ...request.headers },
    agent: false,
    maxHeaderSize: MAX_HEADER_BYTES,
  });
  // One over the bound, so a flood is seen rather than silently cut to the first N.
  req.maxHeadersCount = MAX_HEADER_COUNT + 1;
  return req;
}

export class HttpTransport implements Transport {
  constructor(
    private readonly timeoutMs: number,
    private readonly maxBodyBytes: number = DEFAULT_MAX_BODY_BYTES,
  ) {}

  async send(request: HttpRequest, exchangeId: string): Promise<Exchange> {
    const startedAt = new Date();
    const done = { id: exchangeId, request, startedAt: startedAt.toISOString() };
    try {
      const response = await this.exchange(request);
      return { ...done, response, durationMs: Date.now() - startedAt.getTime() };
    } catch (error) {
      const failure = error instanceof HeadTooLarge ? { kind: 'other' as const, message: error.message } : classifyError(error, this.timeoutMs);
      return { ...done, error: failure, durationMs: Date.now() - startedAt.getTime() };
    }
  }

  private exchange(request: HttpRequest): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const req = open(request);
      let settled = false;
      /** The first outcome wins; whatever follows (the socket's own errors once destroyed) is ignored. */
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
        req.destroy();
      };
      const timer = setTimeout(() => settle(() => reject(Object.assign(new Error('deadline'), { code: 'ETIMEDOUT' }))), this.timeoutMs);
      req.on('error', (error: Error & { code?: string }) => {
        const head = error.code === 'HPE_HEADER_OVERFLOW' ? new HeadTooLarge(`response headers exceed ${MAX_HEADER_BYTES} bytes`) : error;
        settle(() => reject(head));
      });
      req.on('response', (res) => {
        if (res.rawHeaders.length / 2 > MAX_HEADER_COUNT) {
          settle(() => reject(new HeadTooLarge(`the response has more than ${MAX_HEADER_COUNT} headers`)));
          return;
        }
        const headers = headersOf(res);
        readBody(res, headers['content-encoding'], this.maxBodyBytes).then(
          ({ body, truncated }) => settle(() => resolve({ status: res.statusCode ?? 0, headers, bodyText: body.toString('utf8'), ...(truncated ? { truncated } : {}) })),
          (error: unknown) => settle(() => reject(error)),
        );
      });
      req.end();
    });
  }
}
