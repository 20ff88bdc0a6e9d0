/**
 * The library's rejections, as a caller tells them apart: by class (`instanceof`, the classes the
 * package's entry exports, the very ones thrown), by `exitCode` (typed per class), and, for a
 * target that cannot be reached, by `code` (the system error's, or the suite's own). The entry is
 * the built one (dist/library), as a user's `require('zavu-conformance')` loads it.
 */
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { closedPort, portOf, startRawServer, startScriptedServer, raw } from '../support/misbehaving-servers';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');
/** Fast runs: the read operation, a short fixed-list negative property, no environment from the shell. */
const quick = { operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, env: {} } as const;

/** What the promise rejected with (undefined when it resolved). */
const rejectionOf = (promise: Promise<unknown>): Promise<unknown> => promise.then(
  () => undefined,
  (error: unknown) => error,
);

test('the entry exports each error class a run or the server rejects with, every one a ConformanceError', () => {
  for (const name of ['ConformanceError', 'UsageError', 'OtherKeyRefusedError', 'DataError', 'SpecError', 'RecordingError', 'FileSystemError', 'UnreachableError', 'AbortError'] as const) {
    expect(typeof library[name]).toBe('function');
    expect(library[name].name).toBe(name);
    expect(library[name] === library.ConformanceError || library[name].prototype instanceof library.ConformanceError).toBe(true);
  }
});

test("the entry exports the type its error classes' constructors take for the file they name: a caller's own subclass or stand-in needs no deep import", () => {
  // Compiled by `tsc --noEmit -p .`: without the entry's export of UnreadFile, the line below is a type error.
  const file: import('../../src/library').UnreadFile = { path: 'conformance.json', code: 'EACCES' };
  expect(new library.UsageError('--baseline conformance.json: permission denied', file)).toMatchObject({ path: 'conformance.json', code: 'EACCES', exitCode: 2 });
});

test.each([
  ['a bad option', 'UsageError', { timeoutMs: 'soon' as never }],
  ['a spec file that is not there', 'SpecError', { spec: 'no-such.openapi.yaml' }],
  ['a recordings folder that holds no recording', 'RecordingError', { mode: 'replay' as const, recordings: 'empty' }],
  // Found only when the engine compiles the spec's schemas, after the spec itself was read: still the spec's.
  ['a spec whose schema does not compile (type: boolen)', 'SpecError', { spec: 'typo.openapi.yaml' }],
] as const)('%s rejects with the exported %s (exit code 2), told apart by instanceof', async (_what, name, options) => {
  const cwd = scratchDir('zvc-lib-errors-');
  mkdirSync(join(cwd, 'empty'));
  writeFileSync(join(cwd, 'typo.openapi.yaml'), readFileSync(join(repoRoot, 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8').replace('type: boolean', 'type: boolen'));
  const error = await rejectionOf(library.runConformance({ ...quick, cwd, ...options }));
  expect(error).toBeInstanceOf(library[name]);
  expect(error).toBeInstanceOf(library.ConformanceError);
  for (const other of (['UsageError', 'SpecError', 'RecordingError', 'UnreachableError', 'AbortError'] as const).filter((n) => n !== name)) {
    expect(error).not.toBeInstanceOf(library[other]);
  }
  expect(error).toMatchObject({ name, exitCode: 2 });
});

test("a spec or a recording it cannot read rejects naming the file as path, with the file system's code: a caller acts on them without reading the line", async () => {
  const cwd = scratchDir('zvc-lib-errors-');
  mkdirSync(join(cwd, 'recordings'));
  symlinkSync('/proc/self/mem', join(cwd, 'recordings', 'getWhatsAppSyncStatus.har'));
  const spec = await rejectionOf(library.runConformance({ ...quick, cwd, spec: 'no-such.openapi.yaml' }));
  expect(spec).toBeInstanceOf(library.SpecError);
  expect(spec).toMatchObject({ exitCode: 2, code: 'ENOENT', path: join(cwd, 'no-such.openapi.yaml') });
  const recording = await rejectionOf(library.runConformance({ ...quick, cwd, mode: 'replay', recordings: 'recordings' }));
  expect(recording).toBeInstanceOf(library.RecordingError);
  expect(recording).toMatchObject({ exitCode: 2, code: 'EIO', path: join(cwd, 'recordings', 'getWhatsAppSyncStatus.har') });
});

test("a baseline, a history store, an operations folder or a recording the run refuses rejects naming it as path, with the file system's code only when that refused it", async () => {
  const cwd = scratchDir('zvc-lib-errors-');
  writeFileSync(join(cwd, 'certificate.json'), JSON.stringify({ level: 'full', families: [], specSha256: 'ab' }));
  writeFileSync(join(cwd, 'history.jsonl'), 'not a record\n');
  mkdirSync(join(cwd, 'recordings', 'getWhatsAppSyncStatus.har'), { recursive: true });
  const baseline = await rejectionOf(library.runConformance({ ...quick, cwd, baseline: 'gone.json' }));
  expect(baseline).toBeInstanceOf(library.UsageError);
  expect(baseline).toMatchObject({ exitCode: 2, code: 'ENOENT', path: join(cwd, 'gone.json') });
  const certificate = await rejectionOf(library.runConformance({ ...quick, cwd, baseline: 'certificate.json' }));
  expect(certificate).toMatchObject({ name: 'UsageError', path: join(cwd, 'certificate.json') });
  expect((certificate as { code?: string }).code).toBeUndefined();
  const history = await rejectionOf(library.runConformance({ ...quick, cwd, history: 'history.jsonl' }));
  expect(history).toMatchObject({ name: 'UsageError', path: join(cwd, 'history.jsonl') });
  // One the run cannot append to, refused before the first request: named all the same.
  const unwritable = await rejectionOf(library.runConformance({ ...quick, cwd, history: 'certificate.json/history.jsonl' }));
  expect(unwritable).toMatchObject({ name: 'UsageError', message: expect.stringMatching(/: cannot append there \(a part of its folder is a file, not a folder\)$/) as unknown, path: join(cwd, 'certificate.json', 'history.jsonl'), code: 'EEXIST' });
  const operations = await rejectionOf(library.runConformance({ ...quick, cwd, operations: 'nowhere' }));
  expect(operations).toMatchObject({ name: 'UsageError', message: expect.stringMatching(/: no such folder$/) as unknown, code: 'ENOENT' });
  expect((operations as { path?: string }).path).toMatch(/nowhere$/);
  // A folder named like a recording is refused, naming it: not skipped, so a replay of nothing but it does not pass for a replay of its folder.
  const folder = await rejectionOf(library.runConformance({ ...quick, cwd, mode: 'replay', recordings: 'recordings' }));
  expect(folder).toBeInstanceOf(library.RecordingError);
  expect(folder).toMatchObject({ message: `${join(cwd, 'recordings', 'getWhatsAppSyncStatus.har')}: is a folder, not a .har recording`, path: join(cwd, 'recordings', 'getWhatsAppSyncStatus.har') });
});

test("a spec's path that holds a key is scrubbed in path as in the message: the field a caller may log is no way around the line's scrubbing", async () => {
  const cwd = scratchDir('zvc-lib-errors-');
  const key = 'zv_test_pathkey0123456789abcdefghij';
  const error = await rejectionOf(library.runConformance({ ...quick, cwd, baseUrl: 'http://127.0.0.1:9', apiKey: key, spec: `${key}/spec.yaml` }));
  expect(error).toBeInstanceOf(library.SpecError);
  expect(error).toMatchObject({ code: 'ENOENT', path: join(cwd, '[REDACTED]', 'spec.yaml') });
  expect(JSON.stringify({ ...(error as object), message: (error as Error).message, stack: (error as Error).stack })).not.toContain('pathkey');
});

test('a DataError is scrubbed in every line of its problems, not only the first its message holds: the key and any word shaped like one', async () => {
  const cwd = scratchDir('zvc-lib-dataerr-');
  cpSync(join(repoRoot, 'operations'), join(cwd, 'operations'), { recursive: true });
  cpSync(join(repoRoot, 'fixtures'), join(cwd, 'fixtures'), { recursive: true });
  const key = 'zv_test_rowkey0123456789abcdefghij';
  const shaped = 'zv_live_shapedrow0123456789abcdef';
  const file = join(cwd, 'operations', 'getWhatsAppSyncStatus', 'scenarios.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { scenarios: { path?: Record<string, string> }[] };
  // Role names are free words of letters and digits: a pasted key is one. Rows past the first, whose lines the message does not hold.
  const roles = ['nosuchRole', key, shaped];
  roles.forEach((role, index) => {
    const row = data.scenarios[index];
    if (row !== undefined) row.path = { senderId: role };
  });
  writeFileSync(file, JSON.stringify(data));
  const error = await rejectionOf(library.runConformance({ ...quick, cwd, baseUrl: 'http://127.0.0.1:9', apiKey: key, operations: 'operations', fixtures: 'fixtures' }));
  expect(error).toBeInstanceOf(library.DataError);
  const lines = (error as InstanceType<typeof library.DataError>).problems.map((p) => p.line);
  expect(lines).toHaveLength(3);
  expect(lines[0]).toContain('"nosuchRole"');
  expect(lines.slice(1).every((line) => line.includes('"[REDACTED]"'))).toBe(true);
  expect(JSON.stringify((error as InstanceType<typeof library.DataError>).problems)).not.toMatch(/rowkey|shapedrow/);
});

test('a refused connection rejects with the exported UnreachableError: exit code 3 and code ECONNREFUSED, its line as before', async () => {
  const port = await closedPort();
  const error = await rejectionOf(library.runConformance({ ...quick, baseUrl: `http://127.0.0.1:${port}`, apiKey: 'zv_test_k' }));
  expect(error).toBeInstanceOf(library.UnreachableError);
  expect(error).toMatchObject({ name: 'UnreachableError', exitCode: 3, code: 'ECONNREFUSED', reason: 'connection-refused' });
  expect((error as Error).message).toMatch(new RegExp(`^target http://127\\.0\\.0\\.1:${port} is unreachable: nothing accepts connections on 127\\.0\\.0\\.1:${port}; is the server started, and listening on that port\\? \\(connection-refused: ECONNREFUSED: `));
});

test('TLS to a port that answers plain HTTP: UnreachableError whose code is Node\'s TLS code', async () => {
  const server = await startScriptedServer((_req, res) => res.end());
  try {
    const error = await rejectionOf(library.runConformance({ ...quick, baseUrl: `https://127.0.0.1:${portOf(server)}`, apiKey: 'zv_test_k' }));
    expect(error).toBeInstanceOf(library.UnreachableError);
    expect(error).toMatchObject({ exitCode: 3, code: 'ERR_SSL_WRONG_VERSION_NUMBER' });
  } finally {
    await server.close();
  }
});

test("each way the check before the run fails rejects with its reason, through the library as the preflight gives it: dns, tls, timeout", async () => {
  // A name that cannot resolve (RFC 6761's .invalid): ENOTFOUND, or EAI_AGAIN on a machine with no resolver.
  const dns = await rejectionOf(library.runConformance({ ...quick, baseUrl: 'http://nonexistent.invalid', apiKey: 'zv_test_k' }));
  expect(dns).toBeInstanceOf(library.UnreachableError);
  expect(dns).toMatchObject({ exitCode: 3, reason: 'dns', code: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/) });
  const plain = await startScriptedServer((_req, res) => res.end());
  // Accepts TCP, never completes the TLS handshake: the preflight's own deadline.
  const silent = await startRawServer(raw.neverAnswers());
  try {
    const tls = await rejectionOf(library.runConformance({ ...quick, baseUrl: `https://127.0.0.1:${portOf(plain)}`, apiKey: 'zv_test_k' }));
    expect(tls).toMatchObject({ exitCode: 3, code: 'ERR_SSL_WRONG_VERSION_NUMBER', reason: 'tls' });
    const timeout = await rejectionOf(library.runConformance({ ...quick, baseUrl: `https://127.0.0.1:${portOf(silent)}`, apiKey: 'zv_test_k', timeoutMs: 300 }));
    expect(timeout).toMatchObject({ exitCode: 3, code: 'ETIMEDOUT', reason: 'timeout' });
    expect((timeout as Error).message).toMatch(/is unreachable \(no connection within 300 ms\)$/);
  } finally {
    await plain.close();
    await silent.close();
  }
});

test('a target that takes connections and answers none of the first requests: UnreachableError with the suite\'s own code ZAVU_NO_ANSWER', async () => {
  const server = await startRawServer(raw.neverAnswers());
  try {
    const error = await rejectionOf(library.runConformance({ ...quick, baseUrl: server.baseUrl, apiKey: 'zv_test_k', timeoutMs: 300 }));
    expect(error).toBeInstanceOf(library.UnreachableError);
    expect(error).toMatchObject({ exitCode: 3, code: 'ZAVU_NO_ANSWER', reason: 'timeout' });
    expect((error as Error).message).toMatch(/accepted connections but answered none of the first 3 requests/);
  } finally {
    await server.close();
  }
});

test('a target that takes connections and resets each request: the same code ZAVU_NO_ANSWER, told from a silent one by reason', async () => {
  const server = await startRawServer(raw.resetBeforeResponse());
  try {
    const error = await rejectionOf(library.runConformance({ ...quick, baseUrl: server.baseUrl, apiKey: 'zv_test_k', timeoutMs: 1000 }));
    expect(error).toBeInstanceOf(library.UnreachableError);
    expect(error).toMatchObject({ exitCode: 3, code: 'ZAVU_NO_ANSWER', reason: 'reset' });
  } finally {
    await server.close();
  }
});

test('a target that went down after the preflight (every request refused): UnreachableError with code ECONNREFUSED, not ZAVU_NO_ANSWER', async () => {
  // Takes the preflight's connection (a handshake, no request), then stops listening: the run's requests meet a closed port.
  const server = createServer((socket) => {
    socket.destroy();
    server.close();
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  const error = await rejectionOf(library.runConformance({ ...quick, baseUrl: `http://127.0.0.1:${port}`, apiKey: 'zv_test_k', timeoutMs: 1000 }));
  if (server.listening) server.close();
  expect(error).toBeInstanceOf(library.UnreachableError);
  expect(error).toMatchObject({ exitCode: 3, code: 'ECONNREFUSED', reason: 'connection-refused' });
  expect((error as Error).message).toMatch(/refused a connection to each of the first 3 requests \(the last: ECONNREFUSED: .*nothing listens there now/);
});

test('a host name that resolved for the check before the run, then not: UnreachableError with the resolver\'s code and reason dns, its line naming DNS', async () => {
  // A child process: the flaky resolver is a preload's (tests/support/flaky-dns-preload.cjs), the target the reference server.
  const preload = join(repoRoot, 'tests/support/flaky-dns-preload.cjs');
  const script = `const lib = require(${JSON.stringify(join(repoRoot, 'dist/library'))});
(async () => {
  const server = await lib.startReferenceServer();
  const baseUrl = 'http://api.flaky.test:' + new URL(server.baseUrl).port;
  const e = await lib.runConformance({ operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, env: {}, baseUrl, apiKey: server.apiKey, senders: server.senders }).then(() => undefined, (error) => error);
  await server.close();
  process.stdout.write(JSON.stringify({ unreachable: e instanceof lib.UnreachableError, exitCode: e?.exitCode, code: e?.code, reason: e?.reason, message: e?.message }));
})();`;
  const env = { PATH: process.env['PATH'] ?? '', NODE_OPTIONS: `--require ${preload}`, ZVC_TEST_FLAKY_HOST: 'api.flaky.test' };
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: scratchDir('zvc-lib-errors-'), env, timeout: 25_000 });
  const rejected = JSON.parse(stdout) as Record<string, unknown>;
  expect(rejected).toMatchObject({ unreachable: true, exitCode: 3, code: 'EAI_AGAIN', reason: 'dns' });
  expect(rejected['message']).toMatch(/^http:\/\/api\.flaky\.test:\d+: its host name did not resolve for any of the first 3 requests \(the last: EAI_AGAIN: getaddrinfo EAI_AGAIN api\.flaky\.test\)/);
  expect(rejected['message']).not.toMatch(/accepted connections|parser/);
});

test('a key the target refuses (the run\'s, or the other project\'s) rejects with a UsageError (exit code 2), as a bad setting is', async () => {
  // Every request answered 401: the run's key refused on its first requests.
  const refusing = await startScriptedServer((_req, res) => {
    res.statusCode = 401;
    res.end();
  });
  const server = await library.startReferenceServer();
  try {
    const refused = await rejectionOf(library.runConformance({ ...quick, baseUrl: refusing.baseUrl, apiKey: 'zv_test_k' }));
    expect(refused).toBeInstanceOf(library.UsageError);
    expect(refused).toMatchObject({ exitCode: 2 });
    expect((refused as Error).message).toMatch(/answered 401 to each of the first 3 requests sent with the configured key/);
    // A key of no project of this server given as the other project's: refused on its one read before the first case.
    const other = await rejectionOf(library.runConformance({ ...quick, baseUrl: server.baseUrl, apiKey: server.apiKey, senders: server.senders, otherProjectApiKey: 'zv_test_notthisserversotherkey0' }));
    expect(other).toBeInstanceOf(library.UsageError);
    expect(other).toMatchObject({ name: 'OtherKeyRefusedError', exitCode: 2 });
    // Its name is a class the entry exports, as every rejection's is: a caller's instanceof finds it.
    expect(other).toBeInstanceOf(library.OtherKeyRefusedError);
    expect(refused).not.toBeInstanceOf(library.OtherKeyRefusedError);
  } finally {
    await refusing.close();
    await server.close();
  }
});

test('startReferenceServer on a port already taken: the exported UsageError, its listen code kept', async () => {
  const taken = await startScriptedServer((_req, res) => res.end());
  try {
    const error = await rejectionOf(library.startReferenceServer({ port: portOf(taken) }));
    expect(error).toBeInstanceOf(library.UsageError);
    expect(error).toMatchObject({ exitCode: 2, code: 'EADDRINUSE' });
  } finally {
    await taken.close();
  }
});

test("an ES module's named import is the class a run rejects with: no second copy of it", async () => {
  const entry = join(repoRoot, 'dist/library/index.js');
  const script = `import { UnreachableError, UsageError, SpecError, RecordingError, FileSystemError } from ${JSON.stringify(entry)};
import { createRequire } from 'node:module';
const lib = createRequire(import.meta.url)(${JSON.stringify(entry)});
const same = [UnreachableError === lib.UnreachableError, UsageError === lib.UsageError, SpecError === lib.SpecError, RecordingError === lib.RecordingError, FileSystemError !== undefined && FileSystemError === lib.FileSystemError];
const error = await lib.runConformance({ operation: 'getWhatsAppSyncStatus', env: {}, timeoutMs: 'x' }).catch((e) => e);
process.stdout.write(JSON.stringify({ same, usage: error instanceof UsageError }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: scratchDir('zvc-lib-esm-'), timeout: 20_000 });
  expect(JSON.parse(stdout)).toEqual({ same: [true, true, true, true, true], usage: true });
});

test('a report the disk has no room for: the exported FileSystemError (exit code 2, as the CLI exits), Node\'s message and code, the file as path; a key in that path shown nowhere', async () => {
  // A child process: the full disk is a preload's (tests/support/enospc-preload.cjs), for conformance.json's temp file only.
  // The reports folder is named after the run's key (a secret pasted into a path): the path is in the rejection and the NOT RUN files.
  const cwd = scratchDir('zvc-lib-errors-');
  const key = 'zv_test_pathleak0123456789abcdef';
  const preload = join(repoRoot, 'tests/support/enospc-preload.cjs');
  const script = `const lib = require(${JSON.stringify(join(repoRoot, 'dist/library'))});
const { readFileSync } = require('node:fs');
(async () => {
  const server = await lib.startReferenceServer({ apiKey: ${JSON.stringify(key)} });
  const reports = 'k-' + server.apiKey + '/reports';
  const e = await lib.runConformance({ operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, env: {}, baseUrl: server.baseUrl, apiKey: server.apiKey, senders: server.senders, reports }).then(() => undefined, (error) => error);
  await server.close();
  const classes = ['FileSystemError', 'ConformanceError', 'UsageError'].filter((name) => typeof lib[name] === 'function' && e instanceof lib[name]);
  const files = ['summary.md', 'junit.xml'].map((name) => readFileSync(reports + '/' + name, 'utf8')).join('\\n');
  process.stdout.write(JSON.stringify({ classes, name: e?.name, exitCode: e?.exitCode, code: e?.code, path: e?.path, message: e?.message, stack: e?.stack, files }));
})();`;
  const env = { PATH: process.env['PATH'] ?? '', NODE_OPTIONS: `--require ${preload}`, ZVC_TEST_ENOSPC: '/\\.conformance\\.json\\.\\d+\\.[0-9a-f]+\\.tmp$' };
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd, env, timeout: 25_000 });
  const rejected = JSON.parse(stdout) as Record<string, unknown>;
  expect(rejected).toMatchObject({ classes: ['FileSystemError', 'ConformanceError'], name: 'FileSystemError', exitCode: 2, code: 'ENOSPC', message: 'ENOSPC: no space left on device, write' });
  expect(rejected['path']).toMatch(new RegExp(`^${cwd}/k-.+/reports/conformance\\.json$`));
  expect(rejected['files']).toContain('/reports/conformance.json: no space left on the device (ENOSPC)');
  expect(stdout).not.toContain(key);
});

test('exitCode is typed by class and by verdict: a caller switches over them with nothing left over', async () => {
  // Compile-time: `npm run typecheck` fails when a class's exitCode or the result's is a plain number.
  const threeOf = (error: InstanceType<typeof library.UnreachableError>): 3 => error.exitCode;
  const twoOf = (error: InstanceType<typeof library.UsageError> | InstanceType<typeof library.SpecError> | InstanceType<typeof library.RecordingError>): 2 => error.exitCode;
  const codeOf = (error: InstanceType<typeof library.UnreachableError>): string => error.code;
  // The reason is the exported union, so a caller's switch over it is checked for cases it left out.
  const reasonOf = (error: InstanceType<typeof library.UnreachableError>): import('../../src/library').UnreachableReason => error.reason;
  const verdictOf = (exitCode: Awaited<ReturnType<typeof library.runConformance>>['exitCode']): string => {
    switch (exitCode) {
      case 0:
        return 'conformant';
      case 1:
        return 'violations';
      case 2:
        return 'verdict reached, history store not appended';
      default: {
        const none: never = exitCode;
        return none;
      }
    }
  };
  const { exitCode } = await library.runConformance({ ...quick, cwd: scratchDir('zvc-lib-errors-') });
  expect(verdictOf(exitCode)).toBe('conformant');
  const port = await closedPort();
  const unreachable = (await rejectionOf(library.runConformance({ ...quick, baseUrl: `http://127.0.0.1:${port}`, apiKey: 'zv_test_k' }))) as InstanceType<typeof library.UnreachableError>;
  expect([threeOf(unreachable), codeOf(unreachable), reasonOf(unreachable)]).toEqual([3, 'ECONNREFUSED', 'connection-refused']);
  const usage = (await rejectionOf(library.runConformance({ ...quick, timeoutMs: 'x' as never }))) as InstanceType<typeof library.UsageError>;
  expect(twoOf(usage)).toBe(2);
});

test('a run whose verdict is reached but whose history record the store refuses resolves with exit code 2, as the CLI exits: why the result is 0 | 1 | 2', async () => {
  const cwd = scratchDir('zvc-lib-errors-');
  const store = join(cwd, 'history.jsonl');
  // Held by this live process: the run waits for it after its verdict; meanwhile a folder takes the store's place.
  writeFileSync(`${store}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
  let text = '';
  const out = (chunk: string): void => {
    text += chunk;
    if (chunk.startsWith('history: waiting up to')) {
      mkdirSync(store);
      rmSync(`${store}.lock`);
    }
  };
  const { exitCode, report } = await library.runConformance({ ...quick, cwd, history: store, out });
  expect(report.summary.failed).toBe(0);
  expect(text).toMatch(/^history: this run was NOT appended: /m);
  expect(exitCode).toBe(2);
});

test("a step's misspelt operationId rejects with the exported DataError (exit 2), its row's one line; a renamed folder alone is still the spec's SpecError", async () => {
  const cwd = scratchDir('zvc-lib-errors-');
  cpSync(join(repoRoot, 'operations'), join(cwd, 'operations'), { recursive: true });
  const file = join(cwd, 'operations', 'getWhatsAppSyncStatus', 'scenarios.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { scenarios: { steps?: { operation?: string }[] }[] };
  const at = data.scenarios.findIndex((row) => row.steps !== undefined);
  const step = data.scenarios[at]?.steps?.[0];
  if (step === undefined) throw new Error('the shipped data has no sequence');
  step.operation = 'getWhatsAppSyncStatsu';
  writeFileSync(file, JSON.stringify(data));
  const misspelt = await rejectionOf(library.runConformance({ ...quick, cwd, operations: 'operations' }));
  expect(misspelt).toBeInstanceOf(library.DataError);
  expect(misspelt).not.toBeInstanceOf(library.SpecError);
  expect(misspelt).toMatchObject({ exitCode: 2 });
  expect((misspelt as InstanceType<typeof library.DataError>).problems.map((p) => p.pointer)).toEqual([`/scenarios/${at}/steps/0/operation`]);
  // The folder renamed, nothing else wrong: the spec's refusal, as before.
  rmSync(join(cwd, 'operations'), { recursive: true });
  cpSync(join(repoRoot, 'operations'), join(cwd, 'operations'), { recursive: true });
  const renamed = join(cwd, 'operations', 'getWhatsAppSyncStatsu');
  cpSync(join(cwd, 'operations', 'getWhatsAppSyncStatus'), renamed, { recursive: true });
  const moved = join(renamed, 'scenarios.json');
  writeFileSync(moved, readFileSync(moved, 'utf8').replace('"operationId": "getWhatsAppSyncStatus"', '"operationId": "getWhatsAppSyncStatsu"'));
  const folder = await rejectionOf(library.runConformance({ ...quick, cwd, operations: 'operations', operation: 'getWhatsAppSyncStatsu' }));
  expect(folder).toBeInstanceOf(library.SpecError);
  expect(folder).toMatchObject({ exitCode: 2 });
});
