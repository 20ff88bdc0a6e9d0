import { describeJsonError } from '../../src/text/json-error';

const describe1 = (text: string): string => {
  try {
    JSON.parse(text);
  } catch (error) {
    return describeJsonError(text, error as Error);
  }
  throw new Error('parsed');
};

test.each([
  ['{"a":}', "line 1 column 6 (offset 5): Unexpected token '}'"],
  ['{\n"a": 1,\n}', 'line 3 column 1 (offset 10): Expected double-quoted property name'],
  ['{"a": [1, 2', "line 1 column 12 (offset 11): Expected ',' or ']' after array element"],
  ['{"a": tr', 'line 1 column 9 (offset 8): Unexpected end of JSON input'],
  ['[1]x', 'line 1 column 4 (offset 3): Unexpected non-whitespace character after JSON'],
  // No position in V8's message, and a snippet that would span lines: found by bisection.
  [`{"long": "${'y'.repeat(60)}",\n "b": nope}`, "line 2 column 8 (offset 80): Unexpected token 'o'"],
])('%j → %s', (text, expected) => {
  expect(describe1(text)).toBe(expected);
});
