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
  // Cut short (a truncated download or copy): V8 says what it expected next, which reads as a typo
  // at that spot; the text simply ends there, and the line says so.
  ['{"a": [1, 2', 'line 1 column 12 (offset 11): the text ends before its JSON does (cut short?)'],
  ['{"a": tr', 'line 1 column 9 (offset 8): the text ends before its JSON does (cut short?)'],
  ['{\n  "entries": [{"a": "b', 'line 2 column 23 (offset 24): the text ends before its JSON does (cut short?)'],
  ['{"a":\n  ', 'line 2 column 3 (offset 8): the text ends before its JSON does (cut short?)'],
  ['', 'line 1 column 1 (offset 0): the text is empty'],
  [' \n', 'line 2 column 1 (offset 2): the text is empty'],
  ['[1]x', 'line 1 column 4 (offset 3): Unexpected non-whitespace character after JSON'],
  // No position in V8's message, and a snippet that would span lines: found by bisection.
  [`{"long": "${'y'.repeat(60)}",\n "b": nope}`, "line 2 column 8 (offset 80): Unexpected token 'o'"],
  // V8 quotes the text around the fault, cut with "..." on either side: the position says where,
  // and the quote (anyone's text, a README given as a baseline) is left out whichever side is cut.
  [`# zavu-conformance\n${'x'.repeat(100)}`, "line 1 column 1 (offset 0): Unexpected token '#'"],
  [`{"b": nope, "long": "${'y'.repeat(60)}"}`, "line 1 column 8 (offset 7): Unexpected token 'o'"],
  // A character JSON takes for no whitespace, though JavaScript's \s does: named as it is (an error
  // line escapes it, "'\u2028'"), not folded into the plain space JSON would have taken.
  ['\u2028{}', "line 1 column 1 (offset 0): Unexpected token '\u2028'"],
  ['{"a":\u00a01}', "line 1 column 6 (offset 5): Unexpected token '\u00a0'"],
  // Four whole texts V8 quotes alone, with no token ('"[object Object]" is not valid JSON'): the token named as for any other text.
  ['[object Object]', "line 1 column 2 (offset 1): Unexpected token 'o'"],
  ['NaN', "line 1 column 1 (offset 0): Unexpected token 'N'"],
])('%j → %s', (text, expected) => {
  expect(describe1(text)).toBe(expected);
});
