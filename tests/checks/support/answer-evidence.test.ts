import { answeredByOperation, isDocumentedError, pathMatchesOperation, seenBody } from '../../../src/checks/support/answer-evidence';
import type { Exchange } from '../../../src/model/http';
import { context, exchange, jsonResponse, response } from './exchange-factory';

const ctx = context();
const atPath = (path: string, outcome: ReturnType<typeof response>): Exchange => {
  const base = exchange(outcome);
  return { ...base, request: { ...base.request, path, url: `https://api.example.test${path}` } };
};
const notFound = jsonResponse(404, { code: 'not_found', message: 'Sender not found' });

describe('isDocumentedError', () => {
  it('is true for the documented Error, false for text, an empty body or other JSON', () => {
    expect(isDocumentedError(notFound, ctx)).toBe(true);
    expect(isDocumentedError(response(404, 'Not Found', { 'content-type': 'text/plain' }), ctx)).toBe(false);
    expect(isDocumentedError(response(400, ''), ctx)).toBe(false);
    expect(isDocumentedError(jsonResponse(404, { statusCode: 404, error: 'Not Found' }), ctx)).toBe(false);
  });
});

describe('pathMatchesOperation', () => {
  it('needs a non-empty value in every parameter of the template', () => {
    expect(pathMatchesOperation(atPath('/v1/senders/snd_1/whatsapp-sync', notFound), ctx)).toBe(true);
    expect(pathMatchesOperation(atPath('/v1/senders/snd_1/whatsapp-sync?x=1', notFound), ctx)).toBe(true);
    expect(pathMatchesOperation(atPath('/v1/senders//whatsapp-sync', notFound), ctx)).toBe(false);
    expect(pathMatchesOperation(atPath('/v1/senders/a/b/whatsapp-sync', notFound), ctx)).toBe(false);
  });
});

describe('answeredByOperation', () => {
  it('is true for the documented Error to the operation path', () => {
    expect(answeredByOperation(atPath('/v1/senders/snd_1/whatsapp-sync', notFound), ctx)).toBe(true);
  });

  it.each([
    ['a plain-text body', atPath('/v1/senders/snd_1/whatsapp-sync', response(404, 'Not Found', { 'content-type': 'text/plain' }))],
    ['an empty segment', atPath('/v1/senders//whatsapp-sync', notFound)],
    ["the reference server's unknown-route Error", atPath('/v1/senders/snd_1/whatsapp-sync', jsonResponse(404, { code: 'not_found', message: 'No route for GET on this path' }))],
    ['an Error saying "Cannot GET"', atPath('/v1/senders/snd_1/whatsapp-sync', jsonResponse(404, { code: 'not_found', message: 'Cannot GET /v1/senders/snd_1/whatsapp-sync' }))],
  ])('is false for %s', (_name, seen) => {
    expect(answeredByOperation(seen, ctx)).toBe(false);
  });
});

describe('seenBody', () => {
  it.each([
    [response(400, ''), 'an empty body'],
    [response(400, '  \n'), 'an empty body'],
    [response(404, 'Not Found', { 'content-type': 'text/plain; charset=utf-8' }), 'a text/plain body'],
    [response(404, 'Not Found'), 'a body without Content-Type'],
    [jsonResponse(404, { a: 1 }), 'a JSON body (application/json)'],
    [response(404, 'x', { 'content-type': 'text/\u001bhtml' }), 'a text/\\u001bhtml body'],
  ])('%#: %s', (seen, words) => {
    expect(seenBody(seen)).toBe(words);
  });
});
