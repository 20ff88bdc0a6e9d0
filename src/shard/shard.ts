/**
 * --shard i/n: which part of the planned cases a run takes. Shards are contiguous slices of the
 * plan, so concatenating shard results in shard order gives back the plan order: that is what
 * lets mergeReports give back the results an unsharded run would have had, in its order.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../model/errors';
import { plural } from '../text/plain-text';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses "i/n" (1 ≤ i ≤ n, no leading zeros, which the line says: "01/2" holds the bounds); UsageError naming `label` and the value otherwise. */
export function parseShard(text: string, label = '--shard'): Shard {
  const match = /^([1-9][0-9]*)\/([1-9][0-9]*)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index > count) throw new UsageError(`${label} ${JSON.stringify(text)}: expected i/n with 1 ≤ i ≤ n, no leading zeros, e.g. 2/3`);
  return { index, count };
}

/** "2/3". */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * The shard's contiguous slice of `items`: sizes differ by at most one, the first shards taking
 * the extra ones. Every item is in exactly one shard; a shard may be empty when n > items.
 */
export function shardSlice<T>(items: readonly T[], shard: Shard): T[] {
  const base = Math.floor(items.length / shard.count);
  const extra = items.length % shard.count;
  const start = (shard.index - 1) * base + Math.min(shard.index - 1, extra);
  const size = base + (shard.index <= extra ? 1 : 0);
  return items.slice(start, start + size);
}

/**
 * The cases a run's shard takes: its slice of the plan, which must hold one case at least. A shard
 * with none (more shards than the plan has cases) would run an empty suite, which Jest refuses in
 * words about itself, not the setting: said here as the setting's fault, with the most shards the
 * plan takes. `label` names where the shard was given (--shard, ZAVU_SHARD).
 */
export function shardCases<T>(plan: readonly T[], shard: Shard, label: string): T[] {
  const cases = shardSlice(plan, shard);
  if (cases.length > 0) return cases;
  throw new UsageError(`${label} ${formatShard(shard)}: the plan has ${plural(plan.length, 'case')}, fewer than ${shard.count} shards, so this shard has none to run: split the run into at most ${plural(plan.length, 'shard')}`);
}

/**
 * What a shard records of the whole plan it sliced (runInfo.shardPlan): shards of one run slice
 * the same plan, and only then do their slices add up to it. The ids, in order, name the plan.
 */
export function planFingerprint(items: readonly { id: string }[]): { cases: number; sha256: string } {
  const hash = createHash('sha256');
  for (const { id } of items) hash.update(id).update('\n');
  return { cases: items.length, sha256: hash.digest('hex') };
}
