/**
 * A case's dependencies bound to its stop (the signal the suite's test runner aborts when it gives
 * up on the case: Jest's timeout for it ran out, or an error nothing awaited failed it, timed-out.ts):
 * every request it sends carries the signal, so none leaves after it (SendOptions.signal), and its
 * --write-settle-ms pause ends at once, its timer cleared (the run's wait is handed the stop,
 * RunTransports.wait). A case the runner gave up on then stops within the deadline of the request
 * it had on the wire, and the runner starts the next case only once it has: no write of it falls
 * between another case's witness reads.
 */
import type { Transport } from '../transport/transport';
import type { CaseDeps } from './execute-case';

export function stoppableTransport(transport: Transport, signal: AbortSignal): Transport {
  return {
    send: (request, exchangeId, options) => transport.send(request, exchangeId, { ...options, signal }),
    ...(transport.sourceOf !== undefined ? { sourceOf: (exchangeId: string) => transport.sourceOf?.(exchangeId) } : {}),
  };
}

export function stoppableDeps(deps: CaseDeps, signal: AbortSignal | undefined): CaseDeps {
  if (signal === undefined) return deps;
  const { settle } = deps;
  return {
    ...deps,
    transport: stoppableTransport(deps.transport, signal),
    ...(settle !== undefined ? { settle: { ms: settle.ms, wait: (ms: number) => settle.wait(ms, signal) } } : {}),
  };
}
