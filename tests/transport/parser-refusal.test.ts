/**
 * An answer node:http's strict parser refuses is told from bytes that were never HTTP: the target
 * answered, and the run says so, naming the parser's code and reason (never the target's bytes),
 * and, for the tab after Content-Length's value RFC 9112 allows, that it breaches nothing.
 */
import type { Exchange, HttpRequest } from '../../src/model';
import { HttpTransport } from '../../src/transport/http-transport';
import { parserRefusal, refusalOfMessage } from '../../src/transport/parser-refusal';
import { SILENT_AFTER, TargetGuardTransport } from '../../src/transport/target-guard';
import { startRawServer, type MisbehavingServer } from '../support/misbehaving-servers';

let server: MisbehavingServer | undefined;
let transport: HttpTransport | undefined;
afterEach(async () => {
  transport?.close();
  transport = undefined;
  await server?.close();
  server = undefined;
});

async function answering(bytes: string): Promise<HttpTransport> {
  server = await startRawServer((socket) => socket.end(bytes));
  transport = new HttpTransport(5000);
  return transport;
}

function request(): HttpRequest {
  if (server === undefined) throw new Error('start a server first');
  return { method: 'GET', url: `${server.baseUrl}/v1/senders/a/whatsapp-sync`, path: '/v1/senders/a/whatsapp-sync', headers: {}, authVariant: 'valid' };
}

/** A conformant answer but for the one form Node 20 refuses: `Content-Length: 2<TAB>` (RFC 9112 §5: trailing OWS). */
const TAB_AFTER_LENGTH = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: 2\t\r\n\r\n{}';

describe('an answer the parser refuses', () => {
  it('a tab after Content-Length\'s value: the target answered, the parser\'s code and reason named, no breach claimed', async () => {
    const exchange: Exchange = await (await answering(TAB_AFTER_LENGTH)).send(request(), 'tab#1');
    expect(exchange.response).toBeUndefined();
    expect(exchange.error?.message).toBe(
      "HPE_INVALID_CONTENT_LENGTH: the target answered, but node:http's HTTP/1.1 parser refused its answer's bytes (Invalid character in Content-Length): a tab after the value of Content-Length, which RFC 9112 §5 allows (trailing whitespace) and Node 20's parser refuses (nodejs/node#62192): not a breach of the contract, but no answer the suite can read",
    );
  });

  it(`answered so ${SILENT_AFTER} times first: the run stops (exit 3) saying the target answered, not asking whether HTTP listens there`, async () => {
    const guard = new TargetGuardTransport(await answering(TAB_AFTER_LENGTH), 'http://127.0.0.1:8080');
    for (let i = 0; i < SILENT_AFTER; i += 1) await guard.send(request(), `tab#${i}`);
    expect(guard.stopped()?.cause).toBe('silent');
    expect(guard.stopped()?.why).toBe(
      "http://127.0.0.1:8080 answered, but node:http's HTTP/1.1 parser refused the answers to the first 3 requests (the last: HPE_INVALID_CONTENT_LENGTH: Invalid character in Content-Length), so none can be judged: a form RFC 9112 allows may be among what it refuses (a tab after Content-Length's value, nodejs/node#62192), which is no breach of the contract; the suite keeps the strict parser, so the target must send another form to be judged",
    );
  });

  it('a framing fault after a status line: the parser\'s code and reason, the target said to have answered, no RFC excuse made for it', async () => {
    const exchange = await (await answering('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n')).send(request(), 'chunk#1');
    expect(exchange.error?.message).toBe("HPE_INVALID_CHUNK_SIZE: the target answered, but node:http's HTTP/1.1 parser refused its answer's bytes (Invalid character in chunk size)");
  });

  it.each([
    ['a letter in one Content-Length, a tab after the value of another', 'Content-Length: 2x\r\nContent-Length: 2\t\r\n'],
    ['a tab then a letter after the value', 'Content-Length: 2\tx\r\nContent-Length: 2\t\r\n'],
  ])('%s: the line the parser refused is no form RFC 9112 allows, so no excuse is made for it', async (_what, lines) => {
    const exchange = await (await answering(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n${lines}\r\n{}`)).send(request(), 'cl#1');
    expect(exchange.error?.message).toBe("HPE_INVALID_CONTENT_LENGTH: the target answered, but node:http's HTTP/1.1 parser refused its answer's bytes (Invalid character in Content-Length)");
  });

  it('bytes that were never HTTP (an SSH banner): the parser\'s own error, and the stop still asks whether HTTP listens there', async () => {
    const guard = new TargetGuardTransport(await answering('SSH-2.0-OpenSSH_9.6\r\n'), 'http://127.0.0.1:22');
    for (let i = 0; i < SILENT_AFTER; i += 1) await guard.send(request(), `ssh#${i}`);
    expect(guard.stopped()?.why).toMatch(/\(the last: other, HPE_INVALID_CONSTANT: Parse Error: Expected HTTP\/.*is an HTTP server listening on this port\?\)$/);
  });
});

describe('parserRefusal and refusalOfMessage', () => {
  it('names only Node\'s words, bounded and inert; the guard reads the code and reason back', () => {
    const message = parserRefusal({ code: 'HPE_INVALID_HEADER_TOKEN', reason: `Invalid\u001b[31m header ${'x'.repeat(300)}`, rawPacket: Buffer.from('HTTP/1.1 200 OK\r\nzv_test_secret\u001b: 1\r\n') }, 'HTTP/1.1 200');
    expect(message).not.toContain('\u001b');
    expect(message).not.toContain('zv_test_secret');
    expect(message?.length).toBeLessThan(300);
    expect(refusalOfMessage(message ?? '')).toMatch(/^HPE_INVALID_HEADER_TOKEN: Invalid \[31m header x+…$/);
    expect(parserRefusal({ code: 'HPE_INVALID_CONSTANT', reason: 'Expected HTTP/' }, 'SSH-2.0')).toBeUndefined();
    expect(parserRefusal({ code: 'ECONNRESET' }, 'HTTP/1.1')).toBeUndefined();
    expect(refusalOfMessage('HPE_INVALID_CONSTANT: Parse Error: Expected HTTP/')).toBeUndefined();
    // A Content-Length refused for another fault than a tab (a letter in it) is given no RFC excuse.
    expect(parserRefusal({ code: 'HPE_INVALID_CONTENT_LENGTH', reason: 'Invalid character in Content-Length', rawPacket: Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2x \r\n\r\n') }, 'HTTP/1.1')).not.toContain('RFC 9112');
  });
});
