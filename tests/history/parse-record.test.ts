/**
 * One line of the store against the record shape: what the run's figures and the report's schema
 * rely on is refused at start-up, before a request (a time Date.parse takes but the report's
 * date-time does not; counts that do not add up to the total).
 */
import { parseRecord } from '../../src/history/parse-record';
import { night } from './fixtures';

const record = night(1, '..F');

test('a record as runs write it is read', () => {
  expect(parseRecord(JSON.parse(JSON.stringify(record)), 100)).toEqual({ record });
});

test.each(['2026-11-30 03:00', '(<img/src=x>)2020-01-01', '|x|y|z|ab 2020', '2026-11-30', 'Mon, 30 Nov 2026 03:00:00 GMT'])('startedAt %j is not an ISO date-time: refused', (startedAt) => {
  expect(parseRecord({ ...record, run: { ...record.run, startedAt } }, 100)).toEqual({ problem: 'run.startedAt and run.finishedAt must be ISO times' });
});

test('times with an offset or without milliseconds are ISO too', () => {
  for (const startedAt of ['2026-11-30T03:00:00+01:00', '2026-11-30T03:00Z', '2026-11-30T03:00:00.123456Z']) {
    expect(parseRecord({ ...record, run: { ...record.run, startedAt } }, 100)).toHaveProperty('record');
  }
});

test('counts that do not add up to the total are refused (a pass rate above 1, or judged below 0, would follow)', () => {
  expect(parseRecord({ ...record, summary: { ...record.summary, skipped: 9 } }, 100)).toEqual({ problem: 'summary.total must be the sum of passed, failed, skipped, errors and flaky' });
  expect(parseRecord({ ...record, summary: { ...record.summary, total: 1 } }, 100)).toHaveProperty('problem');
});

test('a line without its run says the run is missing, not that it has the wrong type', () => {
  const { run: _run, ...withoutRun } = record;
  expect(parseRecord(withoutRun, 100)).toEqual({ problem: expect.stringMatching(/^run is missing/) as unknown as string });
  expect(parseRecord({ ...record, run: 'x' }, 100)).toEqual({ problem: 'run must be an object' });
});

test('a case\'s count of exchanges left out of latency is read, and refused when not a count; a record from before it has none', () => {
  const withCount = { ...record, cases: record.cases.map((c, i) => (i === 2 ? { ...c, leftOut: 3 } : c)) };
  expect(parseRecord(JSON.parse(JSON.stringify(withCount)), 100)).toEqual({ record: withCount });
  expect(parseRecord({ ...record, cases: [{ ...record.cases[0]!, leftOut: -1 }] }, 100)).toEqual({ problem: 'cases[0].leftOut must be a whole number' });
  expect(parseRecord({ ...record, cases: [{ ...record.cases[0]!, leftOut: '2' }] }, 100)).toEqual({ problem: 'cases[0].leftOut must be a whole number' });
});

test('the case data digest (run.casesSha256) is read when a sha256 in hex, refused otherwise; a record from before it has none', () => {
  const withDigest = { ...record, run: { ...record.run, casesSha256: 'd'.repeat(64) } };
  expect(parseRecord(JSON.parse(JSON.stringify(withDigest)), 100)).toEqual({ record: withDigest });
  expect(parseRecord(JSON.parse(JSON.stringify(record)), 100)).toEqual({ record });
  for (const casesSha256 of ['D'.repeat(64), 'd'.repeat(63), 7, null]) {
    expect(parseRecord({ ...record, run: { ...record.run, casesSha256 } }, 100)).toEqual({ problem: 'run.casesSha256 must be a sha256 in lower-case hex' });
  }
});

test("the suite's build (run.suiteBuild) is read when 12 hex, refused otherwise: it is compared with other nights'; a record from before it has none", () => {
  const withBuild = { ...record, run: { ...record.run, suiteBuild: '0123456789ab' } };
  expect(parseRecord(JSON.parse(JSON.stringify(withBuild)), 100)).toEqual({ record: withBuild });
  for (const suiteBuild of ['0123456789AB', 'abc', 7, null]) {
    expect(parseRecord({ ...record, run: { ...record.run, suiteBuild } }, 100)).toEqual({ problem: 'run.suiteBuild must be 12 lower-case hex (a build of the suite)' });
  }
});

test("the run's --operation filter (run.operationFilter) is read when \"all\" or a list of operationIds, refused otherwise: the window rule trusts it; a record from before it has none", () => {
  for (const operationFilter of ['all', ['getWhatsAppSyncStatus'], ['a', 'b']]) {
    const withFilter = { ...record, run: { ...record.run, operationFilter } };
    expect(parseRecord(JSON.parse(JSON.stringify(withFilter)), 100)).toEqual({ record: withFilter });
  }
  for (const operationFilter of ['ALL', 'getWhatsAppSyncStatus', [], [''], [7], null, true]) {
    expect(parseRecord({ ...record, run: { ...record.run, operationFilter } }, 100)).toEqual({ problem: 'run.operationFilter must be "all" or a list of distinct operationIds (the run\'s --operation: at most 100, each letters, digits, _ or -, at most 255 characters)' });
  }
});

test('a hand-edited run.operationFilter is bounded: operationIds as a folder names one, each once, no more than the record may have cases; refused in one line', () => {
  const problem = { problem: expect.stringMatching(/^run\.operationFilter must be "all" or a list of distinct operationIds/) as unknown as string };
  const withFilter = (operationFilter: unknown): unknown => ({ ...record, run: { ...record.run, operationFilter } });
  // As a run writes them: read.
  expect(parseRecord(withFilter(['a'.repeat(255)]), 100)).toHaveProperty('record');
  expect(parseRecord(withFilter(Array.from({ length: 100 }, (_, i) => `op${i}`)), 100)).toHaveProperty('record');
  for (const operationFilter of [['a'.repeat(256)], Array.from({ length: 101 }, (_, i) => `op${i}`), ['op', 'op'], ['a b'], ['op\u001b[31m'], ['op\nnext'], ['1op'], ['../op']]) {
    const parsed = parseRecord(withFilter(operationFilter), 100);
    expect(parsed).toEqual(problem);
    // One line, bounded, and none of the record's text in it.
    expect('problem' in parsed && /[\r\n\u001b]/.test(parsed.problem)).toBe(false);
    expect('problem' in parsed && parsed.problem.length < 300).toBe(true);
  }
});
