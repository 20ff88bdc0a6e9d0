/**
 * What a target sends is rendered inert in every output: a proxy in front of the reference server
 * answers one request (the coexistence case's read of one sender) with text built to act on a
 * reader, and the run's console, error lines and reports carry it as visible escapes. Acting means a line a
 * GitHub Actions runner takes for a workflow command ("::error::" at a line's start, after
 * whitespace; "##[set-output …]" anywhere in a line) or an Azure Pipelines agent for a logging
 * command ("##vso[…]" anywhere), a bidi override or isolate that makes a line
 * read in another order (Trojan Source), a zero-width character, a line separator, a C0 or C1
 * control a terminal obeys; and a noncharacter (U+FFFE, a byte-swapped BOM; U+FFFF, which XML 1.0
 * forbids, so junit.xml would not parse), which is no text to show.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { startReferenceProxy, type Misbehaviour } from '../support/reference-proxy';

const CASE = 'getWhatsAppSyncStatus/coexistence[snd_coex_active]';

/** Every trick at once: workflow commands on lines of their own and inside one, bidi, invisible and control characters. */
const HOSTILE = 'A\ufdd0NC\ufffeBOM\uffffFF\u{10fffe}P16\n::error title=pwned::owned\n  ::add-mask::FAILED\r::warning::cr ##[set-output name=level]full \u202eRLO\u2066LRI\u200bZW\u2028LS\u2029PS\ufeff\u009b31mCSI\u001b]8;;http://e/\u0007OSC ##vso[task.prependpath]/tmp/x';

/** Characters that must not appear raw in any output (C0 but tab and newline, DEL, C1, line separators, format characters, noncharacters). */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\p{Noncharacter_Code_Point}]/u;

async function runAgainst(behave: Misbehaviour, args: string[] = []) {
  const server = await startReferenceServer();
  const proxy = await startReferenceProxy(server, behave);
  try {
    return await runConformanceCli(['--base-url', proxy.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1', ...args], serverEnv(server));
  } finally {
    await proxy.close();
    await server.close();
  }
}

/** The lines of `text` a GitHub Actions runner or an Azure Pipelines agent ("##vso[" anywhere) would act on (they split lines at "\n" and "\r"). */
function workflowCommands(text: string): string[] {
  return text.split(/\r\n?|\n/).filter((line) => /^\s*::/.test(line) || line.includes('##[') || line.includes('##vso['));
}

function expectInert(run: Awaited<ReturnType<typeof runAgainst>>): void {
  expect(run.report?.results.find((r) => r.id === CASE)?.status).toBe('failed');
  for (const [name, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
    expect({ name, commands: workflowCommands(text) }).toEqual({ name, commands: [] });
    expect({ name, active: ACTIVE.exec(text)?.[0] }).toEqual({ name, active: undefined });
  }
  for (const file of readdirSync(run.reportsDir)) {
    const text = readFileSync(join(run.reportsDir, file), 'utf8');
    expect({ file, active: ACTIVE.exec(text)?.[0] }).toEqual({ file, active: undefined });
  }
  // The console still shows what was received, as escapes a reader can decode.
  expect(run.stdout).toContain('\\u202eRLO\\u2066LRI\\u200bZW\\u2028LS');
  expect(run.stdout).toContain('\\ufdd0NC\\ufffeBOM\\uffffFF\\udbff\\udffeP16');
  // summary.md: no markup of the target's reaches GitHub's renderer, nor a "$" that would open a formula (LaTeX) there.
  const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
  expect(summary).not.toMatch(/(^|[^\\])(<[a-z]|!\[|\]\()/im);
  expect(outsideCodeSpans(summary)).not.toContain('$');
}

test('an error body whose code and message are crafted text: quoted as escaped JSON everywhere', async () => {
  const run = await runAgainst((res) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: HOSTILE, message: `${HOSTILE} <img src=https://tracker.example/p.png> ![x](https://tracker.example/i.png)` } })));
  expect(run.code).toBe(1);
  expectInert(run);
});

test('look-alike spaces and a combining-mark flood in an error message: escaped in the console and every report, a plain space left as it is', async () => {
  // "ad\u00a0min" reads "ad min"; "Z" under 300 marks is a smear over the lines around it.
  const message = `ad\u00a0min x\u2003y\u202fz\u3000w Z${'\u0336'.repeat(300)}`;
  const run = await runAgainst((res) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message, ['key\u00a0one']: 1 })));
  expect(run.code).toBe(1);
  const lookAlike = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]|\p{M}{5}/u;
  const outputs: [string, string][] = [['stdout', run.stdout], ['stderr', run.stderr], ...readdirSync(run.reportsDir).map((file): [string, string] => [file, readFileSync(join(run.reportsDir, file), 'utf8')])];
  expect(outputs.map(([file]) => file)).toEqual(expect.arrayContaining(['summary.md', 'conformance.html', 'conformance.json', 'junit.xml']));
  for (const [name, text] of outputs) expect({ name, raw: lookAlike.exec(text)?.[0] }).toEqual({ name, raw: undefined });
  // Shown as escapes a reader can decode, four marks kept on the Z.
  expect(run.stdout).toContain(`ad\\u00a0min x\\u2003y\\u202fz\\u3000w Z${'\u0336'.repeat(4)}\\u0336`);
  // And in every report, one-line layouts included: a look-alike space is no layout space to collapse into a plain one.
  for (const file of ['summary.md', 'conformance.html', 'junit.xml', 'conformance.json']) {
    const text = readFileSync(join(run.reportsDir, file), 'utf8');
    expect({ file, shown: text.includes('u00a0min'), collapsed: /ad min|key one/.test(text) }).toEqual({ file, shown: true, collapsed: false });
  }
});

test('line and paragraph separators (U+2028, U+2029) in an error message and a key, a newline in a key: escaped in the console and every report, never folded into a space', async () => {
  // A viewer (and JavaScript source) breaks the line at them; folded into a plain space, the reader could not tell they were sent.
  const message = 'line\u2028sep\u2029para';
  // And a key holding a newline: a place names it, and a report must neither fold it into a space nor break its line there.
  const run = await runAgainst((res) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message, ['key\u2028one']: 1, ['key\nnl']: 1 })));
  expect(run.code).toBe(1);
  const outputs: [string, string][] = [['stdout', run.stdout], ['stderr', run.stderr], ...readdirSync(run.reportsDir).map((file): [string, string] => [file, readFileSync(join(run.reportsDir, file), 'utf8')])];
  expect(outputs.map(([file]) => file)).toEqual(expect.arrayContaining(['summary.md', 'conformance.html', 'conformance.json', 'junit.xml']));
  for (const [name, text] of outputs) expect({ name, raw: /[\u2028\u2029]/.exec(text)?.[0] }).toEqual({ name, raw: undefined });
  expect(run.stdout).toContain('line\\u2028sep\\u2029para');
  // Every report, its one-line layouts included, shows the escape as it renders escapes, not a space where the separator was.
  for (const file of ['summary.md', 'conformance.html', 'junit.xml', 'conformance.json']) {
    const text = readFileSync(join(run.reportsDir, file), 'utf8');
    expect({ file, shown: text.includes('u2028sep') && text.includes('u2029para') && text.includes('key\\nnl'), folded: /line sep|sep para|key one|key\s+nl/.test(text) }).toEqual({ file, shown: true, folded: false });
  }
});

/** `markdown` without its code spans (a run of n backticks to the next run of exactly n; escaped backticks are text): the text GitHub links references in. */
function outsideCodeSpans(markdown: string): string {
  const text = markdown.replace(/\\[\\`]/g, '');
  let out = '';
  let at = 0;
  for (let open = text.indexOf('`'); open >= 0; open = text.indexOf('`', at)) {
    const fence = /^`+/.exec(text.slice(open))?.[0] ?? '`';
    const close = new RegExp(`(?<!\`)${fence}(?!\`)`, 'g');
    close.lastIndex = open + fence.length;
    const end = close.exec(text);
    out += text.slice(at, open);
    at = end === null ? open + fence.length : end.index + fence.length;
  }
  return out + text.slice(at);
}

test('an error message naming users and issues, with a formula: summary.md shows them as sent, and they ping no one, link no issue and draw no formula on GitHub', async () => {
  // Short, and the body flat: a failure line keeps its Expected part and cuts what was received
  // (to ~90 characters here), so every word of the message must fit in what is kept.
  // And a formula: GitHub draws "$…$" as LaTeX, so a target could set its own words in large type.
  const message = 'cc @octocat, @org/team: #12, GH-7, owner/repo#9 (ops@example.com) $x$';
  const run = await runAgainst((res) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message })));
  expect(run.code).toBe(1);
  const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
  // Received, it is there, as sent.
  // Each word holding one is set whole as a code span, which GitHub never links.
  expect(summary).toContain('cc `@octocat,` `@org/team:` `#12,` `GH-7,` `owner/repo#9` `(ops@example.com)` `$x$"}` / Expected: must have required property \'code\'');
  // Outside code spans, no "@name" after a non-word character, no "#123", no "GH-123", no "$" is left.
  expect(outsideCodeSpans(summary).match(/(?:^|[^A-Za-z0-9_])@[A-Za-z0-9]|#\d|(?:^|[^A-Za-z0-9_])GH-\d|\$/gim)).toBeNull();
});

test('a body that is not JSON, crafted text in it: quoted as an escaped excerpt everywhere', async () => {
  const run = await runAgainst((res, up) => res.writeHead(200, up.headers).end(`{"data": ${HOSTILE}`));
  expect(run.code).toBe(1);
  expectInert(run);
});

test('an enum value and a key that are crafted text: the schema breach quotes them escaped; the recording keeps them exact, as escapes on disk', async () => {
  const recordings = scratchDir('zvc inert-');
  // And a key of lone surrogates (JSON "\\udc00k\\ud800" on the wire), which no UTF-8 output can hold: written raw it would read "\ufffdk\ufffd".
  const crafted = (body: { sync: Record<string, unknown> }) => ({ ...body, sync: { ...body.sync, status: HOSTILE, [HOSTILE]: HOSTILE, '\udc00k\ud800': 1 } });
  const run = await runAgainst((res, up) => res.writeHead(200, up.headers).end(JSON.stringify(crafted(JSON.parse(up.body) as { sync: Record<string, unknown> }))), ['--mode', 'record', '--recordings', recordings]);
  expect(run.code).toBe(1);
  expectInert(run);
  // The lone surrogates are shown as escapes, in the console and every report that names the place.
  expect(run.stdout).toContain('/sync/\\udc00k\\ud800');
  for (const file of ['summary.md', 'conformance.html', 'junit.xml']) {
    const text = readFileSync(join(run.reportsDir, file), 'utf8');
    expect({ file, replaced: text.includes('\ufffd') }).toEqual({ file, replaced: false });
  }
  // JSON pointers through the key stay exact pointers in conformance.json: escaped in its bytes, not in its values.
  expect(run.report?.results.find((r) => r.id === CASE)?.violations.map((v) => v.instancePath)).toContain(`/sync/${HOSTILE.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  const har = readFileSync(join(recordings, 'getWhatsAppSyncStatus.har'), 'utf8');
  expect(ACTIVE.exec(har)?.[0]).toBeUndefined();
  const entries = (JSON.parse(har) as { log: { entries: { _zavu?: { caseId?: string }; response: { content: { text?: string } } }[] } }).log.entries;
  const recorded = entries.find((e) => e.response.content.text?.includes('RLO'))?.response.content.text ?? '';
  expect((JSON.parse(recorded) as { sync: { status: string } }).sync.status).toBe(HOSTILE);
  // Replayed, the recording is judged as the live answer was.
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', recordings, '--operation', 'getWhatsAppSyncStatus']);
  const judged = (r: typeof run) => r.report?.results.find((c) => c.id === CASE)?.violations.map((v) => [v.check, v.instancePath, v.message]);
  expect(judged(replay)).toEqual(judged(run));
  expectInert(replay);
});

test('lines no renderer wrote are inert too: a recording whose target is crafted text (the replay banner) and a reports folder named with a workflow command (the reports line)', async () => {
  // The shipped recordings with only their target's word edited: a file anyone with the workspace may have written.
  const recordings = scratchDir('zvc inert-har-');
  for (const name of readdirSync(join(repoRoot, 'recordings'))) {
    const har = JSON.parse(readFileSync(join(repoRoot, 'recordings', name), 'utf8')) as { log: { _zavu: { target: string } } };
    har.log._zavu.target = `a recorder ${HOSTILE}`;
    writeFileSync(join(recordings, name), JSON.stringify(har));
  }
  const reports = join(scratchDir('zvc inert-reports-'), 'r\n::error::named ##[set-output name=level]full');
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', recordings, '--operation', 'getWhatsAppSyncStatus', '--reports', reports]);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  for (const [name, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
    expect({ name, commands: workflowCommands(text) }).toEqual({ name, commands: [] });
  }
  // Both lines are there, with what they carry shown.
  expect(run.stdout).toMatch(/^zavu-conformance .* \(recorded from a recorder A\\ufdd0NC\\ufffeBOM\\uffffFF\\udbff\\udffeP16\\n::error title=pwned::owned\\n .*##\\u005bset-output name=level\]full /m);
  expect(run.stdout).toMatch(/^reports: .*\/r$/m);
});
