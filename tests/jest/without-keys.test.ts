/**
 * The matchers' scrubber of key-shaped words (they never see the key a test used): every key goes,
 * glued to the word before it or to another key, in one pass over the text however many it holds.
 */
import { keyless, REDACTED, withoutKeys } from '../../src/jest/without-keys';

test('a key glued to what precedes it, or to another key, goes whole: no secret left after it', () => {
  const a = 'zv_test_AAAAAAAA1111';
  const b = 'zv_live_BBBBBBBB2222';
  expect(withoutKeys(`${a}${b}`)).toBe(`${REDACTED}${REDACTED}`);
  expect(withoutKeys(`${a}_${b}`)).toBe(`${REDACTED}_${REDACTED}`);
  expect(withoutKeys(`Authorization: Bearer${a}`)).toBe(`Authorization: Bearer${REDACTED}`);
  expect(withoutKeys(`api_key_${a}.`)).toBe(`api_key_${REDACTED}.`);
  // As before: a key and its own head (cut by an excerpt) both go, and what is no key stays.
  expect(withoutKeys(`Invalid API key ${a} (${a.slice(0, 16)}…)`)).toBe(`Invalid API key ${REDACTED} (${REDACTED}…)`);
  expect(withoutKeys('zv_run_20240501 zv_test_short zv_test_')).toBe('zv_run_20240501 zv_test_short zv_test_');
});

test('many distinct key-shaped words: each goes, and the text is searched once, not once per word', () => {
  const words = Array.from({ length: 2000 }, (_, i) => `zv_test_${String(i).padStart(8, '0')}`);
  const text = words.join(' ');
  // Counted, not timed: each search of the whole text goes through String.prototype.split or replace.
  const split = jest.spyOn(String.prototype, 'split');
  const replace = jest.spyOn(String.prototype, 'replace');
  try {
    const out = withoutKeys(text);
    expect(out).toBe(Array.from({ length: words.length }, () => REDACTED).join(' '));
    expect(split.mock.calls.length + replace.mock.calls.length).toBeLessThanOrEqual(1);
  } finally {
    split.mockRestore();
    replace.mockRestore();
  }
});

describe('keyless: a verdict, or the Error its judge threw, without the keys', () => {
  const KEY = 'zv_live_0123456789abcdef0123456789abcdef';

  test('a verdict keeps its other fields, its explanation without the key', () => {
    expect(keyless(() => ({ pass: false, explanation: `Invalid API key ${KEY}` }))).toEqual({ pass: false, explanation: `Invalid API key ${REDACTED}` });
  });

  test('a refusal thrown by the judge: its message and its stack without the key', () => {
    let caught: unknown;
    try {
      keyless((): { explanation: string } => {
        const refusal = new Error(`cannot send Authorization: Bearer ${KEY}`);
        // V8 writes the stack (the message as it was then first) when it is first read: an Error
        // handed over by an SDK or axios may have had it read already, so it is scrubbed on its own.
        expect(refusal.stack).toContain(KEY);
        throw refusal;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    const error = caught as Error;
    expect(error.message).toBe(`cannot send Authorization: Bearer ${REDACTED}`);
    // Jest prints the stack of an Error a test throws.
    expect(error.stack).toContain(`Bearer ${REDACTED}`);
    expect(error.stack).not.toContain('zv_live_');
  });
});

test('a key in another case goes too: a target that upper-cases what it echoes ("INVALID KEY ZV_TEST_…") shows the same secret, as the CLI scrubber\'s case-changed form says', () => {
  const a = 'zv_test_AbCdEfGh1234';
  expect(withoutKeys(`INVALID KEY ${a.toUpperCase()}.`)).toBe(`INVALID KEY ${REDACTED}.`);
  expect(withoutKeys(`key ${a.toLowerCase()}${'zv_live_x1y2z3w4q5'.toUpperCase()}`)).toBe(`key ${REDACTED}${REDACTED}`);
  expect(withoutKeys('ZV_RUN_20240501 ZV_TEST_SHORT')).toBe('ZV_RUN_20240501 ZV_TEST_SHORT');
});
