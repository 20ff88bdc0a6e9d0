/**
 * Bodies a hostile target sends: compression bombs in every coding (and stacked), endless bodies
 * and header floods. Bombs are made on the fly by streaming zeros through the compressors, so a
 * "1 GiB" bomb costs only what the client reads before it hangs up: backpressure stops the
 * zeros, and the pipeline ends when the connection closes. Every stream is bounded in size.
 */
import type { ServerResponse } from 'node:http';
import { Readable, pipeline, type Transform } from 'node:stream';
import { constants, createBrotliCompress, createDeflate, createDeflateRaw, createGzip } from 'node:zlib';

/** Each write flushed: output flows as the zeros go in, instead of after megabytes (stacked bombs would stall). */
const flushed = { flush: constants.Z_SYNC_FLUSH };

/** One compressor per coding name (as it appears in Content-Encoding). */
export const compressors: Record<string, () => Transform> = {
  gzip: () => createGzip(flushed),
  'x-gzip': () => createGzip(flushed),
  deflate: () => createDeflate(flushed),
  'deflate-raw': () => createDeflateRaw(flushed), // sent as "deflate": the raw form some servers use
  // Quality 4: fast to make, still thousands to one on zeros.
  br: () => createBrotliCompress({ flush: constants.BROTLI_OPERATION_FLUSH, params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
};

/** `bytes` zeros (or another byte), made as they are read: 1 MiB of memory whatever the size. */
export function zeros(bytes: number, fill = 0): Readable {
  const block = Buffer.alloc(1 << 20, fill);
  let left = bytes;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, block.length);
      left -= n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
}

/**
 * Answers with `bytes` zeros compressed by each coding in order (applied first to last, as the
 * Content-Encoding value lists them); `header` overrides the Content-Encoding sent.
 */
export function sendBomb(res: ServerResponse, codings: string[], bytes: number, header = codings.map((c) => (c === 'deflate-raw' ? 'deflate' : c)).join(', ')): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': header });
  const stages = codings.map((coding) => (compressors[coding] ?? createGzip)());
  pipeline([zeros(bytes), ...stages, res], () => undefined);
}

/** Writes 64 KiB chunks as fast as the client reads, until it hangs up or `maxBytes` is sent. */
export function sendEndless(res: ServerResponse, maxBytes: number): void {
  res.writeHead(200, { 'content-type': 'application/json' }); // chunked: no end announced
  res.write('{"sync":"');
  pipeline(zeros(maxBytes, 0x61), res, () => undefined);
}
