/**
 * The one rule of every "first N, then 'and N more'" list: never "and 1 more". When exactly one
 * item would be left out, it is shown instead, as the line counting it takes as much room as the
 * item itself and tells the reader less. Each caller keeps its own words for the count.
 */
import { listed } from './plain-text';

/**
 * The first `max` of `items` and how many are left out, the one left alone shown (so `rest` is 0 or
 * at least 2). `total`: how many there are when `items` holds only the first of them (a digest kept
 * its first N and counted the others); a rest of 1 that `items` does not hold stays a count.
 */
export function shownAndRest<T>(items: readonly T[], max: number, total: number = items.length): { shown: T[]; rest: number } {
  const shown = items.slice(0, total === max + 1 ? max + 1 : max);
  return { shown, rest: Math.max(0, total - shown.length) };
}

/** "a, b, c and 2 more" (`joiner` "or": "a, b, c or 2 more"): the first `max` of `items` said as a list, the one left alone named. */
export function listedFirst(items: readonly string[], max: number, joiner: 'and' | 'or' = 'and'): string {
  const { shown, rest } = shownAndRest(items, max);
  return listed(rest > 0 ? [...shown, `${rest} more`] : shown, joiner);
}
