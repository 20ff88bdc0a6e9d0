/**
 * A start predicted from a read that was itself refused (start-sync on a 400 read): told in the
 * documented no_waba words, the refusals that state allows (no_waba, rate_limit), every other
 * documented reason ruled out; told otherwise, either of the read's two reasons, nothing ruled out.
 */
import { predictionModels, type Prediction } from '../../src/model-based/prediction-models';

const start = (part: string, example?: string): Prediction => predictionModels['start-sync']!.predict(part, { status: 400, body: { code: 'bad_request', message: 'm' }, ...(example !== undefined ? { example } : {}) });

test.each(['history', 'contacts'])('a %s start after a read refused as no_waba: 400, no_waba or rate_limit, the list the state allows', (part) => {
  expect(start(part, 'no_waba')).toEqual({ expect: expect.objectContaining({ status: 400, examples: ['no_waba', 'rate_limit'], examplesFromState: true, assert: [] }) });
});

test.each([[undefined], ['not_coexistence']])('after a read refused in other words (%s): 400, either of its two reasons, nothing ruled out', (example) => {
  const predicted = start('history', example);
  expect(predicted).toEqual({ expect: expect.objectContaining({ status: 400, examples: ['no_waba', 'not_coexistence'] }) });
  expect('expect' in predicted && predicted.expect.examplesFromState).toBeUndefined();
});

test('a read with no answer and no sync is still unpredictable', () => {
  expect(predictionModels['start-sync']!.predict('history', { status: 500 })).toEqual({ unpredictable: 'the step it is predicted from saw no sync status (status 500)' });
});
