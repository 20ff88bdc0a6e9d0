import { describe, expect, it } from '@jest/globals';
import { jsonObjectBody } from '../../../src/checks/support/parsed-body';
import { response } from './exchange-factory';

describe('jsonObjectBody: the API answering, whatever the label or status', () => {
  it('is an object or an array, labelled JSON or not, with leading whitespace', () => {
    expect(jsonObjectBody(response(400, '{"code":"bad_request","message":"x"}'))).toBe(true);
    expect(jsonObjectBody(response(200, ' \n[1,2]', { 'content-type': 'text/html' }))).toBe(true);
  });

  it('is not a scalar, a page, empty text or near-JSON that does not parse', () => {
    for (const text of ['null', '"ok"', '1', '<html>{}</html>', '', '{"a":', '[1,']) {
      expect([text, jsonObjectBody(response(200, text))]).toEqual([text, false]);
    }
  });

  it('is not a body cut at the size bound, even when its start is an object', () => {
    const cut = { ...response(200, '{"a":1}'), truncated: { limitBytes: 7, receivedBytes: 8, crossed: 'received' as const } };
    expect(jsonObjectBody(cut)).toBe(false);
  });
});
