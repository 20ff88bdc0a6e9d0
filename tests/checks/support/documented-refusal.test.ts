/**
 * documentedRefusal: the documented 4xx example whose message an answer of another status carries
 * (a sync limit sent as 429), in its documented words; an example documented under any other
 * status (a 5xx, a range, default) is no refusal of the caller's request.
 */
import { documentedRefusal, documentedRefusalOfItsStatus } from '../../../src/checks/support/documented-refusal';
import type { DocumentedResponse } from '../../../src/model/operation';

const limit = 'Sync limit reached. Please wait 24 hours before trying again.';
const answer = (message: string) => ({ status: 429, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify({ code: 'rate_limit', message }) });
const documented = (status: string, name: string, message: string): DocumentedResponse => ({ status, description: '', mediaTypes: ['application/json'], examples: [{ name, value: { code: name, message } }] });

test('a 429 carrying the documented 400 refusal, its quantity told otherwise, is that refusal', () => {
  const operation = { responses: [documented('400', 'rate_limit', limit)] };
  expect(documentedRefusal(answer('Sync limit reached. Please wait 23 hours before trying again.'), operation)).toEqual({ status: 400, name: 'rate_limit', message: 'Sync limit reached. Please wait 23 hours before trying again.' });
});

test.each(['500', '5XX', '4XX', 'default'])('the same words documented under %s only: no refusal', (status) => {
  expect(documentedRefusal(answer(limit), { responses: [documented(status, 'busy', limit)] })).toBeUndefined();
});

test("documentedRefusalOfItsStatus: a 400 carrying one of the 400's own examples is that refusal; documentedRefusal, for another status only, does not take it", () => {
  const operation = { responses: [documented('400', 'in_progress', 'History sync is already in progress'), documented('404', 'gone', 'Sender not found')] };
  const own = { ...answer('History sync is already in progress'), status: 400 };
  expect(documentedRefusalOfItsStatus(own, operation)).toEqual({ status: 400, name: 'in_progress', message: 'History sync is already in progress' });
  expect(documentedRefusal(own, operation)).toBeUndefined();
  // Another status's words in a 400 are not its own refusal.
  expect(documentedRefusalOfItsStatus({ ...answer('Sender not found'), status: 400 }, operation)).toBeUndefined();
});
