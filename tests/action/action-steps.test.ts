/**
 * action.yml's shell steps, run on this machine as a runner runs them (bash, GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, RUNNER_TEMP), the install step pointed at the packed tarball and offline,
 * against the embedded server and against a broken one. The upload step (`uses:`) cannot run
 * offline; action-metadata.test.ts checks its condition.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { closedPort } from '../support/misbehaving-servers';
import { packTarball, userEnv, writeProject } from '../support/packed-package';
import { scratchDir } from '../support/scratch-dir';
import { evaluateCondition, parseOutputs, readAction, substitute, type ActionStep, type ExpressionContext } from './action-metadata';

jest.setTimeout(120_000);

const action = readAction();
const steps = action.runs?.steps ?? [];

/** A runner's view of one job: the workspace, RUNNER_TEMP, the summary file. */
interface Job {
  workspace: string;
  temp: string;
  summary: string;
  context: ExpressionContext;
  /** The workflow's own env (job level), under every step's. */
  env?: Record<string, string>;
}

/** Runs one shell step as the runner does (`bash --noprofile --norc -eo pipefail`), and records its outputs. */
function runStep(step: ActionStep, job: Job): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const outputFile = join(job.temp, `output-${step.id ?? 'step'}-${Date.now()}`);
  writeFileSync(outputFile, '');
  const env = userEnv({
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: job.summary,
    RUNNER_TEMP: job.temp,
    // The install resolves from the npm cache: the test has no network.
    npm_config_offline: 'true',
    ...job.env,
    ...Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, substitute(value, job.context)])),
  });
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], { cwd: job.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (step.id !== undefined) job.context.steps[step.id] = parseOutputs(readFileSync(outputFile, 'utf8'));
      resolve({ code, stdout, stderr });
    });
  });
}

const defaults = (): Record<string, string> => Object.fromEntries(Object.entries(action.inputs ?? {}).map(([name, input]) => [name, input.default ?? '']));
const step = (id: string): ActionStep => {
  const found = steps.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no step ${id}`);
  return found;
};
const gate = (): ActionStep => {
  const found = steps.find((s) => s.name === 'Gate on the verdict');
  if (found === undefined) throw new Error('no gate step');
  return found;
};

describe('the shell steps, run locally', () => {
  let job: Job;
  let broken: ReferenceServer;

  beforeAll(async () => {
    // A space in the tarball's path, and whitespace around the input (a YAML block scalar's newline): the path is the path.
    const root = scratchDir('zvc action-');
    const tarball = await packTarball(root);
    job = { workspace: join(root, 'workspace'), temp: join(root, 'temp'), summary: join(root, 'summary.md'), context: { inputs: { ...defaults(), package: ` ${tarball.path}\n` }, steps: {}, runnerTemp: join(root, 'temp') } };
    mkdirSync(job.workspace);
    mkdirSync(job.temp);
    writeFileSync(job.summary, '');
    // Stands in for the registry the install step would reach on a runner: the repository's pins, offline.
    mkdirSync(join(job.temp, 'zavu-conformance'));
    writeProject(join(job.temp, 'zavu-conformance'), { 'zavu-conformance': `file:${tarball.path}` });
    broken = await startReferenceServer({ fault: ({ operationId }) => (operationId === 'getWhatsAppSyncStatus' ? { status: 500, headers: {}, body: '' } : undefined) });
  });
  afterAll(() => broken.close());

  /**
   * Runs body with the job's inputs and env as they were restored after it, whatever it sets them to:
   * each test changes what it is about, and the next must meet the defaults. `inputs`: those before.
   */
  async function keepingInputs<T>(body: (inputs: Record<string, string>) => Promise<T>): Promise<T> {
    const inputs = job.context.inputs;
    const env = job.env;
    try {
      return await body(inputs);
    } finally {
      job.context.inputs = inputs;
      if (env === undefined) delete job.env;
      else job.env = env;
    }
  }

  test('no package given, or the bare name: the install step refuses, one annotation, before npm reaches the registry for a name no one owns yet', async () => {
    await keepingInputs(async (inputs) => {
      job.context.inputs = { ...inputs, package: defaults()['package'] ?? '' };
      for (const given of [defaults()['package'] ?? '', '  ', 'zavu-conformance', 'zavu-conformance@0.2.0']) {
        job.context.inputs = { ...inputs, package: given };
        writeFileSync(job.summary, '');
        const install = await runStep(step('install'), job);
        expect(install.code).toBe(2);
        expect(install.stderr).toMatch(/^::error title=zavu-conformance::set the action's package input to the tarball of zavu-conformance/);
        // The later steps do not run: the job summary says NOT RUN here, or it says nothing at all.
        expect(readFileSync(job.summary, 'utf8')).toMatch(/^### Zavu conformance: NOT RUN\n\n`zavu-conformance: the package input is not set/);
      }
    });
  });

  test("install, run against the embedded server (embedded: 'true'), summary and outputs, gate passes", async () => {
    const install = await runStep(step('install'), job);
    expect(install.stderr).toBe('');
    expect(install.code).toBe(0);
    expect(existsSync(job.context.steps['install']?.['bin'] ?? '')).toBe(true);

    await keepingInputs(async (inputs) => {
      job.context.inputs = { ...inputs, embedded: 'true' };
      const run = await runStep(step('run'), job);
      expect(run.code).toBe(0);
      expect(job.context.steps['run']).toEqual({ 'exit-code': '0', level: 'full' });
      expect(existsSync(join(job.workspace, 'reports', 'conformance.json'))).toBe(true);
      expect(readFileSync(job.summary, 'utf8')).toMatch(/Zavu conformance/);
      expect((await runStep(gate(), job)).code).toBe(0);
    });
  });

  // A deployment gate fails closed: a base-url that evaluates empty (vars.ZAVU_STAGING_URL misnamed or
  // unset, a pull request from a fork, which gets no vars or secrets) must not certify the embedded server.
  test("every input empty and no ZAVU_BASE_URL: the run step stops before running (exit 2), reports-dir and the job summary say NOT RUN naming what to set, and the gate fails", async () => {
    await keepingInputs(async (inputs) => {
      job.context.inputs = { ...defaults(), package: inputs['package'] ?? '', 'reports-dir': 'no-target-reports' };
      writeFileSync(job.summary, '');
      const run = await runStep(step('run'), job);
      expect(run.code).toBe(2);
      expect(job.context.steps['run']).toEqual({ 'exit-code': '2' });
      const why = "no target: the base-url input and ZAVU_BASE_URL are unset or empty; set base-url to the target to certify, or embedded: 'true' to run against the embedded reference server";
      expect(run.stdout).toBe(`::error::zavu-conformance: ${why}\n`);
      const reports = join(job.workspace, 'no-target-reports');
      expect(existsSync(join(reports, 'certificate.json'))).toBe(false);
      expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toMatch(/^### Zavu conformance: NOT RUN\n\n`zavu-conformance: no target: /);
      expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toMatch(/type="not-run"/);
      expect(readFileSync(job.summary, 'utf8')).toBe(`### Zavu conformance: NOT RUN\n\n\`zavu-conformance: ${why}\`\n\nExit code 2: no case was judged, so there is no verdict.\n`);
      expect((await runStep(gate(), job)).code).toBe(2);
    });
  });

  test("embedded: 'true' beside a target (the base-url input, the job's ZAVU_BASE_URL, --base-url in args) is refused before any run, one line naming the target's setting and not its value", async () => {
    await keepingInputs(async (inputs) => {
      const base = { ...defaults(), package: inputs['package'] ?? '', embedded: 'true', 'reports-dir': 'contradiction-reports' };
      const given: [Record<string, string>, Record<string, string> | undefined, string][] = [
        [{ 'base-url': broken.baseUrl }, undefined, "embedded is 'true' but a target is given (the base-url input): set one of the two"],
        [{}, { ZAVU_BASE_URL: broken.baseUrl }, "embedded is 'true' but a target is given (ZAVU_BASE_URL): set one of the two"],
        [{ args: `--base-url=${broken.baseUrl}` }, undefined, "embedded is 'true' but a target is given (--base-url in the args input): set one of the two"],
      ];
      for (const [more, env, why] of given) {
        job.context.inputs = { ...base, ...more };
        if (env !== undefined) job.env = env;
        writeFileSync(job.summary, '');
        const run = await runStep(step('run'), job);
        delete job.env;
        expect(run.code).toBe(2);
        expect(job.context.steps['run']).toEqual({ 'exit-code': '2' });
        expect(run.stdout).toBe(`::error::zavu-conformance: ${why}\n`);
        expect(readFileSync(job.summary, 'utf8')).toMatch(/^### Zavu conformance: NOT RUN\n/);
        expect(readFileSync(join(job.workspace, 'contradiction-reports', 'summary.md'), 'utf8')).toMatch(/^### Zavu conformance: NOT RUN\n/);
        expect(readFileSync(job.summary, 'utf8')).not.toContain(broken.baseUrl);
      }
    });
  });

  // A yes/no input read as 'false' whenever it is not 'true' turns a workflow's `upload-reports: yes` (or 1,
  // on, a typo) into no upload and no error, and `embedded: yes` into a refusal that blames the target.
  describe("the yes/no inputs (embedded, upload-reports) take 'true' or 'false' in any letter case, or empty (the default), nothing else", () => {
    const upload = (): ActionStep => {
      const found = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') === true);
      if (found === undefined) throw new Error('no upload step');
      return found;
    };
    /** The run step with these inputs (against the embedded server, --version: nothing judged), and whether the upload step's condition holds for them. */
    const runWith = async (more: Record<string, string>, env?: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; uploads: boolean }> => {
      return keepingInputs(async (inputs) => {
        const given = { ...defaults(), package: inputs['package'] ?? '', embedded: 'true', args: '--version', 'reports-dir': 'switch-reports', ...more };
        job.context.inputs = given;
        if (env !== undefined) job.env = env;
        writeFileSync(job.summary, '');
        return { ...(await runStep(step('run'), job)), uploads: evaluateCondition(upload().if ?? '', { ...job.context, inputs: given }) };
      });
    };

    // [value, how the line shows it]
    const refused: [string, string][] = [
      ['yes', '"yes"'],
      ['Yes', '"Yes"'],
      ['1', '"1"'],
      ['on', '"on"'],
      ['ture', '"ture"'],
      ['no', '"no"'],
      ['0', '"0"'],
      ['off', '"off"'],
      // Not trimmed: the upload's condition does not read ' true' as 'true' either.
      [' true', '" true"'],
      ['true\n', '"true\\n"'],
      // A look-alike letter (Cyrillic), a bidi override, a workflow command, a code span's backtick, an annotation's escape.
      ['\u0442rue', '"\\u0442rue"'],
      ['\u202etrue', '"\\u202etrue"'],
      ['##[add-mask]x', '"##\\u005badd-mask]x"'],
      ['`x`', '"\\u0060x\\u0060"'],
      ['x%0A::warning::y', '"x%0A::warning::y"'],
      // Bounded: the first 40 characters and the length.
      ['y'.repeat(5000), `"${'y'.repeat(40)}…" (5000 characters)`],
      // A leading '-' is the value's, not a flag of the node that shows it (--version printed node's version, -h its help).
      ['--version', '"--version"'],
      ['-h', '"-h"'],
      ['--eval=process.stdout.write("x")', '"--eval=process.stdout.write(\\"x\\")"'],
    ];

    for (const input of ['embedded', 'upload-reports']) {
      test(`${input}: anything else stops the run step (exit 2) with one line naming the input, the value (bounded, inert) and what it takes; NOT RUN in reports-dir and the job summary; no upload`, async () => {
        for (const [value, shown] of refused) {
          const run = await runWith({ [input]: value });
          const why = `the ${input} input is ${shown}: give 'true' or 'false' (any letter case)${input === 'upload-reports' ? '; nothing is uploaded' : ''}`;
          expect(run.code).toBe(2);
          expect(job.context.steps['run']).toEqual({ 'exit-code': '2' });
          // One line; % as the runner's escape, so the annotation shows the value's own "%0A", not a line break.
          expect(run.stdout).toBe(`::error::zavu-conformance: ${why.replace(/%/g, '%25')}\n`);
          expect(run.stdout).not.toContain('##[');
          expect(readFileSync(job.summary, 'utf8')).toBe(`### Zavu conformance: NOT RUN\n\n\`zavu-conformance: ${why}\`\n\nExit code 2: no case was judged, so there is no verdict.\n`);
          const reports = join(job.workspace, 'switch-reports');
          expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toContain(`\`zavu-conformance: ${why}\``);
          expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toMatch(/type="not-run"/);
          // Whatever the run step refuses, the upload's condition does not read as 'true'.
          expect(run.uploads).toBe(false);
        }
      });
    }

    test('a value that holds either key (a swapped secret) is not shown', async () => {
      for (const [env, more] of [[{}, { 'api-key': broken.apiKey }], [{ ZAVU_API_KEY: broken.apiKey }, {}], [{}, { 'other-project-api-key': broken.apiKey }]] as [Record<string, string>, Record<string, string>][]) {
        for (const value of [broken.apiKey, `"${broken.apiKey}"`, broken.apiKey.slice(0, 12)]) {
          const run = await runWith({ ...more, 'upload-reports': value }, env);
          expect(run.code).toBe(2);
          expect(run.stdout).toBe("::error::zavu-conformance: the upload-reports input is a value that holds an API key (not shown): give 'true' or 'false' (any letter case); nothing is uploaded\n");
          expect(`${run.stdout}${run.stderr}${readFileSync(job.summary, 'utf8')}${readFileSync(join(job.workspace, 'switch-reports', 'summary.md'), 'utf8')}${readFileSync(join(job.workspace, 'switch-reports', 'junit.xml'), 'utf8')}`).not.toContain(value);
        }
      }
    });

    // node -e '…' "$1" read a value starting with '-' as node's own flag: --eval=… ran the value as code, which could print the key.
    test('a value that is a node flag is shown as text and runs nothing: the key never reaches the line', async () => {
      const value = '--eval=process.stdout.write(process.env.ZAVU_API_KEY)';
      const run = await runWith({ 'api-key': broken.apiKey, 'upload-reports': value });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe(`::error::zavu-conformance: the upload-reports input is "${value.slice(0, 40)}…" (${value.length} characters): give 'true' or 'false' (any letter case); nothing is uploaded\n`);
      expect(`${run.stdout}${run.stderr}${readFileSync(job.summary, 'utf8')}${readFileSync(join(job.workspace, 'switch-reports', 'summary.md'), 'utf8')}`).not.toContain(broken.apiKey);
    });

    // So for reports-dir, the first argument of the one-liners that fingerprint summary.md and read certificate.json.
    test('a reports-dir starting with - is a folder, not a flag of the node that reads it', async () => {
      const marker = join(job.workspace, 'ran-as-node-flag');
      const run = await runWith({ 'reports-dir': "--eval=require('fs').writeFileSync('ran-as-node-flag','')//" });
      expect(run.code).toBe(0);
      expect(existsSync(marker)).toBe(false);
    });

    // The run trims the keys it is given (a secret saved with its newline): so does the search for one, and a
    // value that holds part of a key (split by a space, cut short, after other words) is not shown either.
    test('a key given with whitespace around it, or a value with only part of a key in it, is not shown', async () => {
      const key = broken.apiKey;
      const cases: [Record<string, string>, string][] = [
        [{ ZAVU_API_KEY: ` ${key}\n` }, `yes ${key}`],
        [{ ZAVU_OTHER_PROJECT_API_KEY: `${key}\n` }, `x${key}y`],
        [{ ZAVU_API_KEY: key }, `yes ${key.slice(0, 10)} ${key.slice(10)}`],
        [{ ZAVU_API_KEY: key }, `x${key.slice(0, -1)}`],
      ];
      for (const [env, value] of cases) {
        const run = await runWith({ 'upload-reports': value }, env);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe("::error::zavu-conformance: the upload-reports input is a value that holds an API key (not shown): give 'true' or 'false' (any letter case); nothing is uploaded\n");
        const written = `${run.stdout}${run.stderr}${readFileSync(job.summary, 'utf8')}${readFileSync(join(job.workspace, 'switch-reports', 'summary.md'), 'utf8')}`;
        for (let at = 0; at + 8 <= key.length; at += 1) expect(written).not.toContain(key.slice(at, at + 8));
      }
    });

    test("'true' and 'false' in any letter case are read as the upload's condition reads them; empty is 'false'", async () => {
      for (const value of ['true', 'True', 'TRUE', 'tRuE']) {
        // Run (--version: exit 0, nothing judged), not refused for want of a target.
        expect((await runWith({ embedded: value })).code).toBe(0);
        // Read as true: beside a target, the contradiction is refused.
        expect((await runWith({ embedded: value, 'base-url': broken.baseUrl })).stdout).toBe(`::error::zavu-conformance: embedded is 'true' but a target is given (the base-url input): set one of the two\n`);
        expect(await runWith({ 'upload-reports': value })).toMatchObject({ code: 0, uploads: true });
      }
      for (const value of ['false', 'False', 'FALSE', '']) {
        // Read as false: no target, so the no-target refusal.
        expect((await runWith({ embedded: value })).stdout).toMatch(/^::error::zavu-conformance: no target: /);
        expect(await runWith({ 'upload-reports': value })).toMatchObject({ code: 0, uploads: false });
      }
    });
  });

  test('a replay (--mode replay in args) needs no target and no embedded: it judges the recordings, not the embedded server', async () => {
    await keepingInputs(async (inputs) => {
      job.context.inputs = { ...defaults(), package: inputs['package'] ?? '', args: `--mode replay --recordings ${join(__dirname, '..', '..', 'recordings')} --operation getWhatsAppSyncStatus --fuzz-runs 0`, 'reports-dir': 'replay-reports' };
      const run = await runStep(step('run'), job);
      expect(run.stdout).not.toContain('no target');
      expect(job.context.steps['run']?.['exit-code']).toBe('0');
      expect(readFileSync(join(job.workspace, 'replay-reports', 'summary.md'), 'utf8')).not.toContain('NOT RUN');
    });
  });

  test("a target given by --base-url in args alone is a target: the run judges it, not refused for want of base-url", async () => {
    await keepingInputs(async (inputs) => {
      job.context.inputs = { ...defaults(), package: inputs['package'] ?? '', 'api-key': broken.apiKey, args: `--base-url ${broken.baseUrl} --operation getWhatsAppSyncStatus --fuzz-runs 0`, 'reports-dir': 'args-target-reports' };
      await runStep(step('run'), job);
      expect(job.context.steps['run']).toEqual({ 'exit-code': '1', level: 'failed' });
    });
  });

  test('--reports in args is refused (exit 2): the outputs and the job summary read reports-dir, where an earlier verdict would be posted as this run\'s', async () => {
    // The run above left a CONFORMANT verdict in reports-dir.
    const reports = join(job.workspace, 'reports');
    expect(existsSync(join(reports, 'certificate.json'))).toBe(true);
    await keepingInputs(async (inputs) => {
      for (const args of ['--reports elsewhere --base-url http://127.0.0.1:1', '--operation getWhatsAppSyncStatus --reports=elsewhere']) {
        writeFileSync(job.summary, '');
        job.context.inputs = { ...inputs, args };
        const run = await runStep(step('run'), job);
        expect(run.code).toBe(2);
        expect(job.context.steps['run']).toEqual({ 'exit-code': '2' });
        expect(run.stdout).toMatch(/^::error::zavu-conformance: --reports in the args input: set the reports-dir input instead/);
        expect(existsSync(join(job.workspace, 'elsewhere'))).toBe(false);
        expect(existsSync(join(reports, 'certificate.json'))).toBe(false);
        expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toMatch(/^### Zavu conformance: NOT RUN\n/);
        expect(readFileSync(job.summary, 'utf8')).toMatch(/^### Zavu conformance: NOT RUN\n\n`zavu-conformance: --reports in the args input/);
      }
    });
  });

  test("a refusal keeps the baseline the run was given in reports-dir (last night's conformance.json, by --baseline in args or ZAVU_BASELINE), as the CLI's NOT RUN does", async () => {
    const reports = join(job.workspace, 'reports');
    // This suite's earlier verdict, restored into reports-dir to be the baseline.
    const baseline = '{\n  "runInfo": {}\n}\n';
    await keepingInputs(async (inputs) => {
      const given: [string, Record<string, string>][] = [['--baseline reports/conformance.json --reports elsewhere', {}], ['--reports=elsewhere', { ZAVU_BASELINE: 'reports/conformance.json' }]];
      for (const [args, env] of given) {
        writeFileSync(join(reports, 'summary.md'), '### Zavu conformance: CONFORMANT\n');
        writeFileSync(join(reports, 'conformance.json'), baseline);
        job.context.inputs = { ...inputs, args };
        job.env = env;
        expect((await runStep(step('run'), job)).code).toBe(2);
        expect(readFileSync(join(reports, 'conformance.json'), 'utf8')).toBe(baseline);
        expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toMatch(/^### Zavu conformance: NOT RUN\n[\s\S]*`conformance.json` kept/);
      }
    });
  });

  test('a broken live target: exit code 1 and level failed as outputs, the gate fails; args keep their quotes', async () => {
    job.context.inputs = {
      ...job.context.inputs,
      'base-url': broken.baseUrl,
      'api-key': broken.apiKey,
      'sender-coexistence': broken.senders.coexistence.join(','),
      'sender-no-waba': broken.senders.noWaba,
      'sender-not-coexistence': broken.senders.notCoexistence,
      'sender-not-active': broken.senders.notActive,
      args: `--operation "getWhatsAppSyncStatus" --fuzz-runs '0'`,
      'reports-dir': 'broken-reports',
    };
    const run = await runStep(step('run'), job);
    expect(run.code).toBe(0);
    expect(job.context.steps['run']).toEqual({ 'exit-code': '1', level: 'failed' });
    expect(run.stdout).toMatch(/getWhatsAppSyncStatus/);
    expect(run.stdout).not.toMatch(/startWhatsApp/);
    // The run's output (which quotes the target) is fenced off from workflow commands by a token the target cannot guess.
    const [, token] = /^::stop-commands::(zavu-conformance-[0-9a-f-]{36})\n/.exec(run.stdout) ?? [];
    expect(token).toBeDefined();
    expect(run.stdout.endsWith(`\n::${token}::\n`)).toBe(true);
    expect(existsSync(join(job.workspace, 'broken-reports', 'summary.md'))).toBe(true);
    // The key reached the run through env only: it is in no output, summary or log line.
    expect(`${run.stdout}${run.stderr}${readFileSync(job.summary, 'utf8')}`).not.toContain(broken.apiKey);
    expect((await runStep(gate(), job)).code).toBe(1);
  });

  test("inputs left empty leave the workflow's own ZAVU_* variables in place (a key given as job env reaches the run)", async () => {
    await keepingInputs(async (inputs) => {
      job.context.inputs = { ...defaults(), package: inputs['package'] ?? '', 'base-url': broken.baseUrl, args: '--operation getWhatsAppSyncStatus --fuzz-runs 0', 'reports-dir': 'env-reports' };
      job.env = { ZAVU_API_KEY: broken.apiKey, ZAVU_SENDER_COEXISTENCE: broken.senders.coexistence.join(',') };
      const run = await runStep(step('run'), job);
      expect(run.code).toBe(0);
      // Judged (1: the broken target), not refused for want of a key (2).
      expect(job.context.steps['run']).toEqual({ 'exit-code': '1', level: 'failed' });
      expect(`${run.stdout}${run.stderr}`).not.toContain(broken.apiKey);
    });
  });

  test('other-project-api-key reaches the run as ZAVU_OTHER_PROJECT_API_KEY, its refusal names the input, and it is printed nowhere', async () => {
    await keepingInputs(async (inputs) => {
      // The same key as api-key: the run refuses it (exit 2), which only a run that got it can do.
      job.context.inputs = { ...defaults(), package: inputs['package'] ?? '', 'base-url': broken.baseUrl, 'api-key': broken.apiKey, 'other-project-api-key': broken.apiKey, args: '--operation getWhatsAppSyncStatus --fuzz-runs 0', 'reports-dir': 'other-key-reports' };
      const run = await runStep(step('run'), job);
      expect(job.context.steps['run']).toMatchObject({ 'exit-code': '2' });
      // The input the action's user set (the run step lists the variables its inputs set), not the variable.
      expect(run.stderr).toMatch(/zavu-conformance run: other-project-api-key is the same key as the API key/);
      expect(`${run.stdout}${run.stderr}${readFileSync(job.summary, 'utf8')}`).not.toContain(broken.apiKey);
    });
  });

  test("a refusal of the key or of a sender names the input the workflow set (api-key, sender-no-waba), and the job's own variable when the input was left empty; neither key is printed", async () => {
    await keepingInputs(async (inputs) => {
      const base = { ...defaults(), package: inputs['package'] ?? '', 'base-url': broken.baseUrl, args: '--operation getWhatsAppSyncStatus --fuzz-runs 0', 'reports-dir': 'input-names-reports' };
      const refusal = async (given: Record<string, string>, env?: Record<string, string>): Promise<string> => {
        job.context.inputs = { ...base, ...given };
        if (env !== undefined) job.env = env;
        try {
          const run = await runStep(step('run'), job);
          expect(job.context.steps['run']).toMatchObject({ 'exit-code': '2' });
          expect(`${run.stdout}${run.stderr}${readFileSync(job.summary, 'utf8')}`).not.toContain(broken.apiKey);
          return run.stderr;
        } finally {
          delete job.env;
        }
      };
      // An invalid key: quoted, as a secret pasted with its quotes.
      expect(await refusal({ 'api-key': `"${broken.apiKey}"` })).toMatch(/^zavu-conformance run: api-key: the API key begins or ends with a quote mark/m);
      expect(await refusal({}, { ZAVU_API_KEY: `"${broken.apiKey}"` })).toMatch(/^zavu-conformance run: ZAVU_API_KEY: the API key begins or ends with a quote mark/m);
      // A sender input holding the key (a swapped secret).
      expect(await refusal({ 'api-key': broken.apiKey, 'sender-no-waba': broken.apiKey })).toMatch(/^zavu-conformance run: sender-no-waba holds the API key: /m);
      expect(await refusal({ 'api-key': broken.apiKey }, { ZAVU_SENDER_NO_WABA: broken.apiKey })).toMatch(/^zavu-conformance run: ZAVU_SENDER_NO_WABA holds the API key: /m);
    });
  });

  test('args that cannot be split stop the step with exit 2 instead of running without them; an earlier run\'s reports and the job summary say NOT RUN', async () => {
    // The broken target's run above left its reports in the folder (as a self-hosted runner, a restored cache would).
    const reports = join(job.workspace, job.context.inputs['reports-dir'] ?? '');
    expect(existsSync(join(reports, 'certificate.json'))).toBe(true);
    writeFileSync(job.summary, '');
    job.context.inputs = { ...job.context.inputs, args: `--operation "getWhatsAppSyncStatus` };
    const run = await runStep(step('run'), job);
    expect(run.code).toBe(2);
    expect(job.context.steps['run']).toEqual({ 'exit-code': '2' });
    expect(run.stdout).toMatch(/the args input cannot be split/);
    expect(existsSync(join(reports, 'certificate.json'))).toBe(false);
    expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toMatch(/^### Zavu conformance: NOT RUN\n\n`zavu-conformance: the args input cannot be split into flags/);
    expect(readFileSync(job.summary, 'utf8')).toMatch(/^### Zavu conformance: NOT RUN\n\n`zavu-conformance: the args input cannot be split into flags \(an unmatched quote\?\)`\n/);
  });

  test('a setting the run cannot read, on a fresh runner (no reports-dir yet): reports-dir says NOT RUN with the run\'s own line, in summary.md, junit.xml and the job summary', async () => {
    await keepingInputs(async (inputs) => {
      const given: [string, string, RegExp][] = [
        // The run stops on it before its folder is settled, so writes no report of its own: the action, whose folder it is, does.
        ['typo-reports', '--operaton getWhatsAppSyncStatus', /unknown flag --operaton \(did you mean --operation\?/],
        // The action's own refusal, before any run.
        ['refused-reports', '--reports=elsewhere', /zavu-conformance: --reports in the args input/],
      ];
      for (const [dir, args, reason] of given) {
        const reports = join(job.workspace, dir);
        expect(existsSync(reports)).toBe(false);
        writeFileSync(job.summary, '');
        job.context.inputs = { ...inputs, args, 'reports-dir': dir };
        await runStep(step('run'), job);
        expect(job.context.steps['run']).toMatchObject({ 'exit-code': '2' });
        // A junit reader finds a test case in error saying why, not "no test report files were found" (and green).
        const junit = readFileSync(join(reports, 'junit.xml'), 'utf8');
        expect(junit).toMatch(/<testsuites name="zavu-conformance" tests="1" failures="0" errors="1"/);
        expect(/<error message="([^"]*)" type="not-run">/.exec(junit)?.[1]).toMatch(reason);
        expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toMatch(/^### Zavu conformance: NOT RUN\n\n`/);
        const posted = readFileSync(job.summary, 'utf8');
        expect(posted).toMatch(/^### Zavu conformance: NOT RUN\n/);
        expect(posted).toMatch(reason);
      }
    });
  });

  test("a certificate.json in reports-dir the run did not write sets no output: its level cannot add an exit-code line that would pass the gate", async () => {
    await keepingInputs(async (inputs) => {
      job.context.inputs = { ...inputs, args: '--operation getWhatsAppSyncStatus --fuzz-runs 0', 'reports-dir': 'planted-reports' };
      const reports = join(job.workspace, 'planted-reports');
      mkdirSync(reports, { recursive: true });
      // Committed to the repository, restored from a cache, or left by another tool: the run refuses to write over it (exit 2).
      for (const planted of [JSON.stringify({ level: 'full\nexit-code=0' }), JSON.stringify({ level: 'full' })]) {
        writeFileSync(join(reports, 'certificate.json'), planted);
        const run = await runStep(step('run'), job);
        expect(run.code).toBe(0);
        expect(run.stderr).toMatch(/certificate\.json/);
        expect(readFileSync(join(reports, 'certificate.json'), 'utf8')).toBe(planted);
        // The runner takes each name=value line of GITHUB_OUTPUT, the last of a name winning.
        expect(job.context.steps['run']).toEqual({ 'exit-code': '2', level: '' });
        expect((await runStep(gate(), job)).code).toBe(2);
      }
    });
  });

  test("an earlier run's verdict left in reports-dir by a run that stops without touching the folder is not posted as this run's", async () => {
    await keepingInputs(async (inputs) => {
      job.context.inputs = { ...inputs, args: '--operation getWhatsAppSyncStatus --fuzz-runs 0', 'reports-dir': 'held-reports' };
      const reports = join(job.workspace, 'held-reports');
      mkdirSync(reports, { recursive: true });
      // Yesterday's CONFORMANT, and a folder the run may not write (here another live run holds it; a
      // read-only or root-owned folder on a self-hosted runner does the same): the run stops, exit 2, and leaves it.
      const earlier = '### Zavu conformance: CONFORMANT\n\nTarget `https://staging.example` (live)\n';
      writeFileSync(join(reports, 'summary.md'), earlier);
      writeFileSync(join(reports, '.zavu-conformance.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      writeFileSync(job.summary, '');
      const run = await runStep(step('run'), job);
      expect(job.context.steps['run']).toEqual({ 'exit-code': '2', level: '' });
      // Named as the workflow set it: its reports-dir input, not the variable the run step hands the run.
      expect(run.stderr).toMatch(/^zavu-conformance run: reports-dir .*held-reports is being written by another run \(.*\): give each run its own reports-dir /m);
      expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toBe(earlier);
      // The job summary a reviewer reads says there is no verdict of this run, not "CONFORMANT" over a red step.
      const posted = readFileSync(job.summary, 'utf8');
      expect(posted).not.toMatch(/CONFORMANT/);
      expect(posted).toBe('### Zavu conformance: exit 2\n\nNo summary.md of this run in held-reports: the step log says why.\n');
    });
  });

  test("another tool's summary.md in reports-dir is neither written over nor posted as this run's", async () => {
    await keepingInputs(async (inputs) => {
      job.context.inputs = { ...inputs, args: '--operation getWhatsAppSyncStatus --fuzz-runs 0', 'reports-dir': 'shared-reports' };
      const reports = join(job.workspace, 'shared-reports');
      mkdirSync(reports, { recursive: true });
      writeFileSync(join(reports, 'summary.md'), '# Lint summary\n\nAll clean.\n');
      writeFileSync(job.summary, '');
      const run = await runStep(step('run'), job);
      expect(job.context.steps['run']).toEqual({ 'exit-code': '2', level: '' });
      expect(run.stderr).toMatch(/summary\.md is not a report of this suite/);
      expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toBe('# Lint summary\n\nAll clean.\n');
      expect(readFileSync(job.summary, 'utf8')).toBe('### Zavu conformance: exit 2\n\nNo summary.md of this run in shared-reports: the step log says why.\n');
    });
  });

  test("a certificate.json an earlier run left in reports-dir is not this run's level when this run wrote none (exit 0 with --version in args): the output is empty, and the log says so", async () => {
    await keepingInputs(async (inputs) => {
      // A run that writes one sets it (against the embedded server: the tests above leave the broken target in the inputs).
      const embedded = { ...defaults(), package: inputs['package'] ?? '', embedded: 'true', 'reports-dir': 'stale-reports' };
      job.context.inputs = { ...embedded, args: '--operation getWhatsAppSyncStatus --fuzz-runs 0' };
      const judged = await runStep(step('run'), job);
      expect(job.context.steps['run']).toEqual({ 'exit-code': '0', level: 'full' });
      expect(judged.stdout).not.toMatch(/the level output is empty/);
      // An earlier night's certificate, as the suite wrote it, of a target that failed (restored from a
      // cache, or left on a self-hosted runner); tonight's run exits 0 and writes none.
      const file = join(job.workspace, 'stale-reports', 'certificate.json');
      const earlier = `${JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), level: 'failed' }, null, 2)}\n`;
      writeFileSync(file, earlier);
      job.context.inputs = { ...embedded, args: '--version' };
      const run = await runStep(step('run'), job);
      expect(run.code).toBe(0);
      expect(job.context.steps['run']).toEqual({ 'exit-code': '0', level: '' });
      expect(run.stdout).toMatch(/^zavu-conformance: exit 0, and no certificate\.json of this run in reports-dir \(stale-reports\): the level output is empty$/m);
      expect(readFileSync(file, 'utf8')).toBe(earlier);
    });
  });

  // "The action's step fails unless the run exited 0, which gates the deploy": a run that exits 0 with
  // no verdict (--help or --version left in args) judged nothing, and a green gate would let the deploy through.
  test('the gate fails a run that exited 0 without a verdict of this run (--version in args): nothing was judged, so nothing may pass', async () => {
    await keepingInputs(async (inputs) => {
      job.context.inputs = { ...defaults(), package: inputs['package'] ?? '', embedded: 'true', 'reports-dir': 'no-verdict-reports', args: '--operation getWhatsAppSyncStatus --version' };
      await runStep(step('run'), job);
      expect(job.context.steps['run']).toEqual({ 'exit-code': '0', level: '' });
      const gated = await runStep(gate(), job);
      expect(gated.code).toBe(2);
      expect(gated.stdout).toMatch(/^::error title=zavu-conformance::zavu-conformance exited 0 without a verdict of this run \(no certificate\.json written: --help or --version in args\?\), so the gate does not pass$/m);
      // A run with a verdict still passes it.
      job.context.inputs = { ...job.context.inputs, args: '--operation getWhatsAppSyncStatus --fuzz-runs 0' };
      await runStep(step('run'), job);
      expect(job.context.steps['run']).toEqual({ 'exit-code': '0', level: 'full' });
      expect((await runStep(gate(), job)).code).toBe(0);
    });
  });

  // The runner takes "##[" anywhere in a line for a workflow command (the older form, ##[add-mask]x),
  // and the action's own lines are printed with commands on: % CR LF escaped, "##[" must be as well.
  test("reports-dir is printed inert in the action's own lines: a \"##[\" in it (the older command form, read anywhere in a line) is escaped", async () => {
    await keepingInputs(async (inputs) => {
      job.context.inputs = { ...defaults(), package: inputs['package'] ?? '', embedded: 'true', 'reports-dir': 'r##[add-mask]x', args: '--version' };
      const run = await runStep(step('run'), job);
      expect(job.context.steps['run']).toEqual({ 'exit-code': '0', level: '' });
      expect(run.stdout).toMatch(/^zavu-conformance: exit 0, and no certificate\.json of this run in reports-dir \(r##\\u005badd-mask\]x\): the level output is empty$/m);
      expect(run.stdout).not.toContain('##[');
    });
  });

  // Workflow commands are off while the run prints (its output quotes the target), so a stop made no
  // annotation at all: the job's page showed a red gate and "exit code 2" with no word of why.
  test("a run that stops before its verdict (exit 2, exit 3) leaves one ::error:: annotation in the action's own words, escaped, naming neither the target's bytes nor the key", async () => {
    await keepingInputs(async (inputs) => {
      const annotations = (stdout: string): string[] => stdout.split('\n').filter((line) => line.startsWith('::error'));
      // A reports-dir with every character workflow commands escape: %, CR, LF, and a property's : and ,.
      const odd = 'odd%dir, a:b\r\nnext';
      job.context.inputs = { ...inputs, args: '--operaton getWhatsAppSyncStatus', 'reports-dir': odd };
      const usage = await runStep(step('run'), job);
      expect(job.context.steps['run']).toMatchObject({ 'exit-code': '2' });
      expect(annotations(usage.stdout)).toEqual(['::error title=zavu-conformance%3A exit 2::zavu-conformance run exited 2 (usage or configuration error): its own line in the step log says why; reports-dir: odd%25dir, a:b%0D%0Anext']);

      const port = await closedPort();
      job.context.inputs = { ...defaults(), package: inputs['package'] ?? '', 'base-url': `http://127.0.0.1:${port}`, 'api-key': broken.apiKey, args: '--operation getWhatsAppSyncStatus --fuzz-runs 0', 'reports-dir': 'unreachable-reports' };
      const unreachable = await runStep(step('run'), job);
      expect(job.context.steps['run']).toMatchObject({ 'exit-code': '3' });
      // The run's own line names the target; the annotation does not (nor the key).
      expect(unreachable.stderr).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}`));
      expect(annotations(unreachable.stdout)).toEqual(['::error title=zavu-conformance%3A exit 3::zavu-conformance run exited 3 (target unreachable): its own line in the step log says why; reports-dir: unreachable-reports']);
      expect(`${unreachable.stdout}${unreachable.stderr}`).not.toContain(broken.apiKey);
      // A verdict is no stop: no annotation of the action's (the gate and the job summary say it).
      job.context.inputs = { ...inputs, args: '--operation getWhatsAppSyncStatus --fuzz-runs 0', 'reports-dir': 'verdict-reports' };
      expect(annotations((await runStep(step('run'), job)).stdout)).toEqual([]);
    });
  });

  test("a target the base-url input gave is named base-url in the run's lines, one the job's own ZAVU_BASE_URL gave is named ZAVU_BASE_URL", async () => {
    await keepingInputs(async (inputs) => {
      job.context.inputs = { ...inputs, 'base-url': 'localhost:1', args: '--operation getWhatsAppSyncStatus', 'reports-dir': 'url-reports' };
      const input = await runStep(step('run'), job);
      expect(job.context.steps['run']).toMatchObject({ 'exit-code': '2' });
      expect(input.stderr).toMatch(/^zavu-conformance run: base-url "localhost:1" has no scheme: did you mean "http:\/\/localhost:1"\?$/m);
      job.context.inputs = { ...inputs, 'base-url': '', args: '--operation getWhatsAppSyncStatus', 'reports-dir': 'url-reports' };
      job.env = { ZAVU_BASE_URL: 'localhost:1' };
      const own = await runStep(step('run'), job);
      expect(own.stderr).toMatch(/^zavu-conformance run: ZAVU_BASE_URL "localhost:1" has no scheme/m);
    });
  });
});
