/**
 * A target that echoes whatever credentials it got, as the whole (non-JSON) body of a 200, fails
 * the run; and yet no form of the key it echoed (the valid key, or one the wrong-credential cases
 * derived from it: case-changed, cut short, appended to) is in any report, recording or line
 * printed, though checks quote the bodies they judge.
 */
import { readFileSync } from 'node:fs';
import { startReferenceServer, type ResponseFault } from '../../src/reference-server';
import { join } from 'node:path';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { filesUnder } from '../support/scratch-dir';
import { startScriptedServer } from '../support/misbehaving-servers';
import { forward, passOn } from '../support/reference-proxy';

const echoAsBody: ResponseFault = ({ authorization }) =>
  authorization === undefined ? undefined : { status: 200, headers: { 'content-type': 'text/plain' }, body: `you sent: ${authorization}` };

test.each([
  ['zv_test_EchoCanary_4d2b9e7f1a3c5d', /echocanary_4d2b9e7f/i],
  // 23 characters: the piece after the tab of the control-chars case (15) is under the 16 a long key's pieces have.
  ['zv_test_SECRETSECRET123', /SECRETSECRET/i],
])('an echoing target fails the run, and the key %s is in no file and no line, in any form', async (apiKey, piece) => {
  const server = await startReferenceServer({ apiKey, fault: echoAsBody });
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--mode', 'record', '--recordings', 'rec'], serverEnv(server));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    // The failures quote the bodies: the echo reached the checks, and was scrubbed after them.
    const failed = run.report?.results.filter((r) => r.status === 'failed') ?? [];
    expect(failed.map((r) => r.id)).toEqual(expect.arrayContaining(['getWhatsAppSyncStatus/key-case-changed', 'getWhatsAppSyncStatus/key-cut-short', 'getWhatsAppSyncStatus/token-scheme-key']));
    expect(JSON.stringify(run.report)).toContain('[REDACTED]');
    const files = filesUnder(run.cwd);
    expect(files.some((file) => file.endsWith('.har'))).toBe(true);
    for (const file of files) expect({ file, leaked: piece.test(readFileSync(file, 'utf8')) }).toEqual({ file, leaked: false });
    expect(piece.test(run.stdout)).toBe(false);
  } finally {
    await server.close();
  }
});

test('a key that is also a word of the suite (its operation path, a case id) renames nothing: a conformant target passes', async () => {
  const server = await startReferenceServer({ apiKey: 'sync' });
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], serverEnv(server));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.report?.results.filter((r) => r.status !== 'passed' && r.status !== 'skipped')).toEqual([]);
    expect(run.report?.results.map((r) => r.operation)).toContain('GET /v1/senders/{senderId}/whatsapp-sync');
  } finally {
    await server.close();
  }
});

test('recording with a key that is a piece of the suite\'s own ids and paths is refused before any request, in one line without the key', async () => {
  const server = await startReferenceServer({ apiKey: 'Sync' });
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--mode', 'record', '--recordings', 'rec'], serverEnv(server));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^zavu-conformance: --mode record: the API key \(4 characters\) is a piece of the suite's own case ids or paths/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain('Sync');
  } finally {
    await server.close();
  }
});

test("a target that echoes the other project's own key (ZAVU_OTHER_PROJECT_API_KEY) fails the read that sent it, and the key is in no file and no line: curls name the variable", async () => {
  // Set once the server is up: its other project's key is made by the server.
  let otherKey = '';
  const echoOtherKey: ResponseFault = ({ authorization }) =>
    otherKey !== '' && authorization === `Bearer ${otherKey}` ? { status: 200, headers: { 'content-type': 'text/plain', 'x-echo': authorization }, body: `you sent: ${authorization}` } : undefined;
  const server = await startReferenceServer({ fault: echoOtherKey });
  try {
    const env = serverEnv(server);
    otherKey = env['ZAVU_OTHER_PROJECT_API_KEY'] ?? '';
    expect(otherKey).toMatch(/^zv_test_/);
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'startWhatsAppHistorySync', '--allow-writes', '--fuzz-runs', '0', '--mode', 'record', '--recordings', 'rec'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const failed = run.report?.results.find((r) => r.id === 'startWhatsAppHistorySync/other-project-sender');
    expect(failed).toMatchObject({ status: 'failed', failedStep: 'read-owner-before' });
    expect(JSON.stringify(failed)).toContain('[REDACTED]');
    expect(failed?.curl).toContain('-H "Authorization: Bearer $ZAVU_OTHER_PROJECT_API_KEY"');
    const files = filesUnder(run.cwd);
    expect(files.some((file) => file.endsWith('.har'))).toBe(true);
    const secret = otherKey.slice('zv_test_'.length);
    for (const file of files) expect({ file, leaked: readFileSync(file, 'utf8').includes(secret) }).toEqual({ file, leaked: false });
    expect(run.stdout).not.toContain(secret);
  } finally {
    await server.close();
  }
});

test('an error line and the NOT RUN summary quoting the other project\'s key (a value given in the wrong place) never show it', async () => {
  // Not shaped like a Zavu key: only the variable tells the suite it is a secret.
  const otherKey = 'OtherProjectCanary9f8e7d6c';
  const server = await startReferenceServer();
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', otherKey], { ...serverEnv(server), ZAVU_OTHER_PROJECT_API_KEY: otherKey });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--operation .*no such operation/);
    expect(run.stderr).not.toContain(otherKey);
    expect(run.stdout).not.toContain(otherKey);
    const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
    expect(summary).toContain('NOT RUN');
    expect(summary).not.toContain(otherKey);
  } finally {
    await server.close();
  }
});

test("keys too short to search for (a mock's), inside a word of the target's path: the run goes on, and the target, and the note on its path, are named without them in every report and line", async () => {
  const apiKey = 'pw7Qx2k';
  const otherKey = 'qz3Wv8';
  const server = await startReferenceServer({ apiKey, otherProjectApiKey: otherKey });
  // A gateway that serves the API under a path of its own, each key a piece of one of its words;
  // the base URL given ends in /v1 as the operations' paths begin (a note names the root likely meant).
  const prefix = `/gw-${apiKey}-${otherKey}-edge`;
  const front = await startScriptedServer((req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith(`${prefix}/v1/`)) return void res.writeHead(404).end();
    forward(server, req, url.slice(`${prefix}/v1`.length)).then((answer) => passOn(res, answer), () => res.writeHead(502).end());
  });
  try {
    const env = serverEnv(server);
    expect(env['ZAVU_OTHER_PROJECT_API_KEY']).toBe(otherKey);
    const run = await runConformanceCli(['--base-url', `${front.baseUrl}${prefix}/v1`, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--history', 'history.jsonl'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.report?.runInfo.target).toBe(`${front.baseUrl}/gw-[REDACTED]-[REDACTED]-edge/v1`);
    expect(run.stdout).toMatch(/^note: .*gw-\[REDACTED\]-\[REDACTED\]-edge/m);
    const files = filesUnder(run.cwd);
    expect(files.map((file) => file.split('/').pop())).toEqual(expect.arrayContaining(['conformance.json', 'conformance.html', 'summary.md', 'junit.xml', 'history.jsonl']));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect({ file, leaked: [apiKey, otherKey].filter((key) => text.includes(key)) }).toEqual({ file, leaked: [] });
    }
    expect(run.stdout).not.toContain(apiKey);
    expect(run.stdout).not.toContain(otherKey);
  } finally {
    await front.close();
    await server.close();
  }
});

describe('a target that echoes the credential it got with every character escaped, the cut of an excerpt inside it', () => {
  const apiKey = 'zv_test_Qm7RxK2pLw9VnT4bHc8JdF3sYg6ZaE1u';
  const secret = apiKey.slice('zv_test_'.length);
  const escapes: Record<string, (text: string) => string> = {
    '\\u': (text) => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    '%XX': (text) => [...Buffer.from(text)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    '&#N;': (text) => [...text].map((c) => `&#${c.codePointAt(0) ?? 0};`).join(''),
    '&#xH;': (text) => [...text].map((c) => `&#x${(c.codePointAt(0) ?? 0).toString(16)};`).join(''),
  };

  // A target that lower- or upper-cases what it echoes: the mixed-case key so cased is none of the tokens sent.
  const casings: Record<string, (text: string) => string> = { 'as sent': (text) => text, 'lower-cased': (text) => text.toLowerCase(), 'upper-cased': (text) => text.toUpperCase() };
  const ways: [string, string][] = [...Object.keys(escapes).map((way): [string, string] => [way, 'as sent']), ['\\u', 'lower-cased'], ['&#N;', 'upper-cased']];

  it.each(ways)('echoed escaped as %s, %s: no file and no line holds the key, a half of it, or any three of its characters escaped so', async (way, casing) => {
    const cased = casings[casing] as (text: string) => string;
    const escape = (text: string): string => (escapes[way] as (text: string) => string)(cased(text));
    let answered = 0;
    // The token after the scheme word, each character escaped, placed so the 200-character excerpt a
    // check quotes ends inside it, past its escaped public prefix: at a different place each answer.
    // Text on odd answers, a JSON string on even ones (its backslashes doubled when a check quotes it as JSON).
    const echoEscaped: ResponseFault = ({ authorization }) => {
      if (authorization === undefined || /^basic /i.test(authorization)) return undefined;
      const echoed = escape(authorization.replace(/^\S+ +/, ''));
      const into = 50 + ((answered * 13) % Math.max(1, echoed.length - 50));
      answered += 1;
      const text = `you sent: ${'p'.repeat(Math.max(0, 190 - into))}${echoed} (end)`;
      return answered % 2 === 0
        ? { status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'unauthorized', message: text }) }
        : { status: 200, headers: { 'content-type': 'text/plain' }, body: text };
    };
    const server = await startReferenceServer({ apiKey, fault: echoEscaped });
    try {
      const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--mode', 'record', '--recordings', 'rec'], serverEnv(server));
      expect(run.code).toBe(1);
      expect(answered).toBeGreaterThan(20);
      // Read without backslashes and in one case: a \u escape quoted as JSON is "\\u0051", hex digits come in either case.
      const inert = (text: string): string => text.replace(/\\/g, '').toLowerCase();
      const needles = [apiKey, secret.slice(0, 16), secret.slice(16), ...[0, 5, 11, 17, 23, 29].map((at) => escape(secret.slice(at, at + 3)))].map(inert);
      const files = filesUnder(run.cwd);
      expect(files.some((file) => file.endsWith('.har'))).toBe(true);
      const outputs: [string, string][] = [['stdout', run.stdout], ['stderr', run.stderr], ...files.map((file): [string, string] => [file, readFileSync(file, 'utf8')])];
      for (const [where, text] of outputs) expect({ where, leaked: needles.filter((needle) => inert(text).includes(needle)) }).toEqual({ where, leaked: [] });
      // The echoes reached the checks, cut: the reports show a redaction before a cut.
      expect(JSON.stringify(run.report)).toContain('[REDACTED]…');
    } finally {
      await server.close();
    }
  });
});
