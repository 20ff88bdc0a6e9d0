import { timeoutCheck } from '../../src/checks/timeout';
import { context, exchange, jsonResponse, syncBody } from './support/exchange-factory';

describe('timeout', () => {
  it('flags a timed-out request', () => {
    const found = timeoutCheck.run(exchange({ kind: 'timeout', message: 'no response within 10000 ms' }), context());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'timeout', severity: 'error' });
    expect(found[0]?.message).toContain('no response within 10000 ms');
  });

  it('leaves other transport errors to transport-error', () => {
    expect(timeoutCheck.run(exchange({ kind: 'dns', message: 'ENOTFOUND' }), context())).toEqual([]);
  });

  it('passes an exchange with a response', () => {
    expect(timeoutCheck.run(exchange(jsonResponse(200, syncBody)), context())).toEqual([]);
  });
});
