/**
 * Reading a response body within the size bound, decoding its content-codings as it streams in.
 * Both counts are bounded: the bytes read from the connection, and the output of every decoder
 * (a gzip bomb is small on the wire). The first to cross the bound stops the read: the stream is
 * destroyed, which drops the connection, and the body is kept up to the bound. A body that never
 * ends is the same case. Chunks are collected and joined once, so the work is linear in the size.
 */
import type { IncomingMessage } from 'node:http';
import { pipeline, Writable, type Transform } from 'node:stream';
import type { BodyTruncation } from '../model';
import { decodersFor } from './content-codings';
import { BoundCrossed } from './transport-bounds';

export interface BodyRead {
  /** The decoded body: whole, or its first limitBytes bytes when truncated. */
  body: Buffer;
  truncated?: BodyTruncation;
}

/** Counts what a stream emits, calling `each` with the running count and `over` once it passes `limit`. */
function countInto(stream: IncomingMessage | Transform, limit: number, over: () => void, each: (count: number) => void = () => undefined): void {
  let count = 0;
  stream.on('data', (chunk: Buffer) => {
    count += chunk.length;
    each(count);
    if (count > limit) over();
  });
}

/**
 * A body without content-coding, read from its own events: what a pipeline would do for one
 * stream, without its per-call AbortController and the DOMException it builds when it ends (in a
 * CPU profile of the negative property's hundreds of small answers, more than the reading itself).
 * Same outcomes: the bytes up to the bound, the cut at the bound (the stream destroyed), the
 * stream's error, or a premature close as the pipeline names it.
 */
function readPlain(res: IncomingMessage, limitBytes: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let received = 0;
    let done = false;
    const finish = (outcome: () => void): void => {
      if (done) return;
      done = true;
      outcome();
    };
    res.on('data', (chunk: Buffer) => {
      if (done) return;
      received += chunk.length;
      const room = limitBytes - kept;
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(piece);
      kept += piece.length;
      if (received > limitBytes) {
        finish(() => resolve({ body: Buffer.concat(chunks, kept), truncated: { limitBytes, receivedBytes: received, crossed: 'received' } }));
        res.destroy();
      }
    });
    res.on('end', () => finish(() => resolve({ body: Buffer.concat(chunks, kept) })));
    res.on('error', (error) => finish(() => reject(error)));
    res.on('close', () => finish(() => reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))));
  });
}

/** Reads `res` to its end or to the bound; rejects on a transport failure or a corrupt coding. */
export function readBody(res: IncomingMessage, contentEncoding: string | undefined, limitBytes: number): Promise<BodyRead> {
  const { decoders, overStack } = decodersFor(contentEncoding);
  // Not read at all: the caller's failure path destroys the connection.
  if (overStack !== undefined) return Promise.reject(new BoundCrossed('stacked-codings', `the response stacks ${overStack} content-codings (Content-Encoding)`));
  if (decoders.length === 0) return readPlain(res, limitBytes);
  const chunks: Buffer[] = [];
  let kept = 0;
  let received = 0;
  let crossed: BodyTruncation['crossed'] | undefined;
  const stop = (which: BodyTruncation['crossed']): void => {
    crossed ??= which;
    // Destroying the source ends the pipeline: every decoder is destroyed and the socket closed.
    res.destroy();
  };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      if (crossed !== undefined) return done();
      const room = limitBytes - kept;
      const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
      chunks.push(piece);
      kept += piece.length;
      if (chunk.length > room) stop(decoders.length > 0 ? 'decoded' : 'received');
      done();
    },
  });
  return new Promise((resolve, reject) => {
    pipeline([res, ...decoders, sink], (error) => {
      const body = Buffer.concat(chunks, kept);
      if (crossed !== undefined) resolve({ body, truncated: { limitBytes, receivedBytes: received, crossed } });
      else if (error) reject(error);
      else resolve({ body });
    });
    countInto(res, limitBytes, () => stop('received'), (count) => (received = count));
    for (const decoder of decoders) countInto(decoder, limitBytes, () => stop('decoded'));
  });
}
