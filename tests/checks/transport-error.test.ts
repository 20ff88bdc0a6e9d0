import { transportErrorCheck } from '../../src/checks/transport-error';
import { context, exchange, jsonResponse, syncBody } from './support/exchange-factory';

describe('transport-error', () => {
  it('flags a refused connection, naming the kind and the error message', () => {
    const found = transportErrorCheck.run(exchange({ kind: 'connection-refused', message: 'connect ECONNREFUSED 127.0.0.1:9' }), context());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'transport-error', severity: 'error', instancePath: '' });
    expect(found[0]?.message).toContain('connection-refused');
    expect(found[0]?.message).toContain('ECONNREFUSED');
    expect(found[0]?.message).toMatch(/^Received: .* \/ Expected: /);
  });

  it('names a body cut short as a response that never completed, not as no response at all', () => {
    const [found] = transportErrorCheck.run(exchange({ kind: 'reset', message: 'the connection closed before the response was complete' }), context());
    expect(found?.title).toBe('The request failed before a complete response (reset)');
  });

  it('flags an exchange that recorded neither a response nor an error', () => {
    expect(transportErrorCheck.run(exchange(undefined), context())).toHaveLength(1);
  });

  it('leaves timeouts to the timeout check', () => {
    expect(transportErrorCheck.run(exchange({ kind: 'timeout', message: 'after 10000 ms' }), context())).toEqual([]);
  });

  it('passes an exchange with a response', () => {
    expect(transportErrorCheck.run(exchange(jsonResponse(200, syncBody)), context())).toEqual([]);
  });
});
