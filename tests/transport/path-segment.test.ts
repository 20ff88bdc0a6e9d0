import fc from 'fast-check';
import { encodesNul, escapesSegment, overlongUrl, requestLineAround, requestTarget, percentEncodeCodePoint, senderPath, senderSegment, type NegativeInput } from '../../src/transport/path-segment';

const TEMPLATE = '/v1/senders/{senderId}/whatsapp-sync';

describe('senderPath, encoded (raw: false)', () => {
  it.each([
    ['snd_abc', '/v1/senders/snd_abc/whatsapp-sync'],
    ['a/b', '/v1/senders/a%2Fb/whatsapp-sync'],
    ['%2F', '/v1/senders/%252F/whatsapp-sync'],
    ['a?b#c', '/v1/senders/a%3Fb%23c/whatsapp-sync'],
    ['a b', '/v1/senders/a%20b/whatsapp-sync'],
    ['😀', '/v1/senders/%F0%9F%98%80/whatsapp-sync'],
    ['..', '/v1/senders/%2E%2E/whatsapp-sync'], // a dot segment would be resolved away by any URL-aware hop
    ['.', '/v1/senders/%2E/whatsapp-sync'],
    ['a..b', '/v1/senders/a..b/whatsapp-sync'], // not a dot segment: left as encodeURIComponent leaves it
    ['\ud800', '/v1/senders/%ED%A0%80/whatsapp-sync'], // lone surrogate: WTF-8 bytes, invalid UTF-8 on purpose
    ['$&$1', '/v1/senders/%24%26%241/whatsapp-sync'], // not read as replacement patterns
  ])('%j → %s', (id, path) => {
    expect(senderPath(TEMPLATE, { id, raw: false })).toBe(path);
  });
});

describe('senderPath, raw (raw: true)', () => {
  it.each([
    ['..', '/v1/senders/../whatsapp-sync'],
    ['%2F', '/v1/senders/%2F/whatsapp-sync'],
    ['a/b', '/v1/senders/a/b/whatsapp-sync'],
    ['100%', '/v1/senders/100%/whatsapp-sync'],
    ['a?b#c', '/v1/senders/a?b#c/whatsapp-sync'],
    ['a\\b;c', '/v1/senders/a\\b;c/whatsapp-sync'],
    ['%00', '/v1/senders/%00/whatsapp-sync'],
    ['$&', '/v1/senders/$&/whatsapp-sync'],
    // A request line cannot carry these at all, so even raw they are percent-encoded.
    ['a b', '/v1/senders/a%20b/whatsapp-sync'],
    ['\t\u0000', '/v1/senders/%09%00/whatsapp-sync'],
    ['é', '/v1/senders/%C3%A9/whatsapp-sync'],
  ])('%j → %s', (id, path) => {
    expect(senderPath(TEMPLATE, { id, raw: true })).toBe(path);
  });

  it('only ever produces characters node:http accepts in a request line', () => {
    const ids = ['\u0000\u007f\u0085', '😀 \ud800', '"<>{}|^`'];
    for (const id of ids) expect(senderSegment({ id, raw: true })).toMatch(/^[\x21-\x7e]+$/);
  });
});

describe('escapesSegment', () => {
  it.each([
    [{ id: '..', raw: true }, true],
    [{ id: '%2e%2E', raw: true }, true],
    [{ id: 'a/b', raw: true }, true],
    [{ id: 'a%2fb', raw: true }, true],
    [{ id: 'a\\b', raw: true }, true],
    [{ id: 'a?b', raw: true }, true],
    [{ id: 'a#b', raw: true }, true],
    [{ id: '...', raw: true }, false],
    [{ id: 'a;b', raw: true }, false],
    [{ id: '100%', raw: true }, false],
    [{ id: '..', raw: false }, false],
    [{ id: 'a/b', raw: false }, true],
    [{ id: 'a\\b', raw: false }, true],
    [{ id: 'a?b', raw: false }, false],
  ])('%j → %s (as sent: an encoded slash is the raw %2F on the wire)', (input, expected) => {
    expect(escapesSegment(input)).toBe(expected);
  });
});

it('percentEncodeCodePoint encodes UTF-8 bytes in upper case', () => {
  expect(percentEncodeCodePoint('/')).toBe('%2F');
  expect(percentEncodeCodePoint('\u202e')).toBe('%E2%80%AE');
  expect(percentEncodeCodePoint('😀')).toBe('%F0%9F%98%80');
  expect(percentEncodeCodePoint('\udc00')).toBe('%ED%B0%80'); // WTF-8: a lone surrogate has no UTF-8 form
});

it('rejects a template without {senderId}', () => {
  expect(() => senderPath('/v1/senders', { id: 'a', raw: false })).toThrow('{senderId}');
});

describe('senderSegment is the per-code-point definition, for any id', () => {
  // The definition, code point by code point (as the segment was once built): encoding run by run
  // must give exactly this, lone surrogates and astral characters included.
  const byCodePoint = (input: NegativeInput): string => {
    const chars = [...input.id];
    if (input.raw) return chars.map((c) => (/^[\x21-\x7e]$/.test(c) ? c : percentEncodeCodePoint(c))).join('');
    if (input.id === '.' || input.id === '..') return input.id.replace(/\./g, '%2E');
    return chars.map((c) => (c.length === 1 && /[\ud800-\udfff]/.test(c) ? percentEncodeCodePoint(c) : encodeURIComponent(c))).join('');
  };

  // fast-check's 'binary' unit never gives a lone surrogate: half the code points here are from that range or ASCII.
  const anyCodePoint = fc
    .oneof(fc.integer({ min: 0, max: 0x10ffff }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.integer({ min: 0, max: 0x7f }))
    .map((code) => String.fromCodePoint(code));

  it('raw and encoded, over arbitrary strings of any code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodePoint, maxLength: 40 }), fc.boolean(), (id, raw) => {
        expect(senderSegment({ id, raw })).toBe(byCodePoint({ id, raw }));
      }),
      { numRuns: 500, seed: 12 },
    );
  });
});

describe('encodesNul', () => {
  it.each([
    [{ id: '\u0000', raw: false }, true],
    [{ id: 'snd_a\u0000', raw: false }, true],
    [{ id: '%00snd_a', raw: true }, true],
    // "%00" sent percent-encoded is "%2500" on the wire: a "%00" string to the server, no NUL.
    [{ id: '%00', raw: false }, false],
    [{ id: 'snd_a', raw: false }, false],
  ])('%j → %s', (input, expected) => {
    expect(encodesNul(input)).toBe(expected);
  });
});

describe('overlongUrl: the request line an id is sent in is as long as the 8 KB nginx and many CDNs let through', () => {
  it.each<[NegativeInput, boolean]>([
    [{ id: 'a'.repeat(8192), raw: false }, true],
    [{ id: 'a'.repeat(8191), raw: false }, false],
    // The 1 KB ids stay under it however they are encoded: six characters for each "é".
    [{ id: 'é'.repeat(1024), raw: false }, false],
    [{ id: 'é'.repeat(1366), raw: true }, true],
  ])('%#: → %s', (input, expected) => {
    expect(overlongUrl(input)).toBe(expected);
  });
  it('counts the request line around the segment when it is known', () => {
    expect(requestLineAround({ method: 'GET', url: 'http://127.0.0.1:8080/base/v1/senders//whatsapp-sync?x=1' })).toBe('GET /base/v1/senders//whatsapp-sync?x=1 HTTP/1.1'.length);
    expect(overlongUrl({ id: 'a'.repeat(8152), raw: false }, 40)).toBe(true);
    expect(overlongUrl({ id: 'a'.repeat(8151), raw: false }, 40)).toBe(false);
  });
  it.each([
    // The origin as written is not always as URL serializes it (a default port, userinfo, letter
    // case): the line is counted from the request target the transport sends, after the authority.
    ['http://h.example:80/base/v1/x', 'GET /base/v1/x HTTP/1.1'],
    ['http://u:p@H.EXAMPLE/base/v1/x', 'GET /base/v1/x HTTP/1.1'],
    ['http://[::1]:4010/v1/senders//x?zvc=1', 'GET /v1/senders//x?zvc=1 HTTP/1.1'],
    ['https://b\u00fccher.example/a%20b/v1/senders//x', 'GET /a%20b/v1/senders//x HTTP/1.1'],
    ['http://h.example', 'GET / HTTP/1.1'],
  ])('counts the line of %s as the transport sends it: %s', (url, line) => {
    expect(requestLineAround({ method: 'GET', url })).toBe(line.length);
    expect(requestTarget(url)).toBe(line.slice('GET '.length, -' HTTP/1.1'.length));
  });
});
