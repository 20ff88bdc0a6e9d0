/**
 * The build of the suite the shards of one run share (runInfo.suiteBuild): every commit of a
 * release line says one version (0.2.0 was many builds, with different checks), so shards of a build
 * 50 commits older and of tonight's merged into one FULL certificate with no word, the version alone
 * agreeing. As a run id (run-id.ts): two builds named are refused; a shard naming none (an older
 * build, a dist built without the id) cannot be checked, and is said so, not refused.
 */
import { UsageError } from '../model/errors';
import { isVersion } from '../text/version-order';
import { agreementOf, shardList, type ShardSide } from './shard-agreement';

/** "zavu-conformance 0.2.0", or undefined: no schema bounds a report's suiteVersion, so only a version npm takes is quoted (one short line). */
function suiteNamed(version: string): string | undefined {
  return isVersion(version) ? `zavu-conformance ${version}` : undefined;
}

/** One shard as the build check sees it: its "i/n", the folder it was read from, its version and build. */
export interface BuildSide extends ShardSide {
  suiteVersion: string;
  suiteBuild?: string | undefined;
}

/**
 * The build the shards share: UsageError (exit 2) naming both shards and both builds when two
 * differ; a note when some name one and others none. `suiteBuild` is the merged run's: absent unless
 * every shard names it. Called once the shards agree on the version.
 */
export function sharedBuild(sides: readonly BuildSide[]): { suiteBuild?: string; note?: string } {
  const { first, other, without } = agreementOf(sides, (side) => side.suiteBuild);
  if (first === undefined) return {};
  if (other !== undefined) {
    // A hand-edited line break or megabyte of version would cut the builds out of the refusal.
    const suite = suiteNamed(first.side.suiteVersion) ?? 'the suite';
    throw new UsageError(`shards ${shardList([first.side])} and ${shardList([other.side])} are of two builds of ${suite}: build ${first.value} vs ${other.value}; run every shard, and the merge, with one build of the suite`);
  }
  if (without.length === 0) return { suiteBuild: first.value };
  return { note: `suite build not checked: shard${without.length === 1 ? '' : 's'} ${shardList(without)} ${without.length === 1 ? 'names' : 'name'} none, the other shards ${first.value} (a shard of an older build of the suite, or of one built without the build id)` };
}

/** A suite as a report's runInfo names it: its version and, when known, its build. */
export interface SuiteSide {
  suiteVersion: string;
  suiteBuild?: string | undefined;
}

/**
 * What the merge says when its own build is not the one that ran the shards (`merger`, package-root
 * suiteIdentity; `shards`, the merged runInfo's): one line for the merged report and the console, never a
 * refusal. The shards' verdicts stand as their build reached them (the merge judges no case again);
 * this build recomputes only the run-wide figures, so the reader is told whose those are. A CI whose
 * merge job installs the suite apart from its shard jobs (a rebuild a commit later, a registry's
 * package) still gets its night, while shards of two builds in one verdict stay refused (sharedBuild).
 * Another version is another build whether or not either names its build id (a newer merge of shards
 * that name none, a merge from a dist built without the id): said too. One version with either build
 * unknown: nothing to compare, nothing said.
 */
export function mergerBuildNote(shards: SuiteSide, merger: SuiteSide): string | undefined {
  const tail = "; the certificate, latency and baseline figures are this build's";
  if (shards.suiteVersion !== merger.suiteVersion) {
    const named = (side: SuiteSide): string => `${suiteNamed(side.suiteVersion) ?? 'a suite of an unreadable version'}${side.suiteBuild !== undefined ? ` (build ${side.suiteBuild})` : ''}`;
    return `merged by a different version of the suite from the one that ran the shards: ${named(merger)} merged, ${named(shards)} judged the cases${tail}`;
  }
  if (shards.suiteBuild === undefined || merger.suiteBuild === undefined || shards.suiteBuild === merger.suiteBuild) return undefined;
  return `merged by a different build of the suite from the one that ran the shards: build ${merger.suiteBuild} merged, build ${shards.suiteBuild} judged the cases${tail}`;
}
