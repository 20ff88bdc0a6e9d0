/**
 * One wrapper feeds every tally of the run: each answer the wrapped transport gets is noted by
 * every watcher, in turn, and handed on as it came, its source with it.
 */
import type { Exchange, HttpRequest } from '../../src/model';
import { AnswerTally } from '../../src/runner/answer-tally';
import { watchAnswers } from '../../src/runner/watch-answers';
import type { Transport } from '../../src/transport/transport';

const request: HttpRequest = { method: 'GET', path: '/v1/senders/x/whatsapp-sync', headers: {} } as HttpRequest;

function answer(status: number): Exchange {
  return { id: 'e', request, response: { status, headers: {}, bodyText: '' }, startedAt: '', durationMs: 1 };
}

test('watch: every answer the wrapped transport gets is noted by every watcher, and the exchange is handed on as it came', async () => {
  const sent: string[] = [];
  const inner: Transport = {
    send: async (req, id) => {
      sent.push(id);
      return { ...answer(404), id, request: req };
    },
    sourceOf: (id) => `file-of-${id}`,
  };
  const tally = new AnswerTally('http://127.0.0.1:4010');
  // A second watcher: the run's route tally beside the JSON one, each fed every answer.
  const noted: string[] = [];
  const watched = watchAnswers(inner, tally, { note: (exchange) => noted.push(exchange.id) });
  for (const id of ['a', 'b', 'c']) expect((await watched.send(request, id)).id).toBe(id);
  expect(sent).toEqual(['a', 'b', 'c']);
  expect(watched.sourceOf?.('a')).toBe('file-of-a');
  expect(tally.nonJson()?.answers).toBe(3);
  expect(noted).toEqual(['a', 'b', 'c']);
});
