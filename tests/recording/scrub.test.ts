import { RecordingError } from '../../src/model/errors';
import type { AuthVariant } from '../../src/model';
import { keyDerivedTokens, swapCase } from '../../src/model/http';
import { assertNoSecrets, createScrubber } from '../../src/recording/scrub';
import { secretForms } from '../../src/recording/secret-forms';
import { authorizationFor } from '../../src/transport/auth-headers';
import { escapeControl } from '../../src/text/plain-text';
import { apiKey } from './fixtures';

const scrubber = createScrubber([apiKey]);
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const value = (headers: { name: string; value: string }[], name: string): string | undefined => headers.find((h) => h.name === name)?.value;

describe('headers', () => {
  it.each(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])('redacts %s whatever its value', (name) => {
    expect(value(scrubber.headers({ [name]: 'anything at all' }), name)).toBe('[REDACTED]');
  });

  it.each(['x-api-key', 'x-session-id', 'x-csrf-token', 'x-client-secret', 'x-password', 'x-credentials'])('redacts %s by its name', (name) => {
    expect(value(scrubber.headers({ [name]: 'opaque-value' }), name)).toBe('[REDACTED]');
  });

  it.each(['x-auth-token', 'X-Api-Key', 'XApiKey', 'apikey', 'x-access-token', 'authorization', 'x-session', 'x-client-credentials', 'X-Amz-Signature', 'sig'])('redacts %s, a credential word as a whole name part', (name) => {
    expect(value(scrubber.headers({ [name]: 'opaque-value' }), name)).toBe('[REDACTED]');
  });

  it.each(['www-authenticate', 'x-author', 'x-keywords', 'x-tokens-used', 'x-monkey', 'x-tokenizer', 'x-sessions-count'])('keeps %s: a credential word inside a longer part is not one', (name) => {
    expect(value(scrubber.headers({ [name]: 'Bearer realm="api"' }), name)).toBe('Bearer realm="api"');
  });

  it('keeps ordinary headers and scrubs the key out of their values', () => {
    const headers = scrubber.headers({ 'content-type': 'application/json', 'x-echo': `you sent ${apiKey}` });
    expect(headers).toEqual([
      { name: 'content-type', value: 'application/json' },
      { name: 'x-echo', value: 'you sent [REDACTED]' },
    ]);
  });
});

describe('URLs and query strings', () => {
  it('redacts query parameters with sensitive names, keeping the URL valid', () => {
    const url = 'https://h.test/v1/x?api_key=abc&page=2&Access_Token=t0k&sessionId=s1';
    expect(scrubber.url(url)).toBe('https://h.test/v1/x?api_key=%5BREDACTED%5D&page=2&Access_Token=%5BREDACTED%5D&sessionId=%5BREDACTED%5D');
    expect(scrubber.queryString(url)).toEqual([
      { name: 'api_key', value: '[REDACTED]' },
      { name: 'page', value: '2' },
      { name: 'Access_Token', value: '[REDACTED]' },
      { name: 'sessionId', value: '[REDACTED]' },
    ]);
  });

  it('removes the key from any part of a URL, plain or percent-encoded', () => {
    expect(scrubber.url(`https://h.test/v1/senders/${apiKey}/x?q=${apiKey}`)).toBe('https://h.test/v1/senders/%5BREDACTED%5D/x?q=%5BREDACTED%5D');
    const odd = 'zv_test/with+chars';
    const oddScrubber = createScrubber([odd]);
    expect(oddScrubber.url(`https://h.test/x?q=${encodeURIComponent(odd)}`)).toBe('https://h.test/x?q=%5BREDACTED%5D');
    expect(oddScrubber.url(`https://h.test/x?q=${encodeURIComponent(odd).toLowerCase()}`)).not.toMatch(/with/);
    expect(oddScrubber.body(`{"next":"/x?q=${encodeURIComponent(odd)}"}`)).toBe('{"next":"/x?q=[REDACTED]"}');
  });

  it('drops the user-info of a URL: user name and password are credentials', () => {
    expect(scrubber.url('https://alice:s3cr%40t@h.test/v1/x?page=2')).toBe('https://h.test/v1/x?page=2');
    expect(scrubber.url('https://ghp_token1234@h.test:8443/v1/x')).toBe('https://h.test:8443/v1/x');
    expect(scrubber.url('http://u:p@ss@h.test/x')).toBe('http://h.test/x');
    expect(scrubber.url('//u:p@h.test/x')).toBe('//h.test/x');
    // An "@" in the path or query is not user-info.
    expect(scrubber.url('https://h.test/v1/senders/a@b/x?to=c@d')).toBe('https://h.test/v1/senders/a@b/x?to=c@d');
    expect(scrubber.url('/v1/senders/u:p@h/x')).toBe('/v1/senders/u:p@h/x');
  });

  it('drops the user-info of URLs in free text (a Location header, an error message, a body)', () => {
    expect(value(scrubber.headers({ location: 'https://alice:pw@h.test/next' }), 'location')).toBe('https://h.test/next');
    expect(scrubber.text('connect to https://alice:pw@h.test/x failed; see http://h.test/a@b')).toBe('connect to https://h.test/x failed; see http://h.test/a@b');
    expect(scrubber.body('{"next":"https://alice:pw@h.test/x","by":"bob@example.com"}')).toBe('{"next":"https://h.test/x","by":"bob@example.com"}');
  });

  it('redacts the sensitive parameters of URLs in headers and bodies as those of the request URL: a Location, a Link, a body\'s download link', () => {
    // The entry's redirectURL is scrubbed as a URL; its Location header, the same value, kept the token.
    expect(value(scrubber.headers({ location: 'https://x.test/cb?token=t0k&a=1' }), 'location')).toBe('https://x.test/cb?token=%5BREDACTED%5D&a=1');
    expect(value(scrubber.headers({ location: '/cb?access_token=t0k#state=1' }), 'location')).toBe('/cb?access_token=%5BREDACTED%5D#state=1');
    expect(value(scrubber.headers({ 'content-location': '/v1/x?sessionId=s1' }), 'content-location')).toBe('/v1/x?sessionId=%5BREDACTED%5D');
    expect(value(scrubber.headers({ link: '<https://h.test/p?page=2&api_key=abc>; rel="next"' }), 'link')).toBe('<https://h.test/p?page=2&api_key=%5BREDACTED%5D>; rel="next"');
    expect(scrubber.body('{"download":"https://files.test/x?access_token=t0k&v=1","page":"https://h.test/p?page=2"}')).toBe(
      '{"download":"https://files.test/x?access_token=%5BREDACTED%5D&v=1","page":"https://h.test/p?page=2"}',
    );
    // An implicit grant's fragment, a path parameter, an error message.
    expect(scrubber.text('redirected to https://app.test/done#access_token=t0k&expires_in=3600 ok')).toBe('redirected to https://app.test/done#access_token=%5BREDACTED%5D&expires_in=3600 ok');
    // A path parameter's value runs to the next pair's separator: what follows it goes too, failing closed.
    expect(scrubber.text('see https://h.test/app;sessionid=ABC123?x=1 now')).toBe('see https://h.test/app;sessionid=%5BREDACTED%5D now');
    // Names that only hold a credential word inside a longer part, and prose naming one, are kept
    // (a pair `"token=abc"` is not: a form's or a relative URL's pair, see received-tokens.test.ts).
    const kept = '{"next":"https://h.test/p?tokensUsed=3&author=ana","q":"token abc"}';
    expect(scrubber.body(kept)).toBe(kept);
  });

  it('redacts them in a JSON body whose encoder escapes "/" (PHP: `https:\\/\\/…`) or writes it as \\u002F, "&" as \\u0026: the JSON stays the same JSON but the token', () => {
    const escaped = String.raw`{"download":"https:\/\/files.test\/x?access_token=t0k&v=1","next":"https:\/\/h.test\/p?page=2"}`;
    expect(scrubber.body(escaped)).toBe(String.raw`{"download":"https:\/\/files.test\/x?access_token=%5BREDACTED%5D&v=1","next":"https:\/\/h.test\/p?page=2"}`);
    const unicode = String.raw`{"u":"https:\u002F\u002Fbob:pw@files.test\u002Fx?a=1\u0026signature=s1g\u0026b=2#x"}`;
    const scrubbed = scrubber.body(unicode);
    expect(scrubbed).toBe(String.raw`{"u":"https:\u002F\u002Ffiles.test\u002Fx?a=1\u0026signature=%5BREDACTED%5D\u0026b=2#x"}`);
    expect(JSON.parse(scrubbed)).toEqual({ u: 'https://files.test/x?a=1&signature=%5BREDACTED%5D&b=2#x' });
    // A value with an escaped "/" in it goes whole; the URL ends before any other escape, which is never cut in two.
    expect(scrubber.text(String.raw`"https:\/\/h.test\/cb?token=ab\/cd\"x"`)).toBe(String.raw`"https:\/\/h.test\/cb?token=%5BREDACTED%5D\"x"`);
    const kept = String.raw`{"next":"https:\/\/h.test\/p?tokensUsed=3\u0026author=ana"}`;
    expect(scrubber.body(kept)).toBe(kept);
  });

  it('looks for user-info in linear time: a long run of letters is not rescanned from each of its letters', () => {
    // Quadratic, this would take seconds (and a 3 MB body minutes); linear, it takes about a millisecond.
    const body = `${'a'.repeat(60_000)} https://${'b'.repeat(60_000)}`;
    const started = performance.now();
    expect(scrubber.body(body)).toBe(body);
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('leaves a URL without secrets byte-identical', () => {
    const url = 'https://h.test/v1/senders/snd%20a/x?page=2+3';
    expect(scrubber.url(url)).toBe(url);
  });
});

describe('bodies', () => {
  it('scrubs a 9 MB body of an open quote, of escapes, of JSON-escaped slashes or of JWT-like dots without overflowing the stack (a pattern looping over alternatives takes a frame per turn)', () => {
    const size = 9 * 1024 * 1024;
    for (const body of ['"'.padEnd(size, 'a'), '"'.padEnd(size, '\\"'), 'https:\\/\\/'.padEnd(size, '\\/'), 'eyJhbGciOiJub25lIn0.'.padEnd(size, 'a.'), '{"token":'.padEnd(size, '[')]) {
      expect(() => scrubber.body(body)).not.toThrow();
    }
  });

  it('redacts sensitive JSON keys at any depth', () => {
    const body = JSON.stringify({ data: [{ name: 'a', apiKey: 'k1', nested: { refresh_token: 't', Password: 'p', passwd: 'q' } }], authCode: { x: 1 } });
    expect(JSON.parse(scrubber.body(body))).toEqual({
      data: [{ name: 'a', apiKey: '[REDACTED]', nested: { refresh_token: '[REDACTED]', Password: '[REDACTED]', passwd: '[REDACTED]' } }],
      authCode: '[REDACTED object]',
    });
  });

  it('keeps keys that only contain a credential word inside a longer part', () => {
    const body = JSON.stringify({ author: 'ana', keywords: ['a'], tokensUsed: 12, monkey: 1, authorName: 'x' });
    expect(scrubber.body(body)).toBe(body);
  });

  it('keeps a body without sensitive keys byte-identical', () => {
    const body = '{ "code": "bad_request",\n  "message": "nope" }';
    expect(scrubber.body(body)).toBe(body);
  });

  it('removes the key from body text, JSON or not', () => {
    expect(scrubber.body(`invalid key ${apiKey}!`)).toBe('invalid key [REDACTED]!');
    expect(scrubber.body(JSON.stringify({ message: `key ${apiKey} revoked` }))).toBe('{"message":"key [REDACTED] revoked"}');
  });

  it('removes the base64 forms of the key and of "key:" (Basic auth), padding included', () => {
    expect(scrubber.text(`Basic ${b64(`${apiKey}:`)}`)).toBe('Basic [REDACTED]');
    expect(scrubber.text(`t=${b64(apiKey)};`)).toBe('t=[REDACTED];');
    // "user:key": only the few leading characters that also encode "user:" survive.
    expect(scrubber.text(`Basic ${b64(`user:${apiKey}`)}`)).toMatch(/^Basic [A-Za-z0-9+/]{7}\[REDACTED\]$/);
    expect(scrubber.text(Buffer.from(apiKey).toString('base64url'))).toBe('[REDACTED]');
  });

  it('removes the base64 forms in another case: a front that echoes the Basic token into a Content-Type, which the stories quote lower-cased', () => {
    // Its case folded, base64 still gives the key back: each 4 characters are one of 16 spellings, and the key's alphabet tells which.
    expect(scrubber.text(`not the API? a 200 "text/x-${b64(`${apiKey}:`).toLowerCase()}" answer`)).toBe('not the API? a 200 "text/x-[REDACTED]" answer');
    expect(scrubber.text(`t=${b64(apiKey).toUpperCase()};`)).toBe('t=[REDACTED];');
    expect(() => assertNoSecrets(`a 200 "text/x-${b64(`${apiKey}:`).toLowerCase()}"`, [apiKey])).toThrow();
  });

  it('removes the hex form of the key, in either case, as a target that echoes the bytes it got writes it', () => {
    const hex = Buffer.from(apiKey).toString('hex');
    expect(scrubber.text(`got bytes ${hex} from you`)).toBe('got bytes [REDACTED] from you');
    expect(scrubber.body(JSON.stringify({ raw: hex.toUpperCase() }))).toBe('{"raw":"[REDACTED]"}');
  });

  it('removes the UTF-16 forms of the key: a target answering in UTF-16 (LE or BE) echoes it with a NUL beside each character, read here as UTF-8', () => {
    const utf16le = Buffer.from(apiKey, 'utf16le').toString('utf8');
    const utf16be = Buffer.from(apiKey, 'utf16le').swap16().toString('utf8');
    expect(scrubber.body(`{\u0000"\u0000m\u0000"\u0000:\u0000"\u0000${utf16le}"\u0000}\u0000`)).not.toMatch(/9\u0000f\u00008\u0000e/);
    expect(scrubber.text(`you sent ${utf16le} back`)).toBe('you sent [REDACTED]\u0000 back');
    expect(scrubber.text(`you sent ${utf16be} back`)).toBe('you sent \u0000[REDACTED] back');
    // As an escaped JSON string (a recording, a report's JSON), each NUL a "\u0000".
    expect(scrubber.text(JSON.stringify(utf16le))).toBe('"[REDACTED]\\u0000"');
    // The head a cut of the suite's left (an excerpt of unasked bytes), most of the key: a piece of it, as the partial form takes.
    expect(scrubber.text(`sent ${utf16le.slice(0, 2 * 29)}…`)).not.toMatch(/9\u0000f\u00008\u0000e\u00007/);
    // An echo that lost the key's start, and the credential with a tab after its prefix that an auth case sends.
    const utf16 = (text: string): string => Buffer.from(text, 'utf16le').toString('utf8');
    expect(scrubber.text(utf16(apiKey.slice(12)))).not.toMatch(/3\u00009\u00002\u00008/);
    expect(scrubber.text(utf16(`zv_test_\t${apiKey.slice(8)}`))).not.toMatch(/9\u0000f\u00008\u0000e/);
    // The recording's last check fails closed on it.
    expect(() => scrubber.assertClean(utf16le)).toThrow(RecordingError);
  });

  it('removes the key echoed with an invisible character between its characters (a zero-width space, a soft hyphen), raw or as the escape every report shows it as', () => {
    // Every report shows such a character as an escape ("z\\u200bv\\u200b_…"): the key would be read off the page.
    for (const between of ['\u200b', '\u00ad', '\u2060', '\ufeff', '\u034f', '\u0001', '\u{e0020}']) {
      const spaced = [...apiKey].join(between);
      const shown = escapeControl(spaced);
      expect(scrubber.text(`you sent ${spaced} back`)).toBe('you sent [REDACTED] back');
      expect(scrubber.text(`Received: "${shown}"`)).toBe('Received: "[REDACTED]"');
      // In a JSON body as its encoder may write it, and in a report's JSON (the escape's backslash escaped again).
      expect(scrubber.body(`{"m":"${shown}"}`)).toBe('{"m":"[REDACTED]"}');
      expect(scrubber.text(JSON.stringify(shown))).toBe('"[REDACTED]"');
      expect(() => scrubber.assertClean(spaced)).toThrow(RecordingError);
    }
    // Half of it (an echo that lost the rest) goes as the plain key's half does; an HTML or URL body's escapes of the character too.
    expect(scrubber.text(`sent ${[...apiKey.slice(0, 24)].join('\u200b')}`)).not.toMatch(/9.*f.*8.*e.*7/);
    expect(scrubber.text(`sent ${[...apiKey].join('&#8203;')}.`)).toBe('sent [REDACTED].');
    expect(scrubber.text(`sent ${[...apiKey].join('%E2%80%8B')}.`)).toBe('sent [REDACTED].');
    // The head a check's excerpt left before its "…" (each character now 7 wide): from the prefix and 4 characters on, as a plain key's head goes; the escape the cut split with it.
    for (const between of ['\u200b', '\u{e0020}']) {
      const shown = escapeControl([...apiKey].join(between));
      for (let cut = 40; cut < shown.length; cut += 3) expect(scrubber.text(`Received: "${shown.slice(0, cut)}… (${shown.length} chars)"`)).not.toMatch(/9.{1,13}f.{1,13}8.{1,13}e/);
    }
    expect(scrubber.text(`"${escapeControl([...apiKey.slice(0, 11)].join('\u200b'))}…"`)).toBe(`"${escapeControl([...apiKey.slice(0, 11)].join('\u200b'))}…"`);
    // Ordinary text with such characters, and the public prefix alone so spaced, stay.
    expect(scrubber.text('z\u200bv\u200b_\u200bt\u200be\u200bs\u200bt\u200b_ is the prefix; a\u00adb')).toBe('z\u200bv\u200b_\u200bt\u200be\u200bs\u200bt\u200b_ is the prefix; a\u00adb');
  });

  it("the interleaved form's cheap test (mayHold) passes every text its pattern matches, and not the ordinary texts a conformant run scrubs, so its pattern is not compiled for them", () => {
    const form = secretForms(apiKey).find((f) => f.label === 'interleaved');
    expect(form?.mayHold).toBeDefined();
    if (form?.mayHold === undefined) return;
    const matched = ['\u200b', '\u00ad', '\u{e0020}', '&#8203;', '%E2%80%8B'].flatMap((between) => [[...apiKey].join(between), escapeControl([...apiKey].join(between))]);
    for (const text of matched) {
      form.pattern.lastIndex = 0;
      expect(form.pattern.test(text)).toBe(true);
      expect(form.mayHold.test(text)).toBe(true);
    }
    // A check's texts joined by NUL, a JSON message with a "\n", a percent-encoded path: one gap in a row at most.
    for (const ordinary of ['{"sync":{"status":"idle"}}\u0000application/json\u0000max-age=0', '{"message":"line one\\nline two"}', '/v1/senders/snd%20abc/whatsapp-sync']) expect(form.mayHold.test(ordinary)).toBe(false);
  });

  it("the escaped form's cheap test (mayHold) passes every text its pattern matches, and not a body with no escape and no piece of the key: a 15 MiB answer's search cost ~0.2 s a credential, at every run", () => {
    const form = secretForms(apiKey).find((f) => f.label === 'escaped');
    expect(form?.mayHold).toBeDefined();
    if (form?.mayHold === undefined) return;
    const unicode = (text: string): string => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const percent = (text: string): string => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
    const reference = (text: string): string => [...text].map((c) => `&#${c.codePointAt(0)};`).join('');
    const slashed = (text: string): string => [...text].map((c) => `\\${c}`).join('');
    const tokens = [apiKey, apiKey.toUpperCase(), ...keyDerivedTokens(apiKey)];
    const matched = tokens.flatMap((token) => [token, unicode(token), percent(token), reference(token), slashed(token), [...token].map((c, i) => (i % 3 === 0 ? unicode(c) : c)).join('')]);
    for (const text of matched) {
      form.pattern.lastIndex = 0;
      if (!form.pattern.test(text)) continue;
      expect({ text, mayHold: form.mayHold.test(`{"m":"${text}"}`) }).toEqual({ text, mayHold: true });
    }
    expect(matched.filter((text) => (form.pattern.lastIndex = 0, form.pattern.test(text))).length).toBeGreaterThan(tokens.length * 4);
    form.pattern.lastIndex = 0;
    // What a conformant target sends, and a ready-made body of one long string: no escape, no piece of the key.
    for (const ordinary of ['{"sync":{"status":"idle"}}\u0000application/json\u0000max-age=0', `{"pad":"${'x'.repeat(100_000)}"}`, 'zv_test_ is the prefix']) expect(form.mayHold.test(ordinary)).toBe(false);
  });

  it('removes the head a cut left of the key in UTF-16, however short, as it does the head of any other form', () => {
    const utf16 = (text: string): string => Buffer.from(text, 'utf16le').toString('utf8');
    const be = (text: string): string => Buffer.from(text, 'utf16le').swap16().toString('utf8');
    // 12 of the key's 40 characters: under half, so no piece of the UTF-16 form; 4 of them past the public prefix.
    const head = utf16(apiKey.slice(0, 12));
    expect(scrubber.text(`sent ${head}…`)).toBe('sent [REDACTED]…');
    // Big-endian, and each NUL as a report's JSON writes it ("\u0000", any backslashes before it).
    expect(scrubber.text(`sent ${be(apiKey.slice(0, 12))}…`)).not.toMatch(/9\u0000f\u00008/);
    expect(scrubber.text(`sent ${JSON.stringify(head).slice(1, -1)}…`)).not.toMatch(/9\\u0000f/);
    expect(scrubber.text(`sent ${JSON.stringify(JSON.stringify(head).slice(1, -1)).slice(1, -1)}…`)).not.toMatch(/9\\+u0000f/);
    // A chunk that ended inside it (the unasked bytes' first read), and the derived credentials' heads too.
    expect(scrubber.cutEnd(`sent ${head}`)).not.toMatch(/9\u0000f/);
    expect(scrubber.text(`sent ${utf16(`zv_live_${apiKey.slice(8, 14)}`)}…`)).not.toMatch(/9\u0000f/);
    // The public prefix alone stays (it tells nothing); one character past it goes, as in UTF-8.
    expect(scrubber.text(`sent ${utf16('zv_test_')}…`)).toBe(`sent ${utf16('zv_test_')}…`);
    expect(scrubber.text(`sent ${utf16('zv_test_9')}…`)).toBe('sent [REDACTED]…');
  });

  it("looks for no hex form of a key under 16 bytes: a mock's short key in hex is digits an id may hold", () => {
    const { text } = createScrubber(['abcd']);
    expect(text('id snd_61626364aa')).toBe('id snd_61626364aa');
  });

  it('looks for the hex form of a key of exactly 16 bytes: the bound is inclusive', () => {
    const key = 'zv_test_0123456q';
    expect(Buffer.byteLength(key)).toBe(16);
    const hex = Buffer.from(key).toString('hex');
    expect(createScrubber([key]).text(`echo ${hex} end`)).toBe('echo [REDACTED] end');
  });
});

describe('a key with characters that JSON escapes and base64 encodes as "+" or "/"', () => {
  // Its base64 contains "/" and "+" at every offset, so the URL-safe alphabet differs; it contains '"'.
  const odd = 'zv_test_"q~?>k9Qm2Lx7Pw4Rt8Vz3Nb6';
  const oddScrubber = createScrubber([odd]);
  const b64url = (text: string): string => Buffer.from(text).toString('base64url');
  const jsonEscaped = JSON.stringify(odd).slice(1, -1);

  it('is such a key', () => {
    expect(b64(odd)).toMatch(/[+/]/);
    expect(b64url(odd)).not.toBe(b64(odd).replace(/=+$/, ''));
    expect(jsonEscaped).not.toBe(odd);
  });

  it('redacts its base64url forms, alone and as "key:"', () => {
    expect(oddScrubber.text(`t=${b64url(odd)};`)).toBe('t=[REDACTED];');
    expect(oddScrubber.text(`Basic ${b64url(`${odd}:`)}`)).toBe('Basic [REDACTED]');
  });

  it('redacts its JSON-escaped form in a body', () => {
    expect(oddScrubber.body(JSON.stringify({ message: `key ${odd} revoked` }))).toBe('{"message":"key [REDACTED] revoked"}');
  });

  it.each([
    ['base64url', () => b64url(odd)],
    ['JSON-escaped', () => jsonEscaped],
  ])('refuses its %s form in the final text, naming that form', (label, form) => {
    const text = `{"text": "${form()}"}`;
    expect(() => assertNoSecrets(text, [odd])).toThrow(`(${label} form)`);
    expect(() => oddScrubber.assertClean(text)).toThrow(`(${label} form)`);
  });
});

describe('tokens derived from the key', () => {
  const wrongChecksum = `${apiKey.slice(0, -4)}0000`;
  const controlChars = `${apiKey.slice(0, 8)}\t${apiKey.slice(8)}\x7f`;

  it('removes most-of-the-key tokens a server may echo (wrong checksum, control characters)', () => {
    expect(scrubber.body(JSON.stringify({ message: `token ${wrongChecksum} is invalid` }))).toBe('{"message":"token [REDACTED] is invalid"}');
    expect(scrubber.text(controlChars)).toBe('[REDACTED]\x7f');
    // Echoed in part: the piece after the tab is a long piece of the key.
    expect(scrubber.text(`got ${apiKey.slice(8)}`)).toBe('got [REDACTED]');
  });

  it.each([
    ['case swapped', () => swapCase(apiKey)],
    ['upper case', () => apiKey.toUpperCase()],
    ['cut short by one', () => apiKey.slice(0, -1)],
    ['cut to its first half and a bit', () => apiKey.slice(0, Math.ceil(apiKey.length / 2) + 1)],
    ['with characters appended', () => `${apiKey}00`],
  ])('removes the key %s from a body, and refuses it in the final text', (_label, form) => {
    const echoed = JSON.stringify({ message: `token ${form()} is invalid` });
    // Appended characters may stay after the marker: they are the suite's own, not the key's.
    const scrubbed = scrubber.body(echoed);
    expect(scrubbed).toMatch(/^\{"message":"token \[REDACTED\](00)? is invalid"\}$/);
    expect(() => scrubber.assertClean(scrubbed)).not.toThrow();
    expect(() => assertNoSecrets(echoed, [apiKey])).toThrow(RecordingError);
  });

  it('removes and refuses base64 of the case-swapped and of the cut-short key', () => {
    const swapped = swapCase(apiKey);
    for (const form of [b64(swapped), b64(`${swapped}:`), b64(apiKey.slice(0, -1))]) {
      expect(scrubber.text(`t=${form};`)).toBe('t=[REDACTED];');
      expect(() => assertNoSecrets(`t=${form};`, [apiKey])).toThrow(/base64 form/);
    }
  });

  it('names the case-changed form when it refuses one', () => {
    expect(() => assertNoSecrets(`"${apiKey.toUpperCase()}"`, [apiKey])).toThrow(/case-changed form/);
  });

  it('removes either half of a key of odd length echoed split in two, the shorter one too', () => {
    const odd43 = `zv_test_${'Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1eF3hJ'}`;
    expect(odd43.length % 2).toBe(1);
    const half = Math.floor(odd43.length / 2);
    const split = createScrubber([odd43]);
    expect(split.text(`a=${odd43.slice(0, half)} b=${odd43.slice(half)}`)).toBe('a=[REDACTED] b=[REDACTED]');
    expect(() => assertNoSecrets(`"${odd43.slice(0, half)}"`, [odd43])).toThrow(/partial form/);
  });

  it('refuses them in the final text, and leaves short or unrelated look-alikes alone', () => {
    expect(() => assertNoSecrets(`"${wrongChecksum}"`, [apiKey])).toThrow(/derived form/);
    expect(() => assertNoSecrets(`"${apiKey.slice(3, 25)}"`, [apiKey])).toThrow(/partial form/);
    expect(() => assertNoSecrets(`zv_test_${apiKey.slice(8, 15)} zv_test_0000000000000000`, [apiKey])).not.toThrow();
  });
});

describe('keys of any length', () => {
  // Every credential a case sends that carries the key, as a server would echo it back.
  const keyCarrying: AuthVariant[] = ['valid', 'no-scheme', 'basic', 'lowercase-bearer', 'extra-spaces', 'control-chars', 'wrong-checksum', 'token-scheme', 'apikey-scheme', 'bearer-no-space', 'case-changed', 'appended', 'prepended', 'other-environment', 'key-then-word', 'truncated'];
  const keys = ['zv_test_abcd', 'zv_test_QWERTYXYZ', 'zv_test_SECRETSECRET123', 'zv_live_0123456789abcdefABCDEF', apiKey];

  it.each(keys)('removes and refuses every credential sent with %s, echoed whole or after its tab', (key) => {
    const { text, assertClean } = createScrubber([key]);
    for (const variant of keyCarrying) {
      const echoed = JSON.stringify({ message: `bad credentials ${authorizationFor(variant, key, 'zv_test_unknown')}` });
      expect(() => assertNoSecrets(echoed, [key])).toThrow(RecordingError);
      const scrubbed = text(echoed);
      expect(() => assertClean(scrubbed)).not.toThrow();
      // What is left carries no piece of the secret past the prefix.
      expect(scrubbed).not.toContain(key.slice(8, 12));
    }
    if (key.length >= 16) expect(text(`tail ${key.slice(8)}`)).toBe('tail [REDACTED]');
  });

  it('leaves ordinary text alone when the key is short: its derived tokens are not looked for under 8 characters', () => {
    const { text } = createScrubber(['k']);
    expect(text('limit 10000, id snd_0000: k')).toBe('limit 10000, id snd_0000: [REDACTED]');
  });
});

describe('assertNoSecrets', () => {
  it.each([
    ['verbatim', apiKey],
    ['base64', b64(apiKey)],
    ['base64 of "key:"', b64(`${apiKey}:`)],
    ['base64 at another offset', b64(`u:${apiKey}`)],
    ['hex', Buffer.from(apiKey).toString('hex')],
  ])('fails closed on the %s form, without printing the key', (_label, form) => {
    const run = () => assertNoSecrets(`{"text": "${form}"}`, [apiKey]);
    expect(run).toThrow(RecordingError);
    expect(run).toThrow(/refusing to write the recording/);
    try {
      run();
    } catch (error) {
      expect((error as Error).message).not.toContain(apiKey);
      expect((error as Error).message).not.toContain(form);
    }
  });

  it('fails closed on the percent-encoded form', () => {
    const odd = 'zv_test/with+chars';
    expect(() => assertNoSecrets(`q=${encodeURIComponent(odd)}`, [odd])).toThrow(/percent-encoded/);
  });

  it('passes clean text and ignores an empty secret', () => {
    expect(() => assertNoSecrets('Bearer [REDACTED]', [apiKey, ''])).not.toThrow();
  });

  it('passes everything the scrubber produced', () => {
    const text = [scrubber.text(`Bearer ${apiKey} ${b64(`${apiKey}:`)}`), scrubber.url(`https://h/${apiKey}`), scrubber.body(`{"k":"${apiKey}"}`)].join('\n');
    expect(() => scrubber.assertClean(text)).not.toThrow();
  });
});

describe('scrubbing what no exact form matches', () => {
  /** Every character percent-encoded, as no encoder writes it but any decoder reads it. */
  const everyCharEncoded = (text: string): string => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

  it('finds the key in a path segment and a query value percent-encoded character by character: each part is decoded before it is checked', () => {
    const url = `https://h.test/v1/senders/${everyCharEncoded(apiKey)}/x?q=${everyCharEncoded(apiKey)}&page=2`;
    expect(scrubber.url(url)).toBe('https://h.test/v1/senders/%5BREDACTED%5D/x?q=%5BREDACTED%5D&page=2');
  });

  /** Every character written as a JSON (or JavaScript) `\\uXXXX` escape, as a JSON encoder that escapes all may: the same string to any reader. */
  const everyCharUnicodeEscaped = (text: string): string => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  /** Every character as an HTML or XML numeric character reference. */
  const everyCharReference = (text: string): string => [...text].map((c, i) => (i % 2 === 0 ? `&#${c.codePointAt(0)};` : `&#x${(c.codePointAt(0) ?? 0).toString(16)};`)).join('');

  it.each([
    ['\\u-escaped in a JSON body (what credential-echoed, which parses the body, flags)', (key: string) => `{"message":"key ${everyCharUnicodeEscaped(key)} revoked"}`],
    ['\\u-escaped, a JSON text inside a JSON string (its backslashes doubled)', (key: string) => JSON.stringify({ detail: `{"k":"${everyCharUnicodeEscaped(key)}"}` })],
    ['\\u-escaped in part, one character in three (no piece as is is long enough for the partial form)', (key: string) => `{"k":"${[...key].map((c, i) => (i % 3 === 0 ? everyCharUnicodeEscaped(c) : c)).join('')}"}`],
    ['percent-encoded character by character in free text (no URL parser reads it)', (key: string) => `you sent ${everyCharEncoded(key)}`],
    ['as HTML character references', (key: string) => `<p>you sent ${everyCharReference(key)}</p>`],
  ])('removes the key with its characters escaped: %s, from a body and from free text, and refuses it in the final text', (_name, echo) => {
    const text = echo(apiKey);
    for (const scrubbed of [scrubber.body(text), scrubber.text(text)]) {
      expect(scrubbed).toContain('[REDACTED]');
      expect(scrubbed).not.toMatch(/007a|%7a|&#122;/i);
    }
    expect(() => assertNoSecrets(text, [apiKey])).toThrow(RecordingError);
  });

  it.each([
    ['\\u-escaped', everyCharUnicodeEscaped],
    ['percent-encoded', everyCharEncoded],
    ['as character references', everyCharReference],
  ])('removes each wrong credential the auth cases derive from the key, its characters escaped (%s): an echo of what the request sent', (_name, escape) => {
    for (const token of keyDerivedTokens(apiKey)) {
      const text = `you sent ${escape(token)}.`;
      // What stands before [REDACTED] is at most the public prefix's escape: none of the secret.
      const shown = scrubber.text(text);
      expect({ token, shown }).toEqual({ token, shown: expect.stringMatching(/\[REDACTED\]\.$/) });
      expect(shown.length).toBeLessThanOrEqual(`you sent ${escape('zv_test_\t')}[REDACTED].`.length);
      expect(scrubber.body(`{"m":"${escape(token)}"}`)).toContain('[REDACTED]');
      expect(() => assertNoSecrets(text, [apiKey])).toThrow(RecordingError);
    }
  });

  it.each([
    ['\\u-escaped', everyCharUnicodeEscaped],
    ['percent-encoded', everyCharEncoded],
    ['as character references', everyCharReference],
  ])('keeps the words after a key escaped (%s), escaped as it is: only the characters a key or a derived token may end in go with it', (_name, escape) => {
    // The escaped form runs on past the key's core to take a wrong checksum or an appended "00";
    // an escaped space and the target's words after it are no key's, and stay for the reader.
    for (const token of [apiKey, ...keyDerivedTokens(apiKey)]) {
      const words = escape(' was rejected. Contact support');
      expect({ token, shown: scrubber.text(`you sent ${escape(token)}${words}`) }).toEqual({ token, shown: expect.stringMatching(/\[REDACTED\]/) });
      expect({ token, shown: scrubber.text(`you sent ${escape(token)}${words}`) }).toEqual({ token, shown: expect.stringContaining(`[REDACTED]${words}`) });
    }
  });

  it('reads a long run of backslashes once, not again from each of its backslashes, and still takes the escapes after it', () => {
    // Read from each backslash, 64 KiB of them took ~9 s a pass (a 16 MiB body, days) in every
    // answer's credential-echoed and the scrubber; once, milliseconds. No clock here: 256 KiB read
    // from each backslash would take minutes, past the test's own timeout.
    const run = '\\'.repeat(256 * 1024);
    expect(scrubber.text(run)).toBe(run);
    expect(() => scrubber.assertClean(run)).not.toThrow();
    expect(scrubber.text(`${run}${everyCharUnicodeEscaped(apiKey)}!`)).toBe('[REDACTED]!');
    expect(scrubber.text(`x ${run}${everyCharEncoded(apiKey)}`)).toBe('x [REDACTED]');
  });

  // The run of letters a form takes after the key (the whole token goes as one) is bounded: unbounded,
  // each letter was a step V8's backtracking stack kept, and a body within --max-body-bytes (16 MiB)
  // overflowed it: "Maximum call stack size exceeded", every case of a recording run an ERROR.
  it('takes a bounded run of letters after the key: a body of millions of them after it is scrubbed, not a crash', () => {
    const utf16 = (text: string): string => Buffer.from(text, 'utf16le').toString('utf8');
    // The key in UTF-16 in a JSON string (each NUL a "\u0000"), ~1.2 million letters after it: ~8 MB.
    const escaped = JSON.stringify(utf16(`${apiKey}${'a'.repeat(1_200_000)}`));
    const scrubbed = scrubber.body(escaped);
    expect(scrubbed.startsWith('"[REDACTED]')).toBe(true);
    expect(() => scrubber.assertClean(scrubbed)).not.toThrow();
    expect(() => scrubber.assertClean(escaped)).toThrow(RecordingError);
    // The escaped form's tail: the key but its checksum, then ~13 million letters (13 MB).
    const tail = `${apiKey.slice(0, -4)}x${'a'.repeat(13_000_000)}`;
    expect(scrubber.text(tail).startsWith('[REDACTED]')).toBe(true);
    expect(() => scrubber.assertClean(tail)).toThrow(RecordingError);
  });

  it('removes a key with a quote, a backslash, "%", "+" and a non-ASCII letter in it, its characters escaped', () => {
    const odd = 'zv_test_a"b\\c%d+e\u00e9f0123456789ABCDEFGHIJ';
    const oddScrubber = createScrubber([odd]);
    for (const text of [everyCharUnicodeEscaped(odd), everyCharEncoded(odd), everyCharReference(odd)]) {
      expect(oddScrubber.text(`(${text})`)).toBe('([REDACTED])');
    }
  });

  it('scrubs the key out of a header name as well as its value', () => {
    const headers = scrubber.headers({ [`x-echo-${apiKey}`]: 'v' });
    expect(headers).toEqual([{ name: 'x-echo-[REDACTED]', value: 'v' }]);
  });
});

describe('forms the exact patterns leave to others', () => {
  it('removes a case-changed piece from the middle of the key (cut short and case-swapped): the partial form ignores case', () => {
    const piece = swapCase(apiKey.slice(5, 35));
    expect(scrubber.text(`you sent ${piece}!`)).toBe('you sent [REDACTED]!');
    expect(() => scrubber.assertClean(`you sent ${piece}!`)).toThrow(RecordingError);
  });

  it('scrubs the longer of two keys first, so a key that begins with the other leaves no tail behind', () => {
    const short = 'zv_test_0123456789abcdef';
    const long = `${short}WXYZ9876`;
    expect(createScrubber([short, long]).text(`a ${long} b`)).toBe('a [REDACTED] b');
  });

  it('takes a key ending in an emoji, whose cut-short form holds a lone surrogate (no UTF-8 form to percent-encode)', () => {
    const key = 'zv_test_0123456789ab\u{1F642}';
    const cut = key.slice(0, -1);
    const emoji = createScrubber([key]);
    expect(emoji.text(`x ${cut} y`)).not.toContain('0123456789ab');
    expect(emoji.url(`https://h.test/x?q=${encodeURIComponent(key)}`)).toBe('https://h.test/x?q=%5BREDACTED%5D');
  });
});

describe('sensitive names however they are written', () => {
  it.each(['XAPIKey', 'APIToken', 'x-cookie', 'auth.token', 'user.password'])('redacts a header named %s', (name) => {
    expect(value(scrubber.headers({ [name]: 'opaque-value' }), name)).toBe('[REDACTED]');
  });

  it('redacts a query parameter whose sensitive name is percent-encoded or form-encoded ("+" for a space)', () => {
    expect(scrubber.url('https://h.test/x?api%5Fkey=abc&access+token=def&page=2')).toBe('https://h.test/x?api%5Fkey=%5BREDACTED%5D&access+token=%5BREDACTED%5D&page=2');
  });

  it('redacts a sensitive JSON key written with whitespace before its colon', () => {
    expect(scrubber.body('{"token" : "opaque-value", "page": 2}')).toBe('{"token":"[REDACTED]","page":2}');
  });
});

describe('the whole-URL pass', () => {
  it('removes the key from a fragment, which no path segment or query part holds', () => {
    expect(scrubber.url(`https://h.test/x?page=2#access=${apiKey}`)).toBe('https://h.test/x?page=2#access=%5BREDACTED%5D');
  });
});
