import { aggregateCoverage, contractOf } from '../../src/coverage/aggregate-coverage';
import { fixedResults, subjects } from './fixtures';

test('exact figures from fixed results: statuses per operation, examples, enum values once per definition over both operations, optional states', () => {
  const coverage = aggregateCoverage(subjects, fixedResults);
  const [get, start] = coverage.operations;
  expect(get?.statuses).toEqual({ documented: ['200', '400', '401', '404'], seen: ['200', '400'], undocumented: 0 });
  expect(get?.errorExamples.matched).toEqual(['400 no_waba']);
  expect(get?.exchanges).toBe(3);
  expect(get?.enums.find((e) => e.path === 'sync.status')).toMatchObject({ seen: ['"active"'], outside: 3 });
  expect(start?.statuses.seen).toEqual(['202', '404']);
  expect(coverage.enums.map((e) => [e.definition, e.seen, e.sites.length])).toEqual([
    ['WhatsAppSyncStatus.status', ['"active"', '"error"'], 2],
    ['WhatsAppSyncHistoryStatus', ['"pending"', '"completed"', '"rejected"'], 2],
    ['WhatsAppSyncContactsStatus', [], 2],
  ]);
  expect(coverage.totals).toEqual({
    statuses: { seen: 4, total: 8, percent: 50 },
    errors: { seen: 1, total: 7, percent: 14.2 },
    enums: { seen: 5, total: 14, percent: 35.7 },
    // 6 nullable optional properties (3 states each) and 6 `details` (2 states each); 1 state seen.
    optional: { seen: 1, total: 30, percent: 3.3 },
  });
  expect(coverage.minimum).toBeUndefined();
});

test('--min-coverage: each rule judged on the exact share, not the rounded percent', () => {
  const coverage = aggregateCoverage(subjects, fixedResults, [{ key: 'statuses', min: 50 }, { key: 'errors', min: 14.3 }]);
  expect(coverage.minimum).toEqual({
    met: false,
    rules: [
      { key: 'statuses', min: 50, percent: 50, met: true },
      { key: 'errors', min: 14.3, percent: 14.2, met: false },
    ],
  });
  expect(aggregateCoverage(subjects, fixedResults, [{ key: 'errors', min: 14.2 }]).minimum?.met).toBe(true);
});

test('contractOf gives back the contract a report was counted against (what a shard merge recounts with)', () => {
  const coverage = aggregateCoverage(subjects, fixedResults);
  expect(coverage.operations.map(contractOf)).toEqual(subjects.map((s) => s.contract));
});
