/**
 * What a history record keeps of its night's warnings (the report's runWarnings: unasked bytes on
 * an idle kept-alive connection) and notes (runInfo.notes: what the run said before its first case
 * that bears on its verdict), so a night that saw a misbehaving keep-alive, or ran under a note,
 * does not read in the history like any other night. Bounded, as all a store holds is when read.
 */
import type { ConformanceReport } from '../model';
import { leftOutLine, remarkTotal } from '../report/history-text';
import { keptRunNotes, RUN_NOTE_LIMITS } from '../report/run-notes';
import { RUN_WARNING_LIMITS } from '../report/run-warnings';
import { escapeControl, oneLine, truncate } from '../text/plain-text';
import { keptAndRest } from '../text/shown-and-rest';

/**
 * At most `count` lines of each, each at most `chars` characters, on one line. A report's notes
 * fit as they are; of its warnings (a merge has one a shard) a record keeps fewer than the report,
 * the last then counting the rest: a store keeps a year of nights, the night's reports the rest.
 */
export const NIGHT_REMARK_LIMITS = {
  warnings: { count: 10, chars: RUN_WARNING_LIMITS.messageChars },
  notes: { count: RUN_NOTE_LIMITS.kept, chars: RUN_NOTE_LIMITS.chars },
} as const;

/** A night's remarks as a record keeps them: each field absent when the night had none. */
export interface NightRemarks {
  warnings?: string[];
  notes?: string[];
}

/**
 * `lines` each on one line, control and invisible format characters as visible escapes (a report
 * made them so already: this is for one built otherwise), cut to `chars`; at most `count`, the
 * last then counting those left out (history-text.ts remarkTotal reads it back). What is left out
 * is counted as remarkTotal reads `lines`: a merge of shards' own last line ("… and 51 more run
 * warnings") stands for 51, and counted as one the night read as 100 warnings of 150.
 */
function keptLines(lines: readonly string[], limit: { count: number; chars: number }, noun: string): string[] {
  const cut = lines.map((line) => truncate(escapeControl(oneLine(line)), limit.chars)).filter((line) => line !== '');
  const { shown, rest } = keptAndRest(cut, limit.count);
  return rest === 0 ? shown : [...shown, leftOutLine(remarkTotal(cut) - shown.length, noun)];
}

/** What a record keeps of `report`'s warnings and notes (both already scrubbed of the keys by the run). */
export function remarksOf(report: Pick<ConformanceReport, 'runWarnings' | 'runInfo'>): NightRemarks {
  const warnings = keptLines((report.runWarnings ?? []).map((w) => w.message), NIGHT_REMARK_LIMITS.warnings, 'warning');
  return { ...(warnings.length > 0 ? { warnings } : {}), ...notesOf(report.runInfo.notes ?? []) };
}

/**
 * What a record keeps of the notes a run said (already scrubbed of the keys by the run): a judged
 * night's from its report, a night stopped before judging's as the run had said them before it
 * stopped. Kept as a report keeps them (each once, cut): idempotent, and within the bound.
 */
export function notesOf(said: readonly string[]): Pick<NightRemarks, 'notes'> {
  const notes = keptLines(keptRunNotes(said), NIGHT_REMARK_LIMITS.notes, 'note');
  return notes.length > 0 ? { notes } : {};
}

/**
 * What is wrong with a record's `warnings` or `notes` (undefined when absent, as in records from
 * before them). An empty list or line is refused too: no writer makes one (remarksOf leaves the
 * field out), and taken it would reach conformance.json's history as it is, whose schema
 * (minItems, minLength) refuses it only once every request of the run was sent.
 */
export function remarksProblem(record: Record<string, unknown>): string | undefined {
  for (const field of ['warnings', 'notes'] as const) {
    const value = record[field];
    if (value === undefined) continue;
    const limit = NIGHT_REMARK_LIMITS[field];
    const fits = (line: unknown): boolean => typeof line === 'string' && line !== '' && line.length <= limit.chars && !/[\r\n]/.test(line);
    if (!Array.isArray(value) || value.length === 0 || value.length > limit.count || !value.every(fits)) return `${field} must be a list of 1 to ${limit.count} lines of 1 to ${limit.chars} characters`;
  }
  return undefined;
}
