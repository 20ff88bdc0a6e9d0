/**
 * The report's digests are computed once, where a run (or a shard merge) assembles its report,
 * from all its cases: every renderer shows that copy.
 */
import { assembleReport } from '../../src/runner/assemble-report';
import { failureDigestFor } from '../../src/report/failure-digest';
import { assertConsistent } from '../../src/report/report-consistency';
import { failedResult, readId, runInfo, violation } from '../report/fixtures';

describe('assembleReport: the failure digest', () => {
  it('is computed over every case given (a merge gives all the shards\' cases), and the report it is in is consistent', () => {
    const fault = violation({ check: 'json-body', message: 'Received: "\\ufeff{}" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for 200' });
    // As two shards' cases put back together: the fault is one, seen in both.
    const results = ['shard-1-case', 'shard-2-case'].map((id) => ({ ...failedResult, id: readId(id), violations: [fault] }));
    const report = assembleReport(runInfo, results, { allowFlaky: false });
    expect(report.failureDigest).toEqual({ faultCount: 1, faults: [expect.objectContaining({ check: 'json-body', answers: 2, cases: 2, firstCase: readId('shard-1-case') })] });
    expect(report.failureDigest).toEqual(failureDigestFor(report));
    expect(() => assertConsistent(report)).not.toThrow();
    // One shard alone saw it once: not a fault seen in several cases.
    expect(assembleReport(runInfo, results.slice(0, 1), { allowFlaky: false }).failureDigest).toBeUndefined();
  });
});
