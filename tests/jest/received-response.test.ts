import { headersOf } from '../../src/jest/received-response';

test('a header named constructor or __proto__ is read as the header it is, not through Object.prototype', () => {
  // A fetch Headers hands names as the server sent them: "constructor" was joined to Object's own
  // ("function Object() { [native code] }, evil"), and "__proto__" set no property at all.
  const sent = new Headers([['Constructor', 'evil'], ['__proto__', 'polluted'], ['content-type', 'application/json']]);
  const headers = headersOf(sent);
  expect(Object.entries(headers)).toEqual(expect.arrayContaining([['constructor', 'evil'], ['__proto__', 'polluted'], ['content-type', 'application/json']]));
  expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
});
