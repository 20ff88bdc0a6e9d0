/**
 * The bounds of an error omission's places (OMITTED_PLACES_KEPT in number, OMITTED_PLACES_CHARS in
 * characters): a list that fits is whole (a baseline compares by it), one that does not is cut and
 * says so (a baseline then cannot call the failure known).
 */
import { boundedPlaces, OMITTED_PLACES_CHARS, OMITTED_PLACES_KEPT, placeFits, unionPlaces } from '../../src/model/violation';

describe('boundedPlaces', () => {
  it('keeps places up to exactly the character bound, and cuts at the first past it', () => {
    const place = (i: number, length: number): string => `/${String(i).padStart(length - 1, 'k')}`;
    // 20 places of 1,000 characters: exactly the bound, all kept.
    const exact = Array.from({ length: 20 }, (_, i) => place(i, OMITTED_PLACES_CHARS / 20));
    expect(boundedPlaces(exact)).toEqual({ places: exact });
    expect(boundedPlaces([...exact, '/x'])).toEqual({ places: exact, placesCut: true });
    expect(placeFits(0, OMITTED_PLACES_CHARS - 2, '/x')).toBe(true);
    expect(placeFits(0, OMITTED_PLACES_CHARS - 1, '/x')).toBe(false);
  });

  it('keeps up to exactly the number bound', () => {
    const places = Array.from({ length: OMITTED_PLACES_KEPT + 1 }, (_, i) => `/p${i}`);
    expect(boundedPlaces(places.slice(0, -1))).toEqual({ places: places.slice(0, -1) });
    expect(boundedPlaces(places)).toEqual({ places: places.slice(0, -1), placesCut: true });
  });
});

describe('unionPlaces', () => {
  it('stays cut when either side was cut, however few places they join to', () => {
    expect(unionPlaces({ places: ['/a'], placesCut: true }, { places: ['/b'] })).toEqual({ places: ['/a', '/b'], placesCut: true });
    expect(unionPlaces({ places: ['/a'] }, { places: ['/a'], placesCut: true })).toEqual({ places: ['/a'], placesCut: true });
    expect(unionPlaces({ places: ['/a'] }, { places: ['/b'] })).toEqual({ places: ['/a', '/b'] });
  });
});
