/**
 * A night run with another --operation scope (a one-operation re-run, a read-only check of another
 * operation) is the newest judged run of the target: the history command must not lose the cases
 * the earlier nights judged, their strips, streaks and flips, behind it.
 */
import { deriveFigures } from '../../src/history/derive-figures';
import type { HistoryRecord, OperationFilter } from '../../src/history/history-record';
import { TARGET, night, nightOf } from './fixtures';

/** Night `n` of another operation only: its cases renamed `other/…`, all skipped (writes not allowed). */
function otherScopeNight(n: number): HistoryRecord {
  const record = night(n, 'ss');
  return { ...record, cases: record.cases.map((c) => ({ ...c, id: c.id.replace('op/', 'other/') })) };
}

// a fails from night 3 on, b flips every night, c passes.
const STORE = [night(1, '...'), night(2, '.F.'), night(3, 'F..'), night(4, 'FF.'), otherScopeNight(5)];

test('the history command after a night of another scope still shows the cases the window judged, with their streaks and flips', () => {
  const figures = deriveFigures(STORE, { store: 'h', target: TARGET, window: 30 });
  const ids = figures.cases.map((c) => c.id);
  // Tonight's cases first, then the ones only earlier nights had.
  expect(ids).toEqual(['other/a', 'other/b', 'op/a', 'op/b', 'op/c']);
  const a = figures.cases.find((c) => c.id === 'op/a');
  // Absent on the newest night: a '-' at the end of its strip, its streak counted up to the night it last ran.
  expect(a?.strip).toEqual(['passed', 'passed', 'failed', 'failed', null]);
  expect(a?.failingSince).toEqual({ startedAt: nightOf(3), runs: 2 });
  expect(figures.cases.find((c) => c.id === 'op/b')).toMatchObject({ flips: 3, compared: 3 });
});

test('a run keeps to its own cases: a case of another scope is neither shown in its report nor gated by --fail-on-flaky-rate', () => {
  const figures = deriveFigures(STORE.slice(0, 4), { store: 'h', target: TARGET, window: 30, flakyLimit: 0.3 }, otherScopeNight(5));
  expect(figures.cases.map((c) => c.id)).toEqual(['other/a', 'other/b']);
  expect(figures.flakyRate?.over).toEqual([]);
});

test("a run's window is the runs that had any of its cases: nights of another scope take no place in it", () => {
  // Three quick one-operation checks between two full nights: with a window of 4 they pushed every
  // full night but tonight out, so a flipping case had one verdict to compare and tonight's table
  // showed three nights of other cases (n/a pass rates).
  const store = [night(1, '.F.'), night(2, 'F..'), night(3, '.F.'), otherScopeNight(4), otherScopeNight(5), otherScopeNight(6)];
  const figures = deriveFigures(store, { store: 'h', target: TARGET, window: 4, flakyLimit: 0.3 }, night(7, 'F..'));
  expect(figures.runs.map((r) => r.startedAt)).toEqual([nightOf(1), nightOf(2), nightOf(3), nightOf(7)]);
  expect(figures.cases.find((c) => c.id === 'op/a')).toMatchObject({ strip: ['passed', 'failed', 'passed', 'failed'], flips: 3, compared: 3 });
  expect(figures.flakyRate?.over.map((c) => c.id)).toEqual(['op/a', 'op/b']);
  // The other scope's own run: the nights of its own scope.
  expect(deriveFigures(store.slice(0, 5), { store: 'h', target: TARGET, window: 30 }, otherScopeNight(6)).runs.map((r) => r.startedAt)).toEqual([nightOf(4), nightOf(5), nightOf(6)]);
});

/** `record` with the case data's digest every run of one build stores (runInfo.casesSha256). */
function ofOneBuild(record: HistoryRecord): HistoryRecord {
  return { ...record, run: { ...record.run, casesSha256: 'c'.repeat(64) } };
}

/** A full night of two operations: op/a, op/b and `other/c`. */
function fullNight(n: number, statuses: string): HistoryRecord {
  const record = night(n, statuses);
  return ofOneBuild({ ...record, cases: record.cases.map((c) => (c.id === 'op/c' ? { ...c, id: 'other/c' } : c)) });
}

test('a one-operation check of an operation the nightly runs takes no place in the next night\'s window either', () => {
  // The usual quick check (`--operation` of one the nightly has) shares its cases with the night:
  // three of them pushed every full night but tonight out of a window of 4, as the check above did.
  const check = (n: number): HistoryRecord => ofOneBuild(night(n, '..'));
  const store = [fullNight(1, '.F.'), fullNight(2, 'F..'), fullNight(3, '.F.'), check(4), check(5), check(6)];
  const figures = deriveFigures(store, { store: 'h', target: TARGET, window: 4, flakyLimit: 0.3 }, fullNight(7, 'F..'));
  expect(figures.runs.map((r) => r.startedAt)).toEqual([nightOf(1), nightOf(2), nightOf(3), nightOf(7)]);
  expect(figures.flakyRate?.over.map((c) => c.id)).toEqual(['op/a', 'op/b']);
  // The check's own window: every night that ran its operation, the full ones too.
  expect(deriveFigures(store.slice(0, 5), { store: 'h', target: TARGET, window: 30 }, check(6)).runs).toHaveLength(6);
  // Under another contract (the suite upgraded), the checks are still narrower than the full nights
  // of their own contract: they took the upgraded night's window of 4 from the three full nights.
  const upgraded = fullNight(7, 'F..');
  expect(deriveFigures(store, { store: 'h', target: TARGET, window: 4 }, { ...upgraded, run: { ...upgraded.run, suiteVersion: '0.3.0' } }).runs.map((r) => r.startedAt)).toEqual([nightOf(1), nightOf(2), nightOf(3), nightOf(7)]);
});

test('after a change of contract, a one-operation check of the old one stays out of the window; its full nights count', () => {
  // Seen night after night: a spec edit put an earlier `--operation` check back into every window,
  // a column of '-' for every other case and one run more in the headline.
  const check = ofOneBuild(night(4, '..'));
  const store = [fullNight(1, '...'), fullNight(2, '.F.'), fullNight(3, '...'), check];
  const edited = fullNight(5, '...');
  const figures = deriveFigures(store, { store: 'h', target: TARGET, window: 30 }, { ...edited, run: { ...edited.run, specSha256: 'b'.repeat(64) } });
  expect(figures.runs.map((r) => r.startedAt)).toEqual([nightOf(1), nightOf(2), nightOf(3), nightOf(5)]);
  expect(figures.cases.find((c) => c.id === 'other/c')?.strip).toEqual(['passed', 'passed', 'passed', 'passed']);
  // An upgrade that adds an operation: every night of the old contract ran fewer, and all count.
  const oneOperationNights = [1, 2, 3].map((n) => ofOneBuild(night(n, '..')));
  const added = deriveFigures(oneOperationNights, { store: 'h', target: TARGET, window: 30 }, { ...edited, run: { ...edited.run, specSha256: 'b'.repeat(64) } });
  expect(added.runs.map((r) => r.startedAt)).toEqual([nightOf(1), nightOf(2), nightOf(3), nightOf(5)]);
});

test('a check of as many operations, not all of them tonight\'s, is of another scope', () => {
  // op and third/… one night, op and other/… the next: two operations each, one shared.
  const elsewhere = (n: number): HistoryRecord => {
    const record = fullNight(n, '.F.');
    return { ...record, cases: record.cases.map((c) => (c.id === 'other/c' ? { ...c, id: 'third/c' } : c)) };
  };
  const store = [fullNight(1, '.F.'), elsewhere(2), elsewhere(3)];
  expect(deriveFigures(store, { store: 'h', target: TARGET, window: 2 }, fullNight(4, '.F.')).runs.map((r) => r.startedAt)).toEqual([nightOf(1), nightOf(4)]);
});

test("a one-operation check's verdict still ends a failing streak: the run's 'failing since' is the history command's", () => {
  // op/a failed on night 1, passed on the check of night 2 (fixed, then broken again): failing
  // since night 3, not night 1, however the window is drawn.
  const check = ofOneBuild(night(2, '..'));
  const store = [fullNight(1, 'F..'), check];
  const run = deriveFigures(store, { store: 'h', target: TARGET, window: 30 }, fullNight(3, 'F..'));
  expect(run.cases.find((c) => c.id === 'op/a')?.failingSince).toEqual({ startedAt: nightOf(3), runs: 1 });
  const command = deriveFigures([...store, fullNight(3, 'F..')], { store: 'h', target: TARGET, window: 30 });
  expect(command.cases.find((c) => c.id === 'op/a')?.failingSince).toEqual(run.cases.find((c) => c.id === 'op/a')?.failingSince);
});

/** `record` as today's runner writes it: with the --operation filter it was given (run.operationFilter). */
function asked(record: HistoryRecord, operationFilter: OperationFilter): HistoryRecord {
  return { ...record, run: { ...record.run, operationFilter } };
}

/** `record` as a suite from before the field wrote it: no operationFilter. */
function unrecorded(record: HistoryRecord): HistoryRecord {
  const { operationFilter: _filter, ...run } = record.run;
  return { ...record, run };
}

/** `record` under another contract than fullNight's: its spec edited. */
function edited(record: HistoryRecord): HistoryRecord {
  return { ...record, run: { ...record.run, specSha256: 'b'.repeat(64) } };
}

test("a contract under which only one-operation checks ran: they stay out of a full night's window after a spec edit, told by their recorded filter", () => {
  // Inferred from their cases alone, three `--operation op` checks read as the full nights of a
  // contract that had op alone, and took three of the four places of the full night's window.
  const checks = [1, 2, 3].map((n) => asked(ofOneBuild(night(n, '.F')), ['op']));
  const tonight = asked(edited(fullNight(4, '...')), 'all');
  const window = (store: readonly HistoryRecord[], current: HistoryRecord): string[] => deriveFigures(store, { store: 'h', target: TARGET, window: 4 }, current).runs.map((r) => r.startedAt);
  expect(window(checks, tonight)).toEqual([nightOf(4)]);
  // The same nights recorded as full runs (their contract had op alone): they count.
  expect(window(checks.map((r) => asked(r, 'all')), tonight)).toEqual([1, 2, 3, 4].map(nightOf));
  // A check asked for op again: the checks before it are of its scope.
  expect(window(checks, asked(edited(ofOneBuild(night(4, '..'))), ['op']))).toEqual([1, 2, 3, 4].map(nightOf));
  // Records from before the field: inferred, as before.
  expect(window(checks.map(unrecorded), tonight)).toEqual([1, 2, 3, 4].map(nightOf));
});

test('two one-operation checks of different operations under one contract: after an edit that renamed one, a full night counts neither', () => {
  // A check of op and one of other; the edit renamed `other` to `third`, so tonight ran op and
  // third. Inferred, the op check ran every one of tonight's operations its contract's runs ran (no
  // run of it ran third), and took a place in the full night's window; its record says it was
  // asked for op alone, less than tonight's every operation.
  const opCheck = asked(ofOneBuild(night(2, '.F')), ['op']);
  const otherCheck = asked(ofOneBuild({ ...night(3, '.'), cases: [{ ...night(3, '.').cases[0]!, id: 'other/c' }] }), ['other']);
  const full = fullNight(1, '...');
  const tonight = asked(edited(ofOneBuild({ ...night(4, '...'), cases: night(4, '...').cases.map((c) => (c.id === 'op/c' ? { ...c, id: 'third/c' } : c)) })), 'all');
  const figures = deriveFigures([full, opCheck, otherCheck], { store: 'h', target: TARGET, window: 30 }, tonight);
  expect(figures.runs.map((r) => r.startedAt)).toEqual([nightOf(1), nightOf(4)]);
  expect(figures.cases.find((c) => c.id === 'op/b')?.strip).toEqual(['passed', 'passed']);
  // Records from before the field are judged as before: by the operations their cases cover.
  expect(deriveFigures([full, unrecorded(opCheck), unrecorded(otherCheck)], { store: 'h', target: TARGET, window: 30 }, tonight).runs.map((r) => r.startedAt)).toEqual([nightOf(1), nightOf(2), nightOf(4)]);
});

test('after an upgrade that added an operation, the old contract\'s full nights count, recorded "all" (the runner records so every operation named too); its checks do not', () => {
  // A CI naming each of its operations (`--operation op,other`) ran full nights: recorded as a
  // list, they read as checks once an operation was added, and the upgraded night's window was it alone.
  const nights = [1, 2].map((n) => asked(fullNight(n, '.F.'), 'all'));
  const check = asked(ofOneBuild(night(3, '.F')), ['op']);
  const upgraded = fullNight(4, '...');
  const tonight = asked(edited({ ...upgraded, cases: [...upgraded.cases, { ...upgraded.cases[0]!, id: 'third/d' }] }), 'all');
  const figures = deriveFigures([...nights, check], { store: 'h', target: TARGET, window: 30 }, tonight);
  expect(figures.runs.map((r) => r.startedAt)).toEqual([nightOf(1), nightOf(2), nightOf(4)]);
  expect(figures.cases.find((c) => c.id === 'other/c')?.strip).toEqual(['passed', 'passed', 'passed']);
});

test('a check of the old contract that ran every operation tonight runs (an edit removed the one it left out) counts, as its full nights do', () => {
  // Its record says it was narrowed, but narrower than a contract tonight is no longer under: it
  // judged every operation tonight judges, as comparably as a full night of its contract did.
  const withThird = (record: HistoryRecord): HistoryRecord => ({ ...record, cases: [...record.cases, { ...record.cases[0]!, id: 'third/d' }] });
  const full = asked(withThird(fullNight(1, '.F.')), 'all');
  const check = asked(fullNight(2, '...'), ['op', 'other']);
  const tonight = asked(edited(fullNight(3, '.F.')), 'all');
  expect(deriveFigures([full, check], { store: 'h', target: TARGET, window: 30 }, tonight).runs.map((r) => r.startedAt)).toEqual([1, 2, 3].map(nightOf));
  // The same check under tonight's own contract, tonight running third too: narrower, out.
  expect(deriveFigures([full, check], { store: 'h', target: TARGET, window: 30 }, asked(withThird(fullNight(3, '.F.')), 'all')).runs.map((r) => r.startedAt)).toEqual([nightOf(1), nightOf(3)]);
});
