/**
 * What the shards of one run say of a value they must share (the run id, the suite's build), some
 * naming it and some not (a shard of an older suite writes none): the first one named, the first
 * other one, and the shards naming none. Two values named are two runs' or two builds' shards, one
 * unnamed cannot be checked: what each means is the caller's to say (run-id.ts, shared-build.ts).
 */

/** One shard as an agreement check sees it: its "i/n" and the folder it was read from. */
export interface ShardSide {
  shard: string;
  label: string;
}

export interface Agreement<S extends ShardSide> {
  /** The first shard naming the value, and its value; absent when none names one. */
  first?: { side: S; value: string };
  /** The first shard naming another value than `first`'s. */
  other?: { side: S; value: string };
  /** The shards naming none. */
  without: S[];
}

export function agreementOf<S extends ShardSide>(sides: readonly S[], valueOf: (side: S) => string | undefined): Agreement<S> {
  const named = sides.flatMap((side) => {
    const value = valueOf(side);
    return value === undefined ? [] : [{ side, value }];
  });
  const [first] = named;
  const other = named.find((n) => n.value !== first?.value);
  return { ...(first !== undefined ? { first } : {}), ...(other !== undefined ? { other } : {}), without: sides.filter((side) => valueOf(side) === undefined) };
}

/** The shards as a line names them: "2/3 (shards/b), 3/3 (shards/c)". */
export function shardList(sides: readonly ShardSide[]): string {
  return sides.map((side) => `${side.shard} (${side.label})`).join(', ');
}
