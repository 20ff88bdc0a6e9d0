/**
 * The one rule of every "first N, then 'and N more'" list: never "and 1 more", as the line counting
 * one item takes as much room as the item itself and tells the reader less. A list cut to N items
 * shows the one a cut would leave alone (shownAndRest); a list held to N lines in all leaves its
 * last to a count, which is then of two or more (keptAndRest). Each caller keeps its own words for the count.
 */
import { listed } from './plain-text';

/** The items a list shows and how many it leaves for its count to say (0: none left out). */
export interface ShownAndRest<T> {
  shown: T[];
  rest: number;
}

/**
 * The first `max` of `items` and how many are left out, the one left alone shown (so `rest` is 0 or
 * at least 2). `total`: how many there are when `items` holds only the first of them (a digest kept
 * its first N and counted the others); a rest of 1 that `items` does not hold stays a count.
 */
export function shownAndRest<T>(items: readonly T[], max: number, total: number = items.length): ShownAndRest<T> {
  const shown = items.slice(0, total === max + 1 ? max + 1 : max);
  return { shown, rest: Math.max(0, total - shown.length) };
}

/**
 * The first of `items` when at most `max` entries may be kept, a line counting the rest among them
 * (a file's, a schema's bound): all of them when they fit, else the first `max - 1` and the rest for
 * the last entry to count, never fewer than two, so this rule too never says "and 1 more".
 */
export function keptAndRest<T>(items: readonly T[], max: number): ShownAndRest<T> {
  const shown = items.length <= max ? [...items] : items.slice(0, max - 1);
  return { shown, rest: items.length - shown.length };
}

/** "a, b, c and 2 more" (`joiner` "or": "a, b, c or 2 more"): the first `max` of `items` said as a list, the one left alone named. */
export function listedFirst(items: readonly string[], max: number, joiner: 'and' | 'or' = 'and'): string {
  const { shown, rest } = shownAndRest(items, max);
  return listed(rest > 0 ? [...shown, `${rest} more`] : shown, joiner);
}
