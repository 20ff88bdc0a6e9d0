/**
 * An answer node:http's strict parser refuses is told from bytes that were never HTTP: the target
 * answered, and the run says so, naming the parser's code and reason (never the target's bytes),
 * and, for the tab after Content-Length's value RFC 9112 allows, that it breaches nothing. So too
 * the tab after "chunked" it does not refuse but reads as no chunking: named, never judged as a body.
 */
import { get } from 'node:http';
import type { Exchange, HttpRequest } from '../../src/model';
import { HttpTransport } from '../../src/transport/http-transport';
import { chunkedMisread, EMPTY_ELEMENT_AFTER_CHUNKED, parserRefusal, refusalOfMessage, TAB_AFTER_CHUNKED } from '../../src/transport/parser-refusal';
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

/**
 * A conformant chunked answer but for a tab after "chunked" (RFC 9112 §5: trailing OWS). Node 20's
 * parser neither refuses nor reads it as chunked: it takes the body to the connection's close, chunk
 * sizes and all, which judged as the body failed a right server ("not valid JSON: 2\r\n{}…").
 */
const TAB_AFTER_CHUNKED_ANSWER = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nTransfer-Encoding: chunked\t\r\n\r\n2\r\n{}\r\n0\r\n\r\n';

/** The body node:http itself reads from `bytes`, closed after them (the suite's reading aside). */
async function nodeHttpBody(bytes: string): Promise<string> {
  server = await startRawServer((socket) => socket.end(bytes));
  return new Promise<string>((resolve, reject) => {
    get(`${server?.baseUrl ?? ''}/`, { agent: false }, (res) => {
      let text = '';
      res.setEncoding('latin1');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve(text));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('an answer whose Transfer-Encoding has a tab after "chunked"', () => {
  it('closed after it: no body judged with its chunk sizes, the form named, no breach claimed', async () => {
    const exchange = await (await answering(TAB_AFTER_CHUNKED_ANSWER)).send(request(), 'te-tab#1');
    expect(exchange.response).toBeUndefined();
    expect(exchange.error?.message).toBe(TAB_AFTER_CHUNKED);
  });

  it('kept alive after it: said at once, not waited out as a timeout (the parser waits for a close that never comes)', async () => {
    server = await startRawServer((socket) => socket.write(TAB_AFTER_CHUNKED_ANSWER));
    transport = new HttpTransport(60_000);
    const exchange = await transport.send(request(), 'te-tab#2');
    expect(exchange.error?.message).toBe(TAB_AFTER_CHUNKED);
  });

  it(`answered so ${SILENT_AFTER} times first: the run stops (exit 3) saying the target answered, naming the form`, async () => {
    const guard = new TargetGuardTransport(await answering(TAB_AFTER_CHUNKED_ANSWER), 'http://127.0.0.1:8080');
    for (let i = 0; i < SILENT_AFTER; i += 1) await guard.send(request(), `te-tab#${i}`);
    expect(guard.stopped()?.cause).toBe('silent');
    expect(guard.stopped()?.why).toMatch(/^http:\/\/127\.0\.0\.1:8080 answered, but node:http's HTTP\/1\.1 parser refused the answers to the first 3 requests \(the last: a tab after Transfer-Encoding: chunked, read by Node 20 as no chunking\)/);
  });

  it('node:http itself still reads it as no chunking (the chunk sizes in the body): when a Node reads it, the refusal must go', async () => {
    expect(await nodeHttpBody(TAB_AFTER_CHUNKED_ANSWER)).toBe('2\r\n{}\r\n0\r\n\r\n');
  });

  it.each([
    ['a HEAD', 'HEAD' as const, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\t\r\n\r\n', 200],
    ['a 204', 'GET' as const, 'HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\t\r\n\r\n', 204],
    ['a 304', 'GET' as const, 'HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\t\r\n\r\n', 304],
  ])('the answer to %s, which has no body (RFC 9112 §6.3): read, the tab framing nothing', async (_name, method, bytes, status) => {
    const exchange = await (await answering(bytes)).send({ ...request(), method }, 'te-tab-bodiless#1');
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.status).toBe(status);
  });

  it('a space after "chunked", a tab before it: read as chunked, judged as the answer', async () => {
    for (const value of ['chunked  ', '\tchunked']) {
      const exchange = await (await answering(TAB_AFTER_CHUNKED_ANSWER.replace('chunked\t', value))).send(request(), 'te-space#1');
      expect(exchange.response?.bodyText).toBe('{}');
      transport?.close();
      await server?.close();
    }
  });
});

/**
 * The same answer but for an empty list element after "chunked" (RFC 9110 §5.6.1: a recipient must
 * accept and ignore it): Node 20 reads it as no chunking too.
 */
const EMPTY_ELEMENT_ANSWER = TAB_AFTER_CHUNKED_ANSWER.replace('chunked\t', 'chunked,');

describe('an answer whose Transfer-Encoding has an empty list element after "chunked"', () => {
  it.each([
    ['"chunked,"', EMPTY_ELEMENT_ANSWER],
    ['"CHUNKED , "', TAB_AFTER_CHUNKED_ANSWER.replace('chunked\t', 'CHUNKED , ')],
    ['a second field line of ","', TAB_AFTER_CHUNKED_ANSWER.replace('chunked\t', 'chunked\r\nTransfer-Encoding: ,')],
  ])('%s, closed after it: no body judged with its chunk sizes, the form named, no breach claimed', async (_name, answer) => {
    const exchange = await (await answering(answer)).send(request(), 'te-empty#1');
    expect(exchange.response).toBeUndefined();
    expect(exchange.error?.message).toBe(EMPTY_ELEMENT_AFTER_CHUNKED);
  });

  it('kept alive after it: said at once, not waited out as a timeout', async () => {
    server = await startRawServer((socket) => socket.write(EMPTY_ELEMENT_ANSWER));
    transport = new HttpTransport(60_000);
    const exchange = await transport.send(request(), 'te-empty#2');
    expect(exchange.error?.message).toBe(EMPTY_ELEMENT_AFTER_CHUNKED);
  });

  it(`answered so ${SILENT_AFTER} times first: the run stops (exit 3) naming the form`, async () => {
    const guard = new TargetGuardTransport(await answering(EMPTY_ELEMENT_ANSWER), 'http://127.0.0.1:8080');
    for (let i = 0; i < SILENT_AFTER; i += 1) await guard.send(request(), `te-empty#${i}`);
    expect(guard.stopped()?.why).toMatch(/\(the last: an empty list element after Transfer-Encoding: chunked, read by Node 20 as no chunking\)/);
  });

  it('node:http itself still reads it as no chunking: when a Node reads it, the naming must go', async () => {
    expect(await nodeHttpBody(EMPTY_ELEMENT_ANSWER)).toBe('2\r\n{}\r\n0\r\n\r\n');
  });

  it('an empty field line after "chunked", or an empty element before it: read as chunked, judged as the answer', async () => {
    for (const value of ['chunked\r\nTransfer-Encoding: ', ', chunked', 'gzip ,chunked']) {
      const exchange = await (await answering(TAB_AFTER_CHUNKED_ANSWER.replace('chunked\t', value))).send(request(), 'te-read#1');
      expect(exchange.response?.bodyText).toBe('{}');
      transport?.close();
      await server?.close();
    }
  });
});

describe('an answer whose Transfer-Encoding has a no-break space (0xA0, no OWS) after "chunked"', () => {
  it('is read as Node reads it, which is as RFC 9112 §6.3 reads it (no chunked coding: the body runs to the close), not excused as a tab', async () => {
    // The byte 0xA0 itself (latin1), not its UTF-8 form.
    server = await startRawServer((socket) => socket.end(Buffer.from(TAB_AFTER_CHUNKED_ANSWER.replace('chunked\t', 'chunked\u00a0'), 'latin1')));
    transport = new HttpTransport(5000);
    const exchange = await transport.send(request(), 'te-nbsp#1');
    expect(exchange.error).toBeUndefined();
    expect(exchange.response?.bodyText).toBe('2\r\n{}\r\n0\r\n\r\n');
  });
});

describe('chunkedMisread', () => {
  it.each([
    ['a tab after chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\t\r\n\r\n', 'tab'],
    ['a space and a tab after gzip, chunked', 'HTTP/1.1 200 OK\r\ntransfer-encoding: gzip, CHUNKED \t\r\n\r\n', 'tab'],
    ['after a 103 whose head is clean', 'HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\t\r\n\r\n5\r\n', 'tab'],
    ['a comma after chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked,\r\n\r\n', 'empty-element'],
    ['two empty elements after gzip, chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked , ,\r\n\r\n', 'empty-element'],
    ['a comma and a tab after chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked,\t\r\n\r\n', 'empty-element'],
    ['a second field line of a comma', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: ,\r\n\r\n', 'empty-element'],
    // A field line of whitespace only adds no element Node reads (it skips it): the tab before it is the form.
    ['a tab after chunked, then an empty field line', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\t\r\nTransfer-Encoding: \r\n\r\n', 'tab'],
    ['a tab after chunked, then a field line of a tab', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\t\r\nTransfer-Encoding: \t\r\n\r\n', 'tab'],
    ['a tab after chunked, then a field line of a comma', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\t\r\nTransfer-Encoding: ,\r\n\r\n', 'empty-element'],
    ['spaces only after chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked  \r\n\r\n', undefined],
    // A no-break space (0xA0) is no OWS (RFC 9110 §5.6.3: a space or a tab): "chunked\xa0" is no chunked
    // coding, and Node reads no chunking, as the RFC does: no misreading, and no tab, to name.
    ['a no-break space after chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\u00a0\r\n\r\n', undefined],
    ['a no-break space then a tab after chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\u00a0\t\r\n\r\n', undefined],
    ['a no-break space before chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip,\u00a0chunked\r\n\r\n', undefined],
    ['a second field line of a no-break space', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: \u00a0\r\n\r\n', undefined],
    ['a tab before chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding:\tchunked\r\n\r\n', undefined],
    ['an empty element before chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: , chunked\r\n\r\n', undefined],
    ['an empty second field line', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: \r\n\r\n', undefined],
    ['a tab after another coding, chunked not last', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\t\r\n\r\n', undefined],
    ['chunked not last after an empty element', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked,\r\nTransfer-Encoding: gzip\r\n\r\n', undefined],
    ['the line in a 1xx head only', 'HTTP/1.1 100 Continue\r\nTransfer-Encoding: chunked\t\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}', undefined],
    ['the line in the body only', 'HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\nx\r\nTransfer-Encoding: chunked,\r\n\r\n', undefined],
    ['a head not yet whole', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\t\r\n', undefined],
  ])('%s', (_name, head, expected) => {
    expect(chunkedMisread(head)).toBe(expected);
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
