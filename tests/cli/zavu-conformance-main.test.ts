/**
 * The package's one command (its `bin`), as built: the first argument picks run (the default),
 * mock, merge or schemas; each has --help and --version; anything else is one line and exit 2.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectOneLineError } from '../support/one-line-error';
import { repoRoot, runCli, spawnCli } from '../support/run-cli';
import { expectNoFileHolds, scratchDir } from '../support/scratch-dir';

const bin = 'zavu-conformance-main.js';
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

test('package.json names it as the zavu-conformance bin, and the file starts with a node shebang', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  expect(pkg.bin).toEqual({ 'zavu-conformance': `dist/cli/${bin}` });
  expect(readFileSync(join(repoRoot, 'dist/cli', bin), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
});

test.each([[[]], [['run']], [['mock']], [['merge']], [['schemas']]])('%j --version prints the version', async (command) => {
  const result = await runCli(bin, [...command, '--version']);
  expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
});

test.each([
  [[], /Usage: zavu-conformance \[run\] \[options\][\s\S]*mock \| merge \| schemas[\s\S]*--base-url/],
  [['run'], /--base-url/],
  [['mock'], /Usage: zavu-conformance mock[\s\S]*--port/],
  [['merge'], /Usage: zavu-conformance merge --reports OUT/],
  [['schemas'], /Usage: zavu-conformance schemas[\s\S]*--spec/],
])('%j --help prints that command help', async (command, text) => {
  const result = await runCli(bin, [...command, '--help']);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(text);
});

test('an unknown command is one line and exit 2', async () => {
  const result = await runCli(bin, ['certify']);
  expect(result.code).toBe(2);
  expectOneLineError(result.stderr, /unknown command "certify" \(commands: run, mock, merge, schemas/);
  const typo = await runCli(bin, ['mrege']);
  expect(typo.code).toBe(2);
  expectOneLineError(typo.stderr, /unknown command "mrege" \(did you mean merge\? commands: run, mock/);
});

describe('a key the process was given reaches no error line, whatever argument quotes it', () => {
  const key = 'zv_test_LEAKCANARY0123456789abcdefgh';
  test.each([
    ['an unknown command', [key], /^zavu-conformance: unknown command "\[REDACTED\]"/, true],
    // A target named: a key without one is refused before the folder is looked at.
    ['a reports folder under a file', ['--base-url', 'http://127.0.0.1:9', '--reports', `/dev/null/${key}`], /--reports \/dev\/null\/\[REDACTED\]: cannot write there/, true],
    ['a merge shard folder', ['merge', '--reports', 'out', `shards/${key}`], /^zavu-conformance merge: shard \S+\/shards\/\[REDACTED\]: no such folder$/, false],
    ['a history store', ['history', '--history', `h-${key}.jsonl`], /^zavu-conformance history: history store \S*h-\[REDACTED\]\.jsonl does not exist/, false],
    ['a spec file', ['schemas', '--spec', `${key}.yaml`, '--out', 'x'], /\[REDACTED\]\.yaml: spec file not found$/, false],
  ])('%s', async (_what, args, line, takesKeyFlag) => {
    // From the environment, and (for run, which takes it) from --api-key.
    const given: [string[], Record<string, string>][] = [[args, { ZAVU_API_KEY: key }], ...(takesKeyFlag ? [[[...args, '--api-key', key], {}] as [string[], Record<string, string>]] : [])];
    for (const [argv, env] of given) {
      const run = await runCli('zavu-conformance-main.js', argv, { env });
      expect(run.code).toBe(2);
      expectOneLineError(run.stderr, line);
      // Nor any file the failure wrote (a merge's NOT RUN summary.md quotes the same line).
      expectNoFileHolds(run.cwd, 'LEAKCANARY');
    }
  });

  test('a key only in .env is redacted too', async () => {
    const cwd = scratchDir();
    writeFileSync(join(cwd, '.env'), `ZAVU_API_KEY=${key}\n`);
    const run = await runCli('zavu-conformance-main.js', [key], { cwd });
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: unknown command "\[REDACTED\]"/);
  });
});

test('an error line quoting a huge value is cut short, saying how much was left out', async () => {
  const run = await runCli('zavu-conformance-main.js', [`--seed=${'1'.repeat(100_000)}`]);
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /… \(\d+ more characters\)$/);
  expect(run.stderr.length).toBeLessThan(1200);
});

test("a command's bad flag is that command's one line", async () => {
  const result = await runCli(bin, ['mock', '--port', 'abc']);
  expect(result.code).toBe(2);
  expectOneLineError(result.stderr, /--port "abc"/);
  expect(result.stderr.startsWith('zavu-conformance mock: ')).toBe(true);
});

test.each([
  [['mock', '-port', '4010'], /^zavu-conformance mock: unknown flag -port \(did you mean --port\? /],
  [['merge', '-reports', 'out', 'a', 'b'], /^zavu-conformance merge: unknown flag -reports \(did you mean --reports\? /],
  [['history', '-history', 'h.jsonl'], /^zavu-conformance history: unknown flag -history \(did you mean --history\? /],
  [['schemas', '-out', 'schemas'], /^zavu-conformance schemas: unknown flag -out \(did you mean --out\? /],
])('%j: a flag typed with one dash is named as typed, not as its first unknown letter', async (args, pattern) => {
  const result = await runCli(bin, args);
  expect(result.code).toBe(2);
  expectOneLineError(result.stderr, pattern);
});

test('without a command it runs the suite against the embedded server and writes reports/ where it stands', async () => {
  const result = await runCli(bin, ['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0']);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/against the embedded reference server/);
  expect(result.stdout).toContain(join(result.cwd, 'reports', 'summary.md'));
});

test('mock prints its JSON line and exits 0 on SIGTERM', async () => {
  const mock = spawnCli(bin, ['mock', '--port', '0']);
  try {
    const announced = JSON.parse(await mock.firstLine()) as { baseUrl: string; apiKey: string; otherProjectApiKey: string; senders: { otherProject: string } };
    expect(announced).toMatchObject({ baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) as unknown });
    // The other project's own key reads its sender (what ZAVU_OTHER_PROJECT_API_KEY is for); the mock's key does not.
    const read = (key: string) => fetch(`${announced.baseUrl}/v1/senders/${announced.senders.otherProject}/whatsapp-sync`, { headers: { authorization: `Bearer ${key}` } }).then((res) => res.status);
    expect(await read(announced.otherProjectApiKey)).toBe(200);
    expect(await read(announced.apiKey)).toBe(404);
  } finally {
    mock.child.kill('SIGTERM');
  }
  expect(await mock.ended).toMatchObject({ code: 0, signal: null });
});

describe('output whose reader went away does not end the run', () => {
  const quickRun = ['run', '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--reports', 'r'];

  test('stdout closed after the first line (`| head -1`): the run goes on, writes its reports, exits with its verdict, no stack trace', async () => {
    const running = spawnCli(bin, quickRun);
    await running.firstLine();
    running.child.stdout.destroy();
    const ended = await running.ended;
    expect(ended.stderr).toBe('');
    expect(ended.code).toBe(0);
    expect(readFileSync(join(running.cwd, 'r', 'summary.md'), 'utf8')).toMatch(/^### Zavu conformance: CONFORMANT/);
  });

  test('stdout on a full device (/dev/full): the same', () => {
    const cwd = scratchDir('zvc-full-');
    const out = openSync('/dev/full', 'w');
    try {
      const child = spawnSync(process.execPath, [join(repoRoot, 'dist/cli', bin), ...quickRun], { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: cwd }, stdio: ['ignore', out, 'pipe'], timeout: 60_000, encoding: 'utf8' });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      expect(readFileSync(join(cwd, 'r', 'summary.md'), 'utf8')).toMatch(/^### Zavu conformance: CONFORMANT/);
    } finally {
      closeSync(out);
    }
  });
});

test.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s while the run command loads (Ctrl-C in the first half second, npx\'s start-up aside): exit %d, one line, and the earlier verdict gives way to NOT RUN', async (signal, code) => {
  const cwd = scratchDir();
  const reports = join(cwd, 'reports');
  mkdirSync(reports);
  writeFileSync(join(reports, 'summary.md'), '### Zavu conformance: CONFORMANT\n');
  writeFileSync(join(reports, 'conformance.json'), '{\n  "runInfo": {}\n}\n');
  // The signal lands exactly while the dispatcher loads the run command's modules, the moment a
  // terminal's Ctrl-C hits by chance: a preload sends it to the process itself as that load begins.
  const preload = join(cwd, 'signal-on-load.js');
  writeFileSync(preload, `const Module = require('node:module'); const load = Module._load; let sent = false;
Module._load = function (request, ...rest) {
  if (!sent && /\\/conformance-main$/.test(request)) { sent = true; process.kill(process.pid, ${JSON.stringify(signal)}); }
  return load.call(this, request, ...rest);
};`);
  const ended = await runCli(bin, ['run', '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { cwd, env: { NODE_OPTIONS: `--require ${preload}` } });
  expect(ended.code).toBe(code);
  expectOneLineError(ended.stderr, new RegExp(`^zavu-conformance run: interrupted by ${signal} before the verdict \\(.*summary\\.md says NOT RUN\\)$`));
  expect(readdirSync(reports).sort()).toEqual(['junit.xml', 'summary.md']);
  expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toMatch(new RegExp(`^### Zavu conformance: NOT RUN[\\s\\S]*interrupted by ${signal}`));
});
