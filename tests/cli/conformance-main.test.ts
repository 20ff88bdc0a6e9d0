/** The conformance CLI as a user meets it: exit codes, one-line errors, reports, no leaked key. */
import { escapeRegex } from '../../src/text/escape-regex';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root';
import { startReferenceServer } from '../../src/reference-server';
import { againstServer, expectedCaseCount, runConformanceCli, serverEnv } from '../support/conformance-run';
import { closedPort, startRawServer, startScriptedServer, startTlsOnlyServer } from '../support/misbehaving-servers';
import { expectOneLineError } from '../support/one-line-error';
import { SELF_SIGNED_CERT, startTlsFront } from '../support/tls-front';
import { INTERRUPTION_SIGNALS, runCli, spawnCli } from '../support/run-cli';
import { expectNoFileHolds, filesUnder, scratchDir } from '../support/scratch-dir';

/**
 * What a run stopped before its verdict leaves in the reports folder: summary.md saying NOT RUN,
 * and junit.xml holding the same reason as one test case in error (a CI test tab goes red saying why).
 */
function expectOnlyNotRun(reportsDir: string): string {
  expect(readdirSync(reportsDir).sort()).toEqual(['junit.xml', 'summary.md']);
  const summary = readFileSync(join(reportsDir, 'summary.md'), 'utf8');
  expect(summary).toMatch(/NOT RUN/);
  expect(summary).not.toMatch(/CONFORMANT/);
  const junit = readFileSync(join(reportsDir, 'junit.xml'), 'utf8');
  expect(junit).toMatch(/^<\?xml[^\n]*\n<testsuites name="zavu-conformance" tests="1" failures="0" errors="1"/);
  expect([...junit.matchAll(/<testcase /g)]).toHaveLength(1);
  expect(junit).toMatch(/<error message="[^"]+" type="not-run">/);
  // The summary's words, which a test may look for (the reason, never the key): the file says them too.
  return `${summary}\n${junit}`;
}

test('no configuration: the embedded reference server, exit 0, all four reports', async () => {
  const run = await runConformanceCli([]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('against the embedded reference server');
  // One progress line per case as it finishes: mark, case id, title, duration.
  const shown = /^  ok   getWhatsAppSyncStatus\/coexistence\[snd_coex_active\]: .* \((\d+(?:\.\d)?) ms\)$/m.exec(run.stdout);
  // The duration is the one the reports hold for the case (to 0.1 ms), not Jest's own timing of it.
  expect(Number(shown?.[1])).toBe(run.report?.results.find((r) => r.id === 'getWhatsAppSyncStatus/coexistence[snd_coex_active]')?.durationMs);
  expect(run.stdout.match(/^  ok   \S+: .* \(\d+(?:\.\d)? ms\)$/gm)).toHaveLength(expectedCaseCount());
  expect(readdirSync(run.reportsDir).sort()).toEqual(['certificate.json', 'conformance.html', 'conformance.json', 'junit.xml', 'summary.md']);
  expect(JSON.parse(readFileSync(join(run.reportsDir, 'certificate.json'), 'utf8'))).toMatchObject({ level: 'full', target: 'embedded reference server' });
  // A conformant target answers JSON, never a redirect: no run warning (a wrong base URL's, a redirect's origin).
  expect(run.report?.runWarnings).toBeUndefined();
  expect(run.report?.runInfo.specSha256).toMatch(/^[0-9a-f]{64}$/);
  expect(readFileSync(join(run.reportsDir, 'junit.xml'), 'utf8')).toContain(`<testsuites name="zavu-conformance" tests="${expectedCaseCount()}" failures="0"`);
});

// Switching users needs root; without it, the choice of folder is covered by tests/cache/content-cache.test.ts alone.
const asRoot = process.getuid?.() === 0;
(asRoot ? test : test.skip)("another user, who may not write the suite's folder: the run passes, its caches in that user's own cache folder", async () => {
  // The suite's node_modules belong to root here, as in a global install or a container image;
  // Jest's cache once sat in a fixed /tmp folder, which the first user to run owned: any other user's run crashed on it.
  const home = scratchDir('zvc-other-user-');
  chmodSync(home, 0o777);
  const run = await runCli('conformance-main.js', ['--operation', 'getWhatsAppSyncStatus'], { cwd: home, user: { uid: 65534, gid: 65534 } });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const cache = join(home, '.cache', 'zavu-conformance');
  expect(existsSync(join(cache, 'jest'))).toBe(true);
  expect(readdirSync(cache).some((name) => name.startsWith('contract-'))).toBe(true);
});

(asRoot ? test : test.skip)('a reports folder the user may not write: exit 2 in one line saying "permission denied", not a bare EACCES, and that the reports left in it are an earlier run\'s', async () => {
  const home = scratchDir('zvc-read-only-');
  chmodSync(home, 0o777);
  const reports = join(home, 'reports');
  mkdirSync(reports, { mode: 0o555 });
  chmodSync(reports, 0o555);
  const run = await runCli('conformance-main.js', ['--operation', 'getWhatsAppSyncStatus', '--reports', reports], { cwd: home, user: { uid: 65534, gid: 65534 } });
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /^zavu-conformance: --reports \S+reports: cannot write there \(permission denied, EACCES\)$/);
  expect(run.stdout).not.toMatch(/ok {3}/);
  // An earlier run's verdict in it: a step that posts summary.md whatever the exit would post that one.
  writeFileSync(join(reports, 'summary.md'), '# Zavu conformance: FULL\n');
  writeFileSync(join(reports, 'junit.xml'), '<testsuites/>\n');
  const again = await runCli('conformance-main.js', ['--operation', 'getWhatsAppSyncStatus', '--reports', reports], { cwd: home, user: { uid: 65534, gid: 65534 } });
  expect(again.code).toBe(2);
  expectOneLineError(again.stderr, /^zavu-conformance: --reports \S+reports: cannot write there \(permission denied, EACCES\); its summary\.md, junit\.xml are an earlier run's, not this one's$/);
  // summary.md alone (what a NOT RUN leaves): the file a step posts, said in the singular.
  rmSync(join(reports, 'junit.xml'));
  const alone = await runCli('conformance-main.js', ['--operation', 'getWhatsAppSyncStatus', '--reports', reports], { cwd: home, user: { uid: 65534, gid: 65534 } });
  expect(alone.code).toBe(2);
  expectOneLineError(alone.stderr, /^zavu-conformance: --reports \S+reports: cannot write there \(permission denied, EACCES\); its summary\.md is an earlier run's, not this one's$/);
});

(asRoot ? test : test.skip)('a history store the user may not append to: exit 2 in one line saying "permission denied", not a bare EACCES', async () => {
  const home = scratchDir('zvc-read-only-store-');
  chmodSync(home, 0o777);
  // Root's file, readable by all, writable by root alone.
  const store = join(home, 'history.jsonl');
  writeFileSync(store, '', { mode: 0o644 });
  const run = await runCli('conformance-main.js', ['--operation', 'getWhatsAppSyncStatus', '--history', store], { cwd: home, user: { uid: 65534, gid: 65534 } });
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /^zavu-conformance: --history \S+history\.jsonl: cannot append there \(permission denied, EACCES\)$/);
});

test.each([
  [['--base-ur', 'http://x'], /unknown flag --base-ur/],
  [['-timeout', '5'], /unknown flag -timeout \(did you mean --timeout\? /],
  [['-help'], /unknown flag -help \(did you mean --help\? /],
  [['--base-url', 'ftp://x'], /must use http or https/],
  [['--timeout', 'abc'], /--timeout "abc"/],
  [['--spec', 'missing.yaml'], /missing\.yaml/],
])('usage error %j: exit 2, one line', async (args, pattern) => {
  const run = await runConformanceCli(args);
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, pattern);
  expect(run.report).toBeUndefined();
});

test('a spec that is not OpenAPI 3.0: exit 2 naming the file', async () => {
  const dir = scratchDir();
  const spec = join(dir, 'swagger.yaml');
  writeFileSync(spec, 'swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n');
  const run = await runConformanceCli(['--spec', spec]);
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /swagger\.yaml/);
});

test('a spec with a typo in a schema (type: boolen): exit 2 naming the file and the place in it, before any request', async () => {
  const spec = join(scratchDir(), 'typo.yaml');
  writeFileSync(spec, readFileSync(join(packageRoot, 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8').replace('type: boolean', 'type: boolen'));
  const run = await runConformanceCli(['--spec', spec]);
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /typo\.yaml: schema #\/components\/schemas\/\w+\/properties\/\w+\/type does not compile: must be equal to one of the allowed values$/);
});

test('a spec whose documented body names a schema it does not define: exit 2 naming it, before any request', async () => {
  const dir = scratchDir();
  const spec = join(dir, 'broken-ref.yaml');
  const shipped = readFileSync(join(packageRoot, 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8');
  writeFileSync(spec, shipped.replace("$ref: '#/components/schemas/WhatsAppSyncStatusResponse'", "$ref: '#/components/schemas/Nope'"));
  const run = await runConformanceCli(['--spec', spec]);
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /broken-ref\.yaml: getWhatsAppSyncStatus documents its 200 body as #\/components\/schemas\/Nope, which components\.schemas does not define$/);
  expect(run.stdout).not.toMatch(/ok {3}|PASS|FAIL/);
});

test('a FIFO or a device given as a file (spec, baseline, .env, history store) is exit 2 in one line, at once: a read of it would block or never end', async () => {
  const dir = scratchDir();
  const fifo = join(dir, 'pipe.json');
  execFileSync('mkfifo', [fifo]);
  for (const args of [['--spec', fifo], ['--baseline', fifo], ['--baseline', '/dev/zero'], ['--history', fifo]]) {
    const run = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', ...args], {}, dir);
    expect({ args, code: run.code }).toEqual({ args, code: 2 });
    expectOneLineError(run.stderr, /is a (FIFO|character device), not a regular file/);
    // The run did not reach a verdict: summary.md says so, no earlier verdict stands.
    expect(readFileSync(join(run.reportsDir, 'summary.md'), 'utf8')).toContain('NOT RUN');
  }
  const envDir = join(dir, 'with-env');
  mkdirSync(envDir);
  execFileSync('mkfifo', [join(envDir, '.env')]);
  const run = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus'], {}, envDir);
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /\.env: is a FIFO, not a regular file/);
});

test('an unreachable target: exit 3 naming target and cause, no reports', async () => {
  const port = await closedPort();
  const run = await runConformanceCli(['--base-url', `http://127.0.0.1:${port}`, '--timeout', '2000'], { ZAVU_API_KEY: 'zv_test_k' });
  expect(run.code).toBe(3);
  expectOneLineError(run.stderr, new RegExp(`target http://127.0.0.1:${port} is unreachable: nothing accepts connections on 127\\.0\\.0\\.1:${port}; is the server started, and listening on that port\\? \\(connection-refused`));
  expect(run.report).toBeUndefined();
});

test('a TLS failure (https to a plain HTTP server): exit 3 in one line, though OpenSSL ends its message with a line break', async () => {
  const server = await startReferenceServer();
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl.replace('http:', 'https:'), '--timeout', '2000'], { ZAVU_API_KEY: 'zv_test_k' });
    expect(run.code).toBe(3);
    expectOneLineError(run.stderr, new RegExp(`is unreachable: the port answers without TLS \\(plain HTTP\\?\\); is the target ${server.baseUrl.replace(/\./g, '\\.')}\\? \\(tls: ERR_SSL_[A-Z_]+: [^:]*[^\\s:]\\)$`));
  } finally {
    await server.close();
  }
});

describe('a target behind a certificate this machine does not trust (self-signed, or a private CA)', () => {
  test('exit 3 in one line saying what to do (NODE_EXTRA_CA_CERTS), never a stack trace; given that variable, the run is judged as any other, with no note', async () => {
    const server = await startReferenceServer();
    const front = await startTlsFront(server.baseUrl);
    try {
      const args = ['--base-url', front.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--timeout', '5000'];
      const refused = await runConformanceCli(args, serverEnv(server));
      expect(refused.code).toBe(3);
      expectOneLineError(refused.stderr, /is unreachable: its certificate is not signed by a CA this machine trusts \(self-signed, or a private CA\); give that CA's certificate as NODE_EXTRA_CA_CERTS=\/path\/to\/ca\.pem \(which keeps the check on\) \(tls: DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate\)$/);
      const trusted = await runConformanceCli(args, { ...serverEnv(server), NODE_EXTRA_CA_CERTS: SELF_SIGNED_CERT });
      expect(trusted.code).toBe(0);
      expect(trusted.report?.runInfo.notes ?? []).toEqual([]);
      expect(trusted.report?.runInfo).not.toHaveProperty('tlsUnverified');
      expect(JSON.parse(readFileSync(join(trusted.reportsDir, 'certificate.json'), 'utf8'))).not.toHaveProperty('tlsUnverified');
    } finally {
      await front.close();
      await server.close();
    }
  });

  test('NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment: the run goes on, and the console, summary.md and conformance.json say no certificate was verified', async () => {
    const server = await startReferenceServer();
    const front = await startTlsFront(server.baseUrl);
    try {
      const run = await runConformanceCli(['--base-url', front.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--timeout', '5000'], { ...serverEnv(server), NODE_TLS_REJECT_UNAUTHORIZED: '0' });
      expect(run.code).toBe(0);
      const note = /NODE_TLS_REJECT_UNAUTHORIZED=0 is set: Node verified no TLS certificate/;
      expect(run.stdout.split('\n').filter((line) => line.startsWith('note: ') && note.test(line))).toHaveLength(1);
      expect(readFileSync(join(run.reportsDir, 'summary.md'), 'utf8')).toMatch(/NODE\\?_TLS\\?_REJECT\\?_UNAUTHORIZED=0 is set/);
      expect(run.report?.runInfo.notes?.some((line) => note.test(line))).toBe(true);
      // certificate.json is published on its own, without the notes: it says so itself.
      expect(run.report?.runInfo.tlsUnverified).toBe(true);
      expect(JSON.parse(readFileSync(join(run.reportsDir, 'certificate.json'), 'utf8'))).toMatchObject({ level: 'full', tlsUnverified: true });
      expect(run.stdout).toMatch(/^certificate: FULL \(no TLS certificate verified \(NODE_TLS_REJECT_UNAUTHORIZED=0\): the answers may not be the target's, /m);
    } finally {
      await front.close();
      await server.close();
    }
  });
  test('recorded with NODE_TLS_REJECT_UNAUTHORIZED=0: the recordings keep it, and their replay (on a machine without it) says so in a note and in certificate.json', async () => {
    const server = await startReferenceServer();
    const front = await startTlsFront(server.baseUrl);
    const cwd = scratchDir();
    try {
      const args = ['--operation', 'getWhatsAppSyncStatus', '--timeout', '5000', '--recordings', 'recs'];
      const recorded = await runConformanceCli(['--base-url', front.baseUrl, '--mode', 'record', ...args], { ...serverEnv(server), NODE_TLS_REJECT_UNAUTHORIZED: '0' }, cwd);
      expect(recorded.code).toBe(0);
      const replayed = await runConformanceCli(['--mode', 'replay', ...args], {}, cwd);
      expect(replayed.code).toBe(0);
      expect(replayed.report?.runInfo.notes?.filter((line) => /recorded with NODE_TLS_REJECT_UNAUTHORIZED=0: Node verified no TLS certificate/.test(line))).toHaveLength(1);
      expect(replayed.report?.runInfo.tlsUnverified).toBe(true);
      expect(JSON.parse(readFileSync(join(replayed.reportsDir, 'certificate.json'), 'utf8'))).toMatchObject({ tlsUnverified: true });
    } finally {
      await front.close();
      await server.close();
    }
  });
});

test('a target that redirects every request to another origin: nothing is sent there, and the run warning names that origin, the keys scrubbed from it', async () => {
  const key = 'zv_test_redirectedkey0123';
  const elsewhere = await startScriptedServer((_req, res) => res.end('{}'));
  // A Location that names the key as a host: the warning must not repeat it.
  const toKeyHost = await startScriptedServer((req, res) => res.writeHead(301, { location: `http://${key}.example.test${req.url ?? '/'}` }).end());
  const toElsewhere = await startScriptedServer((req, res) => res.writeHead(req.method === 'GET' ? 308 : 307, { location: `${elsewhere.baseUrl}${req.url ?? '/'}` }).end());
  try {
    const args = ['--operation', 'getWhatsAppSyncStatus', '--timeout', '5000'];
    const moved = await runConformanceCli(['--base-url', toElsewhere.baseUrl, ...args], { ZAVU_API_KEY: key, ZAVU_SENDER_COEXISTENCE: 'snd_a' });
    expect(moved.code).toBe(1);
    expect(elsewhere.requests).toEqual([]);
    expect(moved.stdout).toContain(`: the redirects among them (not followed: the key goes to no other origin) all to ${elsewhere.baseUrl}: is the API there?`);
    const keyHost = await runConformanceCli(['--base-url', toKeyHost.baseUrl, ...args], { ZAVU_API_KEY: key, ZAVU_SENDER_COEXISTENCE: 'snd_a' });
    expect(keyHost.code).toBe(1);
    expect(keyHost.stdout).toMatch(/the redirects among them \(not followed: the key goes to no other origin\) all to http:\/\/\[REDACTED\]\.example\.test: is the API there\?/);
    expect(JSON.stringify(keyHost.report?.runWarnings)).not.toContain(key);
    // A host of 239 characters (within any host's length): cut to 100 in the line, its length said.
    const longHost = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(50)}.example`;
    const toLongHost = await startScriptedServer((req, res) => res.writeHead(301, { location: `https://${longHost}${req.url ?? '/'}` }).end());
    try {
      const cut = await runConformanceCli(['--base-url', toLongHost.baseUrl, ...args], { ZAVU_API_KEY: key, ZAVU_SENDER_COEXISTENCE: 'snd_a' });
      expect(cut.stdout).toContain(`all to ${`https://${longHost}`.slice(0, 100)}… (${longHost.length + 8} chars): is the API there?`);
    } finally {
      await toLongHost.close();
    }
  } finally {
    await Promise.all([elsewhere.close(), toKeyHost.close(), toElsewhere.close()]);
  }
});

test('http:// to a port that speaks TLS: exit 3 in one line naming the https:// URL likely meant, NOT RUN', async () => {
  // The converse of the test above: the TLS server closes each plain request unanswered, which alone
  // read "a proxy, a firewall or a server that refuses these requests?".
  const server = await startTlsOnlyServer();
  const dir = scratchDir('tls-port');
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--timeout', '2000', '--reports', join(dir, 'reports')], { ZAVU_API_KEY: 'zv_test_tls_port_key' });
    expect(run.code).toBe(3);
    expectOneLineError(run.stderr, new RegExp(`: the port answers TLS \\(HTTPS\\?\\); is the target ${escapeRegex(server.baseUrl.replace('http:', 'https:'))}\\? \\(${escapeRegex(server.baseUrl)} accepted connections but answered none`));
    expect(expectOnlyNotRun(join(dir, 'reports'))).toContain('the port answers TLS (HTTPS?)');
    expect(run.stderr + run.stdout).not.toContain('zv_test_tls_port_key');
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--help lists flags, env and exit codes; --version prints the version', async () => {
  const help = await runConformanceCli(['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/--base-url URL .*ZAVU_BASE_URL/);
  expect(help.stdout).toContain('ZAVU_SENDER_NO_WABA');
  expect(help.stdout).toMatch(/3 target unreachable/);
  expect(help.stdout).toMatch(/130\/143\/129 interrupted \(SIGINT\/SIGTERM\/SIGHUP\)/);
  expect(help.stdout).toMatch(/^ {2}ZAVU_SENDER_OTHER_PROJECT_WRITABLE {2,}1: with --allow-writes/m);
  expect(help.stdout).toMatch(/^ {2}ZAVU_SENDER_NO_WABA_WRITABLE {2,}1: with --allow-writes, writes may go to ZAVU_SENDER_NO_WABA too/m);
  expect(help.stdout).toMatch(/^ {2}ZAVU_SENDER_NOT_COEXISTENCE_WRITABLE {2,}1: with --allow-writes, writes may go to ZAVU_SENDER_NOT_COEXISTENCE too/m);
  // The other project's key has no flag: the help names its variable, or nothing does.
  expect(help.stdout).toMatch(/^ {2}ZAVU_OTHER_PROJECT_API_KEY {2,}the key of the project ZAVU_SENDER_OTHER_PROJECT belongs to/m);
  // Its check before the first case, as it is made: what is read, which answers stop the run, and that a
  // refusal the run's own key gets too does not (it said "refused (401)" alone, of "that sender" only).
  expect(help.stdout).toMatch(/one read before the first case \(of that sender, else of an id that names no sender\): answered 401 \(or 403 error="invalid_token"\) where the same read with the run's key is not, the run stops, exit 2$/m);
  // The fixtures' descriptions share one column, the longest name's.
  const columns = help.stdout.split('\n').filter((l) => /^ {2}ZAVU_SENDER_\w+ {2,}\S/.test(l)).map((l) => /^ {2}ZAVU_SENDER_\w+ +/.exec(l)?.[0].length);
  expect(columns.length).toBeGreaterThan(5);
  expect(new Set(columns).size).toBe(1);
  // -h, as every other command takes it.
  expect((await runConformanceCli(['-h'])).stdout).toBe(help.stdout);
  const version = await runConformanceCli(['--version']);
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+ \(build [0-9a-f]{12}\)$/);
});

test('live target without fixtures: those scenarios are skipped with the reason, never passed', async () => {
  const server = await startReferenceServer();
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus'], { ZAVU_API_KEY: server.apiKey });
    expect(run.code).toBe(0);
    const skipped = run.report?.results.filter((r) => r.status === 'skipped') ?? [];
    expect(skipped.map((r) => r.id).sort()).toEqual([
      'getWhatsAppSyncStatus/coexistence',
      'getWhatsAppSyncStatus/head-changes-nothing',
      'getWhatsAppSyncStatus/head-no-waba',
      'getWhatsAppSyncStatus/head-not-coexistence',
      'getWhatsAppSyncStatus/no-waba',
      'getWhatsAppSyncStatus/no-waba-no-credentials',
      'getWhatsAppSyncStatus/not-active',
      'getWhatsAppSyncStatus/not-coexistence',
      'getWhatsAppSyncStatus/not-coexistence-no-credentials',
      'getWhatsAppSyncStatus/other-project-sender',
      'getWhatsAppSyncStatus/other-project-sender-no-credentials',
      'getWhatsAppSyncStatus/other-project-sender-trailing-slash',
      'getWhatsAppSyncStatus/own-sender-other-project-key',
      'getWhatsAppSyncStatus/reads-change-nothing',
      'getWhatsAppSyncStatus/unauthenticated-read-changes-nothing',
    ]);
    expect(skipped.every((r) => /^ZAVU_SENDER_\w+ is not set/.test(r.skipReason ?? ''))).toBe(true);
    expect(skipped.find((r) => r.family === 'isolation')?.skipReason).toMatch(/^ZAVU_SENDER_OTHER_PROJECT is not set/);
    expect(run.stdout).toMatch(/15 skipped/);
  } finally {
    await server.close();
  }
});

test("a live run with the key's own senders but neither another project's sender nor its key certifies no isolation: nothing of it was sent", async () => {
  const server = await startReferenceServer();
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus'], { ZAVU_API_KEY: server.apiKey, ZAVU_SENDER_COEXISTENCE: server.senders.coexistence.join(',') });
    expect(run.code).toBe(0);
    const isolation = run.report?.results.filter((r) => r.family === 'isolation') ?? [];
    // own-sender-other-project-key read an unknown id with the key alone and passed: isolation was certified, a core family.
    expect(isolation.filter((r) => r.status !== 'skipped').map((r) => r.id)).toEqual([]);
    expect(isolation.filter((r) => r.id.startsWith('getWhatsAppSyncStatus/own-sender-other-project-key[')).map((r) => r.skipReason)).toEqual(
      server.senders.coexistence.map(() => expect.stringMatching(/^ZAVU_OTHER_PROJECT_API_KEY is not set: nothing to test/)),
    );
    const family = run.report?.certificate?.operations.find((o) => o.operationId === 'getWhatsAppSyncStatus')?.families.find((f) => f.family === 'isolation');
    expect(family).toMatchObject({ verdict: 'not-applicable', passed: 0 });
  } finally {
    await server.close();
  }
});

test('more shards than the plan has cases: the empty shard is exit 2 in one line naming --shard and the most shards the plan takes, and its folder says NOT RUN', async () => {
  const cwd = scratchDir();
  const run = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--shard', '1000/1000', '--run-id', 'big-matrix'], {}, cwd);
  expect(run.code).toBe(2);
  // Not Jest's "Your test suite must contain at least one test.", which says nothing of the setting.
  expectOneLineError(run.stderr, /^zavu-conformance: --shard 1000\/1000: the plan has (\d+) cases, fewer than 1000 shards, so this shard has none to run: split the run into at most \1 shards$/);
  expect(expectOnlyNotRun(run.reportsDir)).toContain('--shard 1000/1000: the plan has');
});

test('.env in the working directory configures a run, and flags override it', async () => {
  const server = await startReferenceServer();
  try {
    const cwd = scratchDir();
    const env = Object.entries(serverEnv(server)).map(([k, v]) => `${k}=${v}`);
    writeFileSync(join(cwd, '.env'), [...env, `ZAVU_BASE_URL=${server.baseUrl}`, 'ZAVU_REPORTS_DIR=from-dotenv'].join('\n'));
    // The flag wins over .env for the reports directory; everything else comes from .env.
    const run = await runConformanceCli(['--reports', 'from-flag'], {}, cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`against ${server.baseUrl}`);
    expect(readdirSync(join(cwd, 'from-flag'))).toContain('conformance.json');
    const report = JSON.parse(readFileSync(join(cwd, 'from-flag', 'conformance.json'), 'utf8')) as { summary: { skipped: number; passed: number; failed: number } };
    // Every fixture came from .env; only the writes (not allowed on a live target) are skipped.
    expect(report.summary.failed).toBe(0);
    expect(report.summary.passed + report.summary.skipped).toBe(expectedCaseCount());
    // The read's 79 cases: seven coexistence senders read four times over (reads-change-nothing, unauthenticated-read-changes-nothing, coexistence, head-changes-nothing), 44 rows, and the seven read with the other project's key.
    expect(report.summary.passed).toBe(79);
  } finally {
    await server.close();
  }
});

test('the API key appears in no report and no output line', async () => {
  const apiKey = 'zv_test_LEAKCANARY0123456789abcdef0123';
  const server = await startReferenceServer({ apiKey });
  try {
    const run = await againstServer(server);
    expect(run.code).toBe(0);
    const base64 = Buffer.from(`${apiKey}:`).toString('base64');
    for (const file of readdirSync(run.reportsDir)) {
      const text = readFileSync(join(run.reportsDir, file), 'utf8');
      expect(text).not.toContain(apiKey);
      expect(text).not.toContain(base64);
    }
    expect(run.stdout + run.stderr).not.toContain(apiKey);
  } finally {
    await server.close();
  }
});

test.each([
  ['the key', 'apiKey'],
  // A secret of its own: every place the key is hidden from must hide it too.
  ["the other project's key (ZAVU_OTHER_PROJECT_API_KEY)", 'otherProjectApiKey'],
] as const)('a reports folder and a history store named with %s: the console and every report show it redacted', async (_what, option) => {
  const apiKey = 'zv_test_LEAKCANARY0123456789abcdef0123';
  const server = await startReferenceServer({ [option]: apiKey });
  try {
    const cwd = scratchDir();
    const env = serverEnv(server);
    expect(option === 'apiKey' ? env['ZAVU_API_KEY'] : env['ZAVU_OTHER_PROJECT_API_KEY']).toBe(apiKey);
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--reports', `r-${apiKey}`, '--history', `h-${apiKey}.jsonl`], env, cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('reports: ');
    expect(run.stdout).toContain('[REDACTED]');
    expect(run.stdout + run.stderr).not.toContain('LEAKCANARY');
    expectNoFileHolds(join(cwd, `r-${apiKey}`), 'LEAKCANARY');
  } finally {
    await server.close();
  }
});

test.each([
  ['the API key in a sender variable (a swapped CI secret)', { ZAVU_SENDER_COEXISTENCE: 'snd_a,zv_test_swapped0123456789' }, /^zavu-conformance: ZAVU_SENDER_COEXISTENCE holds the API key: sender ids go into every URL and report/],
  ['an unknown id that is a configured sender', { ZAVU_SENDER_NO_WABA: 'snd_n', ZAVU_SENDER_UNKNOWN: 'snd_n' }, /^zavu-conformance: ZAVU_SENDER_UNKNOWN "snd_n" is also ZAVU_SENDER_NO_WABA: it must name no sender$/],
  // The other project's key as its sender too: it would go into every URL (its recordings and curls), scrubbed to [REDACTED] or not at all.
  [
    "the other project's key given as its sender too (one secret picked for both inputs)",
    { ZAVU_SENDER_OTHER_PROJECT: 'zv_test_otherswapped0123456789', ZAVU_OTHER_PROJECT_API_KEY: 'zv_test_otherswapped0123456789' },
    /^zavu-conformance: ZAVU_SENDER_OTHER_PROJECT holds ZAVU_OTHER_PROJECT_API_KEY: sender ids go into every URL and report/,
  ],
  // A key the run was not given (the production key beside a sandbox run's) is a secret all the same.
  ["another key in a sender variable (the production key beside the sandbox run's)", { ZAVU_SENDER_UNKNOWN: 'zv_live_swapped0123456789other' }, /^zavu-conformance: ZAVU_SENDER_UNKNOWN holds a word shaped like an API key/],
] as const)('%s: exit 2 in one line before any request, the key in no output', async (_what, env, pattern) => {
  // A target that is down: without the check the run would try it and end with exit 3.
  const run = await runConformanceCli(['--base-url', `http://127.0.0.1:${await closedPort()}`, '--operation', 'getWhatsAppSyncStatus'], { ZAVU_API_KEY: 'zv_test_swapped0123456789', ...env });
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, pattern);
  expect(run.stdout + run.stderr).not.toContain('swapped0123456789');
  expectNoFileHolds(run.reportsDir, 'swapped0123456789');
});

test.each([
  ['the environment', 'ZAVU_TIMEOUT_MS', false],
  ['.env', 'ZAVU_SHARD', true],
] as const)('a key-shaped value in another setting (from %s, %s) is refused in one line that does not quote it, as one on the command line is', async (_where, name, inDotEnv) => {
  // A CI secret mapped to the wrong variable: the error that refuses the value must not print it, key given or not.
  const cwd = scratchDir('zvc-key-shaped-setting-');
  const misplaced = 'zv_live_MISPLACED0123456789abcdef';
  if (inDotEnv) writeFileSync(join(cwd, '.env'), `${name}=${misplaced}\n`);
  const run = await runConformanceCli(['--base-url', `http://127.0.0.1:${await closedPort()}`], inDotEnv ? {} : { [name]: misplaced }, cwd);
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, new RegExp(`^zavu-conformance: ${name}`));
  expect(run.stdout + run.stderr).not.toContain('MISPLACED');
});

test('a URL in a variable the suite does not read (ZAVU_TARGET) is named: a run with no target says it certifies the embedded server (report too), and a key with no target is refused naming it', async () => {
  const cwd = scratchDir('zvc-url-not-target-');
  writeFileSync(join(cwd, '.env'), 'ZAVU_API_URL=https://user:pw@api.staging.example/v1\n');
  const run = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { ZAVU_TARGET: 'http://127.0.0.1:9/' }, cwd);
  expect(run.code).toBe(0);
  // Both named: the first by name alone would hide the other.
  const note = 'ZAVU_API_URL (from .env) and ZAVU_TARGET hold URLs, but the target is read from --base-url or ZAVU_BASE_URL only: this run certifies the embedded reference server';
  expect(run.stdout.match(/^note: .*/gm)).toEqual([`note: ${note}`]);
  expect(run.report?.runInfo.notes).toEqual([note]);
  expect(run.stdout + run.stderr).not.toContain('user:pw');
  const keyed = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus'], { ZAVU_TARGET: 'http://127.0.0.1:9/', ZAVU_API_KEY: 'zv_test_0123456789abcdef' }, scratchDir('zvc-url-not-target-'));
  expect(keyed.code).toBe(2);
  expectOneLineError(keyed.stderr, /^zavu-conformance: ZAVU_API_KEY is set but no target is \(--base-url and ZAVU_BASE_URL unset or empty; ZAVU_TARGET holds a URL, but the target is read from those only\): the run would certify the embedded reference server/);
  // A project's own URL variable beside a target that is set is no one's business.
  const server = await startReferenceServer();
  try {
    const live = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { ...serverEnv(server), ZAVU_TARGET: 'http://127.0.0.1:9/' });
    expect(live.code).toBe(0);
    expect(live.stdout).not.toMatch(/^note: /m);
  } finally {
    await server.close();
  }
});

test('ZAVU_SENDER_UNKNOWN set with --allow-writes: the refusals of the starts run without their start to an unknown id, and the console says so once', async () => {
  const server = await startReferenceServer();
  try {
    const env = { ...serverEnv(server), ZAVU_SENDER_UNKNOWN: 'snd_zvc_unknown_set_by_hand' };
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--allow-writes', '--operation', 'startWhatsAppHistorySync', '--fuzz-runs', '0'], env);
    expect(run.code).toBe(0);
    // no-credentials, its query, encoded-path, dot-segment, trailing-slash, doubled-slash, trailing-dot, path-parameter and case-folded forms, the wrong key, the OPTIONS of the read's path,
    // the three on the other project's sender, the no-WABA and not-coexistence ones (the test env consents to starts on all three), and the other project's key's start to the writable sender.
    expect(run.stdout.match(/^note: .*/gm)).toEqual(['note: 17 cases run without the start to an unknown id their refusal is compared with, so judged by status alone: the suite writes to an unknown id only when it generates one, and ZAVU_SENDER_UNKNOWN is set']);
    // Generated, the unknown id gets them: no note.
    const generated = await runConformanceCli(['--base-url', server.baseUrl, '--allow-writes', '--operation', 'startWhatsAppHistorySync', '--fuzz-runs', '0'], serverEnv(server));
    expect(generated.stdout).not.toMatch(/^note: /m);
  } finally {
    await server.close();
  }
});

test.each([
  ['in the environment', {}, ''],
  ['in .env', { dotenv: 'ZAVU_BASELINE_STRCT=1\n' }, ' (from .env)'],
] as const)('a misspelt setting %s is exit 2 before any request, naming the one it likely meant; a project\'s own ZAVU_ variable is not', async (_where, given, where) => {
  const cwd = scratchDir();
  if ('dotenv' in given) writeFileSync(join(cwd, '.env'), given.dotenv);
  const env = 'dotenv' in given ? {} : { ZAVU_BASELINE_STRCT: '1' };
  const run = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { ...env, ZAVU_STAGING_URL: 'http://127.0.0.1:9' }, cwd);
  expect(run.code).toBe(2);
  const line = `zavu-conformance: ZAVU_BASELINE_STRCT${where} is no setting of the suite, so it would be ignored: did you mean ZAVU_BASELINE_STRICT? (if it is a variable of your own, rename it)`;
  expect(run.stderr).toBe(`${line}\n`);
  // A usage error writes nothing: no reports folder holding a NOT RUN of a run that never began.
  expect(existsSync(run.reportsDir)).toBe(false);
  // Nor the folder the misspelt setting meant (ZAVU_REPORT_DIR for ZAVU_REPORTS_DIR), nor the default.
  const folder = await runConformanceCli([], { ZAVU_REPORT_DIR: 'elsewhere' });
  expect(folder.code).toBe(2);
  expect(folder.stderr).toMatch(/^zavu-conformance: ZAVU_REPORT_DIR is no setting of the suite, so it would be ignored: did you mean ZAVU_REPORTS_DIR\?/);
  expect(readdirSync(folder.cwd)).toEqual([]);
  const fixture = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { ZAVU_SENDER_OTHER_PROJECT_WRITEABLE: '1' });
  expect(fixture.code).toBe(2);
  expect(fixture.stderr).toMatch(/did you mean ZAVU_SENDER_OTHER_PROJECT_WRITABLE\?/);
  // A fixture's variable is known only once the fixtures are read: still nothing written.
  expect(existsSync(fixture.reportsDir)).toBe(false);
  const own = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { ZAVU_STAGING_URL: 'http://127.0.0.1:9' });
  expect(own.code).toBe(0);
});

test(".env.example copied and not filled in: its placeholder key is refused before the production URL beside it is reached", async () => {
  const cwd = scratchDir();
  writeFileSync(join(cwd, '.env'), readFileSync(join(packageRoot, '.env.example'), 'utf8').replace('https://api.zavu.dev', `http://127.0.0.1:${await closedPort()}`));
  const run = await runConformanceCli([], {}, cwd);
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /^zavu-conformance: ZAVU_API_KEY \(from \.env\): the API key is still \.env\.example's placeholder: set a key of the target$/);
});

test.each([
  ['a line break', 'zv_test_abc\r\nX-Evil: 1'],
  ['a space', 'zv_test_ab cd'],
  // Cut short (a wrong-credential case), an emoji leaves half a surrogate pair, which the key's
  // percent-encoded form used to choke on: a stack trace and exit 1 in place of this line.
  ['an emoji', 'zv_test_abcdefgh\u{1F511}'],
])('a key with %s in it: exit 2 in one line before any request, naming where it came from, not quoting it', async (_what, key) => {
  // A target that is down: without the check the run would try it and end with exit 3.
  const run = await runConformanceCli(['--base-url', `http://127.0.0.1:${await closedPort()}`, '--operation', 'getWhatsAppSyncStatus'], { ZAVU_API_KEY: key });
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /^zavu-conformance: ZAVU_API_KEY: the API key must be visible ASCII without spaces/);
  expect(run.stderr).not.toMatch(/abc|ab cd/);
  expect(run.stderr).not.toMatch(/URIError|    at /);
});

test('a reports folder another run is writing (its lock names a live process): exit 2 in one line naming it, before any request, and that run\'s files left alone', async () => {
  const cwd = scratchDir();
  const reports = join(cwd, 'reports');
  mkdirSync(reports);
  writeFileSync(join(reports, 'summary.md'), '### Zavu conformance: CONFORMANT\n');
  writeFileSync(join(reports, 'conformance.json'), '{\n  "runInfo": {}\n}\n');
  // This test's own process is the other run: alive, on this host.
  const holder = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  writeFileSync(join(reports, '.zavu-conformance.lock'), holder);
  const requests: string[] = [];
  const server = await startScriptedServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(500).end();
  });
  try {
    const run = await runCli('conformance-main.js', ['--base-url', server.baseUrl, '--reports', reports], { cwd, env: { ZAVU_API_KEY: 'zv_test_lockedout' } });
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, new RegExp(`^zavu-conformance: --reports .*reports is being written by another run \\(pid ${process.pid} on `));
  } finally {
    await server.close();
  }
  expect(requests).toEqual([]);
  expect(readdirSync(reports).sort()).toEqual(['.zavu-conformance.lock', 'conformance.json', 'summary.md']);
  expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toBe('### Zavu conformance: CONFORMANT\n');
  expect(readFileSync(join(reports, '.zavu-conformance.lock'), 'utf8')).toBe(holder);
});

test("a reports folder whose lock a killed run left (its process gone): the run takes it over and says once, on the console and in summary.md, that run did not finish; a folder with no lock, no such note", async () => {
  const server = await startReferenceServer();
  try {
    const cwd = scratchDir();
    const reports = join(cwd, 'reports');
    mkdirSync(reports);
    // The run before the killed one left its verdict (started before the lock); the killed run (its pid ended) its lock.
    writeFileSync(join(reports, 'summary.md'), '### Zavu conformance: CONFORMANT\n');
    writeFileSync(join(reports, 'conformance.json'), JSON.stringify({ runInfo: { target: 'x', startedAt: '2026-12-05T22:00:00.000Z' } }, null, 2));
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(reports, '.zavu-conformance.lock'), JSON.stringify({ pid: Number(gone.stdout), host: hostname(), since: '2026-12-05T23:00:00.000Z' }));
    const args = ['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--reports', reports];
    const taken = await runCli('conformance-main.js', args, { cwd, env: serverEnv(server) });
    expect(taken.stderr).toBe('');
    expect(taken.code).toBe(0);
    const said = `the run that started at 2026-12-05T23:00:00.000Z (pid ${gone.stdout} on `;
    expect(taken.stdout.split('\n').filter((line) => line.startsWith(`note: ${said}`))).toHaveLength(1);
    expect(taken.stdout).toContain('the reports this run found here were from an earlier run, not that one');
    expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toContain(said);
    expect((JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as { runInfo: { notes?: string[] } }).runInfo.notes?.[0]).toContain(said);
    expect(existsSync(join(reports, '.zavu-conformance.lock'))).toBe(false);

    const free = await runCli('conformance-main.js', args, { cwd, env: serverEnv(server) });
    expect(free.code).toBe(0);
    expect(free.stdout).not.toContain('did not finish');
    expect(readFileSync(join(reports, 'summary.md'), 'utf8')).not.toContain('did not finish');
  } finally {
    await server.close();
  }
});

test("a killed run's lock taken over, then the target unreachable (NOT RUN): the note is still said, on the console, in the night's history record and in the NOT RUN summary.md and junit.xml; once, when the run stops after saying it", async () => {
  const cwd = scratchDir();
  const reports = join(cwd, 'reports');
  mkdirSync(reports);
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(join(reports, '.zavu-conformance.lock'), JSON.stringify({ pid: Number(gone.stdout), host: hostname(), since: '2026-12-05T23:00:00.000Z' }));
  const store = join(cwd, 'history.jsonl');
  const run = await runCli('conformance-main.js', ['--base-url', `http://127.0.0.1:${await closedPort()}`, '--operation', 'getWhatsAppSyncStatus', '--reports', reports, '--history', store], { cwd, env: { ZAVU_API_KEY: 'zv_test_swapped0123456789' } });
  expect(run.code).toBe(3);
  const said = `the run that started at 2026-12-05T23:00:00.000Z (pid ${gone.stdout} on `;
  expect(run.stdout.split('\n').filter((line) => line.startsWith(`note: ${said}`))).toHaveLength(1);
  expect(readFileSync(store, 'utf8')).toContain(said);
  // The NOT RUN written into that very folder, where its reader looks, says it too.
  expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toContain(`- ${said}`);
  expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toContain(`note: ${said}`);

  // Stopped after its notes were said (the key refused mid-run, exit 2): said once, not again as it stops.
  writeFileSync(join(reports, '.zavu-conformance.lock'), JSON.stringify({ pid: Number(gone.stdout), host: hostname(), since: '2026-12-05T23:00:00.000Z' }));
  const refusing = await startScriptedServer((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"unauthorized","message":"Invalid API key"}'));
  try {
    const stopped = await runCli('conformance-main.js', ['--base-url', refusing.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--reports', reports], { cwd, env: { ZAVU_API_KEY: 'zv_test_swapped0123456789' } });
    expect(stopped.code).toBe(2);
    expect(stopped.stdout.split('\n').filter((line) => line.startsWith(`note: ${said}`))).toHaveLength(1);
  } finally {
    await refusing.close();
  }
});

describe('nothing is sent when the run could not finish, and no earlier verdict survives', () => {
  // SIGHUP too: a closed terminal or an ssh session that dropped is a red gate all the same, never exit 0.
  test.each(INTERRUPTION_SIGNALS)('interrupted by %s mid-run (Ctrl-C, a cancelled CI job, a closed terminal): exit %d, one line, the old reports gone, summary.md says NOT RUN, no scratch files left', async (signal, code) => {
    const cwd = scratchDir();
    // Named with the key: the line that names the folder shows it redacted.
    const reports = join(cwd, 'reports-zv_test_interrupted');
    // An earlier run's verdict, which a step posting summary.md with `if: always()` would post again.
    mkdirSync(reports);
    writeFileSync(join(reports, 'summary.md'), '### Zavu conformance: CONFORMANT\n');
    writeFileSync(join(reports, 'conformance.json'), '{\n  "runInfo": {}\n}\n');
    writeFileSync(join(reports, 'junit.xml'), '<testsuites name="zavu-conformance" tests="1"/>\n');
    // The run's scratch folder (a recording's entries before they are written out) goes where TMPDIR says.
    const tmp = scratchDir('zvc-tmp-');
    // A target that never answers: the run is surely mid-flight, waiting on its first request.
    const hang = await startScriptedServer(() => undefined);
    try {
      const run = spawnCli('conformance-main.js', ['--base-url', hang.baseUrl, '--mode', 'record', '--recordings', join(cwd, 'rec'), '--reports', reports], { cwd, env: { ZAVU_API_KEY: 'zv_test_interrupted', TMPDIR: tmp } });
      await run.firstLine();
      run.child.kill(signal);
      const ended = await run.ended;
      expect(ended.code).toBe(code);
      expectOneLineError(ended.stderr, new RegExp(`interrupted by ${signal} before the verdict \\(.*reports-\\[REDACTED\\]/summary\\.md says NOT RUN; nothing recorded: ${escapeRegex(join(cwd, 'rec'))} left as it was\\)`));
    } finally {
      await hang.close();
    }
    expect(expectOnlyNotRun(reports)).toContain(`interrupted by ${signal}`);
    expect(readdirSync(tmp)).toEqual([]);
    // Made at the start (a folder that cannot be written fails before the first request), and taken back: nothing new is left.
    expect(existsSync(join(cwd, 'rec'))).toBe(false);
  });

  test('started through npm whose process then ended (its shell did not pass SIGTERM on): the run stops as on SIGTERM, exit 143 in NOT RUN, one line', async () => {
    const cwd = scratchDir();
    const reports = join(cwd, 'reports');
    const out = join(cwd, 'run.out');
    const err = join(cwd, 'run.err');
    const hang = await startScriptedServer(() => undefined);
    // The run's parent, as npm's shell is: it starts the run (npm_command set, as npm sets it), says its pid, and is then killed.
    const parentScript = [
      "const { spawn } = require('node:child_process');",
      "const { openSync } = require('node:fs');",
      'const [entry, out, err, ...args] = process.argv.slice(1);',
      "const run = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', openSync(out, 'w'), openSync(err, 'w')], env: { ...process.env, npm_command: 'run-script' } });",
      "process.stdout.write(`${run.pid}\\n`);",
      'setInterval(() => undefined, 1000);',
    ].join('\n');
    const npm = spawn(process.execPath, ['-e', parentScript, join(packageRoot, 'dist/cli/conformance-main.js'), out, err, '--base-url', hang.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--reports', reports], { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: cwd, ZAVU_API_KEY: 'zv_test_orphaned' }, stdio: ['ignore', 'pipe', 'ignore'] });
    let pid = 0;
    try {
      pid = Number(await new Promise<string>((resolve) => npm.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()))));
      const until = async (done: () => boolean): Promise<void> => {
        const deadline = Date.now() + 20_000;
        while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      };
      const said = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');
      // Mid-run (its banner printed, its first request held by the target) when npm goes.
      await until(() => said(out).includes('\n'));
      npm.kill('SIGKILL');
      await until(() => said(err).includes('\n'));
      expectOneLineError(said(err), /^zavu-conformance run: interrupted \(npm, which started it, ended: SIGTERM\) before the verdict \(.*summary\.md says NOT RUN\)$/);
      expect(expectOnlyNotRun(reports)).toContain('Exit code 143:');
    } finally {
      npm.kill('SIGKILL');
      if (pid > 0) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Ended already, as it should have.
        }
      }
      await hang.close();
    }
  });

  test('interrupted after the verdict (waiting for the history store): exit 130, one line, and the reports keep this run\'s verdict', async () => {
    const cwd = scratchDir();
    const store = join(cwd, 'history.jsonl');
    // Held by a live process of this host (this test's): the run waits for it after writing its reports.
    writeFileSync(`${store}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    const run = spawnCli('conformance-main.js', ['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--history', store], { cwd });
    const summary = join(cwd, 'reports', 'summary.md');
    const deadline = Date.now() + 20_000;
    let ended: Awaited<typeof run.ended>;
    try {
      // Interrupted once it waits (it said so): a signal between the verdict and that line, on a
      // loaded machine, would be a test of another moment.
      const waiting = (): boolean => existsSync(summary) && readFileSync(summary, 'utf8').includes('CONFORMANT') && /^history: waiting up to/m.test(run.stdout());
      while (!waiting() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      run.child.kill('SIGINT');
      ended = await run.ended;
    } finally {
      // A run left waiting on the lock by a failed step above does not outlive the test.
      run.child.kill('SIGKILL');
    }
    expect(ended.code).toBe(130);
    expectOneLineError(ended.stderr, /interrupted by SIGINT after the verdict: the reports in .*reports stand; the history store may lack this run$/);
    // The verdict was on the console before the wait, and the wait said whom it was for.
    expect(ended.stdout).toMatch(/^conformance: \d+ passed, 0 failed/m);
    expect(ended.stdout).toMatch(new RegExp(`^history: waiting up to 15 s for .*history\\.jsonl\\.lock, held by pid ${process.pid} on `, 'm'));
    expect(readFileSync(summary, 'utf8')).not.toContain('NOT RUN');
    expect(JSON.parse(readFileSync(join(cwd, 'reports', 'certificate.json'), 'utf8'))).toMatchObject({ level: 'full' });
    expect(existsSync(store)).toBe(false);
  });

  test('an unreachable target after a good run: the old reports are gone, summary.md says NOT RUN', async () => {
    const cwd = scratchDir();
    const good = await runConformanceCli([], {}, cwd);
    expect(good.code).toBe(0);
    const port = await closedPort();
    const down = await runConformanceCli(['--base-url', `http://127.0.0.1:${port}`], { ZAVU_API_KEY: 'zv_test_k' }, cwd);
    expect(down.code).toBe(3);
    expect(expectOnlyNotRun(join(cwd, 'reports'))).toContain('is unreachable');
    // The exit code summary.md gives is the process's: a step reading it must not take 3 for a usage error.
    expect(readFileSync(join(cwd, 'reports', 'summary.md'), 'utf8')).toContain('\nExit code 3: ');
  });

  test('a target that takes connections and answers nothing: exit 3 after the first requests, not exit 1 after every deadline of the run', async () => {
    const cwd = scratchDir();
    const good = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], {}, cwd);
    expect(good.code).toBe(0);
    // Reads every request head and never answers (a hung process, a firewall that accepts and drops).
    const silent = await startRawServer(() => undefined);
    try {
      const run = await runConformanceCli(['--base-url', silent.baseUrl, '--timeout', '300'], { ZAVU_API_KEY: 'zv_test_k', ZAVU_SENDER_COEXISTENCE: 'snd_a' }, cwd);
      expect(run.code).toBe(3);
      expectOneLineError(run.stderr, new RegExp(`^zavu-conformance: ${silent.baseUrl.replace(/[.]/g, '\\.')} accepted connections but answered none of the first 3 requests \\(the last: timeout, .*\\): is it the API, and up\\? \\(a slow one: raise --timeout\\)$`));
      // Said once on the console, not a line per case not sent; the rest of the run sent nothing.
      expect(run.stdout.match(/^ {2}stopped: /gm)).toHaveLength(1);
      expect(silent.requests.length).toBe(3);
      expect(expectOnlyNotRun(join(cwd, 'reports'))).toContain('answered none of the first 3 requests');
    } finally {
      await silent.close();
    }
  });

  test('a target that answers every request 101 Switching Protocols (a WebSocket endpoint): exit 3, the line says it answered with nothing to judge, not asking whether HTTP listens there', async () => {
    const cwd = scratchDir();
    const upgrading = await startRawServer((socket) => socket.end('HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n\r\n'));
    try {
      const run = await runConformanceCli(['--base-url', upgrading.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { ZAVU_API_KEY: 'zv_test_k', ZAVU_SENDER_COEXISTENCE: 'snd_a' }, cwd);
      expect(run.code).toBe(3);
      expectOneLineError(run.stderr, new RegExp(`^zavu-conformance: ${upgrading.baseUrl.replace(/[.]/g, '\\.')} answered the first 3 requests, but with nothing an HTTP client can judge \\(the last: the target answered 101 Switching Protocols \\(Upgrade: websocket\\)`));
      expect(run.stderr).not.toContain('HTTP server listening');
      expect(run.stderr).not.toContain('answered none');
    } finally {
      await upgrading.close();
    }
  });

  test('a target whose answers all go past a bound of the suite (a 70 KiB head): exit 3, the line names the bound and its size, not asking whether HTTP listens there', async () => {
    const cwd = scratchDir();
    const big = await startRawServer((socket) => socket.end(`HTTP/1.1 200 OK\r\nx-big: ${'h'.repeat(70 * 1024)}\r\ncontent-length: 2\r\n\r\n{}`));
    try {
      const run = await runConformanceCli(['--base-url', big.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { ZAVU_API_KEY: 'zv_test_k', ZAVU_SENDER_COEXISTENCE: 'snd_a' }, cwd);
      expect(run.code).toBe(3);
      expectOneLineError(run.stderr, new RegExp(`^zavu-conformance: ${big.baseUrl.replace(/[.]/g, '\\.')} answered, but past a bound the suite keeps to protect itself, so none of the first 3 requests got an answer it could judge \\(the last past the bound of at most 65536 bytes \\(64 KiB\\) of response head\\); the suite keeps its bounds, so the target must answer within them to be judged$`));
      expect(run.stderr).not.toContain('HTTP server listening');
      expect(expectOnlyNotRun(join(cwd, 'reports'))).toContain('past a bound the suite keeps to protect itself');
    } finally {
      await big.close();
    }
  });

  test('a key the target refuses: exit 2 after its first 3 requests with the key, NOT RUN, the key in no output', async () => {
    const cwd = scratchDir();
    const server = await startReferenceServer();
    try {
      const rotated = 'zv_test_rotated0123456789abcdef';
      // Recording: the folders made for the recordings are taken back, as nothing was recorded.
      const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--mode', 'record', '--recordings', 'recs/today'], { ...serverEnv(server), ZAVU_API_KEY: rotated }, cwd);
      expect(run.code).toBe(2);
      expect(existsSync(join(cwd, 'recs'))).toBe(false);
      expectOneLineError(run.stderr, new RegExp(`^zavu-conformance: ${server.baseUrl.replace(/[.]/g, '\\.')} answered 401 to each of the first 3 requests sent with the configured key: is it this target's key \\(--api-key or ZAVU_API_KEY\\), and still valid\\?$`));
      expect(run.stdout.match(/^ {2}stopped: /gm)).toHaveLength(1);
      expect(expectOnlyNotRun(join(cwd, 'reports'))).toContain('answered 401 to each of the first 3 requests');
      expect(run.stdout + run.stderr).not.toContain('rotated0123456789');
    } finally {
      await server.close();
    }
  });

  test("a key the target refuses, inside the GitHub Action (its run step sets ZAVU_CONFORMANCE_ACTION): the line names the action's api-key input", async () => {
    const cwd = scratchDir();
    const server = await startReferenceServer();
    try {
      const rotated = 'zv_test_rotated0123456789abcdef';
      const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus'], { ...serverEnv(server), ZAVU_API_KEY: rotated, ZAVU_CONFORMANCE_ACTION: 'true' }, cwd);
      expect(run.code).toBe(2);
      expectOneLineError(run.stderr, new RegExp(`^zavu-conformance: ${server.baseUrl.replace(/[.]/g, '\\.')} answered 401 to each of the first 3 requests sent with the configured key: is it this target's key \\(the action's api-key input, or ZAVU_API_KEY in the job's env\\), and still valid\\?$`));
      expect(expectOnlyNotRun(join(cwd, 'reports'))).toContain("the action's api-key input");
      expect(run.stdout + run.stderr).not.toContain('rotated0123456789');
    } finally {
      await server.close();
    }
  });

  test('a folder where a report file goes (junit.xml): exit 2 in one line before any request, and the earlier certificate does not stand', async () => {
    const cwd = scratchDir();
    const good = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], {}, cwd);
    expect(good.code).toBe(0);
    const reports = join(cwd, 'reports');
    rmSync(join(reports, 'junit.xml'));
    mkdirSync(join(reports, 'junit.xml'));
    const port = await closedPort();
    // A target that is down: the line must be the folder's, found before the first request is tried.
    const run = await runConformanceCli(['--base-url', `http://127.0.0.1:${port}`, '--operation', 'getWhatsAppSyncStatus'], { ZAVU_API_KEY: 'zv_test_k' }, cwd);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: --reports \S+reports: \S+junit\.xml is not a file \(a folder\?\)/);
    expect(readdirSync(reports).sort()).toEqual(['junit.xml', 'summary.md']);
    expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toContain('NOT RUN');
  });

  test.each([
    ['a bad value', ['--timeout', 'abc'], {}, 'reports'],
    ['an unknown flag, with --reports=DIR', ['--reports=out', '--timout', '5'], {}, 'out'],
    ['a bad shard, with ZAVU_REPORTS_DIR', ['--shard', '5/3'], { ZAVU_REPORTS_DIR: 'env-out' }, 'env-out'],
  ])('%s after a good run: exit 2, and the earlier verdict gives way to NOT RUN (a CI step posting summary.md must not post it)', async (_what, argv, env: Record<string, string>, folder) => {
    const cwd = scratchDir();
    const good = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--reports', folder], {}, cwd);
    expect(good.code).toBe(0);
    const typo = await runConformanceCli(argv, env, cwd);
    expect(typo.code).toBe(2);
    expect(typo.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(expectOnlyNotRun(join(cwd, folder))).toContain(typo.stderr.replace(/^zavu-conformance: |\n$/g, '').slice(0, 20));
  });

  test("a bad setting leaves another tool's reports/summary.md and junit.xml alone", async () => {
    const cwd = scratchDir();
    mkdirSync(join(cwd, 'reports'));
    writeFileSync(join(cwd, 'reports', 'summary.md'), '# Lint summary\n');
    writeFileSync(join(cwd, 'reports', 'junit.xml'), '<testsuites/>');
    const typo = await runConformanceCli(['--operaton', 'x'], {}, cwd);
    expect(typo.code).toBe(2);
    expect(readFileSync(join(cwd, 'reports', 'summary.md'), 'utf8')).toBe('# Lint summary\n');
    expect(readFileSync(join(cwd, 'reports', 'junit.xml'), 'utf8')).toBe('<testsuites/>');
  });

  test("another tool's files in reports/ stop a run before its first request (exit 2), are left as found, and NOT RUN names them", async () => {
    const cwd = scratchDir();
    mkdirSync(join(cwd, 'reports'));
    writeFileSync(join(cwd, 'reports', 'junit.xml'), '<testsuites/>');
    writeFileSync(join(cwd, 'reports', 'conformance.json'), '{"mine":1}');
    const down = await runConformanceCli(['--base-url', `http://127.0.0.1:${await closedPort()}`, '--api-key', 'zv_test_abcdefghijklmnop'], {}, cwd);
    expect(down.code).toBe(2);
    expectOneLineError(down.stderr, /reports\/conformance\.json is not a report of this suite \(another tool's\?\): it is not written over/);
    expect(readFileSync(join(cwd, 'reports', 'junit.xml'), 'utf8')).toBe('<testsuites/>');
    expect(readFileSync(join(cwd, 'reports', 'conformance.json'), 'utf8')).toBe('{"mine":1}');
    expect(readFileSync(join(cwd, 'reports', 'summary.md'), 'utf8')).toMatch(/NOT RUN[\s\S]*`conformance.json`, `junit.xml` left as found/);
  });

  test('a key typed where an argument goes is in neither the error line nor summary.md', async () => {
    const cwd = scratchDir();
    expect((await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], {}, cwd)).code).toBe(0);
    const key = 'zv_test_TypedInTheWrongPlace42';
    const typo = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', `ZAVU_API_KEY=${key}`], { ZAVU_API_KEY: key }, cwd);
    expect(typo.code).toBe(2);
    expectOneLineError(typo.stderr, /unexpected argument "ZAVU_API_KEY=\[REDACTED\]"/);
    expect(expectOnlyNotRun(join(cwd, 'reports'))).not.toMatch(/WrongPlace/i);
  });

  test('a key given without its flag, and no key set anywhere, is in neither the error line nor summary.md: every word of its shape is one', async () => {
    const cwd = scratchDir();
    expect((await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], {}, cwd)).code).toBe(0);
    const key = 'zv_test_SUPERSECRETKEY0123456789abcdef';
    for (const args of [['--operation', 'getWhatsAppSyncStatus', key], ['--operation', key], [`--operation=${key}`]]) {
      const typo = await runConformanceCli(args, {}, cwd);
      expect(typo.code).toBe(2);
      expect(typo.stderr).not.toContain('SUPERSECRET');
      expect(typo.stderr).toContain('[REDACTED]');
      expect(expectOnlyNotRun(join(cwd, 'reports'))).not.toMatch(/SUPERSECRET/i);
    }
    // The command word too, and the mock's argument.
    for (const args of [[key], ['mock', key]]) {
      const run = await runCli('zavu-conformance-main.js', args, { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).not.toContain('SUPERSECRET');
    }
  });

  test('a bad setting where no report was ever written creates nothing', async () => {
    const cwd = scratchDir();
    const typo = await runConformanceCli(['--timeout', 'abc'], {}, cwd);
    expect(typo.code).toBe(2);
    expect(filesUnder(cwd)).toEqual([]);
  });

  test('a live target without a key after a good run: exit 2, the old reports are gone, summary.md says NOT RUN', async () => {
    const cwd = scratchDir();
    expect((await runConformanceCli([], {}, cwd)).code).toBe(0);
    const server = await startReferenceServer();
    try {
      const run = await runConformanceCli(['--base-url', server.baseUrl], {}, cwd);
      expect(run.code).toBe(2);
      expectOneLineError(run.stderr, /no API key for 127\.0\.0\.1:\d+: set ZAVU_API_KEY/);
      expect(expectOnlyNotRun(join(cwd, 'reports'))).toContain('no API key');
    } finally {
      await server.close();
    }
  });

  test('credentials in --base-url: exit 2 saying they do not belong there, and "pw@" is nowhere', async () => {
    const cwd = scratchDir();
    const run = await runConformanceCli(['--base-url', 'http://user:pw@127.0.0.1:1'], { ZAVU_API_KEY: 'zv_test_k' }, cwd);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /credentials/);
    expect(run.stdout + run.stderr).not.toContain('pw@');
    expectNoFileHolds(cwd, 'pw@');
  });

  test('a live target without a key: exit 2 before any request', async () => {
    const server = await startReferenceServer();
    try {
      const run = await runConformanceCli(['--base-url', server.baseUrl]);
      expect(run.code).toBe(2);
      expectOneLineError(run.stderr, /no API key for 127\.0\.0\.1:\d+: set ZAVU_API_KEY/);
      expect(run.stdout).toBe('');
    } finally {
      await server.close();
    }
  });

  test("a live target without a key, inside the GitHub Action (its run step sets ZAVU_CONFORMANCE_ACTION): the line names the action's api-key input", async () => {
    const server = await startReferenceServer();
    try {
      const run = await runConformanceCli(['--base-url', server.baseUrl], { ZAVU_CONFORMANCE_ACTION: 'true' });
      expect(run.code).toBe(2);
      expectOneLineError(run.stderr, /no API key for 127\.0\.0\.1:\d+: set the action's api-key input \(a secret\), or ZAVU_API_KEY in the job's env$/);
    } finally {
      await server.close();
    }
  });

  test.each([
    [['--reports', '/dev/null/x'], /--reports \/dev\/null\/x: cannot write there/],
    [['--mode', 'record', '--recordings', '/dev/null/x'], /--recordings \/dev\/null\/x: cannot write there/],
    // Node's own recursive mkdir loops for ever at full CPU here (the parent exists, the child is ENOENT).
    [['--reports', '/proc/zvc-no-such/reports'], /--reports \/proc\/zvc-no-such\/reports: cannot write there \(the file system there makes no new files or folders \(\/proc, \/sys\), or a folder on the way was removed, ENOENT\)$/],
    [['--history', '/proc/zvc-no-such/history.jsonl'], /--history \/proc\/zvc-no-such\/history\.jsonl: cannot append there \(the file system there makes no new files or folders \(\/proc, \/sys\), or a folder on the way was removed, ENOENT\)$/],
    // Root may write anywhere by the permission bits, and /proc still refuses every new file.
    [['--reports', '/proc'], /--reports \/proc: cannot write there \(the file system there makes no new files or folders \(\/proc, \/sys\), or a folder on the way was removed, ENOENT\)$/],
    [['--history', '/proc/zvc-store.jsonl'], /--history \/proc\/zvc-store\.jsonl: cannot append there \(the file system there makes no new files or folders \(\/proc, \/sys\), or a folder on the way was removed, ENOENT\)$/],
    [['--history', '/dev/null/history.jsonl'], /--history \/dev\/null\/history\.jsonl: cannot append there \(a part of its folder is a file, not a folder\)/],
    [['--reports', `/tmp/${'n'.repeat(300)}/reports`], /: cannot write there \(a name in the path is too long for the file system, ENAMETOOLONG\)$/],
    [['--baseline', 'missing.json'], /missing\.json/],
  ])('%j: exit 2 before any request, no internal error', async (args, pattern) => {
    const run = await runConformanceCli(args);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, pattern);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.stdout).not.toMatch(/ok {3}/);
  });

  test('a history store whose last line the append would refuse is said before any request, the store untouched', async () => {
    const dir = scratchDir();
    const store = join(dir, 'h.jsonl');
    writeFileSync(store, '{"v":1}');
    const run = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--history', store]);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /history store .*h\.jsonl: its last line has no newline and is not a record/);
    expect(run.stdout).not.toMatch(/ok {3}/);
    expect(readFileSync(store, 'utf8')).toBe('{"v":1}');
  });

  test('a history store named in the environment that cannot be appended to is blamed on the variable', async () => {
    const run = await runConformanceCli(['--operation', 'getWhatsAppSyncStatus'], { ZAVU_HISTORY: '/dev/null/h.jsonl' });
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /ZAVU_HISTORY \/dev\/null\/h\.jsonl: cannot append there \(a part of its folder is a file, not a folder\)/);
  });

  test('a setting from the environment is named as such', async () => {
    const run = await runConformanceCli([], { ZAVU_TIMEOUT_MS: 'abc' });
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: ZAVU_TIMEOUT_MS "abc" must be/);
  });

  // A path or id set in the environment and refused once it is used (not when it is parsed) was
  // blamed on the flag: "--operation nope" sent a user who set ZAVU_OPERATION looking through a
  // command line that has no such flag.
  const aFile = (): string => {
    const file = join(scratchDir('zvc-env-blame-'), 'taken');
    writeFileSync(file, 'not a folder');
    return file;
  };
  const readOnly = ['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'];
  const notAReport = (): string => {
    const file = join(scratchDir('zvc-env-blame-baseline-'), 'other.json');
    writeFileSync(file, '{"x":1}');
    return file;
  };
  const noOperations = (): string => {
    const dir = scratchDir('zvc-env-blame-ops-');
    writeFileSync(join(dir, 'families.json'), '{"families":[]}');
    return dir;
  };
  const folderForSummary = (): string => {
    const dir = scratchDir('zvc-env-blame-reports-');
    mkdirSync(join(dir, 'summary.md'));
    return dir;
  };
  test.each([
    ['ZAVU_OPERATION', ['--fuzz-runs', '0'], () => ({ ZAVU_OPERATION: 'nope' }), /^zavu-conformance: ZAVU_OPERATION nope: no such operation in /],
    ['ZAVU_REPORTS_DIR', readOnly, () => ({ ZAVU_REPORTS_DIR: aFile() }), /^zavu-conformance: ZAVU_REPORTS_DIR \S+taken: cannot write there \(it is a file, not a folder\)$/],
    ['ZAVU_BASELINE', readOnly, () => ({ ZAVU_BASELINE: '/nonexistent/conformance.json' }), /^zavu-conformance: ZAVU_BASELINE \/nonexistent\/conformance\.json: no such file/],
    ['ZAVU_OPERATIONS_DIR', readOnly, () => ({ ZAVU_OPERATIONS_DIR: '/nonexistent/operations' }), /^zavu-conformance: ZAVU_OPERATIONS_DIR \/nonexistent\/operations: no such folder$/],
    ['ZAVU_FIXTURES_DIR', readOnly, () => ({ ZAVU_FIXTURES_DIR: '/nonexistent/fixtures' }), /^zavu-conformance: ZAVU_FIXTURES_DIR \/nonexistent\/fixtures: no such folder$/],
    ['ZAVU_RECORDINGS_DIR', readOnly, () => ({ ZAVU_MODE: 'record', ZAVU_RECORDINGS_DIR: aFile() }), /^zavu-conformance: ZAVU_RECORDINGS_DIR \S+taken: cannot write there \(it is a file, not a folder\)$/],
    // Refused later than the path's first check: a file that is no report, a folder of no operations, a folder in a report's place.
    ['ZAVU_BASELINE (not a report)', readOnly, () => ({ ZAVU_BASELINE: notAReport() }), /^zavu-conformance: ZAVU_BASELINE \S+other\.json: not a conformance report/],
    ['ZAVU_OPERATIONS_DIR (no operation folders)', readOnly, () => ({ ZAVU_OPERATIONS_DIR: noOperations() }), /^zavu-conformance: ZAVU_OPERATIONS_DIR \S+: no operation folders \(/],
    ['ZAVU_REPORTS_DIR (a folder in summary.md\'s place)', readOnly, () => ({ ZAVU_REPORTS_DIR: folderForSummary() }), /^zavu-conformance: ZAVU_REPORTS_DIR \S+: \S+summary\.md is not a file/],
  ])('%s refused where it is used is blamed on the variable, not on a flag the command line does not have', async (_name, args, env, pattern) => {
    const run = await runConformanceCli(args, env());
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, pattern);
  });

  test('a stray argument is named once', async () => {
    const run = await runConformanceCli(['extra-arg']);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: unexpected argument "extra-arg": settings are given as --flag value/);
  });
});
