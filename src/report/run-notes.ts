/**
 * The run's notes as the reports keep them (runInfo.notes): what the run said of itself before its
 * first case that bears on reading its verdict (a replay of recordings made under another contract,
 * rows judged by a looser rule, flags a replay did not use, …). The console says them in full
 * before the run; a reviewer reads summary.md and conformance.html, so the report keeps them too,
 * bounded however many and however long (a recording's own words are in some) and each once: every
 * shard of a replay says the same notes, and their merge keeps one of each.
 */
import { escapeControl, oneLine, truncate } from '../text/plain-text';
import { keptAndRest, shownAndRest } from '../text/shown-and-rest';
import { md } from './markdown-text';

/**
 * At most `kept` notes, each at most `chars` characters. A run says a handful at most (one per
 * kind); the bound is for a report built otherwise (a merge of many shards, an edited file).
 */
export const RUN_NOTE_LIMITS = { kept: 8, chars: 600 } as const;

/** The last note kept when more were said: how many were left out, and where they are said in full. */
function leftOut(count: number): string {
  return `… and ${count} more ${count === 1 ? 'note' : 'notes'}, said on the run's console`;
}

/**
 * The notes a report keeps of `notes` (scrubbed of the keys already): each on one line, its
 * control and invisible format characters as visible escapes, cut; each once, in the order said;
 * at most RUN_NOTE_LIMITS.kept, the last then counting those left out. Idempotent, so a merge may
 * apply it again to its shards' notes and a report's may be checked against it.
 */
export function keptRunNotes(notes: readonly string[]): string[] {
  const lines = [...new Set(notes.map((note) => truncate(escapeControl(oneLine(note)), RUN_NOTE_LIMITS.chars)).filter((note) => note !== ''))];
  // A shard's own "… and N more" line is counted as one note here: only a report built otherwise
  // than by a run (no run says more than a handful) gets one, and the console has them all.
  const { shown, rest } = keptAndRest(lines, RUN_NOTE_LIMITS.kept);
  return rest > 0 ? [...shown, leftOut(rest)] : shown;
}

/** Notes summary.md shows (runInfo.notes), and characters of each: a few lines, the rest elsewhere (noteLines `rest`). */
const NOTES = { shown: 3, chars: 400 } as const;

/**
 * The run's notes (runInfo.notes) as summary.md lists them under a label, then a blank line; []
 * when it said none. `why` says what they are: a NOT RUN summary lists them too (runner/not-run.ts),
 * which is why this is here and not in render-markdown.ts (a run ending NOT RUN loads no renderer).
 * `rest` says where the notes left out are: a NOT RUN writes no conformance.html.
 */
export function noteLines(notes: readonly string[] | undefined, why = 'they bear on reading its verdict', rest = 'conformance.html'): string[] {
  if (notes === undefined || notes.length === 0) return [];
  const { shown: said, rest: more } = shownAndRest(notes, NOTES.shown);
  const shown = said.map((note) => `- ${md(note, NOTES.chars)}`);
  return [`**Notes on this run** (${why}):`, '', ...shown, ...(more > 0 ? [`- … and ${more} more (${rest})`] : []), ''];
}
