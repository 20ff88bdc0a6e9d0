import { contentTypeCheck, contentTypeLines } from '../../src/checks/content-type';
import { HttpTransport } from '../../src/transport/http-transport';
import { startScriptedServer, type MisbehavingServer } from '../support/misbehaving-servers';
import type { OperationContract } from '../../src/model/operation';
import { context, exchange, response, syncOperation } from './support/exchange-factory';

const body = JSON.stringify({ code: 'not_found', message: 'Sender not found' });
const run = (status: number, headers: Record<string, string>, text = body, operation?: OperationContract) =>
  contentTypeCheck.run(exchange(response(status, text, headers)), context(operation === undefined ? {} : { operation }));

describe('content-type', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;Charset=UTF-8',
    'application/problem+json',
    'application/vnd.zavu.error+json; charset=utf-8',
    // The field sent twice, the second empty (RFC 9110 §5.6.1: an empty list element counts for nothing).
    'application/json, ',
  ])('accepts %s', (contentType) => {
    expect(run(404, { 'content-type': contentType })).toEqual([]);
  });

  it('rejects text/html', () => {
    const found = run(404, { 'content-type': 'text/html; charset=utf-8' }, '<html>Not Found</html>');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'content-type', severity: 'error' });
    expect(found[0]?.message).toContain('Received: Content-Type text/html; charset=utf-8');
    expect(found[0]?.message).toContain('Expected: application/json');
  });

  it('rejects a missing Content-Type header', () => {
    const found = run(200, {});
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('Received: no Content-Type header');
  });

  it.each(['application/jsonp', 'text/json', 'application/json-seq'])('rejects look-alike %s', (contentType) => {
    expect(run(200, { 'content-type': contentType })).toHaveLength(1);
  });

  it('judges an undocumented status that has a body', () => {
    expect(run(502, { 'content-type': 'text/html' }, '<html>Bad Gateway</html>')).toHaveLength(1);
  });

  it('ignores an undocumented status without a body', () => {
    expect(run(204, {}, '')).toEqual([]);
  });

  it('ignores a documented response that has no JSON body', () => {
    const operation: OperationContract = {
      ...syncOperation,
      responses: [{ status: '204', description: 'No content', mediaTypes: [], examples: [] }],
    };
    expect(run(204, {}, '', operation)).toEqual([]);
  });
});

describe('content-type on a field with no JSON line, or none at all', () => {
  it('rejects an empty Content-Type (a field sent with no value): no line names JSON', () => {
    expect(run(404, { 'content-type': '' })).toMatchObject([{ check: 'content-type', title: 'The response is not labelled as JSON' }]);
    expect(run(404, { 'content-type': ' , ' })).toHaveLength(1);
  });

  it('says "not labelled as JSON", not "several media types", when none of the lines names JSON', () => {
    const found = run(404, { 'content-type': 'text/html, text/plain' }, '<html></html>');
    expect(found).toMatchObject([{ title: 'The response is not labelled as JSON' }]);
    expect(found[0]?.message).toContain('(2 media types: the field sent more than once)');
  });
});

describe('content-type on a field sent more than once (a proxy adding its own beside the origin\'s)', () => {
  let server: MisbehavingServer;
  // Each path answers a JSON body with these Content-Type field lines, in this order.
  const lines: Record<string, string[]> = {
    '/same-plain-first': ['application/json', 'application/json; charset=utf-8'],
    '/same-charset-first': ['application/json; charset=utf-8', 'application/json'],
    '/problem-and-json': ['application/problem+json', 'application/json;charset=UTF-8'],
    '/quoted-comma': ['application/json; profile="a,b"', 'application/json'],
    '/json-then-html': ['application/json; charset=utf-8', 'text/html'],
    '/html-then-json': ['text/html', 'application/json'],
  };

  beforeAll(async () => {
    server = await startScriptedServer((req, res) => {
      res.setHeader('content-type', lines[req.url ?? ''] ?? ['text/plain']);
      res.writeHead(404).end(body);
    });
  });
  afterAll(() => server.close());

  const judge = async (path: string) => {
    const transport = new HttpTransport(2000);
    const sent = await transport.send({ method: 'GET', url: server.baseUrl + path, path, headers: {}, authVariant: 'none' }, path);
    transport.close();
    return contentTypeCheck.run(sent, context({}));
  };

  it.each(['/same-plain-first', '/same-charset-first', '/problem-and-json', '/quoted-comma'])('accepts JSON labels that agree (%s)', async (path) => {
    expect(await judge(path)).toEqual([]);
  });

  it.each(['/json-then-html', '/html-then-json'])('rejects labels that disagree, saying the field came more than once (%s)', async (path) => {
    const found = await judge(path);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'content-type', severity: 'error', title: 'The response is labelled with several media types, not only JSON' });
    expect(found[0]?.message).toContain('(2 media types: the field sent more than once)');
  });
});

describe('contentTypeLines', () => {
  it.each([
    ['application/json', ['application/json']],
    ['application/json, text/html', ['application/json', 'text/html']],
    ['application/json; profile="a, b", application/json', ['application/json; profile="a, b"', 'application/json']],
    [', application/json', ['application/json']],
    // An empty line (a proxy's empty field beside the origin's) says nothing: RFC 9110 §5.6.1 ignores empty list elements.
    ['application/json, ', ['application/json']],
    // A quote left open (a header cut short) runs to the end: its commas split nothing.
    ['application/json; profile="a, b', ['application/json; profile="a, b']],
    ['', []],
  ])('%j', (header, expected) => {
    expect(contentTypeLines(header)).toEqual(expected);
  });
});

describe('content-type on a JSON label whose charset is not UTF-8', () => {
  const accented = JSON.stringify({ code: 'not_found', message: 'Remitente no encontrado: señal' });

  it.each([
    // UTF-16 and UTF-32 read no ASCII byte as itself: a client that honours the label reads nothing it was sent.
    ['application/json; charset=utf-16', body],
    ['application/json; charset="UTF-32LE"', body],
    // ASCII-compatible, but the body holds bytes past ASCII that the label reads as other characters.
    ['application/json; charset=ISO-8859-1', accented],
    ['application/json;charset=windows-1252', accented],
  ])('warns on %s: a client honouring the label misreads the body', (contentType, text) => {
    const found = run(404, { 'content-type': contentType }, text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'content-type', severity: 'warning', title: 'The JSON response is labelled with a charset that is not UTF-8' });
    expect(found[0]?.message).toContain(`Received: Content-Type ${contentType}`);
    expect(found[0]?.message).toContain('RFC 8259 §8.1');
  });

  it.each([
    ['application/json; charset=utf-8', accented],
    ['application/json; charset=UTF8', accented],
    ['application/json; charset="utf-8"', accented],
    // Every byte ASCII: any ASCII-compatible label reads the same characters (RFC 8259 §11: no effect on compliant recipients).
    ['application/json; charset=ISO-8859-1', body],
    ['application/json; charset=us-ascii', body],
    // Read as clients read the parameter, not as any text after "charset=". Empty: WHATWG's MIME parser drops an unquoted one,
    // an empty label is no encoding, and requests falls back to UTF-8: nothing is read otherwise.
    ['application/json; charset=', accented],
    ['application/json; charset=""', accented],
    // A quoted-pair (RFC 9110 §5.6.4) is the character it escapes: "utf\-8" is utf-8.
    ['application/json; charset="utf\\-8"', accented],
    // Inside another parameter's quoted value, "charset=" is that value's text, not a parameter.
    ['application/json; profile="https://example.test/a;charset=utf-16"', body],
    ['application/json; profile="x; charset=latin1"', accented],
  ])('says nothing of %s when the label reads the body as sent', (contentType, text) => {
    expect(run(404, { 'content-type': contentType }, text)).toEqual([]);
  });
});

describe('content-type: the charset read as clients read the parameter, not as any text after "charset="', () => {
  const accented = JSON.stringify({ code: 'not_found', message: 'Remitente no encontrado: señal' });

  it('warns on a charset named twice when either misreads the body: WHATWG takes the first, requests the last', () => {
    for (const contentType of ['application/json; charset=utf-8; charset=latin1', 'application/json; charset=latin1; charset=utf-8']) {
      const found = run(404, { 'content-type': contentType }, accented);
      expect(found).toMatchObject([{ check: 'content-type', severity: 'warning' }]);
      expect(found[0]?.message).toContain('reads the body\'s UTF-8 bytes as latin1:');
    }
  });

  it('names the charset as a client reads it: unquoted, its escapes resolved', () => {
    const found = run(404, { 'content-type': 'application/json; charset="UTF\\-16"' });
    expect(found[0]?.message).toContain('reads the body\'s UTF-8 bytes as utf-16:');
  });

  it('judges the body by its bytes: a UTF-8 body that holds U+FFFD itself is misread too; bytes that were not UTF-8 are json-body\'s error, their label maybe honest', () => {
    const withReplacement = JSON.stringify({ code: 'not_found', message: 'señal \ufffd' });
    expect(run(404, { 'content-type': 'application/json; charset=ISO-8859-1' }, withReplacement)).toMatchObject([{ severity: 'warning' }]);
    // A UTF-16 body honestly labelled (its bytes not UTF-8): "reads the UTF-8 bytes as utf-16" would be false.
    const utf16 = { ...response(404, '\ufffd\ufffd{\u0000}\u0000', { 'content-type': 'application/json; charset=utf-16' }), notUtf8: true as const };
    expect(contentTypeCheck.run(exchange(utf16), context({}))).toEqual([]);
  });

  it('says nothing of a body cut at the size bound whose text holds U+FFFD: its bytes are not told UTF-8 or not', () => {
    const cut = (text: string) => ({ ...response(404, text, { 'content-type': 'application/json; charset=ISO-8859-1' }), truncated: { limitBytes: 64, receivedBytes: 64, crossed: 'received' as const } });
    expect(contentTypeCheck.run(exchange(cut('{"message":"se\ufffdal')), context({}))).toEqual([]);
    // Cut, yet with no U+FFFD: judged as a whole one is.
    expect(contentTypeCheck.run(exchange(cut('{"message":"señal')), context({}))).toMatchObject([{ severity: 'warning' }]);
  });
});
