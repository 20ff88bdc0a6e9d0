import { getAtPointer } from '../../../src/checks/support/json-pointer';

describe('getAtPointer', () => {
  const data = { 'a/b': { '~c': [10, 20] }, n: null };

  it('reads the whole document, escaped tokens and array indexes', () => {
    expect(getAtPointer(data, '')).toEqual({ found: true, value: data });
    expect(getAtPointer(data, '/a~1b/~0c/1')).toEqual({ found: true, value: 20 });
    expect(getAtPointer(data, '/n')).toEqual({ found: true, value: null });
  });

  it('reports missing members, bad indexes and malformed pointers as not found', () => {
    expect(getAtPointer(data, '/missing')).toEqual({ found: false });
    expect(getAtPointer(data, '/a~1b/~0c/2')).toEqual({ found: false });
    expect(getAtPointer(data, '/a~1b/~0c/01')).toEqual({ found: false });
    expect(getAtPointer(data, 'a')).toEqual({ found: false });
    expect(getAtPointer({}, '/toString')).toEqual({ found: false });
  });
});
