import { keptAndRest, listedFirst, shownAndRest } from '../../src/text/shown-and-rest';

describe('shownAndRest', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('shows every item when they fit', () => {
    expect(shownAndRest(items.slice(0, 3), 3)).toEqual({ shown: ['a', 'b', 'c'], rest: 0 });
  });

  it('shows the one item over the limit rather than counting it', () => {
    expect(shownAndRest(items.slice(0, 4), 3)).toEqual({ shown: ['a', 'b', 'c', 'd'], rest: 0 });
  });

  it('counts two or more over the limit', () => {
    expect(shownAndRest(items, 3)).toEqual({ shown: ['a', 'b', 'c'], rest: 2 });
  });

  it('counts what a kept list does not hold, one included', () => {
    expect(shownAndRest(items.slice(0, 3), 3, 4)).toEqual({ shown: ['a', 'b', 'c'], rest: 1 });
    expect(shownAndRest(items.slice(0, 4), 3, 4)).toEqual({ shown: ['a', 'b', 'c', 'd'], rest: 0 });
    expect(shownAndRest(items, 3, 9)).toEqual({ shown: ['a', 'b', 'c'], rest: 6 });
  });
});

describe('keptAndRest', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('keeps every item when they fit the bound', () => {
    expect(keptAndRest(items.slice(0, 3), 3)).toEqual({ shown: ['a', 'b', 'c'], rest: 0 });
  });

  it('leaves the last place of the bound to the count, which is then two or more', () => {
    expect(keptAndRest(items.slice(0, 4), 3)).toEqual({ shown: ['a', 'b'], rest: 2 });
    expect(keptAndRest(items, 3)).toEqual({ shown: ['a', 'b'], rest: 3 });
  });
});

describe('listedFirst', () => {
  it('says the list as listed() does, the one past the limit named, two or more counted', () => {
    expect(listedFirst(['a', 'b'], 3)).toBe('a and b');
    expect(listedFirst(['a', 'b', 'c', 'd'], 3)).toBe('a, b, c and d');
    expect(listedFirst(['a', 'b', 'c', 'd', 'e'], 3, 'or')).toBe('a, b, c or 2 more');
  });
});
