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
