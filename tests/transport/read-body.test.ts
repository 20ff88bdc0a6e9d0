import { gzipSync } from 'node:zlib';
/**
 * readBody on bodies without content-coding, read from the stream's own events (no pipeline):
 * the bound exactly, the cut one byte over it, a target's failure, and a stream destroyed from
 * outside (as the deadline does) all settle the read, each as the pipeline-based read did.
 */
import { get, type IncomingMessage } from 'node:http';
import { readBody } from '../../src/transport/read-body';
import { raw, startRawServer, startScriptedServer, type MisbehavingServer } from '../support/misbehaving-servers';

const servers: MisbehavingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The response to a GET of `path`, its body not yet read. */
function responseOf(server: MisbehavingServer, path = '/'): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(server.baseUrl + path, { agent: false }, resolve).on('error', reject));
}

async function bodyServer(body: string): Promise<MisbehavingServer> {
  const server = await startScriptedServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(body));
  servers.push(server);
  return server;
}

test('a body of exactly the bound is whole, not cut', async () => {
  const server = await bodyServer('x'.repeat(100));
  expect(await readBody(await responseOf(server), undefined, 100)).toEqual({ body: Buffer.from('x'.repeat(100)) });
});

test('one byte over the bound: cut at the bound, the bytes received counted, the stream destroyed', async () => {
  const server = await bodyServer('x'.repeat(101));
  const res = await responseOf(server);
  const read = await readBody(res, undefined, 100);
  expect(read).toEqual({ body: Buffer.from('x'.repeat(100)), truncated: { limitBytes: 100, receivedBytes: 101, crossed: 'received' } });
  expect(res.destroyed).toBe(true);
});

test('a connection closed before the promised length rejects (a reset, not a body)', async () => {
  const server = await startRawServer(raw.truncated('{"sy', 100));
  servers.push(server);
  await expect(readBody(await responseOf(server), undefined, 1000)).rejects.toThrow(/aborted/);
});

test('a response destroyed from outside mid-body (the deadline) settles the read: a premature close', async () => {
  const server = await startRawServer(raw.headersThenStall());
  servers.push(server);
  const res = await responseOf(server);
  const read = readBody(res, undefined, 1000);
  res.destroy();
  await expect(read).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
});

/*
 * With a content-coding the bound is counted at every stage, not only at the sink: bytes off the
 * wire, and the output of each decoder. A layer that inflates to far more than the bound but
 * decodes to nothing (many empty gzip members) would otherwise be read and inflated to its end.
 */
describe('every stage of a coded body is bounded', () => {
  const emptyMember = gzipSync(Buffer.alloc(0));

  async function codedServer(body: Buffer, coding: string, end = true): Promise<MisbehavingServer> {
    const server = await startScriptedServer((_req, res) => {
      res.writeHead(200, { 'content-encoding': coding });
      if (end) res.end(body);
      else res.write(body);
    });
    servers.push(server);
    return server;
  }

  test('a gzip body of empty members, over the bound on the wire but decoding to nothing, is cut where it crossed: received', async () => {
    // 50 KB on the wire, 0 bytes decoded: only the wire count sees it cross a 1000-byte bound.
    const wire = Buffer.concat(Array.from({ length: 2500 }, () => emptyMember));
    const res = await responseOf(await codedServer(wire, 'gzip'));
    const read = await readBody(res, 'gzip', 1000);
    expect(read.truncated).toMatchObject({ limitBytes: 1000, crossed: 'received' });
    expect(res.destroyed).toBe(true);
  });

  test('an inner layer that inflates past the bound is cut though the outer decoding would be empty: decoded', async () => {
    // "gzip, gzip": the first decoder inflates ~300 bytes into 100 KB of empty gzip members, which the second decodes to nothing.
    const inner = Buffer.concat(Array.from({ length: 5000 }, () => emptyMember));
    const res = await responseOf(await codedServer(gzipSync(inner), 'gzip, gzip'));
    const read = await readBody(res, 'gzip, gzip', 1000);
    expect(read.truncated).toMatchObject({ limitBytes: 1000, crossed: 'decoded' });
    expect(res.destroyed).toBe(true);
  });
});

test('a plain body over the bound that never ends: the read resolves at the bound and the stream is destroyed', async () => {
  // No end: only the read's own destroy stops the stream (a body that ends is destroyed by its end anyway).
  const server = await startScriptedServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('x'.repeat(101));
  });
  servers.push(server);
  const res = await responseOf(server);
  const read = await readBody(res, undefined, 100);
  expect(read.truncated).toEqual({ limitBytes: 100, receivedBytes: 101, crossed: 'received' });
  expect(res.destroyed).toBe(true);
});

/** Megabytes, past the few KiB most answers are: read whole under the bound and cut at it over it, as a small body is. */
const GATHER_BYTES = 1024 * 1024;
describe('a body of megabytes', () => {
  const big = Buffer.from(Array.from({ length: 3 * GATHER_BYTES + 5 }, (_, i) => i % 251));

  test('plain and whole under the bound; cut at the bound over it', async () => {
    const server = await startScriptedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(big));
    servers.push(server);
    expect((await readBody(await responseOf(server), undefined, 4 * GATHER_BYTES)).body.equals(big)).toBe(true);
    const cut = await readBody(await responseOf(server), undefined, 2 * GATHER_BYTES + 1);
    expect(cut.body.equals(big.subarray(0, 2 * GATHER_BYTES + 1))).toBe(true);
    expect(cut.truncated).toEqual({ limitBytes: 2 * GATHER_BYTES + 1, receivedBytes: expect.any(Number), crossed: 'received' });
  });

  test('gzip, decoded whole under the bound; cut at the bound where the decoding crossed it', async () => {
    const server = await startScriptedServer((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(big)));
    servers.push(server);
    expect((await readBody(await responseOf(server), 'gzip', 4 * GATHER_BYTES)).body.equals(big)).toBe(true);
    const cut = await readBody(await responseOf(server), 'gzip', 2 * GATHER_BYTES + 1);
    expect(cut.body.equals(big.subarray(0, 2 * GATHER_BYTES + 1))).toBe(true);
    expect(cut.truncated).toMatchObject({ limitBytes: 2 * GATHER_BYTES + 1, crossed: 'decoded' });
  });
});
