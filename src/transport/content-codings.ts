/**
 * Streaming decoders of the content-codings the live transport advertises. Streaming, so that a
 * body is decoded as it arrives and reading stops as soon as the decoded size crosses the bound:
 * a 1 MiB gzip bomb never gets to inflate into the gigabyte it holds.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

import { isDecodedCoding, type DecodedCoding } from '../model/http';

/** The codings undone here, as advertised in Accept-Encoding (defined with the headers the transport adds). */
export { ACCEPTED_CODINGS } from '../model/http';

/** "deflate" is zlib-wrapped (RFC 9110 §8.4.1.2), though some servers send it raw: the first two bytes tell. */
function isZlibHeader(head: Buffer): boolean {
  const cmf = head[0] ?? 0;
  const flg = head[1] ?? 0;
  return (cmf & 0x0f) === 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

/** One decoder per name of DECODED_CODINGS, no more and no fewer (the type says so to tsc). */
const factories: Record<DecodedCoding, (head: Buffer) => Transform> = {
  gzip: () => createGunzip(),
  'x-gzip': () => createGunzip(),
  br: () => createBrotliDecompress(),
  deflate: (head) => (isZlibHeader(head) ? createInflate() : createInflateRaw()),
};

/** The names the decoder table holds, as it holds them: a test holds them to DECODED_CODINGS, tsc aside. */
export const DECODER_NAMES: readonly string[] = Object.freeze(Object.keys(factories));

/**
 * A decoder made on its first bytes: an empty body (204, HEAD) carries the header but nothing to
 * decode (zlib calls an empty input corrupt), and "deflate" must see its first two bytes to pick
 * zlib or raw. Its output is pushed as the inner decoder makes it.
 */
class LazyDecoder extends Transform {
  private inner: Transform | undefined;
  private head = Buffer.alloc(0);

  constructor(
    private readonly coding: string,
    private readonly make: (head: Buffer) => Transform,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.inner !== undefined) return this.feed(this.inner, chunk, done);
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < 2) return done();
    this.feed(this.start(), this.head, done);
  }

  override _flush(done: TransformCallback): void {
    const finish = (inner: Transform): void => {
      inner.once('end', () => done());
      inner.end();
    };
    if (this.inner !== undefined) return finish(this.inner);
    // Nothing came (an empty body), or one byte: a one-byte stream is corrupt, and the decoder says so.
    if (this.head.length === 0) return done();
    const inner = this.start();
    this.feed(inner, this.head, () => finish(inner));
  }

  override _read(size: number): void {
    this.inner?.resume();
    super._read(size);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.inner?.destroy();
    done(error);
  }

  private start(): Transform {
    const inner = this.make(this.head);
    let produced = 0;
    // Backpressure across the wrapper: the inner decoder waits while what it made is unread.
    inner.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (!this.push(chunk)) inner.pause();
    });
    inner.once('error', (error: Error & { code?: string }) => {
      // zlib reads bytes after a whole gzip member as the next member (RFC 1952 §2.2), so bytes
      // that are none fail its header check once the body's data came out: "incorrect header
      // check" alone sent a reader to a header that was right.
      const trailing = produced > 0 && error.message === 'incorrect header check' && (this.coding === 'gzip' || this.coding === 'x-gzip');
      const why = trailing ? `bytes after the end of its gzip data that are no gzip member: ${error.message}` : error.message;
      const corrupt = new Error(`the ${this.coding} body cannot be decoded (${why})`);
      this.destroy(Object.assign(corrupt, { code: error.code }));
    });
    this.inner = inner;
    return inner;
  }

  private feed(inner: Transform, chunk: Buffer, done: () => void): void {
    // Waiting for the inner decoder's drain keeps at most one chunk in flight per stage.
    if (inner.write(chunk)) done();
    else inner.once('drain', () => done());
  }
}

/**
 * Codings undone on one body at most. A real answer has one (two at the very most); each stage is a
 * zlib or brotli state with its own window, and the 64 KiB head holds some 13,000 "gzip," names: a
 * body wrapped that many times took a core and hundreds of MB to the deadline (1,000 layers, 1.6 s
 * and 73 MB for 23 KB on the wire). curl refuses more than 5 for the same reason (CVE-2022-32206).
 */
export const MAX_STACKED_CODINGS = 5;

export interface DecodingPlan {
  /** The codings that will be undone, lower-cased (RFC 9110 §8.4.1: case-insensitive), last applied first. */
  codings: string[];
  /** One decoder per coding, same order; empty when the body is kept as received, or refused. */
  decoders: Transform[];
  /** Set when more than MAX_STACKED_CODINGS would be undone: how many; no decoder is made, the body is refused. */
  overStack?: number;
}

/**
 * The decoders for a Content-Encoding value, undoing the codings in reverse order of application.
 * Decoding stops at an unknown coding: the layers inside it are kept as they are.
 */
export function decodersFor(contentEncoding: string | undefined): DecodingPlan {
  const applied = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  const codings: DecodedCoding[] = [];
  for (const coding of applied.reverse()) {
    // Through the set, not `factories[coding]`: a target's "constructor" found Object's own and was "decoded" with it.
    if (!isDecodedCoding(coding)) break;
    codings.push(coding);
  }
  if (codings.length > MAX_STACKED_CODINGS) return { codings, decoders: [], overStack: codings.length };
  return { codings, decoders: codings.map((coding) => new LazyDecoder(coding, factories[coding])) };
}
