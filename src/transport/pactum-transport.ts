/**
 * The live transport: PactumJS moves the bytes. Redirects are not followed (a 3xx is a finding,
 * not something to hide), compressed bodies are decoded, and every request has a hard deadline:
 * centra's own timeout only fires on an idle socket, so a server that trickles bytes is cut off
 * by racing a timer. (pactum deep-clones `core` options, so an AbortSignal cannot be passed down.)
 */
import { settings, spec } from 'pactum';
import type { Exchange, HttpRequest, HttpResponse } from '../model';
import { classifyError } from './classify-error';
import type { Transport } from './transport';

settings.setLogLevel('SILENT');

interface PactumResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  text?: string;
}

function flattenHeaders(raw: PactumResponse['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function toHttpResponse(res: PactumResponse): HttpResponse {
  return { status: res.statusCode, headers: flattenHeaders(res.headers), bodyText: res.text ?? '' };
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
      const sent = spec().get(request.url).withHeaders(request.headers).withRequestTimeout(this.timeoutMs).withCompression().toss() as Promise<PactumResponse>;
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
