import { isPlanSlice, planSliceNote } from '../../src/report/plan-slice';
import { runInfo } from './fixtures';

const plan = { cases: 77, sha256: 'a'.repeat(64) };

describe('isPlanSlice', () => {
  it("is a shard's report that holds fewer cases than the plan it sliced", () => {
    expect(isPlanSlice({ ...runInfo, shard: '1/3', shardPlan: plan }, 26)).toBe(true);
  });

  it('is no slice: a run without --shard, a merge, a shard 1/1 or one holding the whole plan', () => {
    expect(isPlanSlice(runInfo, 3)).toBe(false);
    expect(isPlanSlice({ ...runInfo, shard: '1/1', shardPlan: plan }, 77)).toBe(false);
    expect(isPlanSlice({ ...runInfo, shard: '1/2', shardPlan: { ...plan, cases: 1 } }, 1)).toBe(false);
  });

  it("is, for a shard of an older suite that recorded no plan, any shard of more than one", () => {
    expect(isPlanSlice({ ...runInfo, shard: '2/3' }, 5)).toBe(true);
    expect(isPlanSlice({ ...runInfo, shard: '1/1' }, 5)).toBe(false);
  });
});

describe('planSliceNote', () => {
  it("says which shard, how many of the plan's cases, and that the run's verdict and certificate are the merge's", () => {
    expect(planSliceNote({ ...runInfo, shard: '1/3', shardPlan: plan, runId: 'github:42' }, 26)).toBe(
      "shard 1/3 (run id github:42): 26 of the plan's 77 cases. Its verdict, certificate and coverage are of those cases alone (the certificate PARTIAL at most): the run's are the merge's (zavu-conformance merge --reports OUT <every shard's folder>)",
    );
    expect(planSliceNote({ ...runInfo, shard: '2/3' }, 1)).toBe(
      "shard 2/3: 1 case of the plan's. Its verdict, certificate and coverage are of those cases alone (the certificate PARTIAL at most): the run's are the merge's (zavu-conformance merge --reports OUT <every shard's folder>)",
    );
  });

  it('is empty when the report is no slice of a plan', () => {
    expect(planSliceNote(runInfo, 3)).toBe('');
    expect(planSliceNote({ ...runInfo, shard: '1/1', shardPlan: plan }, 77)).toBe('');
  });
});
