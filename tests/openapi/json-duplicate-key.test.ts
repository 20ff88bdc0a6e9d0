/** duplicateJsonKey: the first key given twice in one object, which JSON.parse would keep the last of silently. */
import { duplicateJsonKey, lineAndColumn } from '../../src/openapi/json-duplicate-key';

test.each<[string, string, { key: string; offset: number } | undefined]>([
  ['none', '{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}', undefined],
  ['a value that spells a key is no key', '{"a": "b", "b": "a"}', undefined],
  ['in a nested object', '{"a": {"x": 1, "x": 2}}', { key: 'x', offset: 15 }],
  ['in an object inside an array', '[{"x": 1}, {"y": [], "y": 2}]', { key: 'y', offset: 21 }],
  ['escaped, as JSON.parse decodes it', '{"a\\"b": 1, "a\\u0022b": 2}', { key: 'a"b', offset: 12 }],
  ['after a string with an escaped backslash', '{"p": "\\\\", "p": 1}', { key: 'p', offset: 12 }],
])('%s', (_what, text, expected) => {
  JSON.parse(text);
  expect(duplicateJsonKey(text)).toEqual(expected);
});

test('a nesting deeper than the call stack goes is walked, not recursed', () => {
  const deep = `${'['.repeat(200_000)}{"k": 1, "k": 2}${']'.repeat(200_000)}`;
  expect(duplicateJsonKey(deep)).toEqual({ key: 'k', offset: 200_009 });
});

test('line and column are 1-based, as the YAML parser gives them', () => {
  expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
  expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
  expect(lineAndColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
});
