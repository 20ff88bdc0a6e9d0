import { accumulateCoverage, storedCoverage } from '../../src/coverage/accumulate-coverage';
import { aggregateCoverage } from '../../src/coverage/aggregate-coverage';
import { fixedResults, subjects } from './fixtures';

const current = aggregateCoverage(subjects, fixedResults);

/** An earlier run's stored coverage: the read saw a 401 and 404 and `disconnected`, the start an in_progress 400. */
const earlier = {
  operations: [
    {
      operationId: 'getWhatsAppSyncStatus',
      statuses: { seen: ['401', '404', '999'] },
      errorExamples: { matched: ['400 not_coexistence', '<b>made up</b>'] },
      enums: [{ status: '200', path: 'sync.status', seen: ['"disconnected"', '"<img>"'] }],
      optional: [{ status: '200', path: 'sync.history.requestedAt', present: 2, absent: 1, null: 'many' }],
    },
    { operationId: 'startWhatsAppHistorySync', errorExamples: { matched: ['400 in_progress'] } },
    { operationId: 'aRemovedOperation', statuses: { seen: ['200'] } },
  ],
};

test('over the window an item counts when any run saw it; only names this contract documents are taken from the store', () => {
  const window = accumulateCoverage(current, [earlier]);
  expect(window.runs).toBe(2);
  expect(window.totals.statuses).toEqual({ seen: 6, total: 8, percent: 75 });
  expect(window.totals.errors).toEqual({ seen: 3, total: 7, percent: 42.8 });
  expect(window.totals.enums).toEqual({ seen: 6, total: 14, percent: 42.8 });
  // requestedAt: present (this run), absent (earlier); the malformed null count is ignored.
  expect(window.totals.optional).toEqual({ seen: 2, total: 30, percent: 6.6 });
  expect(JSON.stringify(window)).not.toMatch(/999|made up|img|aRemoved/);
  expect(window.neverSeen).toContain('sync.history.status: not_requested');
  expect(window.neverSeen).toContain('startWhatsAppHistorySync: status 400');
  expect(window.neverSeen).toContain('startWhatsAppHistorySync: error example rate_limit (400)');
  expect(window.neverSeen).not.toContain('sync.status: disconnected');
  expect(window.neverSeen).not.toContain('getWhatsAppSyncStatus: status 401');
});

test('malformed earlier values are ignored and not counted as runs; the current coverage is not changed', () => {
  const before = JSON.stringify(current);
  const window = accumulateCoverage(current, [null, 'x', 42, { operations: 'no' }, [], { operations: [null, { operationId: 7 }, { operationId: 'getWhatsAppSyncStatus', statuses: 'all', enums: [{ seen: 'x' }] }] }]);
  expect(window.runs).toBe(2);
  expect(window.totals).toEqual(current.totals);
  expect(JSON.stringify(current)).toBe(before);
});

test('a window of one run is this run', () => {
  const window = accumulateCoverage(current, []);
  expect(window).toMatchObject({ runs: 1, totals: current.totals });
  expect(window.neverSeen).toHaveLength(4 + 6 + 9);
});

test('a history record keeps only what a run saw, and accumulating from it equals accumulating from the whole report', () => {
  const stored = storedCoverage(current);
  // Nothing the contract documents: no documented lists, allowed values, definitions or labels.
  expect(JSON.stringify(stored)).not.toMatch(/"documented"|"allowed"|"definition"|"operation":|"nullable"/);
  expect(stored.operations.map((op) => op.enums.map((e) => e.path))).toEqual([['sync.status', 'sync.history.status'], ['sync.status', 'sync.history.status']]);
  expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(current).length / 3);
  const other = aggregateCoverage(subjects, [fixedResults[1] ?? {}]);
  expect(accumulateCoverage(other, [stored])).toEqual(accumulateCoverage(other, [current]));
  expect(accumulateCoverage(other, [stored]).totals).not.toEqual(accumulateCoverage(other, []).totals);
});
