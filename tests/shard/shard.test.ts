import { UsageError } from '../../src/model/errors';
import { formatShard, parseShard, shardCases, shardSlice } from '../../src/shard/shard';

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(formatShard(parseShard(' 10/12 '))).toBe('10/12');
  });

  it.each(['0/2', '3/2', '1/0', '1', 'a/b', '1/2/3', '-1/2', '01/2'])('rejects %s with one usage line', (text) => {
    expect(() => parseShard(text)).toThrow(UsageError);
    expect(() => parseShard(text)).toThrow(`--shard ${JSON.stringify(text)}: expected i/n with 1 ≤ i ≤ n, no leading zeros, e.g. 2/3`);
  });

  it('says why 01/2 is refused: the numbers hold, their spelling does not', () => {
    // The numbers are within bounds, so the line must say what else it refuses.
    expect(() => parseShard('01/2')).toThrow('no leading zeros');
  });
});

describe('shardSlice', () => {
  it('splits into contiguous slices that concatenate back to the plan, sizes within one', () => {
    for (let length = 0; length <= 12; length += 1) {
      const items = Array.from({ length }, (_, i) => i);
      for (let count = 1; count <= 5; count += 1) {
        const slices = Array.from({ length: count }, (_, i) => shardSlice(items, { index: i + 1, count }));
        expect(slices.flat()).toEqual(items);
        const sizes = slices.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
    expect(shardSlice([1, 2, 3, 4, 5], { index: 1, count: 2 })).toEqual([1, 2, 3]);
  });
});

describe('shardCases', () => {
  it("is the shard's slice of the plan when it holds a case", () => {
    expect(shardCases([1, 2, 3], { index: 3, count: 3 }, '--shard')).toEqual([3]);
  });

  it('refuses a shard with no case of the plan (more shards than cases) in one line naming the setting and how many shards the plan takes, not an empty run', () => {
    // Jest refused the empty suite ("Your test suite must contain at least one test."): a line about the suite, not the setting.
    const plan = Array.from({ length: 77 }, (_, i) => i);
    expect(() => shardCases(plan, { index: 78, count: 100 }, '--shard')).toThrow(UsageError);
    expect(() => shardCases(plan, { index: 78, count: 100 }, 'ZAVU_SHARD')).toThrow(
      'ZAVU_SHARD 78/100: the plan has 77 cases, fewer than 100 shards, so this shard has none to run: split the run into at most 77 shards',
    );
    expect(() => shardCases([1], { index: 2, count: 2 }, '--shard')).toThrow('--shard 2/2: the plan has 1 case, fewer than 2 shards, so this shard has none to run: split the run into at most 1 shard');
  });
});
