import { contentTypeCheck } from '../../src/checks/content-type';
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
