import { timeoutCheck } from '../../src/checks/timeout';
import type { KeepAliveIgnored } from '../../src/model/http';
import { IGNORED_REUSE_AFTER } from '../../src/transport/keep-alive';
import { context, exchange, jsonResponse, syncBody } from './support/exchange-factory';

describe('timeout', () => {
  it('flags a timed-out request', () => {
    const found = timeoutCheck.run(exchange({ kind: 'timeout', message: 'no response within 10000 ms' }), context());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'timeout', severity: 'error' });
    expect(found[0]?.message).toContain('no response within 10000 ms');
    // "complete": the transport's words in brackets may say a head came (classify-error.ts).
    expect(found[0]?.message).toMatch(/^Received: no complete response after \d+ ms \(/);
  });

  it('leaves other transport errors to transport-error', () => {
    expect(timeoutCheck.run(exchange({ kind: 'dns', message: 'ENOTFOUND' }), context())).toEqual([]);
  });

  it('warns of an answer that came only on a fresh connection after the reused kept-alive one stayed silent, and names the one that ended reuse', () => {
    const retried = timeoutCheck.run({ ...exchange(jsonResponse(200, syncBody)), keepAliveIgnored: {} }, context());
    expect(retried).toHaveLength(1);
    expect(retried[0]).toMatchObject({ check: 'timeout', severity: 'warning' });
    expect(retried[0]?.message).toContain('reused kept-alive connection');
    expect(retried[0]?.message).not.toContain('does not honour keep-alive');
    const ended = timeoutCheck.run({ ...exchange(jsonResponse(200, syncBody)), keepAliveIgnored: { endedReuse: true, after: 2 } }, context());
    expect(ended[0]?.message).toContain('2 times, so it does not honour keep-alive');
  });

  it("names the transport's own count of ignored reads, which comes with endedReuse always (no number of the check's own)", () => {
    const after = IGNORED_REUSE_AFTER + 1;
    const ended = timeoutCheck.run({ ...exchange(jsonResponse(200, syncBody)), keepAliveIgnored: { endedReuse: true, after } }, context());
    expect(ended[0]?.message).toContain(`${after} times, so it does not honour keep-alive`);
    // The type requires the count with endedReuse (tsc fails on an unused expectation): no fallback can guess it.
    // @ts-expect-error endedReuse without after
    const missing: KeepAliveIgnored = { endedReuse: true };
    expect(missing.endedReuse).toBe(true);
  });

  it('passes an exchange with a response', () => {
    expect(timeoutCheck.run(exchange(jsonResponse(200, syncBody)), context())).toEqual([]);
  });
});
