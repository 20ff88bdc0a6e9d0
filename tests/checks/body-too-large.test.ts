import { bodyTooLargeCheck } from '../../src/checks/body-too-large';
import { runChecks } from '../../src/checks/run-checks';
import type { BodyTruncation, HttpResponse } from '../../src/model/http';
import { context, exchange, jsonResponse, syncBody } from './support/exchange-factory';

/** The start of a conformant body, cut where the transport stopped reading. */
function cutOff(truncated: BodyTruncation, headers: Record<string, string> = {}): HttpResponse {
  const whole = jsonResponse(200, syncBody, headers);
  return { ...whole, bodyText: whole.bodyText.slice(0, 20), truncated };
}

describe('body-too-large', () => {
  it('flags a body cut off on the wire, with how much was read and the bound', () => {
    const found = bodyTooLargeCheck.run(exchange(cutOff({ limitBytes: 1024, receivedBytes: 1100, crossed: 'received' })), context());
    expect(found).toEqual([expect.objectContaining({ check: 'body-too-large', severity: 'error', instancePath: '', title: 'The body is larger than the 1024-byte bound' })]);
    expect(found[0]?.message).toBe('Received: a body that ran to more than 1024 bytes (1100 read before the connection was dropped) / Expected: a body of at most 1024 bytes (--max-body-bytes)');
  });

  it('flags a small compressed body that decodes past the bound, naming its codings', () => {
    const found = bodyTooLargeCheck.run(exchange(cutOff({ limitBytes: 1024, receivedBytes: 40, crossed: 'decoded' }, { 'content-encoding': 'gzip, br' })), context());
    expect(found[0]?.message).toBe('Received: a body that decoded (Content-Encoding gzip, br) to more than 1024 bytes from 40 bytes read / Expected: a body of at most 1024 bytes (--max-body-bytes)');
  });

  it('passes a whole body and leaves a transport error to its own check', () => {
    expect(bodyTooLargeCheck.run(exchange(jsonResponse(200, syncBody)), context())).toEqual([]);
    expect(bodyTooLargeCheck.run(exchange({ kind: 'reset', message: 'aborted' }), context())).toEqual([]);
  });

  it('is the one root cause: the body checks do not judge the fragment', () => {
    const { violations } = runChecks(exchange(cutOff({ limitBytes: 1024, receivedBytes: 1100, crossed: 'received' })), context({ assert: [{ pointer: '/sync/isCoexistence', equals: true, check: 'sync-is-coexistence', because: 'a coexistence sender' }] }));
    expect(violations.map((v) => v.check)).toEqual(['body-too-large']);
  });
});

describe('body-too-large: what the target named is bounded', () => {
  it('quotes a hostile Content-Encoding as a short excerpt: control characters escaped, a long value cut', () => {
    const codings = `gzip\u001b[2J, ${'br, '.repeat(2000)}gzip`;
    const found = bodyTooLargeCheck.run(exchange(cutOff({ limitBytes: 1024, receivedBytes: 40, crossed: 'decoded' }, { 'content-encoding': codings })), context());
    const message = found[0]?.message ?? '';
    expect(message).toContain('Content-Encoding gzip\\u001b[2J, br');
    expect(message).toContain(`… (${codings.length} chars)`);
    expect(message.length).toBeLessThan(400);
  });
});
