/**
 * An answer past one of the transport's own bounds (a head over 64 KiB, a trailer section over 64
 * KiB, a flood of 1xx heads, too many headers, too many stacked codings) is an answer: the target
 * is up and speaks HTTP. The request's error names the bound and carries it (`bound`), and a run whose first requests all end
 * so stops saying the target answered past a bound the suite keeps, not asking whether an HTTP
 * server listens there; bytes that never were HTTP (an SSH banner) still get that question.
 */
import type { Entry } from 'har-format';
import type { Socket } from 'node:net';
import type { HttpRequest } from '../../src/model';
import { transportErrorCheck } from '../../src/checks/transport-error';
import { fromHarEntry } from '../../src/recording/har-entry';
import { createScrubber } from '../../src/recording/scrub';
import { RecordTransport } from '../../src/transport/record-transport';
import { ReplayTransport } from '../../src/transport/replay-transport';
import { HttpTransport } from '../../src/transport/http-transport';
import { SILENT_AFTER, TargetGuardTransport } from '../../src/transport/target-guard';
import { MAX_HEADER_BYTES, MAX_HEADER_COUNT, MAX_INFORMATIONAL, MAX_INFORMATIONAL_BYTES, MAX_STACKED_CODINGS } from '../../src/transport/transport-bounds';
import { startRawServer, writeHead, type MisbehavingServer } from '../support/misbehaving-servers';

let server: MisbehavingServer | undefined;
let transport: HttpTransport | undefined;
afterEach(async () => {
  transport?.close();
  transport = undefined;
  await server?.close();
  server = undefined;
});

async function answering(behave: (socket: Socket) => void): Promise<HttpTransport> {
  server = await startRawServer(behave);
  transport = new HttpTransport(5000);
  return transport;
}

function request(): HttpRequest {
  if (server === undefined) throw new Error('start a server first');
  return { method: 'GET', url: `${server.baseUrl}/v1/senders/a/whatsapp-sync`, path: '/v1/senders/a/whatsapp-sync', headers: {}, authVariant: 'valid' };
}

const ok = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}';
/** A 200 whose head is 70 KiB: one header over the head bound. */
const bigHead = (socket: Socket): void => {
  writeHead(socket, 200, { 'x-big': 'h'.repeat(70 * 1024), 'content-length': 2 });
  socket.end('{}');
};
const hints = (count: number, bytes: number) => (socket: Socket): void => {
  socket.write(`HTTP/1.1 103 Early Hints\r\nLink: </${'a'.repeat(bytes)}>; rel=preload\r\n\r\n`.repeat(count));
  socket.end(ok);
};

const KEEPS = 'the suite keeps its bounds, so the target must answer within them to be judged';

describe.each([
  ['a 70 KiB response head', bigHead, 'head-bytes', `response headers exceed ${MAX_HEADER_BYTES} bytes`, `at most ${MAX_HEADER_BYTES} bytes (64 KiB) of response head`],
  ['a flood of 1xx heads, over the count', hints(MAX_INFORMATIONAL * 20, 8), 'informational-count', `more than ${MAX_INFORMATIONAL} informational (1xx) responses before the answer`, `at most ${MAX_INFORMATIONAL} informational (1xx) heads before an answer`],
  ['1xx heads of 60 KB each, over the bytes in all', hints(MAX_INFORMATIONAL - 1, 60_000), 'informational-bytes', `informational (1xx) responses before the answer exceed ${MAX_INFORMATIONAL_BYTES} bytes`, `at most ${MAX_INFORMATIONAL_BYTES} bytes (64 KiB) of informational (1xx) heads before an answer`],
  [
    // Node holds the trailer section after a chunked body to the head's bound on its own: past it, it is no head the answer sent.
    'a 70 KiB trailer section after a chunked body (its head small)',
    (socket: Socket) => socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nx-t: ${'t'.repeat(70 * 1024)}\r\n\r\n`),
    'trailer-bytes',
    `the response's trailer section, after its body, exceeds ${MAX_HEADER_BYTES} bytes`,
    `at most ${MAX_HEADER_BYTES} bytes (64 KiB) of trailer fields after a body`,
  ],
  [
    'more header lines than the count',
    (socket: Socket) => {
      writeHead(socket, 200, { ...Object.fromEntries(Array.from({ length: MAX_HEADER_COUNT + 1 }, (_, i) => [`x-h${i}`, 'v'])), 'content-length': 2 });
      socket.end('{}');
    },
    'header-count',
    `the response has more than ${MAX_HEADER_COUNT} headers`,
    `at most ${MAX_HEADER_COUNT} header lines`,
  ],
  [
    'more stacked content-codings than are undone',
    (socket: Socket) => {
      writeHead(socket, 200, { 'content-encoding': Array.from({ length: MAX_STACKED_CODINGS + 1 }, () => 'gzip').join(', '), 'content-length': 2 });
      socket.end('{}');
    },
    'stacked-codings',
    `the response stacks ${MAX_STACKED_CODINGS + 1} content-codings (Content-Encoding)`,
    `at most ${MAX_STACKED_CODINGS} stacked content-codings undone`,
  ],
])('%s', (_what, behave, bound, crossed, atMost) => {
  it('the error says what crossed which bound, that the suite keeps it, and carries the bound for the guard', async () => {
    const exchange = await (await answering(behave)).send(request(), 'bound#1');
    expect(exchange.response).toBeUndefined();
    expect(exchange.error).toEqual({ kind: 'other', message: `${crossed}: past a bound the suite keeps to protect itself, ${atMost}`, bound });
  });

  it(`answered so ${SILENT_AFTER} times first: the run stops (exit 3) naming the bound, not asking whether an HTTP server listens there`, async () => {
    const guard = new TargetGuardTransport(await answering(behave), 'http://127.0.0.1:8080');
    for (let i = 0; i < SILENT_AFTER; i += 1) await guard.send(request(), `bound#${i}`);
    expect(guard.stopped()?.cause).toBe('silent');
    expect(guard.stopped()?.why).toBe(
      `http://127.0.0.1:8080 answered, but past a bound the suite keeps to protect itself, so none of the first ${SILENT_AFTER} requests got an answer it could judge (the last past the bound of ${atMost}); ${KEEPS}`,
    );
    expect(guard.stopped()?.why).not.toContain('HTTP server listening');
  });
});

it('bytes that were never HTTP (an SSH banner): no bound in the error, and the stop still asks whether an HTTP server listens there', async () => {
  const guard = new TargetGuardTransport(await answering((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n')), 'http://127.0.0.1:22');
  for (let i = 0; i < SILENT_AFTER; i += 1) await guard.send(request(), `ssh#${i}`);
  expect(guard.stopped()?.why).toMatch(/is an HTTP server listening on this port\?\)$/);
  expect(guard.stopped()?.why).not.toContain('bound');
});

describe('record and replay: the bound is not written to the HAR, the words that name it are', () => {
  /** The recording's one entry, read back as a replay reads it. */
  function replayOf(entry: Entry): ReplayTransport {
    const recorded = fromHarEntry(JSON.parse(JSON.stringify(entry)) as Entry);
    return new ReplayTransport([{ file: 'op.har', target: 'http://127.0.0.1:8080', entries: [{ index: 0, ...recorded }], skipped: [], repeat: 1, suiteVersion: '0.2.0' }]);
  }

  it("a replay's case says what the live run's said, word for word, though its error carries no bound", async () => {
    const entries: Entry[] = [];
    const recorder = new RecordTransport({ inner: await answering(bigHead), scrubber: createScrubber(['zv_test_k']), sink: (entry) => entries.push(entry), caseMeta: () => ({ scenario: 'bound' }) });
    const live = await recorder.send(request(), 'bound');
    expect(live.error?.bound).toBe('head-bytes');
    const replayed = await replayOf(entries[0] as Entry).send(request(), 'bound');
    expect(replayed.error).toEqual({ kind: 'other', message: live.error?.message });
    expect(transportErrorCheck.run(replayed, undefined as never)).toEqual(transportErrorCheck.run(live, undefined as never));
  });

  it("a recording made before the bound was named still reads, and its case says what that run said", async () => {
    // As a suite before transport-bounds.ts wrote it: the same kind, the words without the bound's.
    const entries: Entry[] = [];
    const recorder = new RecordTransport({ inner: await answering(bigHead), scrubber: createScrubber(['zv_test_k']), sink: (entry) => entries.push(entry), caseMeta: () => ({ scenario: 'bound' }) });
    await recorder.send(request(), 'bound');
    const old = JSON.parse(JSON.stringify(entries[0])) as Entry & { _zavu: { error: { message: string } } };
    old._zavu.error.message = `response headers exceed ${MAX_HEADER_BYTES} bytes`;
    const replayed = await replayOf(old).send(request(), 'bound');
    expect(replayed.error).toEqual({ kind: 'other', message: `response headers exceed ${MAX_HEADER_BYTES} bytes` });
  });
});
