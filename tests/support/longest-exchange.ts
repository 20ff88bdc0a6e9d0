/**
 * The longest one exchange of the live stack can take, played on a virtual clock through the real
 * RetryOn429Transport (its default policy): every send takes all the deadlines an exchange of
 * http-transport.ts may (MAX_EXCHANGE_DEADLINES) after its --rate tick, and is answered 429 with
 * each Retry-After tried. Measured, not restated: a case limit checked against it follows the
 * retry policy however that changes, and no test waits out a real minute of Retry-After.
 */
import type { Exchange, HttpRequest } from '../../src/model';
import { MAX_EXCHANGE_DEADLINES } from '../../src/transport/exchange-deadlines';
import { RetryOn429Transport } from '../../src/transport/retry-on-429';

const request: HttpRequest = { method: 'GET', url: 'http://127.0.0.1:1/v1/senders/a/whatsapp-sync', path: '/v1/senders/a/whatsapp-sync', headers: {}, authVariant: 'valid' };

/** Virtual ms one exchange took, its 429s answered with "Retry-After: <retryAfterS>". */
async function playedMs(timeoutMs: number, tickMs: number, retryAfterS: number): Promise<number> {
  let clock = 0;
  const slowest = {
    async send(req: HttpRequest, id: string): Promise<Exchange> {
      clock += tickMs + MAX_EXCHANGE_DEADLINES * timeoutMs;
      return { id, request: req, startedAt: new Date(0).toISOString(), durationMs: timeoutMs, response: { status: 429, headers: { 'retry-after': String(retryAfterS) }, bodyText: '' } };
    },
  };
  // A fresh transport each time: the run's budget of waits is whole, as for a run's first 429.
  const retrying = new RetryOn429Transport(slowest, { sleep: async (ms) => void (clock += ms) });
  await retrying.send(request, 'case#1');
  return clock;
}

/** The longest of the plays over Retry-After 0 to 60 s: the longest waits, or more sends with shorter ones. */
export async function longestPlayedExchangeMs(timeoutMs: number, tickMs = 0): Promise<number> {
  let longest = 0;
  for (let retryAfterS = 0; retryAfterS <= 60; retryAfterS += 1) longest = Math.max(longest, await playedMs(timeoutMs, tickMs, retryAfterS));
  return longest;
}
