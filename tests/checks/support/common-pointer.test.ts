import { commonPointer } from '../../../src/checks/support/common-pointer';

test('the pointer two pointers share is made of whole tokens', () => {
  expect(commonPointer('/sync/extra1', '/sync/extra2')).toBe('/sync');
  expect(commonPointer('/sync/ab', '/sync/a')).toBe('/sync');
  expect(commonPointer('/sync', '/sync/a/b')).toBe('/sync');
  expect(commonPointer('/a/b', '/a/b')).toBe('/a/b');
  expect(commonPointer('/a', '/b')).toBe('');
  expect(commonPointer('', '/b')).toBe('');
  expect(commonPointer('/x/1/y', '/x/1/z')).toBe('/x/1');
});
