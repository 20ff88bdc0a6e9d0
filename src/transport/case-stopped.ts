/**
 * A case's stop (SendOptions.signal) as the transport layers meet it: the exchange of a request
 * that was not sent because the case had been stopped, and a pause that ends at once when it is.
 */
import type { Exchange, HttpRequest } from '../model';

/** What a request of a stopped case says in its place: not sent, and why. */
export const CASE_STOPPED_NOTE = 'not sent: the case had been stopped';

/** The exchange of a request a transport layer held back: not sent, `message` saying why. */
export function notSentExchange(request: HttpRequest, exchangeId: string, message: string): Exchange {
  return { id: exchangeId, request, error: { kind: 'other', message }, startedAt: new Date().toISOString(), durationMs: 0, notSent: true };
}

export function stoppedExchange(request: HttpRequest, exchangeId: string): Exchange {
  return notSentExchange(request, exchangeId, CASE_STOPPED_NOTE);
}

/**
 * `wait` ended early by the case's stop: a pacing tick or a Retry-After of 30 s is no reason for
 * a stopped case to hold the next one back. The timer itself runs out on its own (the run's close
 * ends it too); only this caller stops waiting for it.
 */
export function untilStopped(wait: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return wait;
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const stop = (): void => resolve();
    signal.addEventListener('abort', stop, { once: true });
    wait.then(
      () => {
        signal.removeEventListener('abort', stop);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}
