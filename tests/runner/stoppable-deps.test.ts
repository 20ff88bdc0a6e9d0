import { planCase } from '../../src/registry/plan-cases';
import { executeCase } from '../../src/runner/execute-case';
import { timedOut } from '../../src/runner/timed-out';
import { RetryOn429Transport } from '../../src/transport/retry-on-429';
import type { Transport } from '../../src/transport/transport';
import { stoppableDeps } from '../../src/runner/stoppable-deps';
import { operations, row, shippedCaseDeps } from '../support/shipped-contract';

const transport: Transport = { send: async (request, id) => ({ id, request, startedAt: '', durationMs: 0 }) };

test("a case's --write-settle-ms pause is handed its stop, so the stop clears the pause's timer, not only stops waiting for it", async () => {
  const handed: (AbortSignal | undefined)[] = [];
  const stop = new AbortController();
  const deps = stoppableDeps({ ...shippedCaseDeps(transport), settle: { ms: 10_000, wait: async (_ms, signal) => void handed.push(signal) } }, stop.signal);
  await deps.settle?.wait(10_000);
  expect(handed).toEqual([stop.signal]);
});

test("a case stopped during a Retry-After wait says its 429 was not asked again, not that it was still 429 after a retry it never sent", async () => {
  let sent = 0;
  const limited: Transport = {
    send: async (request, id) => {
      sent += 1;
      return { id, request, startedAt: '', durationMs: 0, response: { status: 429, headers: { 'retry-after': '30', 'content-type': 'application/json' }, bodyText: '{"code":"rate_limited"}' } };
    },
  };
  // A wait only the stop ends, on a clock that does not move: the part waited is 0 ms.
  const sleep = (_ms: number, signal?: AbortSignal): Promise<void> => new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
  const retrying = new RetryOn429Transport(limited, { sleep, monotonicNow: () => 0 });
  const stop = new AbortController();
  const planned = planCase('getWhatsAppSyncStatus/coexistence[snd_a]', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'coexistence'), { senderId: 'snd_a' }, operations);
  const running = executeCase(planned, stoppableDeps(shippedCaseDeps(retrying), stop.signal));
  await new Promise((resolve) => setImmediate(resolve));
  stop.abort();
  const result = timedOut(await running, stop.signal.reason);
  expect(sent).toBe(1);
  expect(result.errorMessage).toMatch(/; rate limited \(429, Retry-After: 30; its case was stopped during the wait, so it was not asked again\): /);
  expect(result.violations.map((v) => v.message)).toEqual(["Received: 1 × 429, waited 0 ms, the last wait cut short by the case's stop / Expected: no rate limiting during a conformance run"]);
});
