/** duplicateJsonKey: the first key given twice in one object, which JSON.parse would keep the last of silently. */
import { duplicateJsonKey, lineAndColumn } from '../../src/openapi/json-duplicate-key';

test.each<[string, string, { key: string; offset: number } | undefined]>([
  ['none', '{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}', undefined],
  ['a value that spells a key is no key', '{"a": "b", "b": "a"}', undefined],
  ['in a nested object', '{"a": {"x": 1, "x": 2}}', { key: 'x', offset: 15 }],
  ['in an object inside an array', '[{"x": 1}, {"y": [], "y": 2}]', { key: 'y', offset: 21 }],
  ['escaped, as JSON.parse decodes it', '{"a\\"b": 1, "a\\u0022b": 2}', { key: 'a"b', offset: 12 }],
  ['after a string with an escaped backslash', '{"p": "\\\\", "p": 1}', { key: 'p', offset: 12 }],
  ['a key ending in an escaped backslash', '{"a\\\\": 1, "a\\\\": 2}', { key: 'a\\', offset: 11 }],
  ['the second key the first again', '{"a": 1, "a": 2}', { key: 'a', offset: 9 }],
  ['the third key the first again', '{"a": 1, "b": 2, "a": 3}', { key: 'a', offset: 17 }],
  ['the fourth key the second again', '{"a": 1, "b": 2, "c": 3, "b": 4}', { key: 'b', offset: 25 }],
  ['keys told apart by an astral character', '{"\\ud83d\\ude00": 1, "\\ud83d\\ude01": 2, "😀": 3}', { key: '😀', offset: 39 }],
  ['empty objects and arrays', '{"a": {}, "b": [], "c": [{}, []], "d": {"a": {}}}', undefined],
  ['a top-level array of objects alike', '[{"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 2]}]', undefined],
  ['a key after a closed value is still a key', '{"a": {"x": [1, {"y": 2}]}, "b": 1, "a": 2}', { key: 'a', offset: 36 }],
  ['an empty key twice', '{"": 1, "": 2}', { key: '', offset: 8 }],
])('%s', (_what, text, expected) => {
  JSON.parse(text);
  expect(duplicateJsonKey(text)).toEqual(expected);
});

test('a nesting deeper than the call stack goes is walked, not recursed', () => {
  const deep = `${'['.repeat(200_000)}{"k": 1, "k": 2}${']'.repeat(200_000)}`;
  expect(duplicateJsonKey(deep)).toEqual({ key: 'k', offset: 200_009 });
});

test('a very long key and value are walked once each', () => {
  const long = 'x'.repeat(1_000_000);
  const text = `{"${long}": "${long}\\\\", "${long}": 1}`;
  JSON.parse(text);
  const found = duplicateJsonKey(text);
  // Compared by length: a failure must not print three million characters.
  expect([found?.key.length, found?.key === long, found?.offset]).toEqual([1_000_000, true, 2_000_011]);
});

test('a million objects nested in one another are walked without recursion', () => {
  const deep = `${'{"a": '.repeat(1_000_000)}{"k": 1, "k": 2}${'}'.repeat(1_000_000)}`;
  expect(duplicateJsonKey(deep)).toEqual({ key: 'k', offset: 6_000_009 });
});

test('line and column are 1-based, as the YAML parser gives them', () => {
  expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
  expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
  expect(lineAndColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
});
