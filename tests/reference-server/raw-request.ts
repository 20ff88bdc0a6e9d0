/** Test helper: one HTTP request with exactly the given path and headers (no URL normalisation). */
import { request } from 'node:http';

/** What came back, header names lower-case. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends `method path` to baseUrl; `authorization` undefined means no Authorization header. A
 * `body` is sent as JSON (no operation takes one; servers must ignore it).
 */
export function rawRequest(baseUrl: string, path: string, authorization?: string, method = 'GET', body?: string): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    // agent: false → a fresh connection closed after the response, so servers stop promptly.
    const outgoing = request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
