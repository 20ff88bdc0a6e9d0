/** Credentials a target sent, which the suite cannot know in advance: found by their shape (a JWT) or the name they stand under. */
import { redactReceivedTokens } from '../../src/recording/received-tokens';
import { redactJsonKeys } from '../../src/recording/redact-json';
import { createScrubber } from '../../src/recording/scrub';
import { apiKey } from './fixtures';

const header = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
const jwt = `${header}.eyJzdWIiOiJzZXNzLTQyIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`;

describe('a JWT anywhere', () => {
  it('loses its payload and signature, and keeps its header (the algorithm: no secret), so the reader still sees a JWT was there', () => {
    expect(redactReceivedTokens(`Received: "${jwt}" / Expected: a sync status`)).toBe(`Received: "${header}.[REDACTED]" / Expected: a sync status`);
    // An unsecured one (no signature) and a JWE (five segments, no encrypted key for "dir").
    expect(redactReceivedTokens(`${header}.eyJzdWIiOiJ4In0.`)).toBe(`${header}.[REDACTED].`);
    expect(redactReceivedTokens(`t=${header}..aXYxMjM.Y2lwaGVy.dGFn`)).toBe(`t=${header}.[REDACTED]`);
  });

  it('goes right after a JSON escape\'s letter (`\\n`, `\\t`, `\\r`), which is no part of a word: "Bearer\\neyJ…" in a body', () => {
    for (const escape of ['\\n', '\\t', '\\r']) expect(redactReceivedTokens(`{"msg":"Bearer${escape}${jwt}"}`)).toBe(`{"msg":"Bearer${escape}${header}.[REDACTED]"}`);
    // Any other letter before it still makes it a longer word, which is no JWT.
    expect(redactReceivedTokens(`{"msg":"x\\q${jwt}"}`)).toBe(`{"msg":"x\\q${jwt}"}`);
  });

  it('goes when an excerpt cut it after its payload began', () => {
    expect(redactReceivedTokens(`"${jwt.slice(0, header.length + 12)}… (4096 chars)"`)).toBe(`"${header}.[REDACTED]… (4096 chars)"`);
  });

  it('is not any word with "eyJ" in it: a longer base64url word, a header alone, prose', () => {
    for (const kept of [`x${header}.abc`, `${header}`.repeat(2), header, 'eyJust.a.sentence', 'the keys eyJ and more']) expect(redactReceivedTokens(kept)).toBe(kept);
  });
});

describe('values under sensitive names in text a check quoted', () => {
  it('goes from JSON described whole, an object or array under the name as a whole; the rest and other names stay', () => {
    expect(redactReceivedTokens('Received: {"a":1,"auth":{"user":"u","pin":"1 2"},"b":"token","c":{"refreshToken":12},"list":[{"api_key":null}]} / Expected: x')).toBe(
      'Received: {"a":1,"auth":"[REDACTED object]","b":"token","c":{"refreshToken":"[REDACTED number]"},"list":[{"api_key":"[REDACTED null]"}]} / Expected: x',
    );
    // A key written with escapes is read as JSON reads it.
    expect(redactReceivedTokens(String.raw`{"k\u0065y" : "v", "tokensUsed": 3}`)).toBe(String.raw`{"k\u0065y" : "[REDACTED]", "tokensUsed": 3}`);
  });

  it('goes from a value a check named by its pointer, when a token of the pointer is a sensitive name', () => {
    expect(redactReceivedTokens('Received: /sync/session_token = "s3ss10n" / Expected: only properties declared')).toBe('Received: /sync/session_token = "[REDACTED]" / Expected: only properties declared');
    expect(redactReceivedTokens('Received: /sync/credentials/user = {"id":"u 1"} / Expected: x')).toBe('Received: /sync/credentials/user = "[REDACTED object]" / Expected: x');
    expect(redactReceivedTokens('Received: /sync/author = "ana" / Expected: x')).toBe('Received: /sync/author = "ana" / Expected: x');
  });

  it('goes from a body excerpt that is no JSON (cut short): to its end, failing closed', () => {
    expect(redactReceivedTokens('{"sync":{"status":"active","sessionId":"abc… (5000 chars)')).toBe('{"sync":{"status":"active","sessionId":"[REDACTED]"');
  });

  it('keeps text with none byte-identical, escaped quotes inside strings read as such', () => {
    const kept = String.raw`{"message":"he said \"token\" ok","status":"active"} curl -H "Authorization: Bearer $ZAVU_API_KEY"`;
    expect(redactReceivedTokens(kept)).toBe(kept);
  });
});

describe('values under sensitive names: the edges of the JSON a check quoted', () => {
  it('takes an object under the name whole, to its matching bracket, however deep; an array too', () => {
    expect(redactReceivedTokens('{"auth":{"user":{"id":"u1"},"pin":"1234"},"b":1}')).toBe('{"auth":"[REDACTED object]","b":1}');
    expect(redactReceivedTokens('{"secret":["s1","s2"],"n":1}')).toBe('{"secret":"[REDACTED array]","n":1}');
  });

  it('finds a key inside a body quoted unescaped within the check\'s own quotes, where the first string seen is none of the body\'s', () => {
    expect(redactReceivedTokens('Received: "{"token":"abc"}" / Expected: x')).toBe('Received: "{"token":"[REDACTED]"}" / Expected: x');
  });

  it('takes a key that does not parse as JSON (an invalid escape) for a sensitive one: failing closed', () => {
    expect(redactReceivedTokens(String.raw`{"\x":"v","n":1}`)).toBe(String.raw`{"\x":"[REDACTED]","n":1}`);
  });

  it('reads a pointer only where it starts with "/", after a space or an opening parenthesis', () => {
    expect(redactReceivedTokens('(/sync/token = "t0k") / Expected: x')).toBe('(/sync/token = "[REDACTED]") / Expected: x');
    // A word with a slash is no pointer: a value after it stays.
    expect(redactReceivedTokens('see docs/token = "kept" here')).toBe('see docs/token = "kept" here');
  });
});

describe('in recordings: the scrubber', () => {
  const scrubber = createScrubber([apiKey]);

  it('redacts a JWT under a neutral header name, in a body string and in a query value; a JSON body stays JSON', () => {
    expect(scrubber.headers({ 'x-request-context': `v1 ${jwt}` })).toEqual([{ name: 'x-request-context', value: `v1 ${header}.[REDACTED]` }]);
    const body = scrubber.body(JSON.stringify({ sync: { status: 'active', note: jwt } }));
    expect(JSON.parse(body)).toEqual({ sync: { status: 'active', note: `${header}.[REDACTED]` } });
    expect(scrubber.url(`https://h.test/cb?state=${jwt}&v=1`)).toBe(`https://h.test/cb?state=${encodeURIComponent(`${header}.[REDACTED]`)}&v=1`);
  });
});

describe('what the review of this redaction found', () => {
  const b64 = (value: string): string => Buffer.from(value).toString('base64url');
  const payload = b64('{"sub":"sess-42"}');

  it('takes a JWT whose header is pretty-printed JSON (`ewog…`, `eyAi…`) as a JWT, and its payload in base64 (+ / =) whole', () => {
    for (const head of [b64('{\n  "alg": "HS256"\n}'), b64('{ "alg":"HS256"}'), b64('{\r\n\t"alg":"HS256"}')]) {
      expect(redactReceivedTokens(`Received: "${head}.${payload}.c2ln" / x`)).toBe(`Received: "${head}.[REDACTED]" / x`);
    }
    const std = `${header}.${Buffer.from('{"sub":"a?>>"}').toString('base64')}.c2ln`;
    expect(redactReceivedTokens(`"${std}"`)).toBe(`"${header}.[REDACTED]"`);
    // A backslash before the closing quote of a JSON string stays: the JSON is whole.
    expect(redactReceivedTokens(String.raw`{"a":"${jwt}\\"}`)).toBe(String.raw`{"a":"${header}.[REDACTED]\\"}`);
  });

  it('keeps a base64 JSON id with a file extension, and words starting ey/ew that are no JSON object', () => {
    const id = b64('{"id":123}');
    for (const kept of [`Received: "${id}.json" / x`, 'eyeglasses1234.com and ewwwwwwwwwwww.x.y']) expect(redactReceivedTokens(kept)).toBe(kept);
  });

  it('reads a pointer whose key holds a space or a "/" (`/sync/my token`, `/sync/a~1token`) whole', () => {
    expect(redactReceivedTokens('Received: /sync/my token = "s3cr3t" / Expected: x')).toBe('Received: /sync/my token = "[REDACTED]" / Expected: x');
    expect(redactReceivedTokens('Received: /sync/a~1token = "s3cr3t" / Expected: x')).toBe('Received: /sync/a~1token = "[REDACTED]" / Expected: x');
    expect(redactReceivedTokens('{"oauth:token":"s3cr3t","tokens[]":1,"author":"ana"}')).toBe('{"oauth:token":"[REDACTED]","tokens[]":1,"author":"ana"}');
  });

  it('in the scrubber: a relative URL, a form body and a matrix jsessionid lose their tokens; prose with KEY=VALUE keeps them', () => {
    const scrubber = createScrubber([apiKey]);
    expect(scrubber.text('{"next":"/v1/x?cursor=2&access_token=s3cr3t"}')).toBe('{"next":"/v1/x?cursor=2&access_token=%5BREDACTED%5D"}');
    expect(scrubber.text('access_token=s3cr3t&scope=repo')).toBe('access_token=%5BREDACTED%5D&scope=repo');
    expect(scrubber.body('csrf_token="s3cr3t"&x=1')).toBe('csrf_token=%5BREDACTED%5D&x=1');
    expect(scrubber.url('https://h.test/a;jsessionid=s3cr3t')).toBe('https://h.test/a;jsessionid=%5BREDACTED%5D');
    const prose = '--min-coverage "x": expected KEY=PERCENT[,…], e.g. statuses=100';
    expect(scrubber.text(prose)).toBe(prose);
  });

  it('in the scrubber: the key as a pair\'s value is the key\'s own "[REDACTED]", as a user\'s line shows it, not the URL marker', () => {
    const scrubber = createScrubber([apiKey]);
    expect(scrubber.text(`unexpected argument "ZAVU_API_KEY=${apiKey}": "${apiKey}"`)).toBe('unexpected argument "ZAVU_API_KEY=[REDACTED]": "[REDACTED]"');
    // A target's own token in a pair still goes, as a URL's would.
    expect(scrubber.text('"session_token=abc"')).toBe('"session_token=%5BREDACTED%5D"');
  });
});

describe('JSON inside a JSON string (a wrapped upstream error)', () => {
  it('loses the values under sensitive names of the inner JSON, and the outer JSON stays JSON', () => {
    const body = String.raw`{"details":"{\"access_token\":\"s3cr3t\",\"x\":1}"}`;
    const scrubbed = redactReceivedTokens(body);
    expect(scrubbed).toBe(String.raw`{"details":"{\"access_token\":\"[REDACTED]\",\"x\":1}"}`);
    expect(JSON.parse(JSON.parse(scrubbed).details)).toEqual({ access_token: '[REDACTED]', x: 1 });
    // Written by JSON.stringify twice: numbers, objects, pretty-printing (`\n`) and inner escapes.
    const inner = JSON.stringify({ pin: 12, auth: { user: 'u "1"' }, note: 'a \\ "token": b', refresh_token: 'r"t', n: 'ok' }, null, 2);
    const outer = redactReceivedTokens(JSON.stringify({ error: inner }));
    // The note's `"token": b` is no key of this JSON; it is read as JSON one level further in, as
    // a body's own string `"he said \"token\": b"` is at the first: prose shaped as a credential fails closed.
    expect(JSON.parse(JSON.parse(outer).error)).toEqual({ pin: 12, auth: '[REDACTED object]', note: 'a \\ "token": "[REDACTED]"', refresh_token: '[REDACTED]', n: 'ok' });
  });

  it('takes an inner key written with escapes as JSON reads it, and a value cut by the outer string\'s end to that end', () => {
    expect(redactReceivedTokens(String.raw`{"e":"{\"k\\u0065y\" : \"v\"}"}`)).toBe(String.raw`{"e":"{\"k\\u0065y\" : \"[REDACTED]\"}"}`);
    expect(redactReceivedTokens(String.raw`{"e":"{\"secret\":\"abc","n":1}`)).toBe(String.raw`{"e":"{\"secret\":\"[REDACTED]\"","n":1}`);
  });

  it('is found in a recording\'s body too, which stays JSON', () => {
    const scrubber = createScrubber([apiKey]);
    const body = JSON.stringify({ code: 'upstream_error', details: JSON.stringify({ session_token: 's3cr3t', status: 502 }) });
    const scrubbed = scrubber.body(body);
    expect(scrubbed).not.toContain('s3cr3t');
    expect(JSON.parse(JSON.parse(scrubbed).details)).toEqual({ session_token: '[REDACTED]', status: 502 });
  });

  it('reads 8 MB of hostile escapes in linear time without overflowing the stack', () => {
    const size = 8 * 1024 * 1024;
    for (const text of ['\\"'.padEnd(size, '\\"a\\":'), '\\"token\\":['.padEnd(size, '\\"'), '\\"token\\":'.padEnd(size, '\\\\'), '{"a":"'.padEnd(size, '\\"b\\"')]) {
      expect(() => redactReceivedTokens(text)).not.toThrow();
    }
  });
});

describe('a JWT written with JSON escapes', () => {
  const escapedJwt = jwt.replace('eyJ', 'ey\\u004a').replace('.', '\\u002e').replace('_', '\\u005F');

  it('goes as the JWT it decodes to, its header kept, in a body (which stays JSON) and in text a check quoted', () => {
    const body = `{"note":"${escapedJwt}","n":1}`;
    expect(JSON.parse(body).note).toBe(jwt);
    const scrubbed = redactReceivedTokens(body);
    expect(scrubbed).toBe(`{"note":"${header}.[REDACTED]","n":1}`);
    expect(JSON.parse(scrubbed).note).toBe(`${header}.[REDACTED]`);
    expect(redactReceivedTokens(`Received: "${escapedJwt.slice(0, 60)}… (900 chars)" / x`)).toBe(`Received: "${header}.[REDACTED]… (900 chars)" / x`);
    const scrubber = createScrubber([apiKey]);
    expect(JSON.parse(scrubber.body(body))).toEqual({ note: `${header}.[REDACTED]`, n: 1 });
  });

  it('keeps escapes of no token, and an escaped backslash before letters, byte for byte', () => {
    for (const kept of [String.raw`{"a":"caf\u00e9 \u0041BC.json","b":"https:\/\/h.test\/x"}`, String.raw`"C:\\u004aeyJ"`, String.raw`\u0065yJhbGciOiJIUzI1NiJ9`]) expect(redactReceivedTokens(kept)).toBe(kept);
  });

  it('reads 8 MB of escapes in linear time without overflowing the stack', () => {
    const size = 8 * 1024 * 1024;
    for (const text of ['ey'.padEnd(size, '\\u0041'), '\\u0065yJhbGciOiJub25lIn0.'.padEnd(size, 'a\\u002e'), 'x'.padEnd(size, '\\/')]) expect(() => redactReceivedTokens(text)).not.toThrow();
  });
});

describe('a value under a sensitive name that was no string', () => {
  const body = '{"sessionId":3,"authEnabled":true,"token":null,"auth":{"user":"u"},"secret":["s"],"apiKey":"k1"}';
  const typed = '{"sessionId":"[REDACTED number]","authEnabled":"[REDACTED boolean]","token":"[REDACTED null]","auth":"[REDACTED object]","secret":"[REDACTED array]","apiKey":"[REDACTED]"}';

  it('is replaced by a marker naming its kind, so no report reads as if the target had sent a string; a string keeps the plain marker', () => {
    expect(redactJsonKeys(body)).toBe(typed);
    expect(redactReceivedTokens(`Received: ${body} / Expected: x`)).toBe(`Received: ${typed} / Expected: x`);
    expect(redactReceivedTokens('Received: /sync/sessionId = 3 / Expected: x')).toBe('Received: /sync/sessionId = "[REDACTED number]" / Expected: x');
    expect(redactReceivedTokens(JSON.stringify({ details: JSON.stringify({ pin: 1, sessionId: 3 }) }))).toBe(String.raw`{"details":"{\"pin\":1,\"sessionId\":\"[REDACTED number]\"}"}`);
  });

  it('reads the same scrubbed again (a recording on replay): a marker stays, a string that only looks like one goes', () => {
    expect(redactJsonKeys(typed)).toBe(typed);
    expect(redactReceivedTokens(`Received: ${body}`)).toBe(redactReceivedTokens(`Received: ${redactJsonKeys(body)}`));
    expect(redactReceivedTokens(`Received: ${typed}`)).toBe(`Received: ${typed}`);
    expect(redactJsonKeys('{"token":"[REDACTED number] s3cr3t"}')).toBe('{"token":"[REDACTED]"}');
    expect(redactReceivedTokens('Received: {"token":"[REDACTED number] s3cr3t"}')).toBe('Received: {"token":"[REDACTED]"}');
  });
});

describe('JSON escaped more than once, or with \\u0022 for its quotes', () => {
  /** `value` as JSON writes it inside a JSON string `levels` times over. */
  const nest = (value: string, levels: number): string => (levels === 0 ? value : nest(JSON.stringify(value).slice(1, -1), levels - 1));
  /** The values a body nested `levels` deep holds, read back through as many JSON.parse. */
  const unnest = (text: string, levels: number): unknown => (levels === 0 ? JSON.parse(text) : unnest(JSON.parse(`"${text}"`) as string, levels - 1));

  it('loses the value under a sensitive name at every depth of escaping up to four, the outer JSON (and each inner one) still JSON', () => {
    const inner = JSON.stringify({ access_token: 'SECRET', 'Refresh-Token': { a: 'SECRET2' }, n: 1, note: 'a "quoted" \\ word' });
    for (let levels = 1; levels <= 4; levels += 1) {
      const body = `{"details":"${nest(inner, levels)}","status":502}`;
      const scrubbed = redactReceivedTokens(body);
      expect({ levels, kept: scrubbed.includes('SECRET') }).toEqual({ levels, kept: false });
      const outer = JSON.parse(scrubbed) as { details: string; status: number };
      expect(outer.status).toBe(502);
      expect({ levels, inner: unnest(outer.details, levels - 1) }).toEqual({ levels, inner: { access_token: '[REDACTED]', 'Refresh-Token': '[REDACTED object]', n: 1, note: 'a "quoted" \\ word' } });
    }
  });

  it('reads the brief\'s two-level example, and keeps a doubly escaped body with no credential byte for byte', () => {
    expect(redactReceivedTokens(String.raw`"{\"inner\":\"{\\\"access_token\\\":\\\"SECRET\\\"}\"}"`)).toBe(String.raw`"{\"inner\":\"{\\\"access_token\\\":\\\"[REDACTED]\\\"}\"}"`);
    const kept = `{"d":"${nest(JSON.stringify({ status: 'active', words: 'token: key', list: ['a\\b', '"c"'] }), 2)}"}`;
    expect(redactReceivedTokens(kept)).toBe(kept);
  });

  it('takes \\u0022 for the inner quote, alone or mixed with \\", at one level and two', () => {
    expect(redactReceivedTokens(String.raw`{"msg":"{\u0022access_token\u0022:\u0022SECRET\u0022}"}`)).toBe(String.raw`{"msg":"{\u0022access_token\u0022:\"[REDACTED]\"}"}`);
    for (const body of [String.raw`{"msg":"{\"access_token\u0022:\u0022SECRET\"}"}`, String.raw`{"msg":"{\u0022token\":\"SECRET\u0022,\u0022n\u0022:1}"}`, String.raw`{"m":"{\"e\":\"{\\u0022token\\u0022:\\u0022SECRET\\u0022}\"}"}`]) {
      const scrubbed = redactReceivedTokens(body);
      expect({ body, kept: scrubbed.includes('SECRET') }).toEqual({ body, kept: false });
      expect(() => JSON.parse(scrubbed)).not.toThrow();
    }
  });

  it('reads 8 MB of hostile runs of backslashes and quotes at every depth without overflowing the stack', () => {
    const size = 8 * 1024 * 1024;
    // The last: a quote of the fourth level, then a character, over and over: all four levels are read whole.
    for (const text of ['\\\\\\"'.padEnd(size, '\\\\\\"a\\\\\\":'), '\\\\\\"token\\\\\\":'.padEnd(size, '\\\\\\\\'), `${'\\'.repeat(15)}"`.padEnd(size, `${'\\'.repeat(15)}"x`)]) {
      expect(() => redactReceivedTokens(text)).not.toThrow();
    }
  });

  it('reads 8 MB of \\u0022 and of deep objects without overflowing the stack, and finds a credential past them', () => {
    const size = 8 * 1024 * 1024;
    for (const text of ['\\u0022token\\u0022:['.padEnd(size, '\\u0022'), `{"a":"${'\\\\\\"token\\\\\\":{'.repeat(1000)}`.padEnd(size, '[')]) expect(() => redactReceivedTokens(text)).not.toThrow();
    // The pass reads to the end: a credential after 8 MB of escapes is still found.
    expect(redactReceivedTokens(`${'\\\\'.repeat(size / 4)}\\\\\\"token\\\\\\":\\\\\\"SECRET\\\\\\"`)).not.toContain('SECRET');
  });
});

describe('HTML form fields and XML elements a target answered', () => {
  it('redacts the value of a form field named as a credential, whichever attribute comes first, and keeps the markup', () => {
    expect(redactReceivedTokens('<form><input type="hidden" name="csrf_token" value="SECRET"><input name="q" value="kept"></form>')).toBe(
      '<form><input type="hidden" name="csrf_token" value="[REDACTED]"><input name="q" value="kept"></form>',
    );
    expect(redactReceivedTokens("<input value='SECRET' name='api_key'/>")).toBe("<input value='[REDACTED]' name='api_key'/>");
    expect(redactReceivedTokens('<INPUT VALUE=SECRET NAME=password>')).toBe('<INPUT VALUE=[REDACTED] NAME=password>');
    expect(redactReceivedTokens('<meta name="csrf-token" content="SECRET">')).toBe('<meta name="csrf-token" content="[REDACTED]">');
  });

  it('redacts an XML element\'s text and an attribute named as a credential, and keeps the rest', () => {
    expect(redactReceivedTokens('<r><access_token>SECRET</access_token><Password>p w</Password><user>ana</user></r>')).toBe(
      '<r><access_token>[REDACTED]</access_token><Password>[REDACTED]</Password><user>ana</user></r>',
    );
    expect(redactReceivedTokens('<session id="s1" token="SECRET" ns:apiKey = "SECRET2" author="ana"/>')).toBe('<session id="s1" token="[REDACTED]" ns:apiKey = "[REDACTED]" author="ana"/>');
    expect(redactReceivedTokens('<secret><![CDATA[SEC<RET]]></secret><n>1</n>')).toBe('<secret><![CDATA[[REDACTED]]]></secret><n>1</n>');
  });

  it('keeps markup without a credential, and text that merely compares with "<", byte for byte', () => {
    for (const kept of ['<input type="password" name="q" value="kept">', '<keywords>a</keywords><div data-sitekey="pub">x</div>', 'List<Token> of <b>x</b>', 'x < 3 && y > 2']) expect(redactReceivedTokens(kept)).toBe(kept);
  });

  it('reads 8 MB of hostile markup without overflowing the stack: unclosed tags and quotes', () => {
    const size = 8 * 1024 * 1024;
    for (const text of ['<'.padEnd(size, 'a'), '<a '.padEnd(size, 'b'), '<a '.padEnd(size, 'token="x '), '<a b="'.padEnd(size, '=')]) expect(() => redactReceivedTokens(text)).not.toThrow();
  });

  it('reads 8 MB of unclosed CDATA and of naming attributes without rereading it, and finds a credential past them', () => {
    const size = 8 * 1024 * 1024;
    for (const text of ['<token>'.padEnd(size, '<token><![CDATA['), '<a '.padEnd(size, 'name=token '), '<'.padEnd(size, '<a b=c ')]) expect(() => redactReceivedTokens(text)).not.toThrow();
    expect(redactReceivedTokens(`${'<a b="c">'.repeat(size / 9)}<token>SECRET</token>`)).not.toContain('SECRET');
  });
});

describe('other encodings a credential was found in (the bypasses tried against the fixes above)', () => {
  const scrubber = createScrubber([apiKey]);

  it('takes a query value that is percent-encoded JSON holding a credential (an OAuth state) for one, in a URL in a body and in a relative one', () => {
    const state = encodeURIComponent(JSON.stringify({ access_token: 'SECRET', n: 1 }));
    expect(scrubber.body(`{"next":"https://h.test/x?page=2&state=${state}"}`)).toBe('{"next":"https://h.test/x?page=2&state=%5BREDACTED%5D"}');
    expect(scrubber.text(`see /x?state=${state}&b=1`)).toBe('see /x?state=%5BREDACTED%5D&b=1');
    const kept = `{"next":"https://h.test/x?filter=${encodeURIComponent(JSON.stringify({ status: 'active' }))}"}`;
    expect(scrubber.body(kept)).toBe(kept);
  });

  it('takes base64 of a JSON object holding a credential for one, either alphabet; base64 JSON without one is kept', () => {
    for (const encoding of ['base64', 'base64url'] as const) {
      const blob = Buffer.from(JSON.stringify({ access_token: 'SECRET?>' })).toString(encoding);
      expect(redactReceivedTokens(`{"state":"${blob}"}`)).toBe('{"state":"[REDACTED]"}');
    }
    const kept = `{"cursor":"${Buffer.from('{"page":2,"keywords":"a"}').toString('base64url')}"}`;
    expect(redactReceivedTokens(kept)).toBe(kept);
  });

  it('takes a header line echoed into a body (its line breaks raw or JSON-escaped) with a sensitive name for one; prose and a curl\'s -H are no header line', () => {
    expect(redactReceivedTokens('{"echo":"GET / HTTP/1.1\\r\\nAuthorization: Bearer SECRET\\r\\nX-Api-Key: SECRET\\r\\nAccept: */*"}')).toBe(
      '{"echo":"GET / HTTP/1.1\\r\\nAuthorization: [REDACTED]\\r\\nX-Api-Key: [REDACTED]\\r\\nAccept: */*"}',
    );
    expect(redactReceivedTokens('HTTP/1.1 200 OK\r\nSet-Cookie: sid=SECRET; Path=/\r\naccess_token: SECRET\n')).toBe('HTTP/1.1 200 OK\r\nSet-Cookie: [REDACTED]\r\naccess_token: [REDACTED]\n');
    for (const kept of ['curl -H "Authorization: Bearer $ZAVU_API_KEY" https://h.test', 'ZAVU_API_KEY: the API key must be visible ASCII without spaces', 'the token: it expired', 'WWW-Authenticate: Bearer realm="x"', 'Keywords: a, b']) expect(redactReceivedTokens(kept)).toBe(kept);
  });

  it('takes a folded header value (obsolete line folding: the value goes on in a line that starts with a space or tab) with the header, raw or JSON-escaped', () => {
    expect(redactReceivedTokens('HTTP/1.1 200 OK\r\nAuthorization:\r\n Bearer SECRET\r\nAccept: */*')).toBe('HTTP/1.1 200 OK\r\nAuthorization:[REDACTED]\r\nAccept: */*');
    expect(redactReceivedTokens('{"echo":"GET / HTTP/1.1\\r\\nX-Api-Key: abc\\r\\n\\tSECRET\\r\\nAccept: */*"}')).toBe('{"echo":"GET / HTTP/1.1\\r\\nX-Api-Key: [REDACTED]\\r\\nAccept: */*"}');
    // A folded value of an innocent header, and an empty sensitive one followed by another header, are kept byte for byte.
    for (const kept of ['HTTP/1.1 200 OK\r\nContent-Type: text/plain;\r\n charset=utf-8\r\n', 'GET / HTTP/1.1\nAuthorization:\nAccept: */*\n', 'ZAVU_API_KEY: the API key must be visible ASCII\n without spaces']) expect(redactReceivedTokens(kept)).toBe(kept);
  });

  it('reads 8 MB of folded lines without overflowing the stack, and finds a credential past them', () => {
    const size = 8 * 1024 * 1024;
    for (const text of ['\ntoken:'.padEnd(size, '\n '), '\\ntoken:'.padEnd(size, '\\n\ta'), '\ntoken:'.padEnd(size, '\r\n\r')]) expect(() => redactReceivedTokens(text)).not.toThrow();
    expect(redactReceivedTokens(`\nAuthorization:${'\n '.repeat(size / 2)}\n SECRET`)).not.toContain('SECRET');
  });

  it("takes a value under a sensitive key of a Python dict's repr (single quotes) for one, also inside a JSON string, which stays JSON", () => {
    const body = String.raw`{"error":"upstream said {'access_token': 'SECRET', 'expires_in': 3600, 'refresh_token': \"it's SECRET\", 'auth': {'a': 'SECRET'}, 'api_key': 12345}"}`;
    const out = redactReceivedTokens(body);
    expect(out).toBe(String.raw`{"error":"upstream said {'access_token': '[REDACTED]', 'expires_in': 3600, 'refresh_token': \"[REDACTED]\", 'auth': '[REDACTED object]', 'api_key': '[REDACTED number]'}"}`);
    expect(JSON.parse(out)).toHaveProperty('error');
    // Not closed (an excerpt cut short): to the JSON string's end, which stays.
    expect(redactReceivedTokens(`{"e":"{'token': 'SECR"}`)).toBe(`{"e":"{'token': '[REDACTED]'"}`);
  });

  it('keeps a Python dict without a sensitive key, and prose with apostrophes, byte for byte', () => {
    for (const kept of [`{"e":"{'status': 'active', 'n': 1}"}`, `{"msg":"don't use the user's key: it's wrong"}`, "it's the user's 'token' now", `{"a":"it's", "b":"user's key: x"}`]) expect(redactReceivedTokens(kept)).toBe(kept);
  });

  it("reads 8 MB of hostile single quotes without overflowing the stack, and finds a credential past them", () => {
    const size = 8 * 1024 * 1024;
    for (const text of ["'".padEnd(size, "'a':"), "'token': {".padEnd(size, "{'"), "'token': '".padEnd(size, "\\'"), "'token': [".padEnd(size, "'a' ")]) expect(() => redactReceivedTokens(text)).not.toThrow();
    expect(redactReceivedTokens(`${"'a': 1, ".repeat(size / 8)}'token': 'SECRET'`)).not.toContain('SECRET');
  });

  it('reads 8 MB of hostile pairs, base64 words and lines without overflowing the stack', () => {
    const size = 8 * 1024 * 1024;
    for (const text of ['https://h.test/x?'.padEnd(size, 'a=%22token%22:1&'), 'eyJ'.padEnd(size, 'eyJ'), 'eyJaaaaaaaaa '.padEnd(size, 'eyJaaaaaaaaa '), '\n'.padEnd(size, '\na'), '\\n'.padEnd(size, '\\ntoken:a'), 'a'.padEnd(size, 'a:')]) {
      expect(() => scrubber.body(text)).not.toThrow();
    }
  });
});

describe('JSON inside JSON strings: edges of the reader', () => {
  it('reads a key written with \\u escapes in either case of hex digit, "f" included', () => {
    expect(redactReceivedTokens(String.raw`{"e":"{\u0022t\u006Fken\u0022:\u0022s3cr3t\u0022}"}`)).toBe(String.raw`{"e":"{\u0022t\u006Fken\u0022:\"[REDACTED]\"}"}`);
  });

  it('reads an escaped line break between a key and its colon as the space it stands for', () => {
    expect(redactReceivedTokens(String.raw`{"e":"{\"a\":1,\"token\"\n:\"s3cr3t\"}"}`)).toBe(String.raw`{"e":"{\"a\":1,\"token\"\n:\"[REDACTED]\"}"}`);
  });

  it('reads an escaped NUL inside a value as a character of it, not as the end of the string', () => {
    expect(redactReceivedTokens(String.raw`{"e":"{\"token\":\"ab\u0000cd\"}"}`)).toBe(String.raw`{"e":"{\"token\":\"[REDACTED]\"}"}`);
  });

  it('ends a number at the escape that follows it, which stays', () => {
    expect(redactReceivedTokens(String.raw`{"e":"{\"token\":123\\n}"}`)).toBe(String.raw`{"e":"{\"token\":\"[REDACTED number]\"\\n}"}`);
  });

  it('tries the closing quote of a string that is no key as the opening of the next key', () => {
    expect(redactReceivedTokens(String.raw`{"e":"a\"b{\"token\":\"s3cr3t\"}"}`)).not.toContain('s3cr3t');
  });

  it('keeps a typed marker inside an escaped string as it is, scrubbed again', () => {
    const once = String.raw`{"e":"{\"token\":\"[REDACTED number]\"}"}`;
    expect(redactReceivedTokens(once)).toBe(once);
  });

  it('names a negative number and false by their kinds', () => {
    expect(redactReceivedTokens('{"token": -12, "secret": false}')).toBe('{"token": "[REDACTED number]", "secret": "[REDACTED boolean]"}');
  });
});

describe('a meta tag named by its property', () => {
  it('loses its content when the property names a credential', () => {
    expect(redactReceivedTokens('<meta property="csrf_token" content="s3cr3t">')).toBe('<meta property="csrf_token" content="[REDACTED]">');
  });
});

describe('base64 JSON and header lines: their edges', () => {
  const b64 = (json: unknown, encoding: 'base64' | 'base64url' = 'base64'): string => Buffer.from(JSON.stringify(json)).toString(encoding);

  it('takes base64 JSON holding a credential after "=" (a query or form value, a cookie) or "/" (a path segment) for one: the name before it is no part of the word', () => {
    const state = b64({ access_token: 'SECRET' }, 'base64url');
    expect(redactReceivedTokens(`/cb?state=${state}&x=1`)).toBe('/cb?state=[REDACTED]&x=1');
    expect(redactReceivedTokens(`Set-Cookie: s=${state}; Path=/`)).toBe('Set-Cookie: s=[REDACTED]; Path=/');
    expect(redactReceivedTokens(`https://h.test/resume/${state}`)).toBe('https://h.test/resume/[REDACTED]');
    // In the scrubber too, whose URL pass knows no "state".
    expect(createScrubber([apiKey]).text(`see https://h.test/cb?state=${state}&x=1`)).not.toContain(state);
  });

  it('decodes a word of 12 characters, the shortest that holds a name and a value ({"key":1}); a shorter one is kept', () => {
    expect(b64({ key: 1 })).toHaveLength(12);
    expect(redactReceivedTokens(`x ${b64({ key: 1 })} y`)).toBe('x [REDACTED] y');
    // `{"key":` with no value: ten characters, nothing to hide.
    const cut = Buffer.from('{"key":').toString('base64').replace(/=+$/, '');
    expect(redactReceivedTokens(`x ${cut} y`)).toBe(`x ${cut} y`);
  });

  it('keeps a header line with a sensitive name and no value as it is: there is nothing to hide, and a marker would say something was sent', () => {
    for (const kept of ['GET / HTTP/1.1\r\nAuthorization:\r\nAccept: */*', 'HTTP/1.1 200 OK\r\nX-Api-Key:   \r\n', '{"echo":"GET / HTTP/1.1\\r\\nAuthorization: \\r\\nAccept: */*"}']) expect(redactReceivedTokens(kept)).toBe(kept);
  });
});

describe('a percent-encoded JSON credential in a URL whose pairs are separated by a JSON-escaped "&" (\\u0026)', () => {
  it('goes from the URL\'s own parameter, which no pair outside a URL starts after "\\u0026"', () => {
    const scrubber = createScrubber([apiKey]);
    const state = encodeURIComponent(JSON.stringify({ access_token: 'SECRET', n: 1 }));
    expect(scrubber.body(`{"next":"https:\\/\\/h.test\\/x?page=2\\u0026state=${state}"}`)).toBe('{"next":"https:\\/\\/h.test\\/x?page=2\\u0026state=%5BREDACTED%5D"}');
    expect(scrubber.text(`Location: https://h.test/x?a=1\\u0026state=${state}`)).toBe('Location: https://h.test/x?a=1\\u0026state=%5BREDACTED%5D');
  });
});

describe('a token right after a percent-escape in a URL', () => {
  it('is a JWT whose claims go, its header kept: `%22eyJ…%22`, `%20eyJ…` (the hex digit before it is no part of its word)', () => {
    expect(redactReceivedTokens(`see https://h.test/x?q=%22${jwt}%22&a=1`)).toBe(`see https://h.test/x?q=%22${header}.[REDACTED]%22&a=1`);
    expect(redactReceivedTokens(`/x?q=%20${jwt}`)).toBe(`/x?q=%20${header}.[REDACTED]`);
    // In the scrubber, as a body's URL.
    expect(createScrubber([apiKey]).body(`{"next":"https://h.test/x?q=%22${jwt}%22"}`)).not.toContain(jwt.slice(header.length + 1, header.length + 20));
  });

  it('is base64 JSON holding a credential, which goes whole', () => {
    const state = Buffer.from(JSON.stringify({ access_token: 'SECRET' })).toString('base64url');
    expect(redactReceivedTokens(`/cb?state=%22${state}%22&x=1`)).toBe('/cb?state=%22[REDACTED]%22&x=1');
  });
});

describe('the gaps the last review left open', () => {
  const scrubber = createScrubber([apiKey]);
  /** `value` as JSON writes it inside a JSON string `levels` times over. */
  const nest = (value: string, levels: number): string => (levels === 0 ? value : nest(JSON.stringify(value).slice(1, -1), levels - 1));
  /** The string a body nested `levels` deep holds at `levels - 1`, read back through as many JSON.parse. */
  const unnest = (text: string, levels: number): string => (levels === 0 ? text : unnest(JSON.parse(`"${text}"`) as string, levels - 1));

  it('JSON escaped five times or more: the string of the fourth level that holds a credential\'s name goes whole, every level still JSON', () => {
    const inner = JSON.stringify({ access_token: 'SECRET', n: 1 });
    for (let levels = 5; levels <= 7; levels += 1) {
      // An object at the fourth level whose `upstream` holds the credential `levels` escapings deep.
      const fourth = (upstream: string): string => `{"details":"${nest(JSON.stringify({ status: 502, upstream }), 4)}","status":502}`;
      const body = fourth(nest(inner, levels - 5));
      const read = (text: string): unknown => JSON.parse(unnest((JSON.parse(text) as { details: string }).details, 3));
      expect(read(body)).toEqual({ status: 502, upstream: nest(inner, levels - 5) });
      const scrubbed = redactReceivedTokens(body);
      expect({ levels, kept: scrubbed.includes('SECRET') }).toEqual({ levels, kept: false });
      // The fourth level is read: its other members stay, the string holding the deeper JSON is the marker.
      expect({ levels, fourth: read(scrubbed) }).toEqual({ levels, fourth: { status: 502, upstream: '[REDACTED]' } });
      expect(scrubber.body(body)).not.toContain('SECRET');
      // Scrubbed again (a recording on replay), it reads the same.
      expect(redactReceivedTokens(scrubbed)).toBe(scrubbed);
    }
  });

  it('JSON escaped five times or more with no credential\'s name in it is kept byte for byte', () => {
    const kept = `{"details":"${nest(JSON.stringify({ status: 502, upstream: nest(JSON.stringify({ keywords: 'a', nextToken: 'c2', n: 1 }), 3) }), 4)}"}`;
    expect(redactReceivedTokens(kept)).toBe(kept);
  });

  it('a Python repr string ending in \\\' inside a JSON string (Python\'s `\\\'` written `\\\\\'`) goes whole, the outer JSON still JSON', () => {
    const body = JSON.stringify({ e: "{'access_token': 'abc\\'SECRET', 'n': 1}" });
    expect(body).toBe(String.raw`{"e":"{'access_token': 'abc\\'SECRET', 'n': 1}"}`);
    const out = redactReceivedTokens(body);
    expect(out).toBe(String.raw`{"e":"{'access_token': '[REDACTED]', 'n': 1}"}`);
    expect(JSON.parse(out)).toEqual({ e: "{'access_token': '[REDACTED]', 'n': 1}" });
    // A value that ends in an escaped backslash (`'abc\\\\'`: Python's `\\`) closes where it did, and the next member stays.
    for (const kept of [String.raw`{"e":"{'token': 'a\\\\', 'n': 'kept'}"}`, String.raw`{'token': 'a\\', 'n': 'kept'}`]) expect(redactReceivedTokens(kept)).toContain("'n': 'kept'");
  });

  it('a percent-encoded header line in a URL\'s query value (a response-splitting probe echoed back) loses its value, in text, a body and the URL', () => {
    const line = '%0D%0AAuthorization%3A%20Bearer%20SECRET';
    for (const text of [`see https://h.test/x?next=${line}&a=1`, `{"next":"/x?next=${line}"}`, `Location: /x?next=%0a%0dX-Api-Key:%20SECRET`]) {
      expect({ text, kept: scrubber.text(text).includes('SECRET') }).toEqual({ text, kept: false });
    }
    expect(scrubber.text(`see https://h.test/x?next=${line}&a=1`)).toBe('see https://h.test/x?next=%5BREDACTED%5D&a=1');
    expect(scrubber.body(`{"next":"https://h.test/x?next=${line}"}`)).not.toContain('SECRET');
    // An encoded line break with no credential after it, and a cursor, are kept byte for byte.
    for (const kept of ['see https://h.test/x?q=a%0D%0AAccept%3A%20*%2F*&pageToken=p2', '{"next":"/x?note=line%0Aother&next_page_token=c2"}']) expect(scrubber.text(kept)).toBe(kept);
  });

  it('\\\\u003c (a \\u003c escaped once more) is still read as "<": it is how Go\'s encoded markup reads one level further in', () => {
    const body = `{"e":"${nest(String.raw`\u003cinput name=\"csrf_token\" value=\"SECRET\"\u003e`, 1)}"}`;
    expect(body).toContain(String.raw`\\u003cinput`);
    expect(redactReceivedTokens(body)).not.toContain('SECRET');
  });

  it('reads 8 MB of hostile inputs for each of these without overflowing the stack, and finds a credential past them', () => {
    const size = 8 * 1024 * 1024;
    const q4 = `${'\\'.repeat(15)}"`;
    for (const text of [
      // Fifth-level quotes everywhere, a credential's name in every fourth-level string, and an open one.
      `{"a":"${q4.slice(8)}`.padEnd(size, `${q4}token${q4}:`),
      `{"a":"\\\\\\"x\\\\\\":\\\\\\"${q4.slice(8)}`.padEnd(size, `${q4.slice(8)}${q4}token${q4}:1`),
      // Python strings whose raw close is `\\'`, over and over.
      "{'token': 'a".padEnd(size, "\\\\'b"),
      "'token': '".padEnd(size, "\\\\'"),
      // Markup whose quoted values hold ">", unclosed, and with "<" inside.
      '<a '.padEnd(size, 'b="c>d" '),
      '<a b="'.padEnd(size, '>'),
      '<input name="token" '.padEnd(size, 'x="<>" '),
      // Encoded line breaks in a URL's values.
      'https://h.test/x?'.padEnd(size, 'a=%0D%0Atoken:1&'),
      'https://h.test/x?a='.padEnd(size, '%0D%0Atoken%3A'),
      // Credential words with no "=" after them: the search for a pair's name read on from each to the text's end (minutes).
      'x'.padEnd(size, 'token'),
    ]) {
      expect(() => scrubber.body(text)).not.toThrow();
    }
    expect(redactReceivedTokens(`${'<a b="c>d">'.repeat(size / 11)}<input name="token" data-x="a>b" value="SECRET">`)).not.toContain('SECRET');
  });
});

describe('the gaps left open after that', () => {
  const scrubber = createScrubber([apiKey]);

  it("a Python string inside a JSON string whose escaped quote (`\\\\'`) a separator follows, but no other value, goes on to its real close", () => {
    // Python's repr of the value "ab', SECRET" is 'ab\', SECRET'; inside a JSON string its \' is written \\'.
    for (const value of ["ab', SECRET", "ab': SECRET", "ab',SECRET ok"]) {
      const body = JSON.stringify({ e: `{'token': ${`'${value.replace(/'/g, "\\'")}'`}, 'n': 1}` });
      const out = scrubber.text(body);
      expect({ value, kept: out.includes('SECRET') }).toEqual({ value, kept: false });
      expect(JSON.parse(out)).toEqual({ e: "{'token': '[REDACTED]', 'n': 1}" });
    }
    // A separator and another value: Python's own repr of a value ending in a backslash, closed there, the next member kept.
    for (const kept of [String.raw`{'token': 'a\\', 'n': 'kept'}`, String.raw`{'token': 'a\\', 2: 'kept'}`, String.raw`['token', {'token': 'a\\'}, 'kept']`, String.raw`{"e":"{'token': 'a\\', \"n\": 'kept'}"}`]) {
      expect({ kept, out: scrubber.text(kept).includes("'kept'") }).toEqual({ kept, out: true });
    }
  });

  it('a separator followed by a word that only begins like True, False or None does not close a Python string: the rest of the value goes', () => {
    for (const word of ['Trueish', 'Falsely', 'Nonesuch']) {
      const body = JSON.stringify({ e: `{'token': 'ab\\', ${word} SECRET', 'n': 1}` });
      expect({ word, kept: scrubber.text(body).includes('SECRET') }).toEqual({ word, kept: false });
    }
  });

  it('a Python string closed after a backslash, then a colon, an even run of backslashes or the text\'s end, closes there: what follows is kept', () => {
    // `'a\\'` then ':' (a key of Python's repr ending in a backslash), then a real close after Python's `\\\\` (two backslashes), then a text cut after the separator.
    expect(scrubber.text(String.raw`{"e":"{'token': 'a\\': 'kept'}"}`)).toBe(String.raw`{"e":"{'token': '[REDACTED]': 'kept'}"}`);
    expect(scrubber.text(String.raw`{"e":"{'token': 'a\\\\', n, 'kept'}"}`)).toBe(String.raw`{"e":"{'token': '[REDACTED]', n, 'kept'}"}`);
    expect(scrubber.text(String.raw`{'token': 'a\\', `)).toBe(String.raw`{'token': '[REDACTED]', `);
  });

  it('a header line in a query value percent-encoded twice (or three times) loses its value, in text, a body and the URL; the key too', () => {
    const line = '\r\nAuthorization: Bearer SECRETTOKEN';
    const twice = encodeURIComponent(encodeURIComponent(line));
    expect(twice).toContain('%250D%250A');
    for (const value of [twice, encodeURIComponent(twice)]) {
      for (const text of [`see https://h.test/x?next=${value}&a=1`, `{"next":"/x?next=${value}"}`, `Location: /x?a=1&next=${value}`]) {
        const out = scrubber.text(text);
        expect({ text, kept: out.includes('SECRETTOKEN') }).toEqual({ text, kept: false });
        expect(out).toContain('next=%5BREDACTED%5D');
      }
      expect(scrubber.url(`https://h.test/x?next=${value}&a=1`)).toBe('https://h.test/x?next=%5BREDACTED%5D&a=1');
    }
    // The key in such a line: its own forms take it, the line around it stays.
    const keyLine = encodeURIComponent(encodeURIComponent(`\r\nX-Api-Key: ${apiKey}`));
    for (const out of [scrubber.text(`see https://h.test/x?next=${keyLine}`), scrubber.url(`https://h.test/x?next=${keyLine}`)]) expect(out.includes(apiKey.slice(8, 24))).toBe(false);
    // JSON in a query encoded twice (an OAuth state inside a redirect's URL) goes too.
    const state = encodeURIComponent(encodeURIComponent(JSON.stringify({ access_token: 'SECRETTOKEN' })));
    expect(scrubber.text(`https://h.test/cb?state=${state}`)).toBe('https://h.test/cb?state=%5BREDACTED%5D');
    // Encoded twice with no credential after it, and a cursor: kept byte for byte.
    for (const kept of ['see https://h.test/x?q=a%250D%250AAccept%253A%2520*&pageToken=p2', '{"next":"/x?note=line%250Aother&next_page_token=c2"}']) expect(scrubber.text(kept)).toBe(kept);
  });
});
