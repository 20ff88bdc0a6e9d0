/**
 * The library entry, as built (dist/, which `npm test` builds first): a run from code resolves to
 * the report and the exit code, writes reports only when asked, prints nothing unless asked, and
 * fails with the CLI's one line and exit code. The packed-package test imports it from a tarball.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFile, execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { hostname } from 'node:os';
import { FOLDER_LOCK } from '../../src/files/lock-file';
import { runInNewContext } from 'node:vm';
import { runOptions } from '../../src/config/options';
import { FLAG_OF, type SenderOptions } from '../../src/library/options';
import type { ReferenceServer } from '../../src/library';
import { seededSenderIds, startReferenceServer as startFaulty } from '../../src/reference-server';
import { forward, passOn, startReferenceProxy } from '../support/reference-proxy';
import { startScriptedServer } from '../support/misbehaving-servers';
import { builtSuiteBuild, repoRoot } from '../support/run-cli';
import { expectNoFileHolds, scratchDir } from '../support/scratch-dir';

/**
 * A user's Jest in a process of its own starts, transforms and runs a conformance run: seconds on
 * an idle machine, more than Jest's default 5 s on a loaded 2-core one.
 */
const USER_JEST_MS = 90_000;

const execFileAsync = promisify(execFile);

const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');
/** Fast runs: the read operation, a short fixed-list negative property, no environment from the shell. */
const quick = { operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, env: {} } as const;
/** A key that errors must never quote (a fake of a sandbox key's shape). */
const KEY = 'zv_test_abcdefghijklmnop';

let server: ReferenceServer;
beforeAll(async () => {
  server = await library.startReferenceServer();
});
afterAll(() => server.close());

test('startReferenceServer resolves to the mock line fields on 127.0.0.1 and an ephemeral port', () => {
  expect(Object.keys(server).sort()).toEqual(['apiKey', 'baseUrl', 'close', 'otherProjectApiKey', 'senders']);
  expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
  expect(server.apiKey).toMatch(/^zv_test_[0-9a-f]{32}$/);
  expect(server.otherProjectApiKey).toMatch(/^zv_test_[0-9a-f]{32}$/);
  expect(server.senders).toEqual(seededSenderIds());
  // Typed as always there, as it always is: a strict caller (exactOptionalPropertyTypes) passes it
  // on to runConformance as the README does, without a `!`. `npm run typecheck` fails otherwise.
  const otherKey: string = server.otherProjectApiKey;
  expect(otherKey).toBe(server.otherProjectApiKey);
});

test("suiteIdentity() says the suite's version and build as a run's runInfo names them: the version of package.json, the build `npm run build` wrote", () => {
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const build = builtSuiteBuild();
  expect(library.suiteIdentity()).toEqual({ suiteVersion: version, suiteBuild: build });
  expect(library.suiteVersion()).toBe(version);
});

test('a replay missing an operation names the recorded ones as one value a caller can pass as it reads, not a flag repeated (`operation a operation b`)', async () => {
  const cwd = scratchDir('zvc-lib-replay-');
  mkdirSync(join(cwd, 'recordings'));
  for (const id of ['startWhatsAppContactsSync', 'startWhatsAppHistorySync']) writeFileSync(join(cwd, 'recordings', `${id}.har`), readFileSync(join(repoRoot, 'recordings', `${id}.har`)));
  const error = await library.runConformance({ env: {}, cwd, mode: 'replay', recordings: 'recordings' }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(library.RecordingError);
  expect((error as Error).message).toMatch(/: no exchange of getWhatsAppSyncStatus was recorded; record it with mode record, or replay only the recorded operations with operation startWhatsAppContactsSync,startWhatsAppHistorySync$/);
});

test('baseUrl takes a WHATWG URL as typed, as the README says: a TypeScript caller writes no cast (`npm run typecheck` fails otherwise)', async () => {
  const options: import('../../src/library').ConformanceOptions = { ...quick, baseUrl: new URL(server.baseUrl), apiKey: server.apiKey, senders: server.senders };
  const { exitCode, report } = await library.runConformance(options);
  expect(exitCode).toBe(0);
  expect(report.runInfo.target).toBe(server.baseUrl);
});

test("startReferenceServer takes the other project's key, as the README says, and that key reads the other project's sender as its owner", async () => {
  const other = await library.startReferenceServer({ otherProjectApiKey: 'zv_test_otherproject0123456789' });
  try {
    expect(other.otherProjectApiKey).toBe('zv_test_otherproject0123456789');
    const read = (key: string) => fetch(`${other.baseUrl}/v1/senders/${other.senders.otherProject}/whatsapp-sync`, { headers: { authorization: `Bearer ${key}` } }).then((res) => res.status);
    expect(await read('zv_test_otherproject0123456789')).toBe(200);
    expect(await read(other.apiKey)).toBe(404);
  } finally {
    await other.close();
  }
});

test('a run from code resolves to the report and exit 0, writes nothing and prints nothing', async () => {
  const cwd = scratchDir('zvc-lib-');
  const write = jest.spyOn(process.stdout, 'write');
  try {
    // Every fixture, the other project's key among them (without it, own-sender-other-project-key is skipped: not full).
    const { report, exitCode, written } = await library.runConformance({ ...quick, baseUrl: server.baseUrl, apiKey: server.apiKey, otherProjectApiKey: server.otherProjectApiKey ?? '', senders: server.senders, cwd });
    expect(exitCode).toBe(0);
    expect(report.summary).toMatchObject({ failed: 0, skipped: 0, errors: 0 });
    expect(report.summary.passed).toBe(report.results.length);
    expect(report.certificate?.level).toBe('full');
    expect(written).toEqual([]);
    expect(write).not.toHaveBeenCalled();
  } finally {
    write.mockRestore();
  }
  expect(readdirSync(cwd)).toEqual([]);
});

test('a run from code leaves no connection open in the user\'s process: its kept-alive sockets are closed with the run', async () => {
  const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
  const before = sockets();
  const { exitCode } = await library.runConformance({ ...quick, baseUrl: server.baseUrl, apiKey: server.apiKey, senders: server.senders, cwd: scratchDir('zvc-lib-') });
  expect(exitCode).toBe(0);
  // The server's side closes once it reads the client's FIN: a few turns of the loop, far below
  // its 5 s keep-alive timeout, which would otherwise hold both ends open.
  let after = sockets();
  for (let i = 0; i < 100 && after > before; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    after = sockets();
  }
  expect(after).toBe(before);
});

test('a shard with no case of the plan (more shards than cases) rejects in one line naming the option (exit 2), and its embedded server is closed with it: nothing left listening in the caller\'s process', async () => {
  const listening = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
  const before = listening();
  const error = (await library.runConformance({ ...quick, shard: '1000/1000' }).then(() => undefined, (e: unknown) => e)) as { exitCode?: number; message?: string } | undefined;
  expect(error?.exitCode).toBe(2);
  expect(error?.message).toMatch(/^shard 1000\/1000: the plan has \d+ cases, fewer than 1000 shards, so this shard has none to run/);
  // The embedded server the run started for its plan: left listening, it kept a user's process (node -e, a script) from ever exiting.
  // Its handle goes a turn or two of the loop after the close: waited for, bounded.
  let after = listening();
  for (let i = 0; i < 100 && after > before; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    after = listening();
  }
  expect(after).toBe(before);
});

test('reports: DIR writes the report files there; out receives the console text', async () => {
  const cwd = scratchDir('zvc-lib-');
  let text = '';
  const { exitCode, written } = await library.runConformance({ ...quick, reports: 'out', cwd, out: (chunk) => (text += chunk) });
  expect(exitCode).toBe(0);
  expect(written.map((file) => file.slice(join(cwd, 'out').length + 1)).sort()).toEqual(['certificate.json', 'conformance.html', 'conformance.json', 'junit.xml', 'summary.md']);
  expect(existsSync(join(cwd, 'out', 'summary.md'))).toBe(true);
  expect(text).toMatch(/against the embedded reference server/);
  expect(text).toMatch(/conformance: \d+ passed, 0 failed/);
});

test('out receives no line a CI runner takes for a workflow command, not even in lines no renderer wrote (a reports folder named with one)', async () => {
  let text = '';
  const { exitCode } = await library.runConformance({ ...quick, reports: 'r\n::error::named ##[set-output name=level]full', cwd: scratchDir('zvc-lib-'), out: (chunk) => (text += chunk) });
  expect(exitCode).toBe(0);
  expect(text.split(/\r\n?|\n/).filter((line) => /^\s*::/.test(line) || line.includes('##['))).toEqual([]);
  expect(text).toContain('\n:\\u003aerror::named ##\\u005bset-output name=level]full/conformance.json');
});

// From code the target is the baseUrl option (a caller has no --base-url to set), and an app's own
// webhook URL under ZAVU_ (where Zavu calls it back) is no target it meant: no note on every run for it.
test("a URL in a variable the run does not read is named in the caller's words (baseUrl); a webhook's or a callback's is not", async () => {
  const note = 'ZAVU_TARGET holds a URL, but the target is read from baseUrl or ZAVU_BASE_URL only: this run certifies the embedded reference server';
  let text = '';
  const noted = await library.runConformance({ ...quick, env: { ZAVU_TARGET: 'https://api.staging.example', ZAVU_WEBHOOK_URL: 'https://app.example/hooks/zavu' }, cwd: scratchDir('zvc-lib-'), out: (chunk) => (text += chunk) });
  expect(noted.report.runInfo.notes).toEqual([note]);
  expect(text.match(/^note: .*/gm)).toEqual([`note: ${note}`]);
  const hooks = await library.runConformance({ ...quick, env: { ZAVU_WEBHOOK_URL: 'https://app.example/hooks/zavu', ZAVU_CALLBACK_URL: 'https://app.example/cb' }, cwd: scratchDir('zvc-lib-') });
  expect(hooks.report.runInfo.notes).toBeUndefined();
  // The refusal of a key with no target says the same in the same words.
  await expect(library.runConformance({ ...quick, apiKey: KEY, env: { ZAVU_TARGET: 'https://api.staging.example' }, cwd: scratchDir('zvc-lib-') })).rejects.toThrow(/^apiKey is set but no target is \(baseUrl and ZAVU_BASE_URL unset or empty; ZAVU_TARGET holds a URL, but the target is read from those only\)/);
});

test('a broken target resolves to exit 1 and the failing case in the report', async () => {
  const broken = await startFaulty({ fault: ({ operationId }) => (operationId === 'getWhatsAppSyncStatus' ? { status: 500, headers: {}, body: '' } : undefined) });
  try {
    const { report, exitCode } = await library.runConformance({ ...quick, baseUrl: broken.baseUrl, apiKey: broken.apiKey, senders: broken.senders });
    expect(exitCode).toBe(1);
    expect(report.summary.failed).toBeGreaterThan(0);
    expect(report.results.find((r) => r.status === 'failed')?.violations.map((v) => v.check)).toContain('not-a-server-error');
  } finally {
    await broken.close();
  }
});

test.each([
  // In the caller's words: the option, not the CLI flag it stands for.
  ['a bad option', { timeoutMs: 0 }, 2, /^timeoutMs "0" must be /],
  ['a base URL that carries the key', { baseUrl: 'http://127.0.0.1:9/zv_test_k0123456789', apiKey: 'zv_test_k0123456789' }, 2, /^baseUrl carries the API key: the key goes only in ZAVU_API_KEY \(or apiKey\)/],
  ['two options that need each other', { allowLiveWrites: true }, 2, /^allowLiveWrites needs allowWrites$/],
  // The caller's own text stays as given: a "--flag" inside a URL, and a value with $' in it.
  ['a URL with a flag-like path', { baseUrl: 'http://127.0.0.1:9/--rate/v1', apiKey: 'zv_test_k' }, 3, /127\.0\.0\.1:9\/--rate\/v1 is unreachable/],
  ['a value with replacement patterns', { shard: "x$'y" }, 2, /^shard "x\$'y": expected i\/n/],
  ['an unknown fixture role', { senders: { noSuchRole: 'snd_x' } as SenderOptions }, 2, /^runConformance: senders\.noSuchRole: no such fixture role \(roles: coexistence, /],
  // A role's value from JavaScript (or a JSON file): a null was a TypeError, a number or [] ran cases with a wrong id or none, '' skipped them.
  ['a role given null', { senders: { noWaba: null } as never }, 2, /^runConformance: senders\.noWaba must be a sender id or a list of them, not null$/],
  ['a role given a number', { senders: { coexistence: 5 } as never }, 2, /^runConformance: senders\.coexistence must be a sender id or a list of them, not number$/],
  ['a role given numbers', { senders: { coexistence: [1] } as never }, 2, /^runConformance: senders\.coexistence must list sender ids, not number$/],
  ['a role given an empty list', { senders: { coexistence: [] } }, 2, /^runConformance: senders\.coexistence is an empty list: give it sender ids or leave it out$/],
  ['a role given an empty id', { senders: { noWaba: '' } }, 2, /^runConformance: senders\.noWaba is empty: give it a sender id or leave it out$/],
  ['a live target without a key', { baseUrl: 'http://127.0.0.1:9' }, 2, /no API key for 127\.0\.0\.1:9/],
  // A mock's author whose mock checks no key has none to set: the line says what to give it.
  ['a mock target without a key', { baseUrl: 'http://127.0.0.1:9', allowWrites: true, mockTarget: true }, 2, /^no API key for 127\.0\.0\.1:9: set ZAVU_API_KEY \(or apiKey\) to the key your mock accepts \(a mock that checks no key: any zv_test_ key; its authentication cases then fail, as the contract requires a key\)$/],
  ['an unreachable target', { baseUrl: 'http://127.0.0.1:9', apiKey: 'zv_test_k' }, 3, /127\.0\.0\.1:9/],
  // A WHATWG URL is the one object a baseUrl may be (fetch takes one): read as its href, not refused.
  ['an unreachable target given as a URL object', { baseUrl: new URL('http://127.0.0.1:9/') as never, apiKey: 'zv_test_k' }, 3, /127\.0\.0\.1:9/],
  // A case slip in an operationId is named with the one meant, as the Jest matchers name it.
  ['an operationId misspelt', { operation: 'getWhatsappSyncStatus' }, 2, /^operation getWhatsappSyncStatus: no such operation in .* \(did you mean getWhatsAppSyncStatus\? there are: getWhatsAppSyncStatus, /],
  // A key with no target, from the environment too (pass env: {} for the embedded server whatever the process has).
  ['a key with no target', { apiKey: 'zv_test_k' }, 2, /^apiKey is set but no target is \(baseUrl and ZAVU_BASE_URL unset or empty\)/],
  ['a key in env with no target', { env: { ZAVU_API_KEY: 'zv_test_k' } }, 2, /^ZAVU_API_KEY is set but no target is/],
  // So are the target's own senders: a fork's pull request without the URL secret must not certify the embedded server.
  ['sender variables with no target', { env: { ZAVU_SENDER_COEXISTENCE: 'snd_mine', ZAVU_SENDER_NO_WABA: 'snd_n' } }, 2, /^ZAVU_SENDER_COEXISTENCE, ZAVU_SENDER_NO_WABA are set but no target is \(baseUrl and ZAVU_BASE_URL unset or empty\): the run would certify the embedded reference server with its own senders/],
  // What TypeScript would catch, from JavaScript: each would otherwise be ignored, and the run certify less than asked.
  ['a misspelt option', { timeout: 5000 } as never, 2, /^runConformance: unknown option "timeout" \(did you mean timeoutMs\? the options: baseUrl, apiKey, /],
  ['a switch given text', { allowWrites: 'yes' } as never, 2, /^runConformance: allowWrites must be true or false, not "yes"$/],
  // JSON.stringify of a function is undefined ("not undefined", of a switch that was given one), and of a BigInt a TypeError with no exit code.
  ['a switch given a function', { allowWrites: (() => true) as never }, 2, /^runConformance: allowWrites must be true or false, not function$/],
  ['a switch given NaN', { allowFlaky: NaN as never }, 2, /^runConformance: allowFlaky must be true or false, not NaN$/],
  ['a switch given a BigInt', { mockTarget: 1n as never }, 2, /^runConformance: mockTarget must be true or false, not bigint$/],
  ['an empty list of operations', { operation: [] }, 2, /^runConformance: operation is an empty list/],
  ['an empty reports folder (the working folder, as an empty flag would be)', { reports: '' }, 2, /^runConformance: reports is empty/],
  ['out that is no function', { out: 'x' } as never, 2, /^runConformance: out must be a function/],
  // A value option given a switch's value: reports: false wrote the reports to reports/ (the bare flag), null to a folder "null".
  ['reports: false', { reports: false } as never, 2, /^runConformance: reports takes a value, not false: leave it out to write no report files$/],
  ['reports: true', { reports: true } as never, 2, /^runConformance: reports takes a value, not true: leave it out to write no report files$/],
  ['a value option given null', { baseUrl: null } as never, 2, /^runConformance: baseUrl takes a value, not null: give it a value or leave it out$/],
  ['env: null', { env: null } as never, 2, /^runConformance: env must be an object, not null$/],
  // A value option takes text (or a number, as its flag's text): a function not called (apiKey: getKey)
  // went out as its source in the Authorization header, and the 401s were blamed on the key.
  ['a key given a function', { baseUrl: 'http://127.0.0.1:9', apiKey: (() => 'zv_test_k') as never }, 2, /^runConformance: apiKey must be a string, not function$/],
  ['a value option given an object', { shard: { index: 1, total: 2 } } as never, 2, /^runConformance: shard must be a string, not object$/],
  ['a value option given a list', { shard: [1, 2] } as never, 2, /^runConformance: shard must be a string, not an array$/],
  ['an operation given an object', { operation: { operationId: 'getWhatsAppSyncStatus' } } as never, 2, /^runConformance: operation must be an operationId or a list of them, not object$/],
  ['operations given as numbers', { operation: ['getWhatsAppSyncStatus', 5] } as never, 2, /^runConformance: operation must list operationIds, not number$/],
  // A key is text: a number is none, and the rejection's scrub (which knows the keys given as text)
  // missed it, so a line quoting the base URL's path quoted the key ("…/k/12345678").
  ['a key given a number', { baseUrl: 'http://127.0.0.1:9/k/12345678?x=1', apiKey: 12345678 as never }, 2, /^runConformance: apiKey must be a string, not number$/],
  // A boxed String (new String(…)) is an object: refused, and named for what it is, not as "object" beside "must be a string".
  ['a key given a String object', { baseUrl: 'http://127.0.0.1:9', apiKey: new String('zv_test_k') as never }, 2, /^runConformance: apiKey must be a string, not a String object$/],
  // A folder is text: reports: 42 wrote the reports into a folder named "42".
  ['a folder given a number', { reports: 42, cwd: scratchDir('zvc-lib-') } as never, 2, /^runConformance: reports must be a string, not a number$/],
  ['a form given a number', { shard: 1 } as never, 2, /^runConformance: shard must be a string, not a number$/],
  ['a value option given a Number object', { timeoutMs: new Number(5000) as never }, 2, /^runConformance: timeoutMs must be a string or a number, not a Number object$/],
  // The environment's settings are text too: a function there threw a TypeError (no exit code) as it was trimmed.
  ['a key in env given a function', { baseUrl: 'http://127.0.0.1:9', env: { ZAVU_API_KEY: (() => KEY) as never } }, 2, /^runConformance: env\.ZAVU_API_KEY must be a string, not function$/],
  ['a setting in env given a number', { baseUrl: 'http://127.0.0.1:9/k/12345678?x=1', env: { ZAVU_API_KEY: 12345678 as never } }, 2, /^runConformance: env\.ZAVU_API_KEY must be a string, not number$/],
  // As the CLI's empty flag (--operation ","): the split ids were none, and the run certified every operation.
  ['operation given a list of nothing', { baseUrl: 'http://127.0.0.1:9', apiKey: 'zv_test_k', operation: [''] }, 2, /^runConformance: operation is empty: give it a value or leave it out$/],
  ['operation given a list with a blank id', { baseUrl: 'http://127.0.0.1:9', apiKey: 'zv_test_k', operation: ['getWhatsAppSyncStatus', ' '] }, 2, /^runConformance: operation is empty: give it a value or leave it out$/],
  ['operation given only commas', { baseUrl: 'http://127.0.0.1:9', apiKey: 'zv_test_k', operation: ' , ' }, 2, /^runConformance: operation is empty: give it a value or leave it out$/],
  // The CLI's line names the variable; from code, the option beside it.
  ['a base URL with credentials', { baseUrl: 'http://user:pw@127.0.0.1:9' }, 2, /^baseUrl must not carry credentials \(user:password@\): the API key goes in ZAVU_API_KEY \(or apiKey\), http:\/\/127\.0\.0\.1:9\/$/],
])('%s rejects with the exit code and one line', async (_name, options, exitCode, message) => {
  const error = (await library.runConformance({ ...quick, ...options }).then(
    () => undefined,
    (e: unknown) => e,
  )) as InstanceType<typeof library.ConformanceError> | undefined;
  expect(error).toBeInstanceOf(library.ConformanceError);
  expect(error?.exitCode).toBe(exitCode);
  expect(error?.message).toMatch(message);
  expect(error?.message).not.toContain('\n');
});

test("a damaged recording rejects with the CLI's line: one line, inert (no control character, bidi override or workflow command), at most 1,000 characters saying how many more, still a RecordingError with exit code 2", async () => {
  const rejection = async (dir: string): Promise<InstanceType<typeof library.ConformanceError> | undefined> => {
    // A file name a hostile branch may hold.
    writeFileSync(join(dir, 'x\u001b[2J\u202e##[set-output name=a]b.har'), 'not json');
    const error = (await library.runConformance({ ...quick, mode: 'replay', recordings: dir }).then(() => undefined, (e: unknown) => e)) as InstanceType<typeof library.ConformanceError> | undefined;
    expect(error).toBeInstanceOf(library.ConformanceError);
    expect(error?.name).toBe('RecordingError');
    expect(error?.exitCode).toBe(2);
    expect(`${error?.message}\n${error?.stack}`).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]|##\[/);
    return error;
  };
  const near = scratchDir('zvc-lib-');
  expect((await rejection(near))?.message).toBe(`${near}/x\\u001b[2J\\u202e##\\u005bset-output name=a]b.har: not valid JSON at line 1 column 2 (offset 1): Unexpected token 'o'`);
  // A folder deep enough that the line naming the file passes the bound.
  let deep = scratchDir('zvc-lib-');
  for (let i = 0; i < 6; i += 1) deep = join(deep, 'd'.repeat(200));
  mkdirSync(deep, { recursive: true });
  expect((await rejection(deep))?.message).toMatch(/^\/.{999}… \(\d+ more characters\)$/);
});

test.each([
  ['shard', { shard: KEY }],
  ['minCoverage', { minCoverage: KEY }],
  ['timeoutMs', { timeoutMs: KEY } as never],
  ['allowWrites', { allowWrites: KEY } as never],
  ['an unknown option named by the key', { [KEY]: 1 } as never],
  ['a fixture role named by the key', { senders: { [KEY]: 'snd_x' } as SenderOptions }],
])('the key given in the wrong place (%s) is redacted from the error, its message and stack, as from the CLI\'s line', async (_where, options) => {
  for (const keyed of [{ apiKey: KEY, baseUrl: 'http://127.0.0.1:9' }, { env: { ZAVU_API_KEY: KEY, ZAVU_BASE_URL: 'http://127.0.0.1:9' } }, {}]) {
    const error = (await library.runConformance({ ...quick, ...keyed, ...options }).then(() => undefined, (e: unknown) => e)) as InstanceType<typeof library.ConformanceError> | undefined;
    expect(error).toBeInstanceOf(library.ConformanceError);
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toContain('[REDACTED]');
    expect(`${error?.message}\n${error?.stack}`).not.toMatch(/abcdefghijklmnop/i);
  }
});

test("the other project's key (ZAVU_OTHER_PROJECT_API_KEY of env) given in the wrong place is redacted from the error too, though not shaped like a Zavu key", async () => {
  // Only the variable tells the library it is a secret: no Zavu key shape gives it away.
  const other = 'OtherProjectCanary9f8e7d6c';
  const error = (await library.runConformance({ ...quick, env: { ZAVU_BASE_URL: 'http://127.0.0.1:9', ZAVU_API_KEY: KEY, ZAVU_OTHER_PROJECT_API_KEY: other }, shard: other }).then(() => undefined, (e: unknown) => e)) as Error | undefined;
  expect(error?.message).toMatch(/^shard "\[REDACTED\]": expected i\/n/);
  expect(`${error?.message}\n${error?.stack}`).not.toContain(other);
});

test("a bad option retracts the earlier verdict in the reports folder it names, as a bad flag does: summary.md says NOT RUN", async () => {
  const cwd = scratchDir('zvc-lib-');
  expect((await library.runConformance({ ...quick, reports: 'out', cwd })).exitCode).toBe(0);
  // A key given in the wrong place is quoted by the error: the summary gets the redacted line.
  const error = (await library.runConformance({ ...quick, reports: 'out', cwd, shard: KEY }).then(() => undefined, (e: unknown) => e)) as Error | undefined;
  expect(error?.message).toMatch(/^shard "\[REDACTED\]": expected i\/n/);
  expect(readdirSync(join(cwd, 'out')).sort()).toEqual(['junit.xml', 'summary.md']);
  const summary = readFileSync(join(cwd, 'out', 'summary.md'), 'utf8');
  expect(summary).toMatch(/^### Zavu conformance: NOT RUN\n\n`shard "\[REDACTED\]": expected i\/n/);
  expect(readFileSync(join(cwd, 'out', 'junit.xml'), 'utf8')).toContain('<error message="shard &quot;[REDACTED]&quot;: expected i/n');
  expect(summary).not.toContain('abcdefghijklmnop');
  // A folder of another tool's (no summary.md of this suite) is left as found, and none is made.
  const theirs = scratchDir('zvc-lib-');
  writeFileSync(join(theirs, 'summary.md'), '# their summary\n');
  await library.runConformance({ ...quick, reports: theirs, timeoutMs: 0 }).catch(() => undefined);
  expect(readFileSync(join(theirs, 'summary.md'), 'utf8')).toBe('# their summary\n');
  await library.runConformance({ ...quick, reports: 'never-made', cwd, timeoutMs: 0 }).catch(() => undefined);
  expect(existsSync(join(cwd, 'never-made'))).toBe(false);
});

test('a misspelt setting in env is refused as the CLI refuses it, writing nothing: no reports folder for a run that never began', async () => {
  const cwd = scratchDir('zvc-lib-');
  const error = (await library.runConformance({ ...quick, reports: 'out', cwd, env: { ZAVU_REPORT_DIR: 'elsewhere' } }).then(() => undefined, (e: unknown) => e)) as InstanceType<typeof library.ConformanceError> | undefined;
  expect(error?.exitCode).toBe(2);
  expect(error?.message).toMatch(/^ZAVU_REPORT_DIR is no setting of the suite, so it would be ignored: did you mean ZAVU_REPORTS_DIR\?/);
  expect(readdirSync(cwd)).toEqual([]);
});

test("a bad option keeps the baseline the run's environment names in that folder (ZAVU_BASELINE), as the CLI does: it is the user's", async () => {
  const cwd = scratchDir('zvc-lib-');
  expect((await library.runConformance({ ...quick, reports: 'out', cwd })).exitCode).toBe(0);
  const baseline = readFileSync(join(cwd, 'out', 'conformance.json'), 'utf8');
  await expect(library.runConformance({ ...quick, reports: 'out', cwd, env: { ZAVU_BASELINE: 'out/conformance.json' }, shard: 'x' })).rejects.toThrow(/^shard "x"/);
  expect(readFileSync(join(cwd, 'out', 'conformance.json'), 'utf8')).toBe(baseline);
  expect(readFileSync(join(cwd, 'out', 'summary.md'), 'utf8')).toMatch(/^### Zavu conformance: NOT RUN\n[\s\S]*`conformance.json` kept/);
});

test('a cwd that is not there rejects, and no folder is made for the reports under it', async () => {
  const missing = join(scratchDir('zvc-lib-'), 'missing');
  const error = (await library.runConformance({ ...quick, cwd: missing, reports: 'out' }).then(() => undefined, (e: unknown) => e)) as InstanceType<typeof library.ConformanceError> | undefined;
  expect(error).toBeInstanceOf(library.ConformanceError);
  expect(error?.exitCode).toBe(2);
  expect(error?.message).toBe(`runConformance: cwd ${missing} is not a folder`);
  expect(existsSync(missing)).toBe(false);
});

test("the renamed error's stack starts with the renamed line, a caller's $' and $& kept as they are", async () => {
  const error = (await library.runConformance({ ...quick, shard: "x$'y$&" }).then(() => undefined, (e: unknown) => e)) as Error;
  expect(error.message).toMatch(/^shard "x\$'y\$&": /);
  expect(error.stack?.split('\n')[0]).toBe(`${error.name}: ${error.message}`);
});

test.each([
  ['null', null],
  ['a string', 'getWhatsAppSyncStatus'],
])('options that are %s reject with one line, not a TypeError', async (_what, options) => {
  const error = (await library.runConformance(options as never).then(() => undefined, (e: unknown) => e)) as InstanceType<typeof library.ConformanceError> | undefined;
  expect(error).toBeInstanceOf(library.ConformanceError);
  expect(error?.message).toMatch(/^runConformance: the options must be an object, not (null|string)$/);
});

test.each([
  [{ port: 'abc' }, /^startReferenceServer: port must be a whole number from 0 to 65535, not "abc"$/],
  // A number as it reads: JSON says NaN and Infinity are null, which is not what the caller passed.
  [{ port: Number.NaN }, /^startReferenceServer: port must be a whole number from 0 to 65535, not NaN$/],
  [{ port: Number.POSITIVE_INFINITY }, /^startReferenceServer: port must be a whole number from 0 to 65535, not Infinity$/],
  [{ apiKey: 123 }, /^startReferenceServer: apiKey must be a non-empty string/],
  [{ prot: 4010 }, /^startReferenceServer: unknown option "prot" \(did you mean port\? /],
  [{ otherProjectApiKey: '' }, /^startReferenceServer: otherProjectApiKey must be a non-empty string, not an empty one$/],
  [{ apiKey: KEY, otherProjectApiKey: KEY }, /^startReferenceServer: otherProjectApiKey must be another key than apiKey/],
  [null, /^startReferenceServer: the options must be an object, not null$/],
])('startReferenceServer(%j) rejects with one line (a text port listened on a UNIX socket of that name)', async (options, message) => {
  await expect(library.startReferenceServer(options as never)).rejects.toThrow(message);
  await expect(library.startReferenceServer(options as never)).rejects.toBeInstanceOf(library.ConformanceError);
});

test('startReferenceServer on a port already taken rejects with the mock command\'s one line, a ConformanceError (exit 2), not Node\'s bare listen error', async () => {
  const port = Number(new URL(server.baseUrl).port);
  const refused = (await library.startReferenceServer({ port }).then(() => undefined, (e: unknown) => e)) as InstanceType<typeof library.ConformanceError> | undefined;
  expect(refused).toBeInstanceOf(library.ConformanceError);
  expect(refused?.exitCode).toBe(2);
  expect(refused?.message).toBe(`startReferenceServer: cannot listen on 127.0.0.1:${port}: the port is already in use (EADDRINUSE)`);
  // As documented, and typed (no cast): the listen error's code, for a caller that retries on another port.
  expect(refused?.code).toBe('EADDRINUSE');
});

test('the API key never enters the process environment: the engine holds it, in memory', async () => {
  // Looked at while the suite sends its requests, which is when the key used to travel through process.env.
  let requests = 0;
  let keyInEnv = false;
  const proxy = await startReferenceProxy({ ...server, otherProjectKeys: {} }, (res, upstream) => {
    requests += 1;
    keyInEnv ||= Object.values(process.env).includes(server.apiKey);
    passOn(res, upstream);
  });
  try {
    const { exitCode } = await library.runConformance({ ...quick, baseUrl: proxy.baseUrl, apiKey: server.apiKey, senders: server.senders, cwd: scratchDir('zvc-lib-') });
    expect(exitCode).toBe(0);
    expect(requests).toBeGreaterThan(0);
    expect(keyInEnv).toBe(false);
  } finally {
    await proxy.close();
  }
});

test("a run leaves the caller's JEST_WORKER_ID and Error.stackTraceLimit as it found them: a user's Jest worker 3 stays worker 3", async () => {
  // Jest's in-band runner sets JEST_WORKER_ID to 1 and Error.stackTraceLimit to 100 for good; a
  // user's parallel worker that picks its port or database by its id then took worker 1's.
  const before = { worker: process.env['JEST_WORKER_ID'], limit: Error.stackTraceLimit };
  process.env['JEST_WORKER_ID'] = '3';
  Error.stackTraceLimit = 17;
  try {
    const { exitCode } = await library.runConformance(quick);
    expect(exitCode).toBe(0);
    expect({ worker: process.env['JEST_WORKER_ID'], limit: Error.stackTraceLimit }).toEqual({ worker: '3', limit: 17 });
  } finally {
    if (before.worker === undefined) delete process.env['JEST_WORKER_ID'];
    else process.env['JEST_WORKER_ID'] = before.worker;
    Error.stackTraceLimit = before.limit;
  }
});

test("a run from a user's own Node script (no Jest of its own) adds no JEST_WORKER_ID to its environment and keeps its stack trace limit", async () => {
  // Many libraries read JEST_WORKER_ID to tell a test from production: set for good, it changed the user's process.
  const script = `const library = require(${JSON.stringify(join(repoRoot, 'dist/library'))});
    library.runConformance(${JSON.stringify(quick)}).then(({ exitCode }) => console.log(JSON.stringify({ exitCode, worker: process.env.JEST_WORKER_ID ?? null, limit: Error.stackTraceLimit, jestMarks: Object.getOwnPropertySymbols(globalThis).map(String).filter((name) => name.includes('jest')) })));`;
  const { stdout } = await execFileAsync(process.execPath, ['-e', script], { cwd: scratchDir('zvc-lib-'), env: { PATH: process.env['PATH'] ?? '' } });
  // Nor Jest's globals-cleanup mode on its global: the script's own Jest, started later with another mode, was told it is already set.
  expect(JSON.parse(stdout) as unknown).toEqual({ exitCode: 0, worker: null, limit: 10, jestMarks: [] });
}, USER_JEST_MS);

test("a run under a faked Date (the caller's fake timers, the clock alone faked) stamps its report with real time, not the fake one", async () => {
  // Date as no fake of this realm reaches it: the engine's own, of a new realm.
  const realNow = (): number => runInNewContext('Date.now()') as number;
  // 2099: the run took every lock and cache entry it judged by the clock for stale, and stamped the night then.
  jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'], now: Date.UTC(2099, 0, 1) });
  let stamps: string[];
  const before = realNow();
  try {
    const { report } = await library.runConformance(quick);
    stamps = [report.runInfo.startedAt, report.runInfo.finishedAt];
  } finally {
    jest.useRealTimers();
  }
  const after = realNow();
  for (const stamp of stamps) {
    expect(Date.parse(stamp)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(stamp)).toBeLessThanOrEqual(after);
  }
});

test("a recording made under a faked Date stamps its exchanges with real time: the answers' own times are judged against when each request left", async () => {
  // The transport runs on the caller's realm: the sent times a start's requestedAt is judged
  // between (model-based/requested-during.ts) were the fake's, a day in 2099 beside the target's real clock.
  const cwd = scratchDir('zvc-lib-');
  jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'], now: Date.UTC(2099, 0, 1) });
  try {
    expect((await library.runConformance({ ...quick, cwd, mode: 'record' })).exitCode).toBe(0);
  } finally {
    jest.useRealTimers();
  }
  const har = readdirSync(join(cwd, 'recordings')).map((name) => readFileSync(join(cwd, 'recordings', name), 'utf8')).join('');
  expect(har).toContain('"startedDateTime"');
  expect(har).not.toContain('2099-');
});

test("fake timers of a plain Node script (@sinonjs/fake-timers, no Jest) are refused in words that name them, not as a Jest test's", async () => {
  const script = `const library = require(${JSON.stringify(join(repoRoot, 'dist/library'))});
    const clock = require(${JSON.stringify(join(repoRoot, 'node_modules/@sinonjs/fake-timers'))}).install({ toFake: ['setTimeout', 'setImmediate'] });
    library.runConformance(${JSON.stringify(quick)}).then(() => console.log('ran'), (e) => { clock.uninstall(); console.log(JSON.stringify({ exitCode: e.exitCode, message: e.message })); });`;
  const { stdout } = await execFileAsync(process.execPath, ['-e', script], { cwd: scratchDir('zvc-lib-'), env: { PATH: process.env['PATH'] ?? '' } });
  const refused = JSON.parse(stdout) as { exitCode: number; message: string };
  expect(refused.exitCode).toBe(2);
  expect(refused.message).not.toContain('in this test');
  expect(refused.message).toMatch(/^runConformance: fake timers hold setTimeout, setImmediate still \(jest\.useFakeTimers\(\) or @sinonjs\/fake-timers' install\(\)\).*clock\.uninstall\(\).*shouldAdvanceTime: true/);
});

test("an out callback that throws: the run rejects with a UsageError naming the callback, its cause the callback's own error, and exit code 2 as summary.md's NOT RUN says", async () => {
  const reports = join(scratchDir('zvc-lib-'), 'reports');
  const thrown = new Error('log sink full');
  let calls = 0;
  const error = await library.runConformance({ ...quick, reports, out: () => { calls += 1; throw thrown; } }).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(library.UsageError);
  expect(error).toMatchObject({ exitCode: 2, message: 'runConformance: its out callback threw: log sink full', cause: thrown });
  // Once broken, the callback is not called again (the notes of a stop would throw once more).
  expect(calls).toBe(1);
  const summary = readFileSync(join(reports, 'summary.md'), 'utf8');
  expect(summary).toContain('runConformance: its out callback threw: log sink full');
  expect(summary).toContain('Exit code 2:');
});

test("an out callback that throws is not called again on the stop's way out: the notes after it would have thrown once more, before summary.md said NOT RUN", async () => {
  // A dead run's lock in the reports folder: its note is said on the stop's way out when the banner threw first.
  const reports = join(scratchDir('zvc-lib-'), 'reports');
  mkdirSync(reports, { recursive: true });
  const gone = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
  writeFileSync(join(reports, FOLDER_LOCK), JSON.stringify({ pid: gone, host: hostname(), since: new Date(Date.now() - 3_600_000).toISOString() }));
  let calls = 0;
  const error = await library.runConformance({ ...quick, reports, out: () => { calls += 1; throw new Error('log sink full'); } }).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(library.UsageError);
  expect(calls).toBe(1);
  expect(readFileSync(join(reports, 'summary.md'), 'utf8')).toContain('runConformance: its out callback threw: log sink full');
});

test("an out callback that throws on a stopped night's record line leaves the stop as it was: the run rejects with the stop (exit 3), as summary.md says", async () => {
  const cwd = scratchDir('zvc-lib-');
  const error = await library.runConformance({ ...quick, cwd, reports: 'reports', history: 'history.jsonl', baseUrl: 'http://127.0.0.1:9', apiKey: 'zv_test_k', out: () => { throw new Error('log sink full'); } }).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(library.UnreachableError);
  expect(error).toMatchObject({ exitCode: 3 });
  expect(readFileSync(join(cwd, 'reports', 'summary.md'), 'utf8')).toContain('Exit code 3:');
});

test('runs started together are queued: both reach their verdict', async () => {
  const options = { ...quick, baseUrl: server.baseUrl, apiKey: server.apiKey, senders: server.senders };
  const [a, b, c] = await Promise.all([library.runConformance(options), library.runConformance({ ...options, baseUrl: 'http://127.0.0.1:9' }).catch((e: unknown) => e), library.runConformance(options)]);
  expect(a.exitCode).toBe(0);
  expect((b as { exitCode: number }).exitCode).toBe(3);
  expect(c.exitCode).toBe(0);
});

test('every flag of the run command has an option, and every option is a flag', () => {
  const flags = runOptions.map((o) => o.flag).filter((flag) => flag !== 'help' && flag !== 'version');
  expect(Object.values(FLAG_OF).sort()).toEqual([...flags].sort());
});

test("the README's list of runConformance's options names every one of them", () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const bullet = readme.slice(readme.indexOf('- `runConformance(options)` is the CLI\'s run'), readme.indexOf('checked by the same code'));
  expect(Object.keys(FLAG_OF).filter((option) => option !== 'reports' && !bullet.includes(`\`${option}\``))).toEqual([]);
});

test("runs from code with the cache off leave no folder of Jest's behind, each run's removed as it ends (a user's Jest process runs many)", async () => {
  // Its own process: TMPDIR and ZAVU_CACHE as the library reads them (a Jest sandbox's process.env is a copy).
  const tmp = scratchDir('zvc-lib-tmp-');
  const script = `
    const library = require(${JSON.stringify(join(repoRoot, 'dist/library'))});
    const { readdirSync } = require('node:fs');
    (async () => {
      const left = [];
      for (let run = 0; run < 2; run++) {
        const { exitCode } = await library.runConformance({ baseUrl: ${JSON.stringify(server.baseUrl)}, apiKey: ${JSON.stringify(server.apiKey)}, senders: ${JSON.stringify(server.senders)}, operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, env: {} });
        left.push([exitCode, readdirSync(process.env.TMPDIR).filter((name) => name.startsWith('zavu-conformance-jest-'))]);
      }
      process.stdout.write(JSON.stringify(left));
    })();`;
  const { stdout } = await execFileAsync(process.execPath, ['-e', script], { env: { PATH: process.env['PATH'] ?? '', TMPDIR: tmp, ZAVU_CACHE: '0' }, cwd: scratchDir('zvc-lib-'), timeout: 60_000 });
  expect(JSON.parse(stdout)).toEqual([
    [0, []],
    [0, []],
  ]);
});

describe("otherProjectApiKey: the other project's key as an option, as ZAVU_OTHER_PROJECT_API_KEY is to the CLI", () => {
  /** The starts to the other project's sender, whose reads around them use that project's own key. */
  const crossProject = { operation: 'startWhatsAppContactsSync', fuzzRuns: 0, allowWrites: true, mockTarget: true, env: {} } as const;

  test('with it, the cross-project cases read that sender as its owner does and pass; the key is in no result, line or file', async () => {
    const other = server.otherProjectApiKey;
    if (other === undefined) throw new Error('the reference server made no other project key');
    const cwd = scratchDir('zvc-lib-');
    let printed = '';
    const { report, exitCode, written } = await library.runConformance({ ...crossProject, baseUrl: server.baseUrl, apiKey: server.apiKey, otherProjectApiKey: other, senders: server.senders, reports: 'out', cwd, out: (text) => (printed += text) });
    expect(exitCode).toBe(0);
    const owned = report.results.filter((r) => r.steps?.some((s) => /read-owner-(before|after)$/.test(s.id)));
    expect(owned.map((r) => r.id)).toEqual(expect.arrayContaining(['startWhatsAppContactsSync/other-project-sender']));
    for (const result of owned) expect([result.id, result.status]).toEqual([result.id, 'passed']);
    // Every read-owner step was sent with that key and answered as its owner sees the sender.
    expect(owned.flatMap((r) => r.steps ?? []).filter((s) => /read-owner-/.test(s.id)).map((s) => s.status)).not.toContain('failed');
    expect(printed).not.toContain('ZAVU_OTHER_PROJECT_API_KEY is not set');
    expect(written.length).toBeGreaterThan(0);
    expect(JSON.stringify(report)).not.toContain(other);
    expect(printed).not.toContain(other);
    expectNoFileHolds(join(cwd, 'out'), other);
    // The same run without it leaves those reads out, and says so: the option is what turned them on.
    let without = '';
    const unread = await library.runConformance({ ...crossProject, baseUrl: server.baseUrl, apiKey: server.apiKey, senders: server.senders, out: (text) => (without += text) });
    expect(without).toContain('ZAVU_OTHER_PROJECT_API_KEY is not set');
    expect(unread.report.results.flatMap((r) => r.steps ?? []).filter((s) => /read-owner-/.test(s.id))).toEqual([]);
  });

  const OTHER = 'zv_test_otherproject0123456789';
  test.each([
    ['the API key itself', () => ({ otherProjectApiKey: 'SameKeyCanary7a6b5c4d', apiKey: 'SameKeyCanary7a6b5c4d', baseUrl: 'http://127.0.0.1:9' }), 'SameKeyCanary7a6b5c4d', /^otherProjectApiKey is the same key as the API key/],
    ['with no baseUrl', () => ({ otherProjectApiKey: OTHER }), OTHER, /^otherProjectApiKey is set but no target is/],
    ['carried by the URL', () => ({ otherProjectApiKey: OTHER, apiKey: KEY, baseUrl: `http://127.0.0.1:9/${OTHER}` }), OTHER, /^the base URL carries otherProjectApiKey/],
    ['not a string', () => ({ otherProjectApiKey: 42 as unknown as string }), undefined, /^runConformance: otherProjectApiKey must be a non-empty string/],
    // Not shaped like a Zavu key: only the option tells the library it is a secret.
    ['quoted by another option\'s refusal', () => ({ otherProjectApiKey: 'OtherProjectCanary9f8e7d6c', apiKey: KEY, baseUrl: 'http://127.0.0.1:9', shard: 'OtherProjectCanary9f8e7d6c' }), 'OtherProjectCanary9f8e7d6c', /^shard "\[REDACTED\]": expected i\/n/],
  ])('refused as the variable is (%s): exit 2, one line naming the option, the key in neither message nor stack', async (_what, options, secret, pattern) => {
    const error = (await library.runConformance({ ...quick, ...options() }).then(() => undefined, (e: unknown) => e)) as InstanceType<typeof library.ConformanceError> | undefined;
    expect(error).toBeInstanceOf(library.ConformanceError);
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(pattern);
    if (secret !== undefined) expect(`${error?.message}\n${error?.stack}`).not.toContain(secret);
  });

  // The roles given as `senders` are options too: a refusal of theirs names them as the caller
  // wrote them, not the ZAVU_SENDER_* variables they stand for, which the caller never set.
  test.each([
    ['a role bound to a sender of another role', () => ({ baseUrl: server.baseUrl, apiKey: server.apiKey, senders: { ...server.senders, otherProject: server.senders.noWaba } }), /^senders\.otherProject "snd_sms_no_waba" is also senders\.noWaba: it must be a sender of another project/],
    ['the other project\'s key is the API key', () => ({ baseUrl: 'http://127.0.0.1:9', apiKey: 'SameKeyCanary7a6b5c4d', otherProjectApiKey: 'SameKeyCanary7a6b5c4d', senders: { otherProject: 'snd_x' } }), /^otherProjectApiKey is the same key as the API key: it must be the key of the project senders\.otherProject belongs to/],
  ])('a refusal about a sender role given as senders names senders.<role> (%s)', async (_what, options, pattern) => {
    const error = (await library.runConformance({ ...quick, ...options() }).then(() => undefined, (e: unknown) => e)) as InstanceType<typeof library.ConformanceError> | undefined;
    expect(error).toBeInstanceOf(library.ConformanceError);
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(pattern);
    expect(error?.message).not.toMatch(/ZAVU_SENDER_/);
  });

  test('sent on reads of the other project\'s sender, and on starts only where the run writes: the writable sender and a fresh id that names no sender', async () => {
    const other = server.otherProjectApiKey ?? '';
    const seen: { method: string; url: string; auth: string | undefined }[] = [];
    // A pass-through in front of the server that notes who sent what.
    const proxy = await startScriptedServer((req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization });
      forward(server as never, req).then(
        (answer) => passOn(res, answer),
        () => res.writeHead(502).end(),
      );
    });
    try {
      const { exitCode } = await library.runConformance({ ...crossProject, baseUrl: proxy.baseUrl, apiKey: server.apiKey, otherProjectApiKey: other, senders: server.senders });
      expect(exitCode).toBe(0);
    } finally {
      await proxy.close();
    }
    const withOther = seen.filter((r) => r.auth?.includes(other) === true);
    expect(withOther.length).toBeGreaterThan(0);
    const sent = [...new Set(withOther.map((r) => `${r.method} ${r.url}`))];
    expect(sent.filter((line) => line.startsWith('GET '))).toEqual([`GET /v1/senders/${server.senders.otherProject}/whatsapp-sync`]);
    // own-sender-other-project-key: never that project's own sender started (its own start, which no consent covers), never another of the key's.
    const started = sent.filter((line) => !line.startsWith('GET ')).map((line) => /^POST \/v1\/senders\/([^/]+)\/whatsapp-sync\/(?:history|contacts)$/.exec(line)?.[1]);
    expect(started.length).toBeGreaterThan(0);
    expect(started.every((id) => id === server.senders.syncable || id?.startsWith('snd_zvc_unknown_') === true)).toBe(true);
    expect(started).toContain(server.senders.syncable);
  });
});

test("a user's own Jest test that fails after a run from code is reported as that failure: the file runs, its assertion is named, the other test passes", async () => {
  // The user's project: a test file of their own, run by Jest in its own process, as `npx jest` would.
  const run = await runUserJest(
    `const library = require(${JSON.stringify(join(repoRoot, 'dist/library'))});
    let server;
    beforeAll(async () => { server = await library.startReferenceServer(); });
    afterAll(() => server.close());
    test('the gate', async () => {
      const { exitCode } = await library.runConformance({ baseUrl: server.baseUrl, apiKey: server.apiKey, senders: server.senders, operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, env: {} });
      expect(exitCode).toBe(0);
      expect('the user\\'s own check').toBe('what it expected');
    }, 30000);
    test('a later test', () => { expect(1).toBe(1); });
`,
  );
  expect(run.code).toBe(1);
  expect(run.output).not.toMatch(/outside of the scope|failed to run/);
  expect(run.output).toContain('Expected: "what it expected"');
  expect(run.output).toMatch(/Tests: +1 failed, 1 passed, 2 total/);
}, USER_JEST_MS);

/** Jest run as `npx jest` would run it in a user's scratch project whose one test file is `gate.test.js` with `source`. */
async function runUserJest(source: string): Promise<{ code: number | undefined; output: string }> {
  const project = scratchDir('zvc-lib-user-');
  writeFileSync(join(project, 'gate.test.js'), source);
  const config = JSON.stringify({ rootDir: project, testEnvironment: 'node', watchman: false, cacheDirectory: join(project, '.jest-cache') });
  return execFileAsync(process.execPath, [join(repoRoot, 'node_modules/jest/bin/jest.js'), '--config', config, '--ci', '--forceExit'], { cwd: project, env: { PATH: process.env['PATH'] ?? '' }, timeout: USER_JEST_MS - 5_000 }).then(
    (ok) => ({ code: 0, output: ok.stdout + ok.stderr }),
    (failed: { code?: number; stdout?: string; stderr?: string }) => ({ code: failed.code, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` }),
  );
}

test("a user's test that times out while its run is still in flight is reported as that timeout: the file's other tests and its afterAll run", async () => {
  // A target that accepts and never answers holds the run in flight past the test's own timeout;
  // Jest's runner had installed its stack formatter in the test file's realm for the run, so the
  // timeout's stack, formatted between two tests, threw and the whole file "failed to run".
  const run = await runUserJest(
    `const http = require('node:http');
    const library = require(${JSON.stringify(join(repoRoot, 'dist/library'))});
    let stall;
    beforeAll(async () => {
      stall = http.createServer(() => undefined);
      await new Promise((listening) => stall.listen(0, '127.0.0.1', listening));
    });
    afterAll(async () => {
      stall.closeAllConnections();
      await new Promise((closed) => stall.close(closed));
      console.log('afterAll ran');
    });
    test('the gate, given too little time', async () => {
      await library.runConformance({ baseUrl: 'http://127.0.0.1:' + stall.address().port, apiKey: 'zv_test_abcdefghijklmnop', operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, timeoutMs: 5000, env: {} });
    }, 2000);
    test('a later test', () => { expect(1).toBe(1); });
`,
  );
  expect(run.code).toBe(1);
  expect(run.output).not.toMatch(/outside of the scope|failed to run/);
  expect(run.output).toContain('Exceeded timeout of 2000 ms');
  expect(run.output).toMatch(/Tests: +1 failed, 1 passed, 2 total/);
  expect(run.output).toContain('afterAll ran');
}, USER_JEST_MS);

test("a run under the user's fake timers is refused in one line (exit 2) instead of hanging; advancing fake timers and a spy on setTimeout still run", async () => {
  // The run, and the Jest it starts, run on the test file's globals: with setImmediate and setTimeout
  // faked and nobody advancing them, the run never ended, the test timed out and Jest never exited.
  const run = await runUserJest(
    `const library = require(${JSON.stringify(join(repoRoot, 'dist/library'))});
    const quick = { operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, env: {} };
    afterEach(() => jest.useRealTimers());
    // First: refused runs that hung would hold the queue of runs, and fail this one too.
    test('advancing fake timers, a spy', async () => {
      jest.useFakeTimers({ advanceTimers: true });
      expect((await library.runConformance(quick)).exitCode).toBe(0);
      jest.useRealTimers();
      const spy = jest.spyOn(global, 'setTimeout');
      expect((await library.runConformance(quick)).exitCode).toBe(0);
      spy.mockRestore();
      // Two whole runs: ~6 s on an idle machine, past 20 s on a loaded 2-core one (the test then
      // failed, not hung); a run that hangs under fake timers still never ends within this.
    }, 60000);
    test.each([['modern', {}], ['legacy', { legacyFakeTimers: true }]])('%s fake timers', async (_kind, config) => {
      jest.useFakeTimers(config);
      const error = await library.runConformance(quick).then(() => undefined, (e) => e);
      expect(error).toBeInstanceOf(library.ConformanceError);
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(/^runConformance: fake timers hold setTimeout, setImmediate still \\(jest.useFakeTimers\\(\\) or @sinonjs\\/fake-timers' install\\(\\)\\).*jest.useRealTimers\\(\\)/);
    }, 3000);
`,
  );
  expect(run.output).toMatch(/Tests: +3 passed, 3 total/);
  expect(run.code).toBe(0);
}, USER_JEST_MS);

describe('signal: a run stopped by its caller', () => {
  /** A front of the shared server that counts the requests it is sent, and may act on the n-th. */
  async function countingFront(onRequest: (n: number) => void = () => undefined): Promise<{ baseUrl: string; count: () => number; close: () => Promise<void> }> {
    let n = 0;
    const front = await startScriptedServer((req, res) => {
      n += 1;
      onRequest(n);
      forward(server as never, req).then((answer) => passOn(res, answer), () => res.writeHead(502).end());
    });
    return { baseUrl: front.baseUrl, count: () => n, close: () => front.close() };
  }

  test('aborted mid-run: nothing more is sent, the reports say NOT RUN, and it rejects with an AbortError (exit code 130) naming the reason', async () => {
    const controller = new AbortController();
    let sentBeforeAbort = 0;
    // The 40th request is well past the preflight: the engine is running the cases.
    const front = await countingFront((n) => {
      if (n === 40) {
        sentBeforeAbort = n;
        controller.abort(new Error('deploy cancelled'));
      }
    });
    const cwd = scratchDir('zvc-lib-abort-');
    try {
      const error = await library.runConformance({ ...quick, baseUrl: front.baseUrl, apiKey: server.apiKey, senders: server.senders, cwd, reports: 'out', signal: controller.signal }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(library.ConformanceError);
      expect(error).toBeInstanceOf(library.AbortError);
      expect(error).toMatchObject({ name: 'AbortError', exitCode: 130, message: 'the run was aborted by its signal before its verdict (deploy cancelled)' });
      expect(front.count()).toBe(sentBeforeAbort);
      expect(readFileSync(join(cwd, 'out', 'summary.md'), 'utf8')).toMatch(/NOT RUN[\s\S]*aborted by its signal/);
      expect(existsSync(join(cwd, 'out', 'conformance.json'))).toBe(false);
    } finally {
      await front.close();
    }
  });

  test('aborted while its reports are written: the write under way leaves no temp file, nothing is renamed after, and the folder says NOT RUN, as after a signal to the CLI', async () => {
    const controller = new AbortController();
    const cwd = scratchDir('zvc-lib-abort-writes-');
    const out = join(cwd, 'out');
    // The process's own fs (a core module: the built library calls the same object), watched for the reports' temp files.
    const fsPromises = (require('node:fs') as typeof import('node:fs')).promises;
    const { open, rename } = fsPromises;
    const renamedAfterAbort: string[] = [];
    const tempName = /^\.conformance\.html\.\d+\.[0-9a-f]{12}\.tmp$/;
    const openSpy = jest.spyOn(fsPromises, 'open').mockImplementation(async (...args: Parameters<typeof open>) => {
      const handle = await open.apply(fsPromises, args);
      // The second report's temp file is there, conformance.json already renamed into place: abort now.
      if (tempName.test(basename(String(args[0]))) && !controller.signal.aborted) controller.abort(new Error('deploy cancelled'));
      return handle;
    });
    const renameSpy = jest.spyOn(fsPromises, 'rename').mockImplementation(async (...args: Parameters<typeof rename>) => {
      if (controller.signal.aborted) renamedAfterAbort.push(basename(String(args[1])));
      return rename.apply(fsPromises, args);
    });
    try {
      const error = await library.runConformance({ ...quick, baseUrl: server.baseUrl, apiKey: server.apiKey, senders: server.senders, cwd, reports: 'out', signal: controller.signal }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(controller.signal.aborted).toBe(true);
      expect(error).toMatchObject({ name: 'AbortError', exitCode: 130, message: 'the run was aborted by its signal before its verdict (deploy cancelled)' });
      expect(renamedAfterAbort).toEqual([]);
      // No temp file, and no report of this run half in place: conformance.json (renamed before the abort) is taken back by NOT RUN.
      expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      expect(existsSync(join(out, 'conformance.json'))).toBe(false);
      expect(existsSync(join(out, 'conformance.html'))).toBe(false);
      expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/NOT RUN[\s\S]*aborted by its signal/);
    } finally {
      openSpy.mockRestore();
      renameSpy.mockRestore();
    }
    // The host's process goes on: its next run writes its reports.
    const next = await library.runConformance({ ...quick, baseUrl: server.baseUrl, apiKey: server.apiKey, senders: server.senders, cwd, reports: 'out' });
    expect(next.exitCode).toBe(0);
    expect(existsSync(join(out, 'conformance.html'))).toBe(true);
  });

  test('aborted during the settle after a write (writeSettleMs): the wait ends at once, and nothing more is sent', async () => {
    const controller = new AbortController();
    const front = await startScriptedServer((req, res) => {
      const write = req.method === 'POST';
      forward(server as never, req).then(
        (answer) => {
          passOn(res, answer);
          // Its answer on the way, the first write's settle of 10 s begins: abort in it.
          if (write && !controller.signal.aborted) setTimeout(() => controller.abort(), 200);
        },
        () => res.writeHead(502).end(),
      );
    });
    let sentBeforeAbort = -1;
    controller.signal.addEventListener('abort', () => (sentBeforeAbort = front.requests.length));
    try {
      const run = library.runConformance({ ...quick, operation: 'startWhatsAppHistorySync', allowWrites: true, writeSettleMs: 10_000, baseUrl: front.baseUrl, apiKey: server.apiKey, senders: server.senders, signal: controller.signal });
      await expect(run).rejects.toMatchObject({ name: 'AbortError', exitCode: 130 });
      expect(front.requests.some((line) => line.startsWith('POST '))).toBe(true);
      expect(front.requests.length).toBe(sentBeforeAbort);
    } finally {
      await front.close();
    }
  }, 8_000);

  test('runs queued under one signal hold one listener of it between them, not one each: a dozen under one deadline print no MaxListenersExceededWarning on the caller\'s stderr; aborted, each rejects', async () => {
    // Node warns ("possible EventTarget memory leak") past 10 listeners on one AbortSignal: a batch of
    // runs given one deadline (signal: AbortSignal.timeout(…)) wrote that warning to the caller's stderr.
    const controller = new AbortController();
    const runs = Array.from({ length: 12 }, () => library.runConformance({ ...quick, signal: controller.signal }).then(() => undefined, (caught: unknown) => caught));
    expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(2);
    controller.abort(new Error('deploy cancelled'));
    const errors = await Promise.all(runs);
    expect(errors.every((error) => error instanceof library.AbortError)).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
  });

  test('runs queued under one signal that all reach their turn leave no listener of it behind, and the signal reused later still stops a run queued then', async () => {
    // The shared listener goes when its last waiter starts: left on a long-lived signal (an app's
    // shutdown controller) it held every run's closure, and added one more each batch.
    const controller = new AbortController();
    const first = await Promise.all([0, 1, 2].map(() => library.runConformance({ ...quick, signal: controller.signal })));
    expect(first.map(({ exitCode }) => exitCode)).toEqual([0, 0, 0]);
    expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
    const later = [0, 1].map(() => library.runConformance({ ...quick, signal: controller.signal }).then(() => undefined, (caught: unknown) => caught));
    controller.abort(new Error('shutting down'));
    expect((await Promise.all(later)).every((error) => error instanceof library.AbortError)).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
  }, 30_000);

  test('aborted while one run of its signal is in flight and others of it wait: those waiting reject at once, before the running one has ended', async () => {
    // The shared listener stays while any waiter of the signal is queued: the running one's start must not take it away from the rest.
    const controller = new AbortController();
    const front = await countingFront((n) => {
      if (n === 1) controller.abort(new Error('deploy cancelled'));
    });
    try {
      const settled: string[] = [];
      const options = { ...quick, baseUrl: front.baseUrl, apiKey: server.apiKey, senders: server.senders, signal: controller.signal };
      const runs = ['running', 'waiting 1', 'waiting 2'].map((name) => library.runConformance(options).then(() => undefined, (caught: unknown) => caught).finally(() => settled.push(name)));
      const errors = await Promise.all(runs);
      expect(errors.every((error) => error instanceof library.AbortError)).toBe(true);
      expect(settled).toEqual(['waiting 1', 'waiting 2', 'running']);
      expect(getEventListeners(controller.signal, 'abort')).toEqual([]);
    } finally {
      await front.close();
    }
  });

  test('aborted while it waits behind another run: rejects at once, before that run ends, and sends nothing; the other run is not disturbed', async () => {
    const front = await countingFront();
    try {
      let firstEnded = false;
      const first = library.runConformance({ ...quick, baseUrl: server.baseUrl, apiKey: server.apiKey, senders: server.senders }).finally(() => (firstEnded = true));
      const controller = new AbortController();
      const queued = library.runConformance({ ...quick, baseUrl: front.baseUrl, apiKey: server.apiKey, senders: server.senders, signal: controller.signal });
      controller.abort();
      await expect(queued).rejects.toMatchObject({ name: 'AbortError', exitCode: 130, message: 'runConformance: aborted by its signal' });
      expect(firstEnded).toBe(false);
      expect((await first).exitCode).toBe(0);
      expect(front.count()).toBe(0);
    } finally {
      await front.close();
    }
  });

  test('a signal aborted before the call: rejects, nothing sent; a signal that is not one is refused as any bad option is', async () => {
    const front = await countingFront();
    try {
      const options = { ...quick, baseUrl: front.baseUrl, apiKey: server.apiKey, senders: server.senders };
      await expect(library.runConformance({ ...options, signal: AbortSignal.abort('shutting down') })).rejects.toMatchObject({ exitCode: 130, message: 'runConformance: aborted by its signal (shutting down)' });
      // The caller's reason may quote the key: scrubbed, as every rejection is, and still an AbortError.
      const quoting = await library.runConformance({ ...options, signal: AbortSignal.abort(`shutting down ${server.apiKey}`) }).then(() => undefined, (error: unknown) => error);
      expect(quoting).toBeInstanceOf(library.AbortError);
      expect(quoting).toMatchObject({ exitCode: 130, message: 'runConformance: aborted by its signal (shutting down [REDACTED])' });
      // A key the run was not given (another environment's, pasted into the reason) is a key all the
      // same: a word shaped like one goes, as from a stop inside a run and from the CLI's line.
      const shaped = await library.runConformance({ ...options, signal: AbortSignal.abort(`rotating ${KEY}`) }).then(() => undefined, (error: unknown) => error);
      expect(shaped).toMatchObject({ name: 'AbortError', exitCode: 130, message: 'runConformance: aborted by its signal (rotating [REDACTED])' });
      await expect(library.runConformance({ ...options, signal: {} as AbortSignal })).rejects.toMatchObject({ exitCode: 2, message: 'runConformance: signal must be an AbortSignal, not object' });
      expect(front.count()).toBe(0);
    } finally {
      await front.close();
    }
  });
});
