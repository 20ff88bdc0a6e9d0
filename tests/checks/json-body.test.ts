import { jsonBodyCheck } from '../../src/checks/json-body';
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

  it('leaves undocumented statuses to other checks', () => {
    expect(run(502, '<html>Bad Gateway</html>')).toEqual([]);
  });
});
