/**
 * The run's answers handed to what tallies them (answer-tally.ts's JSON, route-tally.ts's routes):
 * each is a finding about the run, not about any one answer, so each needs every answer the run
 * got, the negative property's too, and is fed by the transport, not by a check.
 */
import type { Exchange, HttpRequest } from '../model';
import type { SendOptions, Transport } from '../transport/transport';

/** What a watcher does with an answer: takes note of it, and hands nothing back. */
export interface AnswerWatcher {
  note(exchange: Exchange): void;
}

/**
 * `inner`, each answer it gets noted by every watcher in turn: one wrapper for all, so an answer
 * passes one extra await, not one each.
 */
export function watchAnswers(inner: Transport, ...watchers: readonly AnswerWatcher[]): Transport {
  return {
    send: async (request: HttpRequest, exchangeId: string, options?: SendOptions): Promise<Exchange> => {
      const exchange = await inner.send(request, exchangeId, options);
      for (const watcher of watchers) watcher.note(exchange);
      return exchange;
    },
    ...(inner.sourceOf !== undefined ? { sourceOf: (exchangeId: string) => inner.sourceOf?.(exchangeId) } : {}),
  };
}
