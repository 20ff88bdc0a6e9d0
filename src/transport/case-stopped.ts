/**
 * A case's stop (SendOptions.signal) as the transport layers meet it: the exchange of a request
 * that was not sent because the case had been stopped. (Its pauses end at once at the stop, their
 * timers cleared: each is handed the signal, pause.ts, shared-wait.ts.)
 */
import type { Exchange, HttpRequest } from '../model';
import { realIsoNow } from '../text/real-clock';

/** What a request of a stopped case says in its place: not sent, and why. */
export const CASE_STOPPED_NOTE = 'not sent: the case had been stopped';

/** The exchange of a request a transport layer held back: not sent, `message` saying why. */
export function notSentExchange(request: HttpRequest, exchangeId: string, message: string): Exchange {
  return { id: exchangeId, request, error: { kind: 'other', message }, startedAt: realIsoNow(), durationMs: 0, notSent: true };
}

export function stoppedExchange(request: HttpRequest, exchangeId: string): Exchange {
  return notSentExchange(request, exchangeId, CASE_STOPPED_NOTE);
}
