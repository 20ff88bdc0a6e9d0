import { Readable, pipeline, Writable } from 'node:stream';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { decodersFor, MAX_STACKED_CODINGS } from '../../src/transport/content-codings';

/** Runs `input` through the decoders of `contentEncoding`, in chunks of `chunkSize` bytes. */
function decode(contentEncoding: string, input: Buffer, chunkSize = 3): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const pieces = Array.from({ length: Math.ceil(input.length / chunkSize) }, (_, i) => input.subarray(i * chunkSize, (i + 1) * chunkSize));
  const sink = new Writable({ write: (chunk: Buffer, _e, done) => void (chunks.push(chunk), done()) });
  return new Promise((resolve, reject) => pipeline([Readable.from(pieces), ...decodersFor(contentEncoding).decoders, sink], (error) => (error ? reject(error) : resolve(Buffer.concat(chunks)))));
}

const text = Buffer.from('{"code":"not_found","message":"Sender not found"}');

describe('decodersFor', () => {
  it('undoes stacked codings last-applied first, names case-insensitively', async () => {
    expect(decodersFor(' GZIP , Br ').codings).toEqual(['br', 'gzip']);
    expect(await decode('GZIP, Br', brotliCompressSync(gzipSync(text)))).toEqual(text);
  });

  it('tells zlib-wrapped deflate from raw deflate by the first two bytes, however the bytes are split', async () => {
    expect(await decode('deflate', deflateSync(text), 1)).toEqual(text);
    expect(await decode('deflate', deflateRawSync(text), 1)).toEqual(text);
  });

  it('stops at an unknown coding: the layers inside it are kept as received', async () => {
    expect(decodersFor('x-custom, gzip').codings).toEqual(['gzip']);
    const inner = Buffer.from('opaque');
    expect(await decode('x-custom, gzip', gzipSync(inner))).toEqual(inner);
    expect(decodersFor('identity').decoders).toEqual([]);
  });

  it('keeps an empty body empty, and names the coding of a corrupt one', async () => {
    expect(await decode('gzip, br', Buffer.alloc(0))).toEqual(Buffer.alloc(0));
    await expect(decode('gzip', Buffer.from('plain text, not gzip'))).rejects.toThrow('the gzip body cannot be decoded (incorrect header check)');
    await expect(decode('deflate', Buffer.from('x'))).rejects.toThrow('the deflate body cannot be decoded');
  });

  it('decodes a gzip body of two members whole, and names bytes after the last member as such', async () => {
    expect(await decode('gzip', Buffer.concat([gzipSync('{"a":1,'), gzipSync('"b":2}')]))).toEqual(Buffer.from('{"a":1,"b":2}'));
    // Zero bytes after the data are padding zlib skips; other bytes are no gzip member.
    expect(await decode('gzip', Buffer.concat([gzipSync(text), Buffer.alloc(8)]))).toEqual(text);
    await expect(decode('x-gzip', Buffer.concat([gzipSync(text), Buffer.from('GARBAGE')]))).rejects.toThrow('the x-gzip body cannot be decoded (bytes after the end of its gzip data that are no gzip member: incorrect header check)');
    await expect(decode('gzip', gzipSync(text).subarray(0, 20))).rejects.toThrow('the gzip body cannot be decoded (unexpected end of file)');
  });
});

describe('decodersFor: what is not undone', () => {
  it('decodes nothing when the last-applied coding is unknown: the layers under it cannot be reached', async () => {
    // "gzip, x-custom": x-custom was applied last, so the body on the wire is x-custom bytes, not gzip.
    expect(decodersFor('gzip, x-custom').codings).toEqual([]);
    const opaque = Buffer.from('not gzip at all');
    expect(await decode('gzip, x-custom', opaque)).toEqual(opaque);
  });
});

describe('decodersFor: a stack of codings past the bound', () => {
  it('makes the decoders of as many codings as the bound', async () => {
    const names = Array.from({ length: MAX_STACKED_CODINGS }, () => 'gzip').join(', ');
    expect(decodersFor(names)).toEqual({ codings: names.split(', '), decoders: expect.any(Array) });
    expect(decodersFor(names).decoders).toHaveLength(MAX_STACKED_CODINGS);
    let wrapped = text;
    for (let i = 0; i < MAX_STACKED_CODINGS; i += 1) wrapped = gzipSync(wrapped);
    expect(await decode(names, wrapped)).toEqual(text);
  });

  it('makes none past it, and says how many were named: a 64 KiB head names thousands', () => {
    // identity and an unknown coding applied first cost nothing and are not counted.
    const plan = decodersFor(`x-custom, ${Array.from({ length: 13_000 }, () => 'gzip').join(',')}, identity`);
    expect(plan.decoders).toEqual([]);
    expect(plan.overStack).toBe(13_000);
    expect(decodersFor(Array.from({ length: MAX_STACKED_CODINGS + 1 }, () => 'br').join(',')).overStack).toBe(MAX_STACKED_CODINGS + 1);
  });
});

describe('a destroyed decoder', () => {
  it('destroys the zlib stream it made, so a read cut at the bound leaves no inflater running', async () => {
    const [decoder] = decodersFor('gzip').decoders;
    if (decoder === undefined) throw new Error('no gzip decoder');
    decoder.on('error', () => undefined);
    await new Promise<void>((resolve) => decoder.write(gzipSync(Buffer.alloc(64 * 1024)), () => resolve()));
    // The inner zlib stream is made on the first bytes; it is what holds zlib's memory and work.
    const inner = Reflect.get(decoder, 'inner') as { destroyed: boolean } | undefined;
    expect(inner).toBeDefined();
    decoder.destroy();
    expect(inner?.destroyed).toBe(true);
  });
});
