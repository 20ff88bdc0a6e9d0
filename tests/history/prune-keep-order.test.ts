/**
 * `--prune-keep N` must leave the store showing what `--window N` showed: the same runs, in the same
 * order. The order is not the runs' starts alone (history-window's orderKeys): a run stamped up to
 * 30 minutes before one appended ahead of it comes after it, so a night not run the window leaves
 * out (it shows the newest N of them) can be what orders a run after another. Removing it reordered
 * the runs the prune kept: the pruned store showed another run as its newest, and a second prune
 * removed a night not run the first had said it kept.
 */
import { keptByPrune } from '../../src/history/append-history';
import { deriveFigures } from '../../src/history/derive-figures';
import { stoppedRecordOf, type HistoryRecord } from '../../src/history/history-record';
import { seriesWindow, windowWithGaps } from '../../src/history/history-window';
import type { StoredRecord } from '../../src/history/read-history';
import { TARGET, night } from './fixtures';

const DAY = '2026-11-02';

/** A run of night 2 started at `hhmm` (UTC), its one case passed ('.') or failed ('F'). */
function at(hhmm: string, status: string): HistoryRecord {
  const startedAt = `${DAY}T${hhmm}:00.000Z`;
  const run = night(2, status);
  return { ...run, run: { ...run.run, startedAt, finishedAt: startedAt } };
}

/** A night not run started at `hhmm` (UTC): the target down. */
function notRunAt(hhmm: string): HistoryRecord {
  const startedAt = `${DAY}T${hhmm}:00.000Z`;
  return stoppedRecordOf({ target: TARGET, mode: 'live', specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt, finishedAt: startedAt }, 'target unreachable', 3);
}

function stored(records: readonly HistoryRecord[]): StoredRecord[] {
  return records.map((record, i) => ({ record, line: i + 1, text: JSON.stringify(record) }));
}

/**
 * Four machines, their clocks minutes apart, in the order they appended: a night not run at 01:10;
 * a run at 00:40 (so after it), failing; a night not run at 00:40; a run at 00:30, passing, after
 * the night not run of 01:10 by the 30-minute rule (it comes at 01:00); a night not run at 01:00.
 * Before them, night 1's run, which a keep of 2 removes.
 */
const STORE = [night(1, '.'), notRunAt('01:10'), at('00:40', 'F'), notRunAt('00:40'), at('00:30', '.'), notRunAt('01:00')];

const startsOf = (records: readonly HistoryRecord[]): string[] => records.map((r) => `${r.run.startedAt.slice(11, 16)}${r.stopped === undefined ? '' : ' not run'}`);

test('a prune keeps every night not run from the window\'s first run on: the pruned store shows the same runs in the same order', () => {
  const before = windowWithGaps(seriesWindow(STORE, { target: TARGET, writes: false }), 2);
  // The window: the runs of 01:00 (00:30's) and 01:10 (00:40's), the newest, failing; two of the three nights not run shown.
  expect(startsOf(before)).toEqual(['00:30', '00:40', '00:40 not run', '01:00 not run']);
  const kept = keptByPrune(stored(STORE), { keep: 2 }).map((s) => s.record);
  expect(startsOf(windowWithGaps(seriesWindow(kept, { target: TARGET, writes: false }), 2))).toEqual(startsOf(before));
  const options = { store: 'h.jsonl', target: TARGET, window: 2 };
  // The view: the same newest run (failing tonight), the same strip.
  expect(deriveFigures(kept, options).cases).toEqual(deriveFigures(STORE, options).cases);
  // Night 1's run only removed: the night not run of 01:10, which the window leaves out, orders the two runs.
  expect(startsOf(kept)).toEqual(['01:10 not run', '00:40', '00:40 not run', '00:30', '01:00 not run']);
  // A second prune finds nothing more to remove: it kept what it said.
  expect(keptByPrune(stored(kept), { keep: 2 })).toHaveLength(kept.length);
});

/**
 * Every record's target read through a counter: a prune groups the store by target once. It asked
 * the window of each target over the whole store, a pass per target (a store of reference-server
 * runs, each on its own ephemeral port, is a target per run: 20,000 runs took 16 s, not 0.3 s).
 */
test('a prune reads each record\'s target a bounded number of times, however many targets the store holds', () => {
  let reads = 0;
  const records = Array.from({ length: 2_000 }, (_, i) => {
    const record = night(1 + (i % 28), '.');
    const target = `http://127.0.0.1:${10_000 + i}`;
    const run = { ...record.run };
    Object.defineProperty(run, 'target', { enumerable: true, get: () => ((reads += 1), target) });
    return { ...record, run };
  });
  expect(keptByPrune(stored(records), { keep: 30 })).toHaveLength(2_000);
  expect(reads).toBeLessThan(10 * 2_000);
});
