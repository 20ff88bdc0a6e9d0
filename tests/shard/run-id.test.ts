import { readFileSync } from 'node:fs';
import { REPORT_SCHEMA_PATH } from '../../src/report/report-schema';
import { ciRunId, parseRunId, RUN_ID_MAX_CHARS, RUN_ID_PATTERN, runIdProblem, sharedRunId } from '../../src/shard/run-id';
import { usageMessage } from '../support/usage-message';

describe('a run id', () => {
  it('is 1 to 128 letters, digits and . _ - :, beginning with a letter or digit; anything else is one line naming the setting, without quoting the value', () => {
    for (const good of ['github:9876543210', 'nightly-2026-12-04', 'a', 'x'.repeat(RUN_ID_MAX_CHARS), '1.2_3:4-5']) expect(parseRunId(good, '--run-id')).toBe(good);
    expect(parseRunId('  nightly-7 ', 'ZAVU_RUN_ID')).toBe('nightly-7');
    expect(usageMessage(() => parseRunId('', '--run-id'))).toBe('--run-id is empty (the id of the CI run its shards share)');
    const long = 'y'.repeat(RUN_ID_MAX_CHARS + 1);
    expect(usageMessage(() => parseRunId(long, '--run-id'))).toBe(`--run-id is ${RUN_ID_MAX_CHARS + 1} characters long, at most ${RUN_ID_MAX_CHARS} (the id of the CI run its shards share)`);
    expect(usageMessage(() => parseRunId('night 7', 'ZAVU_RUN_ID'))).toBe('ZAVU_RUN_ID has " " at character 6: use letters, digits and . _ - : (beginning with a letter or digit) (the id of the CI run its shards share)');
    expect(usageMessage(() => parseRunId('-x', '--run-id'))).toMatch(/^--run-id has "-" at character 1/);
    // Controls and bidi overrides are shown as escapes, never as themselves.
    expect(usageMessage(() => parseRunId('a\u202eb', '--run-id'))).toMatch(/^--run-id has "\\u202e" at character 2/);
    expect(usageMessage(() => parseRunId('a\u001b[31m', '--run-id'))).not.toMatch(/\u001b/);
    for (const markup of ['<b>', 'a`b`', 'a$(id)', 'a/b', '::set-output']) expect(runIdProblem(markup)).toBeDefined();
    // A key pasted in the wrong setting is refused and not quoted.
    const keyShaped = usageMessage(() => parseRunId('zv_live_abcdef1234567890', '--run-id'));
    expect(keyShaped).toMatch(/shaped like an API key/);
    expect(keyShaped).not.toContain('abcdef1234567890');
  });

  it('matches the pattern the report schema holds', () => {
    const schema = JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as { definitions: { RunInfo: { properties: { runId: { pattern: string; maxLength: number } } } } };
    expect(schema.definitions.RunInfo.properties.runId.pattern).toBe(RUN_ID_PATTERN.source);
    expect(schema.definitions.RunInfo.properties.runId.maxLength).toBe(RUN_ID_MAX_CHARS);
  });
});

describe("the CI's run id", () => {
  it('is read from the CI that runs the job, the run id alone (a re-run job keeps it)', () => {
    expect(ciRunId({ GITHUB_RUN_ID: '9876543210', GITHUB_RUN_ATTEMPT: '2' })).toBe('github:9876543210');
    expect(ciRunId({ CI_PIPELINE_ID: '4411' })).toBe('gitlab:4411');
    expect(ciRunId({ BUILD_TAG: 'jenkins-nightly-12' })).toBe('jenkins:jenkins-nightly-12');
    expect(ciRunId({ CIRCLE_WORKFLOW_ID: '0b1e7b5c-1f1e-4c0e-9d2a-3f5c1a2b3c4d' })).toBe('circleci:0b1e7b5c-1f1e-4c0e-9d2a-3f5c1a2b3c4d');
    expect(ciRunId({ CIRCLE_WORKFLOW_ID: 'w2', CIRCLE_WORKFLOW_WORKSPACE_ID: 'w1' })).toBe('circleci:w1');
    expect(ciRunId({ BUILD_BUILDID: '77' })).toBe('azure:77');
    expect(ciRunId({ BUILDKITE_BUILD_ID: '01890f3a-aaaa-bbbb-cccc-000000000000' })).toBe('buildkite:01890f3a-aaaa-bbbb-cccc-000000000000');
    expect(ciRunId({})).toBeUndefined();
    expect(ciRunId({ GITHUB_RUN_ID: '  ' })).toBeUndefined();
  });

  it('is kept as a hash when the CI value is no safe id: the shards still share it, and nothing of it is shown', () => {
    const odd = ciRunId({ BUILD_TAG: 'jenkins-my job/with <html>-3' });
    expect(odd).toMatch(/^jenkins:sha256-[0-9a-f]{16}$/);
    expect(ciRunId({ BUILD_TAG: 'jenkins-my job/with <html>-3' })).toBe(odd);
    expect(ciRunId({ BUILD_TAG: 'jenkins-my job/with <html>-4' })).not.toBe(odd);
    expect(runIdProblem(ciRunId({ GITHUB_RUN_ID: 'z'.repeat(500) }) ?? '')).toBeUndefined();
  });
});

describe("the shards' shared run id", () => {
  it('refuses shards of different runs, naming both folders and both ids', () => {
    expect(usageMessage(() => sharedRunId([
      { shard: '1/2', label: 'shards/a', runId: 'github:7' },
      { shard: '2/2', label: 'shards/b', runId: 'github:9' },
    ]))).toBe('shards 1/2 (shards/a) and 2/2 (shards/b) are of different runs: run id "github:7" vs "github:9"; merge the shards of one run (is a folder left from another run?)');
  });

  it('is the run id when every shard has it; a note when some have none; nothing when none has one', () => {
    expect(sharedRunId([{ shard: '1/2', label: 'a', runId: 'r1' }, { shard: '2/2', label: 'b', runId: 'r1' }])).toEqual({ runId: 'r1' });
    expect(sharedRunId([{ shard: '1/3', label: 'a', runId: 'r1' }, { shard: '2/3', label: 'b' }, { shard: '3/3', label: 'c', runId: 'r1' }])).toEqual({
      note: 'run id not checked: shard 2/3 (b) has none, the other shards have "r1" (a shard of an older suite, or one run outside CI without --run-id)',
    });
    expect(sharedRunId([{ shard: '1/2', label: 'a' }, { shard: '2/2', label: 'b' }])).toEqual({});
  });
});
