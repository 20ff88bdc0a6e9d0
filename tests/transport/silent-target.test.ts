/**
 * A target that takes connections and answers nothing is told from one that answers wrongly: the
 * first requests all unanswered, the run stops as unreachable; one answer before that, and the
 * guard stands down for good.
 */
import type { Exchange, HttpRequest, TransportError } from '../../src/model';
import { SILENT_AFTER, SilentTargetTransport } from '../../src/transport/silent-target';
import type { Transport } from '../../src/transport/transport';

const request: HttpRequest = { method: 'GET', url: 'http://127.0.0.1:1/v1/senders/a/whatsapp-sync', path: '/v1/senders/a/whatsapp-sync', headers: {}, authVariant: 'valid' };
const timeout: TransportError = { kind: 'timeout', message: 'no complete response within 1000 ms' };

/** Answers with the outcomes in turn (undefined: a 200), and counts what reached it. */
function scripted(...outcomes: (TransportError | undefined)[]): Transport & { calls: number } {
  const fake = {
    calls: 0,
    async send(req: HttpRequest, id: string): Promise<Exchange> {
      const outcome = outcomes[fake.calls];
      fake.calls += 1;
      const base = { id, request: req, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1000 };
      return outcome === undefined ? { ...base, response: { status: 200, headers: {}, bodyText: '{}' } } : { ...base, error: outcome };
    },
  };
  return fake;
}

test(`${SILENT_AFTER} unanswered requests before any answer: silent, and nothing more is sent`, async () => {
  const inner = scripted(timeout, { kind: 'reset', message: 'socket hang up' }, timeout, timeout);
  const guard = new SilentTargetTransport(inner, 'http://127.0.0.1:9');
  for (let i = 1; i < SILENT_AFTER; i += 1) {
    await guard.send(request, `c${i}`);
    expect(guard.silence()).toBeUndefined();
  }
  await guard.send(request, 'c3');
  expect(guard.silence()).toBe('http://127.0.0.1:9 accepted connections but answered none of the first 3 requests (the last: timeout, no complete response within 1000 ms): is it the API, and up? (a slow one: raise --timeout)');
  const held = await guard.send(request, 'c4');
  expect(inner.calls).toBe(SILENT_AFTER);
  expect(held.error).toEqual({ kind: 'other', message: `not sent: ${guard.silence() ?? ''}` });
});

test('one answer first (any status) and the guard stands down: later silence is the checks\' to judge', async () => {
  const inner = scripted(timeout, undefined, timeout, timeout, timeout, timeout);
  const guard = new SilentTargetTransport(inner, 'the target');
  for (let i = 0; i < 6; i += 1) await guard.send(request, `c${i}`);
  expect(guard.silence()).toBeUndefined();
  expect(inner.calls).toBe(6);
});
