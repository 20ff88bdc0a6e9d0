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

describe('a key in an encoded form: the matchers never see the key, so its encodings are known by its prefix', () => {
  const key = 'zv_live_Qm7RxK2pLw9VnT4bHc8JdF3sYg6ZaE1u';
  const secret = key.slice('zv_live_'.length);
  const unicode = (text: string): string => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  const percent = (text: string): string => [...Buffer.from(text)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  const decimal = (text: string): string => [...text].map((c) => `&#${c.codePointAt(0) ?? 0};`).join('');
  const hexRef = (text: string): string => [...text].map((c) => `&#x${(c.codePointAt(0) ?? 0).toString(16)};`).join('');
  const b64 = (text: string): string => Buffer.from(text).toString('base64');
  /** What no encoding of the secret's characters may leave: any three of them, as is or escaped. */
  const shows = (text: string): boolean =>
    [0, 7, 14, 21, 29].some((at) => [(t: string) => t, unicode, percent, decimal, hexRef].some((encode) => text.toLowerCase().replace(/\\/g, '').includes(encode(secret.slice(at, at + 3)).toLowerCase().replace(/\\/g, ''))));

  test.each([
    ['\\u-escaped', unicode(key)],
    ['\\u-escaped, a JSON text quoted in a string', JSON.stringify(unicode(key)).slice(1, -1)],
    ['percent-encoded byte by byte', percent(key)],
    ['as decimal character references', decimal(key)],
    ['as hex character references', hexRef(key)],
    ['its letters escaped, its digits as is', [...key].map((c) => (/[a-z]/i.test(c) ? percent(c) : c)).join('')],
    ['base64 (a Basic credential "key:")', b64(`${key}:`)],
    ['base64 after one byte', b64(`:${key}`)],
    ['base64 after two bytes', b64(`::${key}`)],
    ['base64url', Buffer.from(`${key}:`).toString('base64url')],
    ['hex', Buffer.from(key).toString('hex')],
    ['hex in capitals', Buffer.from(key).toString('hex').toUpperCase()],
  ])('%s', (_how, encoded) => {
    const out = withoutKeys(`Invalid credentials: ${encoded} (see docs)`);
    // At most the few base64 characters a byte before the key decides, and its padding, are left.
    expect(out).toMatch(/^Invalid credentials: \S{0,3}\[REDACTED\]=* \(see docs\)$/);
    expect(shows(out)).toBe(false);
  });

  test.each([
    ['\\u-escaped', unicode],
    ['percent-encoded', percent],
    ['as decimal references', decimal],
    ['as hex references', hexRef],
    ['as decimal references padded to four digits', (text: string) => [...text].map((c) => `&#${(c.codePointAt(0) ?? 0).toString().padStart(4, '0')};`).join('')],
    ['as hex references padded to four digits', (text: string) => [...text].map((c) => `&#x${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')};`).join('')],
    ['with a tab after its prefix, JSON-escaped then percent-encoded (%5Ct)', (text: string) => encodeURIComponent(JSON.stringify(`${text.slice(0, 8)}\t${text.slice(8)}`).slice(1, -1))],
  ])('the head a cut left of a key %s, before its "…", goes too', (_how, encode) => {
    const encoded = encode(key);
    for (let length = encode(key.slice(0, 11)).length; length < encoded.length; length += 1) {
      const head = encoded.slice(0, length);
      const out = withoutKeys(`"${head}… (300 chars)`);
      expect({ head, out: out.includes('[REDACTED]') && !shows(out) }).toEqual({ head, out: true });
    }
  });

  test('a long run of backslashes is read once, not again for each way to split it, and the escapes after it still go', () => {
    // Read twice over (a "\\*" then a "\\+" on the same run), 1 MiB of backslashes never ended: past the test's timeout.
    const run = '\\'.repeat(1 << 20);
    expect(withoutKeys(run)).toBe(run);
    expect(withoutKeys(`${run}x`)).toBe(`${run}x`);
    expect(shows(withoutKeys(`${run}${unicode(key)}`))).toBe(false);
  });

  test.each([
    ['\\u-escaped', unicode],
    ['percent-encoded', percent],
    ['as decimal references', decimal],
    ['as hex references', hexRef],
  ])('the words after a key %s, escaped as it is, stay: only letters and digits, as a key has, go with it', (_how, encode) => {
    // An error message a target escaped whole: its words after the key are the message a reader needs.
    const words = encode(' was rejected. Contact support');
    expect(withoutKeys(`"${encode(key)}${words}"`)).toBe(`"${REDACTED}${words}"`);
    // The tab the control-chars case sends after the prefix is no word of the message: the key with it goes whole.
    const tabbed = `${key.slice(0, 8)}\t${key.slice(8)}`;
    for (const shown of [encode(tabbed), JSON.stringify(tabbed).slice(1, -1), tabbed]) expect(withoutKeys(`"${shown}${words}"`)).toBe(`"${REDACTED}${words}"`);
  });

  test('what is no key stays: the prefix alone escaped, escaped text of other words, base64 and hex of other text', () => {
    for (const text of [unicode('zv_test_'), percent('zv_live_ab'), decimal('zv_test_'), 'aGVsbG8gd29ybGQ=', Buffer.from('hello world, a longer text').toString('hex'), '%7B%22a%22%3A1%7D', unicode('hello')]) {
      expect(withoutKeys(`x ${text} y`)).toBe(`x ${text} y`);
    }
  });
});
