/**
 * The run identity the shards of one CI run share (runInfo.runId): the merge refuses shards whose
 * ids differ, so two nights' shards with the same target, suite and plan cannot merge into a
 * night that never was. Given with --run-id / ZAVU_RUN_ID, or read from the CI's own id of the
 * run. It is an id, never a secret, but it is printed and written into every report, so it is
 * bounded and of safe characters whatever it came from.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../model/errors';
import { keyShapedWords } from '../model/http';
import { agreementOf, shardList, type ShardSide } from './shard-agreement';

/** The most characters a run id has: a CI's ids are far shorter (a UUID is 36). */
export const RUN_ID_MAX_CHARS = 128;
/**
 * Letters, digits and `. _ - :`, beginning with a letter or digit: nothing a shell, a markdown
 * table, HTML or a CI log command could read as markup. schemas/conformance-report.schema.json
 * holds the same pattern (a test keeps them equal).
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** What is wrong with `value` as a run id, or undefined when it is one. The value itself is never quoted whole. */
export function runIdProblem(value: string): string | undefined {
  if (value.length === 0) return 'is empty';
  if (value.length > RUN_ID_MAX_CHARS) return `is ${value.length} characters long, at most ${RUN_ID_MAX_CHARS}`;
  const bad = [...value].findIndex((c, i) => !(i === 0 ? /[A-Za-z0-9]/ : /[A-Za-z0-9._:-]/).test(c));
  if (bad >= 0) {
    const c = [...value][bad] ?? '';
    return `has ${JSON.stringify(c).replace(/[^\x20-\x7e]/g, (u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`)} at character ${bad + 1}: use letters, digits and . _ - : (beginning with a letter or digit)`;
  }
  // An API key pasted in the wrong setting would otherwise be written into every report.
  if (keyShapedWords(value).length > 0) return 'is shaped like an API key: a run id is the CI run\'s id, never a secret';
  return undefined;
}

/** `value` (of --run-id or ZAVU_RUN_ID, named by `label`) as a run id; UsageError (exit 2), one line, otherwise. */
export function parseRunId(value: string, label: string): string {
  const problem = runIdProblem(value.trim());
  if (problem !== undefined) throw new UsageError(`${label} ${problem} (the id of the CI run its shards share)`);
  return value.trim();
}

/**
 * The CI's variables that name one run of a pipeline, whichever job of it reads them: the id every
 * shard of a matrix shares. A job re-run within the run keeps it (GitHub's "re-run failed jobs"
 * keeps GITHUB_RUN_ID; the attempt is not part of it, or a re-run shard would no longer merge with
 * the shards that passed the first time).
 */
const CI_RUN_IDS: readonly { ci: string; variables: readonly string[] }[] = [
  { ci: 'github', variables: ['GITHUB_RUN_ID'] },
  { ci: 'gitlab', variables: ['CI_PIPELINE_ID'] },
  // CircleCI's "rerun from failed" starts a new workflow in the same workspace: the workspace id is the run's.
  { ci: 'circleci', variables: ['CIRCLE_WORKFLOW_WORKSPACE_ID', 'CIRCLE_WORKFLOW_ID'] },
  { ci: 'azure', variables: ['BUILD_BUILDID'] },
  { ci: 'buildkite', variables: ['BUILDKITE_BUILD_ID'] },
  { ci: 'jenkins', variables: ['BUILD_TAG'] },
];

/**
 * The run id the CI gives this job ("github:9876543210"), or undefined outside a CI this knows. A
 * CI value that is no safe id (a Jenkins job name with spaces, an overlong one) is kept as a hash of
 * it: the shards of the run still share it, and nothing of it is shown as given.
 */
export function ciRunId(env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const { ci, variables } of CI_RUN_IDS) {
    const value = variables.map((name) => env[name]?.trim()).find((v): v is string => v !== undefined && v !== '');
    if (value === undefined) continue;
    const id = `${ci}:${value}`;
    return runIdProblem(id) === undefined ? id : `${ci}:sha256-${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;
  }
  return undefined;
}

/** One shard as the run-id check sees it: its "i/n", the folder it was read from, its id if it has one. */
export interface RunIdSide extends ShardSide {
  runId?: string | undefined;
}

/**
 * The run id the shards share: UsageError (exit 2) naming both folders and both ids when two
 * differ (two runs' shards: a folder left from another night); a note when some have one and
 * others none, whose run cannot be checked (an older suite's shard, or one run outside CI without
 * --run-id). `runId` is the merged run's: absent unless every shard has it.
 */
export function sharedRunId(sides: readonly RunIdSide[]): { runId?: string; note?: string } {
  const { first, other, without } = agreementOf(sides, (side) => side.runId);
  if (first === undefined) return {};
  if (other !== undefined) {
    throw new UsageError(`shards ${shardList([first.side])} and ${shardList([other.side])} are of different runs: run id ${JSON.stringify(first.value)} vs ${JSON.stringify(other.value)}; merge the shards of one run (is a folder left from another run?)`);
  }
  if (without.length === 0) return { runId: first.value };
  return { note: `run id not checked: shard${without.length === 1 ? '' : 's'} ${shardList(without)} ${without.length === 1 ? 'has' : 'have'} none, the other shards have ${JSON.stringify(first.value)} (a shard of an older suite, or one run outside CI without --run-id)` };
}
