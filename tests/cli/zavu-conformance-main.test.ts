/**
 * The package's one command (its `bin`), as built: the first argument picks run (the default),
 * mock, merge or schemas; each has --help and --version; anything else is one line and exit 2.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROKEN_SERVERS, startBrokenServer } from '../support/broken-servers';
import { serverEnv } from '../support/conformance-run';
import { closedPort, startScriptedServer } from '../support/misbehaving-servers';
import { expectOneLineError } from '../support/one-line-error';
import { builtSuiteBuild, repoRoot, runCli, spawnCli } from '../support/run-cli';
import { expectNoFileHolds, scratchDir } from '../support/scratch-dir';

const bin = 'zavu-conformance-main.js';
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
/** The build `npm run build` wrote into dist/ (scripts/build-id.ts), which --version names for a bug report. */
const build = builtSuiteBuild();

test('package.json names it as the zavu-conformance bin, and the file starts with a node shebang', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  expect(pkg.bin).toEqual({ 'zavu-conformance': `dist/cli/${bin}` });
  expect(readFileSync(join(repoRoot, 'dist/cli', bin), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
});

test.each([[[]], [['run']], [['mock']], [['merge']], [['schemas']], [['history']]])('%j --version prints the version, and the build', async (command) => {
  const result = await runCli(bin, [...command, '--version']);
  expect(result).toMatchObject({ code: 0, stdout: `${version} (build ${build})\n`, stderr: '' });
});

test.each([
  [[], /Usage: zavu-conformance \[run\] \[options\][\s\S]*mock \| merge \| schemas[\s\S]*--base-url/],
  [['run'], /--base-url/],
  [['mock'], /Usage: zavu-conformance mock[\s\S]*--port/],
  [['merge'], /Usage: zavu-conformance merge --reports OUT/],
  [['schemas'], /Usage: zavu-conformance schemas[\s\S]*--spec/],
  [['history'], /Usage: zavu-conformance history --history FILE/],
])('%j --help prints that command help', async (command, text) => {
  const result = await runCli(bin, [...command, '--help']);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(text);
});

// Each command's help ends with the exit codes it can return, and only those (each main's own):
// a script author reads them there, and a command's help without them left the author guessing.
test.each([
  [[], [0, 1, 2, 3, 129, 130, 143]],
  [['mock'], [0, 1, 2, 129, 130, 143]],
  [['merge'], [0, 1, 2, 3, 129, 130, 143]],
  [['schemas'], [0, 2, 129, 130, 143]],
  [['history'], [0, 2, 129, 130, 143]],
])('%j --help lists its exit codes %j', async (command, codes) => {
  const result = await runCli(bin, [...command, '--help']);
  expect(result.code).toBe(0);
  const at = result.stdout.search(/^Exit codes\b/m);
  expect(at).toBeGreaterThan(0);
  // They end it, as the README says: no flag's line after them.
  expect(result.stdout.slice(at)).not.toMatch(/^\s*-/m);
  const listed = [...new Set([...result.stdout.slice(at).matchAll(/\b\d{1,3}\b/g)].map((m) => Number(m[0])))].sort((a, b) => a - b);
  expect(listed).toEqual(codes);
});

// -V and -v are no flags of the suite's (-v may yet be verbose): each command asks whether --version was meant.
test.each([[['-V']], [['mock', '-V']], [['merge', '-v']], [['schemas', '-V']], [['history', '-v']]])('%j is one line, exit 2, asking whether --version was meant', async (args) => {
  const result = await runCli(bin, args);
  expect(result.code).toBe(2);
  expectOneLineError(result.stderr, new RegExp(`unknown flag ${args.at(-1) ?? ''} \\(did you mean --version\\? run with --help for the list\\)`));
});

test("a short flag first is the run's too: -h prints the run's help, not 'unknown command'", async () => {
  const result = await runCli(bin, ['-h']);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(result.stdout).toMatch(/^Usage: zavu-conformance \[run\] \[options\][\s\S]*--base-url/);
});

// `git help`, `npm help`: a newcomer's first try. It prints the help --help prints, exit 0, not "unknown command".
test.each([
  [['help'], /^Usage: zavu-conformance \[run\] \[options\][\s\S]*--base-url/],
  [['help', 'run'], /^Usage: zavu-conformance \[run\] \[options\][\s\S]*--base-url/],
  [['help', 'mock'], /^Usage: zavu-conformance mock[\s\S]*--port/],
  [['help', 'history'], /^Usage: zavu-conformance history --history FILE/],
])('%j prints that command help, as --help does', async (args, text) => {
  const result = await runCli(bin, args);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(result.stdout).toMatch(text);
});

// Asked about itself, help is the help that lists every command (`git help help`, `git help --help`), not an unknown command.
test.each([[['help', 'help']], [['help', '--help']], [['help', '-h']]])('%j prints the help --help prints, exit 0', async (args) => {
  const [asked, plain] = await Promise.all([runCli(bin, args), runCli(bin, ['--help'])]);
  expect(asked).toMatchObject({ code: 0, stderr: '' });
  expect(asked.stdout).toBe(plain.stdout);
  expect(asked.stdout).toContain('zavu-conformance help COMMAND');
});

// help is a command now: a near-miss of it as the first word is told so, as one of merge is.
test.each(['hep', 'halp'])('%s is one line, exit 2, asking whether help was meant', async (word) => {
  const result = await runCli(bin, [word]);
  expect(result.code).toBe(2);
  expectOneLineError(result.stderr, new RegExp(`unknown command "${word}" \\(did you mean help\\? commands: run, mock, merge, schemas, history, help;`));
});

test('help with a command it does not know, or more than one word, is one line and exit 2', async () => {
  const typo = await runCli(bin, ['help', 'mrege']);
  expect(typo.code).toBe(2);
  // The commands help can be asked about: help itself is not among them (it is the first word's only).
  expectOneLineError(typo.stderr, /unknown command "mrege" \(did you mean merge\? commands: run, mock, merge, schemas, history; run with --help\)/);
  const extra = await runCli(bin, ['help', 'mock', '--port']);
  expect(extra.code).toBe(2);
  expectOneLineError(extra.stderr, /help takes one command name at most \(zavu-conformance help mock\); got "--port"/);
  // A flag where the command's name goes names no command at all: said so.
  const flag = await runCli(bin, ['help', '--version']);
  expect(flag.code).toBe(2);
  expectOneLineError(flag.stderr, /^zavu-conformance: help takes a command name, not a flag \(zavu-conformance help run, or zavu-conformance run --version\); got "--version"$/);
});

test('an unknown command is one line and exit 2', async () => {
  const result = await runCli(bin, ['certify']);
  expect(result.code).toBe(2);
  expectOneLineError(result.stderr, /unknown command "certify" \(commands: run, mock, merge, schemas/);
  const typo = await runCli(bin, ['mrege']);
  expect(typo.code).toBe(2);
  // As the first word, help is among the commands a near-miss may have meant.
  expectOneLineError(typo.stderr, /unknown command "mrege" \(did you mean merge\? commands: run, mock, merge, schemas, history, help; run with --help\)/);
});

describe('a key the process was given reaches no error line, whatever argument quotes it', () => {
  const key = 'zv_test_LEAKCANARY0123456789abcdefgh';
  test.each([
    ['an unknown command', [key], /^zavu-conformance: unknown command "\[REDACTED\]"/, true],
    ['a second word after help', ['help', 'mock', key], /^zavu-conformance: help takes one command name at most \(zavu-conformance help mock\); got "\[REDACTED\]"$/, false],
    // Quoted twice: in the hint and as what was given.
    ['a flag after help', ['help', `--${key}`], /^zavu-conformance: help takes a command name, not a flag \(zavu-conformance help run, or zavu-conformance run --\[REDACTED\]\); got "--\[REDACTED\]"$/, false],
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

test('the bin a CI gate runs exits with the verdict: shards of a failing run exit 1, and so does their merge', async () => {
  // The README's gate runs `npx zavu-conformance`, this dispatcher, not conformance-main.js: its exit code is the gate.
  const entry = BROKEN_SERVERS.find((e) => e.name === 'no-waba-returns-200');
  if (entry === undefined) throw new Error('no broken server no-waba-returns-200');
  const server = await startBrokenServer(entry);
  const cwd = scratchDir('zvc-bin-gate-');
  try {
    const shard = (n: string) => runCli(bin, ['run', '--base-url', server.baseUrl, '--shard', `${n}/2`, '--fuzz-runs', '0', '--seed', '7', '--reports', `shard-${n}`], { cwd, env: serverEnv(server) });
    const shards = await Promise.all([shard('1'), shard('2')]);
    // The no-waba case is in one shard: that one is red, the other green.
    expect(shards.map((s) => s.code).sort()).toEqual([0, 1]);
  } finally {
    await server.close();
  }
  const merged = await runCli(bin, ['merge', '--reports', 'merged', 'shard-1', 'shard-2'], { cwd });
  expect(merged.stderr).toBe('');
  expect(merged.code).toBe(1);
  expect(readFileSync(join(cwd, 'merged', 'summary.md'), 'utf8')).toMatch(/^### Zavu conformance: NOT CONFORMANT/);
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

  test('stderr closed (`2>&-` in a wrapper, a log pipe gone): the stop line is lost, not the exit code: an unreachable target still exits 3', async () => {
    const running = spawnCli(bin, ['run', '--base-url', `http://127.0.0.1:${await closedPort()}`, '--operation', 'getWhatsAppSyncStatus', '--reports', 'r'], { env: { ZAVU_API_KEY: 'zv_test_stderrclosed0123' } });
    // Closed before the run says anything: its one line on stderr then meets a pipe with no reader (EPIPE).
    running.child.stderr.destroy();
    const ended = await running.ended;
    expect(ended).toMatchObject({ code: 3, signal: null });
    expect(readFileSync(join(running.cwd, 'r', 'summary.md'), 'utf8')).toMatch(/NOT RUN/);
  });

  test('output longer than the pipe holds reaches a slow reader whole: the process exits once its output is written, not before', async () => {
    // Every answer a 500, and 300 coexistence senders: some 370 KB of console, past what the socket
    // pair node gives a child's stdout holds unread (node writes to it asynchronously).
    const failing = await startScriptedServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"code":"internal","message":"boom"}');
    });
    try {
      const senders = Array.from({ length: 300 }, (_, i) => `snd_coex_${i}`).join(',');
      const running = spawnCli(bin, ['--base-url', failing.baseUrl, '--fuzz-runs', '0', '--operation', 'getWhatsAppSyncStatus', '--reports', 'r'], { env: { ZAVU_API_KEY: 'zv_test_longconsole0123', ZAVU_SENDER_COEXISTENCE: senders } });
      // A reader slower than the run (a CI log under load): nothing is read until the process has
      // exited, or has had the time to (it must wait for the reader, and only that resumes it).
      running.child.stdout.pause();
      const exited = new Promise<void>((resolve) => running.child.once('exit', () => resolve()));
      const summary = join(running.cwd, 'r', 'summary.md');
      for (let i = 0; i < 600 && !existsSync(summary); i += 1) await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 100))]);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      running.child.stdout.resume();
      const run = await running.ended;
      expect(run.code).toBe(1);
      expect(run.stdout.length).toBeGreaterThan(300 * 1024);
      // The last line the run writes is there: nothing it had queued for the pipe was dropped by the exit.
      expect(run.stdout).toMatch(/\nreports: [^\n]*summary\.md[^\n]*\n$/);
    } finally {
      await failing.close();
    }
  }, 60_000);

  test('stdout closed after the first line of a failing run: the exit code is still the verdict\'s (1), not the 0 of a process left to end by itself', async () => {
    const failing = await startScriptedServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"code":"internal","message":"boom"}');
    });
    try {
      const running = spawnCli(bin, ['run', '--base-url', failing.baseUrl, ...quickRun.slice(1)], { env: { ZAVU_API_KEY: 'zv_test_closedfailing01' } });
      await running.firstLine();
      running.child.stdout.destroy();
      const ended = await running.ended;
      expect(ended.stderr).toBe('');
      expect(ended.code).toBe(1);
      expect(readFileSync(join(running.cwd, 'r', 'summary.md'), 'utf8')).toMatch(/^### Zavu conformance: NOT CONFORMANT/);
    } finally {
      await failing.close();
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

// Linux shows every process's argv to every user (/proc/<pid>/cmdline, ps): a key given as --api-key
// would be readable there for the whole run (or the mock's whole life), so the process title replaces it.
const showsArgv = existsSync('/proc/self/cmdline');
(showsArgv ? test.each : test.skip.each)([
  ['run', (baseUrl: string, key: string) => ['run', '--base-url', baseUrl, '--api-key', key, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0']],
  ['mock', (_baseUrl: string, key: string) => ['mock', '--port', '0', `--api-key=${key}`]],
] as const)('%s with --api-key: the process list shows the command with the key redacted, not the key', async (_command, argsOf) => {
  const key = 'zv_test_PROCLISTED0123456789abcdef';
  // A target that never answers: the run is surely still going when its argv is read.
  const hang = await startScriptedServer(() => undefined);
  try {
    const run = spawnCli(bin, argsOf(hang.baseUrl, key));
    await run.firstLine();
    const argv = readFileSync(`/proc/${run.child.pid}/cmdline`, 'utf8');
    run.child.kill('SIGTERM');
    await run.ended;
    expect(argv).toContain('[REDACTED]');
    expect(argv).not.toContain('PROCLISTED');
  } finally {
    await hang.close();
  }
});

// The title overwrites argv's own memory, which Linux cuts it to: built from node's resolved script
// path and a marker longer than a mock's short key, it lost the command's tail (`--host 127.0` for
// 127.0.0.1), node's own flags, and the letters of the key inside the flag names (`--api-[REDA`).
(showsArgv ? test : test.skip)('mock with a short --api-key=k, started by a relative path with a node flag: the process list shows that command, only the key hidden', async () => {
  const command = [process.execPath, '--max-old-space-size=256', `dist/cli/${bin}`, 'mock', '--port', '0', '--api-key=k', '--host', '127.0.0.1'];
  const child = spawn(command[0]!, command.slice(1), { cwd: repoRoot, env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'ignore'] });
  const ended = new Promise((resolveEnd) => child.once('close', resolveEnd));
  try {
    // The mock's first line (its settings as JSON) comes after the title is set.
    await new Promise<void>((resolveLine, reject) => {
      child.stdout.on('data', (chunk: Buffer) => (chunk.includes('\n') ? resolveLine() : undefined));
      child.once('close', () => reject(new Error('the mock ended before its first line')));
    });
    const shown = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').replace(/\0+$/, '');
    expect(shown).toBe([...command.slice(0, -3), '--api-key=*', '--host', '127.0.0.1'].join(' '));
  } finally {
    child.kill('SIGTERM');
    await ended;
  }
});
