import { jsonBodyCheck } from '../../src/checks/json-body';
import { messageShape } from '../../src/report/failure-digest';
import { context, exchange, jsonResponse, response, syncBody } from './support/exchange-factory';

const run = (status: number, text: string) =>
  jsonBodyCheck.run(exchange(response(status, text, { 'content-type': 'application/json' })), context());

describe('json-body', () => {
  it('passes a JSON body', () => {
    expect(jsonBodyCheck.run(exchange(jsonResponse(200, syncBody)), context())).toEqual([]);
  });

  it('flags a body that is not JSON, with an excerpt', () => {
    const found = run(401, '<html><body>Unauthorized</body></html>');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'json-body', severity: 'error', instancePath: '' });
    expect(found[0]?.message).toContain('Received: "<html><body>Unauthorized</body></html>"');
    expect(found[0]?.message).toContain('Expected: a JSON body');
  });

  // V8's reason quotes the text again ("Unexpected token '<', "<!doctype "... is not valid JSON"): after the
  // excerpt's own quotes, the failure digest read it as part of the quoted text, and an HTML page's fault
  // line said `Received: "…"... is not valid JSON)`. The reason without it; its position where V8 gives one.
  it("names the parser's reason without the parser's own excerpt of the text, which the message already shows", () => {
    const page = run(200, '<!doctype html><html><body>Hello</body></html>')[0]?.message ?? '';
    expect(page).toBe('Received: "<!doctype html><html><body>Hello</body></html>" (Unexpected token \'<\') / Expected: a JSON body, as documented for 200');
    expect(run(200, '[1,2 x')[0]?.message).toContain("(Expected ',' or ']' after array element in JSON at position 5)");
    const shapes = ['<!doctype html><p>a</p>', '<html>b</html>'].map((body) => messageShape(run(200, body)[0]?.message ?? ''));
    expect(shapes).toEqual(Array(2).fill('Received: "…" (Unexpected token \'<\') / Expected: a JSON body, as documented for …'));
  });

  // For four whole texts, JavaScript's own words for a value a server printed instead of serialising it
  // (String(object), NaN, Infinity, undefined), V8 says no token, only the text quoted: '"[object Object]"
  // is not valid JSON'. After the excerpt's own quotes the digest read that as the quoted text too, and
  // the line said `Received: "…" is not valid JSON)`, no reason left.
  it('names the refused token where V8 quotes a whole special text alone', () => {
    for (const [body, token] of [['[object Object]', 'o'], ['undefined', 'u'], ['NaN', 'N'], ['Infinity', 'I']] as const) {
      const message = run(200, body)[0]?.message ?? '';
      expect(message).toBe(`Received: "${body}" (Unexpected token '${token}') / Expected: a JSON body, as documented for 200`);
      expect(messageShape(message)).toBe(`Received: "…" (Unexpected token '${token}') / Expected: a JSON body, as documented for …`);
    }
  });

  it('flags a body whose bytes were not UTF-8, though its text (with U+FFFD) parses', () => {
    const answer = { ...response(404, '{"code":"not_found","message":"Exp\uFFFDditeur"}', { 'content-type': 'application/json' }), notUtf8: true as const };
    const found = jsonBodyCheck.run(exchange(answer), context());
    expect(found).toEqual([expect.objectContaining({ check: 'json-body', severity: 'error', title: 'The 404 body is not UTF-8' })]);
    expect(found[0]?.message).toContain('RFC 8259 §8.1');
  });

  it('flags an empty body for a documented JSON response', () => {
    const found = run(404, '');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('Received: an empty body');
  });

  it('truncates long bodies and escapes control characters', () => {
    const message = run(400, `oops\n\u0000${'x'.repeat(1000)}`)[0]?.message ?? '';
    expect(message).toContain('oops\\n\\u0000');
    expect(message).not.toContain('\n');
    expect(message).not.toContain('x'.repeat(300));
  });

  it('names an invisible encoding fault instead of an "Unexpected token" of a character no one can see: a BOM, UTF-16', () => {
    const json = '{"code":"not_found","message":"Sender not found"}';
    expect(run(404, `\uFEFF${json}`)[0]?.message).toContain('(it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send)');
    // UTF-16LE bytes read as UTF-8: the BOM's bytes become U+FFFD, every ASCII character gains a NUL.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]).toString('utf8');
    expect(run(404, utf16)[0]?.message).toContain('(it looks UTF-16 encoded (a NUL byte beside every character): JSON over HTTP is UTF-8)');
    expect(run(404, Buffer.from(json, 'utf16le').swap16().toString('utf8'))[0]?.message).toContain('it looks UTF-16 encoded');
    // A NUL elsewhere is just a broken body: the parser's words stand.
    expect(run(400, 'oops\u0000x')[0]?.message).not.toContain('UTF-16');
  });

  it('names a content-coding the request did not accept, left on the body, instead of its bytes: the fault is the coding (RFC 9110 §12.5.3)', () => {
    // A front that codes every answer zstd, whatever Accept-Encoding says: no client that did not ask can read it.
    const zstd = (headers: Record<string, string>, notUtf8 = true) => jsonBodyCheck.run(exchange({ ...response(200, '(\uFFFD/\uFFFD\u0000X', { 'content-type': 'application/json', ...headers }), ...(notUtf8 ? { notUtf8: true as const } : {}) }), context());
    const found = zstd({ 'content-encoding': 'zstd' });
    expect(found).toEqual([expect.objectContaining({ check: 'json-body', severity: 'error', title: 'The 200 body is coded zstd, which the request did not accept' })]);
    expect(found[0]?.message).toMatch(/^Received: Content-Encoding zstd, left undecoded \(the request's Accept-Encoding: gzip, deflate, br\): ".*" \/ Expected: a JSON body, as documented for 200, coded only as the request accepted \(RFC 9110 §12\.5\.3\)$/);
    // Inside a coding undone, in capitals, bytes that happen to be UTF-8: still the coding's fault.
    expect(zstd({ 'content-encoding': 'ZSTD, gzip' }, false)[0]?.title).toBe('The 200 body is coded ZSTD, which the request did not accept');
    // Codings the transport undoes (x-gzip is gzip, RFC 9110 §8.4.1.3) leave the bytes' own fault named.
    expect(zstd({ 'content-encoding': 'x-gzip, identity' })[0]?.title).toBe('The 200 body is not UTF-8');
  });

  it('leaves undocumented statuses to other checks', () => {
    expect(run(502, '<html>Bad Gateway</html>')).toEqual([]);
  });
});
