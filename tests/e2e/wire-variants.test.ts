/**
 * Conformant servers that differ from the reference below the JSON: the same answers written in
 * bytes node:http never writes but HTTP allows, on every answer of a full run (writes and the
 * negative property included). Each must pass as the reference does: exit 0, nothing failed, no
 * warning. tests/support/conformant-servers.ts holds the choices a server makes in what it says;
 * these are choices in how it frames it (RFC 9110, RFC 9112).
 */
import { randomBytes } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startWireFront, type WireAnswer, type WireRequest, type WireWriter } from '../support/wire-front';

/** Whether the answer has no body on the wire (RFC 9112 §6.3): a HEAD's, a 204's, a 304's. */
const bodiless = (request: WireRequest, status: number): boolean => request.method === 'HEAD' || status === 204 || status === 304;

const statusLine = (version: string, status: number, reason: string): string => `${version} ${status} ${reason}\r\n`;

const head = (line: string, headers: readonly [string, string][]): Buffer => Buffer.from(`${line}${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`, 'latin1');

/** A body in chunks of 7 bytes, each with a chunk extension, then a trailer field (RFC 9112 §7.1.1, §7.1.2). */
function chunkedWithExtensions(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += 7) {
    const piece = body.subarray(at, at + 7);
    parts.push(Buffer.from(`${piece.length.toString(16).toUpperCase()};src="gw"\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\nServer-Timing: app;dur=1.5\r\n\r\n'));
  return Buffer.concat(parts);
}

/** Whether the request's Accept-Encoding lists `coding` (no q=0 in the suite's). */
const accepts = (request: WireRequest, coding: string): boolean => (request.headers['accept-encoding'] ?? '').split(',').some((item) => item.trim().split(';')[0]?.trim().toLowerCase() === coding);

/**
 * A gzip body streamed as it is made, each small flush its own chunk (a compression middleware
 * flushing per write): many chunks of a few bytes, every one a step of the decoder.
 */
function gzipFlushedInSmallChunks(body: Buffer): Buffer {
  const coded = gzipSync(body);
  const parts: Buffer[] = [];
  for (let at = 0; at < coded.length; at += 4) {
    const piece = coded.subarray(at, at + 4);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

const WRITERS: readonly { name: string; description: string; write: WireWriter; args?: readonly string[] }[] = [
  {
    name: 'http-1.1-written-otherwise',
    description:
      'header names in capitals (RFC 9110 §5.1: case-insensitive), reason phrases of its own or none (RFC 9112 §4: a client ignores it), a 103 Early Hints before every answer (RFC 9110 §15.2: a client parses 1xx it did not expect), bodies chunked with chunk extensions and a trailer field (RFC 9112 §7.1), Content-Type application/json;charset=UTF-8, and no Date (RFC 9110 §6.6.1: a server without a clock sends none)',
    write: (request, answer) => {
      const headers = answer.headers.filter(([name]) => name !== 'date').map(([name, value]) => [name.toUpperCase(), name === 'content-type' ? 'application/json;charset=UTF-8' : value] as [string, string]);
      const hints = head(statusLine('HTTP/1.1', 103, 'Early Hints'), [['LINK', '</docs>; rel=preload']]);
      const line = statusLine('HTTP/1.1', answer.status, request.nth % 2 === 0 ? '' : 'As You Like It');
      if (bodiless(request, answer.status)) return { bytes: Buffer.concat([hints, head(line, [...headers, ['CONTENT-LENGTH', answer.length]])]), close: false };
      return { bytes: Buffer.concat([hints, head(line, [...headers, ['TRANSFER-ENCODING', 'chunked'], ['TRAILER', 'Server-Timing']]), chunkedWithExtensions(answer.body)]), close: false };
    },
  },
  {
    name: 'compressed-twice-with-gateway-tokens',
    description:
      'every body coded gzip then br, as the suite accepts both (RFC 9110 §8.4: codings listed in the order applied), with Vary: Accept-Encoding; and the gateway\'s random tokens on every answer: a 32-hex-digit X-Request-Id, a base64url X-Correlation-Id, a trace id, a hex Server build, a bot-management cookie: none is a credential of the run',
    write: (request, answer) => {
      const coded = accepts(request, 'gzip') && accepts(request, 'br');
      const body = coded ? brotliCompressSync(gzipSync(answer.body)) : answer.body;
      const headers: [string, string][] = [
        ...answer.headers,
        ...(coded ? [['content-encoding', 'gzip, br'] as [string, string]] : []),
        ['vary', 'Accept-Encoding'],
        ['x-request-id', randomBytes(16).toString('hex')],
        ['x-correlation-id', randomBytes(24).toString('base64url')],
        ['x-amzn-trace-id', `Root=1-${randomBytes(4).toString('hex')}-${randomBytes(12).toString('hex')}`],
        ['server', `zavu-api/${randomBytes(20).toString('hex')}`],
        ['set-cookie', `__cf_bm=${randomBytes(32).toString('base64url')}; Path=/; HttpOnly; Secure; SameSite=None`],
        // A HEAD's would be its GET's coded length, which only coding the GET's body tells: left out (RFC 9110 §8.6 allows it).
        ...(request.method === 'HEAD' ? [] : [['content-length', String(body.length)] as [string, string]]),
      ];
      return { bytes: Buffer.concat([head(statusLine('HTTP/1.1', answer.status, 'OK'), headers), bodiless(request, answer.status) ? Buffer.alloc(0) : body]), close: false };
    },
  },
  {
    name: 'keep-alive-for-three-then-http-1.0',
    description:
      'each connection kept alive for three answers (Keep-Alive: max counting down), the third an HTTP/1.0 answer whose body ends when the connection closes (RFC 9112 §6.3: no Content-Length, no chunking), as an old proxy writes it',
    write: (request, answer: WireAnswer) => {
      const body = bodiless(request, answer.status) ? Buffer.alloc(0) : answer.body;
      if (request.nth >= 3) return { bytes: Buffer.concat([head(statusLine('HTTP/1.0', answer.status, 'OK'), answer.headers), body]), close: true };
      const headers: [string, string][] = [...answer.headers, ['Connection', 'keep-alive'], ['Keep-Alive', `timeout=5, max=${3 - request.nth}`], ['Content-Length', answer.length]];
      return { bytes: Buffer.concat([head(statusLine('HTTP/1.1', answer.status, 'OK'), headers), body]), close: false };
    },
  },
  {
    name: 'gzip-streamed-in-small-chunks-to-8-at-once',
    description:
      'every body the request accepts gzip for coded gzip and streamed chunked, four coded bytes a chunk, to a run at --concurrency 8: decoding outlasts the wire, so a socket is reused while its last answer is still being decoded',
    write: (request, answer) => {
      const headers: [string, string][] = [...answer.headers, ['Vary', 'Accept-Encoding']];
      if (bodiless(request, answer.status)) return { bytes: head(statusLine('HTTP/1.1', answer.status, 'OK'), [...headers, ['Content-Length', answer.length]]), close: false };
      const coded = accepts(request, 'gzip');
      const framing: [string, string][] = [...(coded ? [['Content-Encoding', 'gzip'] as [string, string]] : []), ['Transfer-Encoding', 'chunked']];
      return { bytes: Buffer.concat([head(statusLine('HTTP/1.1', answer.status, 'OK'), [...headers, ...framing]), coded ? gzipFlushedInSmallChunks(answer.body) : chunkedWithExtensions(answer.body)]), close: false };
    },
    args: ['--concurrency', '8'],
  },
];

describe.each(WRITERS.map((entry) => [entry.name, entry] as const))('a conformant server writing its answers %s', (_name, entry) => {
  test('passes: exit 0, nothing failed, no warning', async () => {
    const reference = await startReferenceServer();
    const front = await startWireFront(reference, entry.write);
    try {
      const run = await runConformanceCli(['--base-url', front.baseUrl, '--seed', '5', '--allow-writes', ...(entry.args ?? [])], serverEnv(reference));
      // Nothing on stderr: not even Node's own warnings (a listener leak), which a user reads as the suite's fault.
      expect(run.stderr).toBe('');
      const said = (run.report?.results ?? []).flatMap((r) => r.violations.map((v) => `${r.id} ${v.severity} ${v.check}: ${v.message.slice(0, 300)}`));
      expect(said).toEqual([]);
      expect(run.report?.summary).toMatchObject({ failed: 0, errors: 0, warnings: 0 });
      // Nor a warning of the run: framing HTTP allows is no unasked bytes (a close after an HTTP/1.0 answer included).
      expect(run.report?.runWarnings).toBeUndefined();
      expect(run.code).toBe(0);
      // Every answer of the run went through the front: the variant was what the suite judged.
      expect(front.requests()).toBeGreaterThan(500);
    } finally {
      await front.close();
      await reference.close();
    }
  }, 60_000);
});
