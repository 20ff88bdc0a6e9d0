import type { Transport } from '../../src/transport/transport';
import { stoppableDeps } from '../../src/runner/stoppable-deps';
import { shippedCaseDeps } from '../support/shipped-contract';

const transport: Transport = { send: async (request, id) => ({ id, request, startedAt: '', durationMs: 0 }) };

test("a case's --write-settle-ms pause is handed its stop, so the stop clears the pause's timer, not only stops waiting for it", async () => {
  const handed: (AbortSignal | undefined)[] = [];
  const stop = new AbortController();
  const deps = stoppableDeps({ ...shippedCaseDeps(transport), settle: { ms: 10_000, wait: async (_ms, signal) => void handed.push(signal) } }, stop.signal);
  await deps.settle?.wait(10_000);
  expect(handed).toEqual([stop.signal]);
});
