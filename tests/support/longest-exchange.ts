/**
 * The longest exchanges of the live stack can take, played on a virtual clock through the real
 * RetryOn429Transport (its default policy): every send takes all the deadlines an exchange of
 * http-transport.ts may (MAX_EXCHANGE_DEADLINES) after its --rate tick, and is answered 429 with
 * each Retry-After tried. Measured, not restated: a case limit checked against it follows the
 * retry policy however that changes, and no test waits out a real minute of Retry-After.
 */
import type { Exchange, HttpRequest } from '../../src/model';
import { MAX_EXCHANGE_DEADLINES } from '../../src/transport/exchange-deadlines';
import { RetryOn429Transport } from '../../src/transport/retry-on-429';

const request: HttpRequest = { method: 'GET', url: 'http://127.0.0.1:1/v1/senders/a/whatsapp-sync', path: '/v1/senders/a/whatsapp-sync', headers: {}, authVariant: 'valid' };

/**
 * Virtual ms `exchanges` exchanges took one after another, the last one's 429s answered with
 * "Retry-After: <lastS>" and the others' with "Retry-After: <earlierS>".
 */
async function playedMs(timeoutMs: number, tickMs: number, earlierS: number, lastS: number, exchanges: number): Promise<number> {
  let clock = 0;
  let current = 0;
  const slowest = {
    async send(req: HttpRequest, id: string): Promise<Exchange> {
      clock += tickMs + MAX_EXCHANGE_DEADLINES * timeoutMs;
      const retryAfter = String(current === exchanges - 1 ? lastS : earlierS);
      return { id, request: req, startedAt: new Date(0).toISOString(), durationMs: timeoutMs, response: { status: 429, headers: { 'retry-after': retryAfter }, bodyText: '' } };
    },
  };
  // One transport for them all, fresh: the run's budget of waits is whole, as for a run's first
  // 429, and shared by the exchanges, as a run's is by its cases and steps.
  const retrying = new RetryOn429Transport(slowest, { sleep: async (ms) => void (clock += ms) });
  for (current = 0; current < exchanges; current += 1) await retrying.send(request, `case#${current + 1}`);
  return clock;
}

/**
 * The longest of the plays over Retry-After 0 to 60 s, for the last exchange and (apart) the ones
 * before it: the longest waits, or more sends with shorter ones, or every send first and the run's
 * waits last.
 */
export async function longestPlayedExchangeMs(timeoutMs: number, tickMs = 0, exchanges = 1): Promise<number> {
  let longest = 0;
  for (let earlierS = 0; earlierS <= (exchanges > 1 ? 60 : 0); earlierS += 1) {
    for (let lastS = 0; lastS <= 60; lastS += 1) longest = Math.max(longest, await playedMs(timeoutMs, tickMs, earlierS, lastS, exchanges));
  }
  return longest;
}
