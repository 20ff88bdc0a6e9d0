import { notAServerErrorCheck } from '../../src/checks/not-a-server-error';
import { context, exchange, jsonResponse, response, syncBody } from './support/exchange-factory';

describe('not-a-server-error', () => {
  it.each([500, 502, 503, 599])('flags %i', (status) => {
    const found = notAServerErrorCheck.run(exchange(response(status, 'upstream failed')), context());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'not-a-server-error', severity: 'error' });
    expect(found[0]?.message).toContain(`Received: ${status}`);
  });

  it.each([200, 400, 401, 404, 499])('passes %i', (status) => {
    expect(notAServerErrorCheck.run(exchange(jsonResponse(status, syncBody)), context())).toEqual([]);
  });

  it('passes a 5xx the scenario itself names (501 to an OPTIONS probe), and only that one', () => {
    expect(notAServerErrorCheck.run(exchange(response(501, 'Unsupported method')), context({ status: 204, alsoAccept: [200, 501] }))).toEqual([]);
    expect(notAServerErrorCheck.run(exchange(response(500, 'boom')), context({ status: 204, alsoAccept: [200, 501] }))).toHaveLength(1);
  });

  it('returns nothing without a response', () => {
    expect(notAServerErrorCheck.run(exchange({ kind: 'reset', message: 'ECONNRESET' }), context())).toEqual([]);
  });
});
