/** RFC 6901 escaping and lookup. */
import { appendPointer, commonPointer, escapePointerToken, getAtPointer, parsePointer } from '../../src/openapi/json-pointer';

it('escapes ~ before / so round trips are exact', () => {
  expect(escapePointerToken('a/b~c')).toBe('a~1b~0c');
  expect(appendPointer('/x', 'a/b~c')).toBe('/x/a~1b~0c');
  expect(parsePointer('/x/a~1b~0c')).toEqual(['x', 'a/b~c']);
  expect(parsePointer('/~01')).toEqual(['~1']);
});

it('reads URI-fragment pointers, percent-decoded', () => {
  expect(parsePointer('#/paths/~1v1~1senders%7Bx%7D')).toEqual(['paths', '/v1/senders{x}']);
  expect(parsePointer('#')).toEqual([]);
});

it('finds values, and undefined for missing steps or non-canonical indexes', () => {
  const doc = { a: [{ b: 1 }], 'c/d': 2 };
  expect(getAtPointer(doc, ['a', '0', 'b'])).toBe(1);
  expect(getAtPointer(doc, ['c/d'])).toBe(2);
  expect(getAtPointer(doc, ['a', '01'])).toBeUndefined();
  expect(getAtPointer(doc, ['toString'])).toBeUndefined();
});

it('tells a JSON null apart from a missing value, and reads the whole document at ""', () => {
  // The checks print getAtPointer's result with describeValue: null is "null", undefined "nothing".
  const doc = { n: null, list: [10, 20] };
  expect(getAtPointer(doc, parsePointer(''))).toBe(doc);
  expect(getAtPointer(doc, parsePointer('/n'))).toBeNull();
  expect(getAtPointer(doc, parsePointer('/list/1'))).toBe(20);
  expect(getAtPointer(doc, parsePointer('/list/2'))).toBeUndefined();
  expect(getAtPointer(doc, parsePointer('/n/x'))).toBeUndefined();
});

test('the pointer two pointers share is made of whole tokens', () => {
  expect(commonPointer('/sync/extra1', '/sync/extra2')).toBe('/sync');
  expect(commonPointer('/sync/ab', '/sync/a')).toBe('/sync');
  expect(commonPointer('/sync', '/sync/a/b')).toBe('/sync');
  expect(commonPointer('/a/b', '/a/b')).toBe('/a/b');
  expect(commonPointer('/a', '/b')).toBe('');
  expect(commonPointer('', '/b')).toBe('');
  expect(commonPointer('/x/1/y', '/x/1/z')).toBe('/x/1');
});
