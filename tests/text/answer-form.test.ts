/** An answer's form: the contract's JSON error told by its body, anything else by its media type, no body as none. */
import { answerForm, CONTRACT_ERROR_FORM } from '../../src/text/answer-form';

test("the contract's error shape is told by the body, whatever its label; a JSON body of another shape by its media type", () => {
  const error = { code: 'forbidden', message: 'Forbidden' };
  expect(answerForm('text/plain', JSON.stringify(error), error)).toEqual({ key: CONTRACT_ERROR_FORM, words: 'the contract\'s JSON error {code: "forbidden"}' });
  const problem = { type: 'about:blank', title: 'Not Found', status: 404 };
  expect(answerForm('application/problem+json', JSON.stringify(problem), problem)).toEqual({ key: 'application/problem+json', words: "JSON not in the contract's error shape (application/problem+json)" });
});

test('media types compared by their essence (case and parameters aside), each line of a repeated field kept; no body and no label said so', () => {
  expect(answerForm('Text/HTML; charset=UTF-8', '<html></html>', undefined).key).toBe(answerForm('text/html', '<p>', undefined).key);
  expect(answerForm('text/html, text/plain', 'x', undefined)).toEqual({ key: 'text/html, text/plain', words: 'a body of type text/html, text/plain' });
  expect(answerForm('text/html', ' \r\n', undefined)).toEqual({ key: 'none', words: 'no body' });
  expect(answerForm(undefined, 'Not Found', undefined)).toEqual({ key: '', words: 'a body with no Content-Type' });
});

test("bounded and inert: the target's media type and code are cut and escaped in the words", () => {
  const hostile = answerForm(`text/\u001b[2J${'x'.repeat(5000)}`, 'a page', undefined);
  expect(hostile.key.length).toBeLessThanOrEqual(100);
  expect(hostile.words.length).toBeLessThan(300);
  expect(hostile.words).not.toContain('\u001b');
  const code = `\u202e${'c'.repeat(5000)}`;
  const coded = answerForm('application/json', JSON.stringify({ code, message: 'm' }), { code, message: 'm' });
  expect(coded.key).toBe(CONTRACT_ERROR_FORM);
  expect(coded.words.length).toBeLessThan(300);
  expect(coded.words).not.toContain('\u202e');
  // A field of many lines reads a few of them.
  expect(answerForm(Array.from({ length: 10_000 }, (_, i) => `a/t${i}`).join(', '), 'x', undefined).key.split(', ').length).toBeLessThanOrEqual(4);
});

// The scrubber takes what a cut left of a key only before a "…" (recording/cut-pieces.ts): an unmarked cut
// inside a key echoed into the media type left its head in the words, which an upstream-down headline quotes.
test('a cut of the media type, or of the field, is marked "…", where the scrubber looks for a piece of a key', () => {
  const long = answerForm(`text/${'x'.repeat(200)}`, 'a page', undefined);
  expect(long.words).toMatch(/^a body of type "text\/x+…"$/);
  expect(long.key.length).toBeLessThanOrEqual(100);
  const many = answerForm(`text/plain, ${'a/b, '.repeat(200)}`, 'a page', undefined);
  expect(many.key.split(', ').length).toBeLessThanOrEqual(4);
  const field = answerForm(`${' '.repeat(480)}text/${'y'.repeat(100)}`, 'a page', undefined);
  expect(field.words).toMatch(/^a body of type "text\/y+…"$/);
});
