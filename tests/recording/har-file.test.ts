import { promises as fs } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AtomicWriteFs } from '../../src/files/atomic-write';
import { buildHar, writeHar } from '../../src/recording/har-file';
import { harProblem } from '../../src/recording/har-validator';
import { readLogFields } from '../../src/recording/zavu-fields';
import { apiKey, sampleEntry, sampleHar } from './fixtures';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'har-file-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const extras = { skipped: [], sent: [] as string[], suiteVersion: '1.2.3', target: 'https://api.example.test', recordedAt: '2026-01-02T00:00:00.000Z' };

test('the HAR written for a sample run validates against the maintained HAR 1.2 schema', async () => {
  const file = path.join(dir, 'run.har');
  await writeHar(file, sampleHar(), [apiKey]);
  const text = await readFile(file, 'utf8');
  expect(text.endsWith('}\n')).toBe(true);
  expect(text).toContain('\n  "log": {');
  const data: unknown = JSON.parse(text);
  expect(harProblem(data)).toBeUndefined();
  expect(data).toMatchObject({ log: { version: '1.2', creator: { name: 'zavu-conformance', version: '0.1.0' }, _zavu: { target: 'https://api.example.test' } } });
});

test('the schema check is not vacuous: a broken entry is rejected with its pointer', () => {
  const har = sampleHar() as unknown as { log: { entries: { request: { url?: string } }[] } };
  delete har.log.entries[1]?.request.url;
  expect(harProblem(har)).toBe("/log/entries/1/request: must have required property 'url'");
});

test('entries are in a stable order whatever order the run finished in', () => {
  const a = sampleEntry({ id: 'b-case', startedAt: '2026-01-02T00:00:02.000Z' });
  const b = sampleEntry({ id: 'a-case', startedAt: '2026-01-02T00:00:09.000Z' });
  const c = sampleEntry({ id: 'b-case', startedAt: '2026-01-02T00:00:01.000Z' });
  const d = sampleEntry({ id: 'B-case', startedAt: '2026-01-02T00:00:05.000Z' });
  const skipped = [
    { caseId: 'z', scenario: 'z', reason: 'r' },
    { caseId: 'm', scenario: 'm', reason: 'r' },
  ];
  const one = buildHar([a, b, c, d], { ...extras, skipped });
  const two = buildHar([d, c, b, a], { ...extras, skipped: [...skipped].reverse() });
  expect(JSON.stringify(one)).toBe(JSON.stringify(two));
  expect(one.log.entries.map((e) => `${e._zavu.caseId}@${e.startedDateTime.slice(17, 19)}`)).toEqual(['B-case@05', 'a-case@09', 'b-case@01', 'b-case@02']);
  expect(one.log._zavu.skipped.map((s) => s.caseId)).toEqual(['m', 'z']);
  // The cases sent, sorted too.
  expect(buildHar([], { ...extras, sent: ['b', 'B', 'a'] }).log._zavu.sent).toEqual(['B', 'a', 'b']);
});

test('the target is written without its user-info', () => {
  expect(buildHar([], { ...extras, target: 'https://alice:pa55word@api.example.test' }).log._zavu.target).toBe('https://api.example.test');
  expect(buildHar([], { ...extras, target: 'replay of https://alice:pa55word@api.example.test from run.har' }).log._zavu.target).toBe('replay of https://api.example.test from run.har');
});

test('entries equal in case id and start time keep the order they came in', () => {
  const first = sampleEntry({ id: 'same', startedAt: '2026-01-02T00:00:01.000Z', status: 200 });
  const second = sampleEntry({ id: 'same', startedAt: '2026-01-02T00:00:01.000Z', status: 404 });
  expect(buildHar([first, second], extras).log.entries.map((e) => e.response.status)).toEqual([200, 404]);
  expect(buildHar([second, first], extras).log.entries.map((e) => e.response.status)).toEqual([404, 200]);
});

test('writeHar fails closed: a surviving key means nothing is written', async () => {
  const file = path.join(dir, 'run.har');
  const har = sampleHar();
  har.log.comment = `oops ${apiKey}`;
  await expect(writeHar(file, har, [apiKey])).rejects.toThrow(/refusing to write the recording/);
  expect(await readdir(dir)).toEqual([]);
});

test('a write that fails half-way leaves the previous recording byte-identical', async () => {
  const file = path.join(dir, 'run.har');
  await writeFile(file, 'previous recording\n');
  const io: AtomicWriteFs = {
    open: fs.open,
    rm: fs.rm,
    rename: () => Promise.reject(new Error('simulated crash before rename')),
  };
  await expect(writeHar(file, sampleHar(), [apiKey], io)).rejects.toThrow('simulated crash');
  expect(await readFile(file, 'utf8')).toBe('previous recording\n');
  expect(await readdir(dir)).toEqual(['run.har']);
});

test('the HAR on disk holds no raw bidi override, C1 or line separator a target sent: they are \\u escapes, and read back the same', async () => {
  const file = path.join(dir, 'hostile.har');
  const bodyText = '{"message":"a\u202eb\u0085c\u2028d"}';
  await writeHar(file, buildHar([sampleEntry({ bodyText })], extras), [apiKey]);
  const text = await readFile(file, 'utf8');
  expect(text).not.toMatch(/[\u202e\u0085\u2028]/);
  expect(text).toContain('a\\u202eb\\u0085c\\u2028d');
  expect((JSON.parse(text) as { log: { entries: { response: { content: { text: string } } }[] } }).log.entries[0]?.response.content.text).toBe(bodyText);
});

test('a --repeat run writes its repeat (log._zavu.repeat), so its attempts are not read as copies; a single run writes none', () => {
  const entries = [sampleEntry({ id: 'a-case', startedAt: '2026-01-02T00:00:02.000Z' }), sampleEntry({ id: 'a-case', startedAt: '2026-01-02T00:00:01.000Z' })];
  const repeated = buildHar(entries, { ...extras, repeat: 2 });
  expect(repeated.log._zavu.repeat).toBe(2);
  // The attempts in the order sent: the order a replay serves them in.
  expect(repeated.log.entries.map((e) => e.startedDateTime)).toEqual(['2026-01-02T00:00:01.000Z', '2026-01-02T00:00:02.000Z']);
  expect('repeat' in buildHar(entries, { ...extras, repeat: 1 }).log._zavu).toBe(false);
  expect('repeat' in buildHar(entries, extras).log._zavu).toBe(false);
});

test("a target lost is written so it reads back: the guard's sentence of a long base URL is cut where a replay's reader stops, as the report cuts it", () => {
  // The guard's sentence quotes the target whole, and a base URL has no bound of its own: written
  // as it came, a recording of a run against a 2500-character base URL was one no replay could read.
  const target = `http://127.0.0.1:9/${'p'.repeat(2500)}`;
  const why = `${target} stopped answering mid-run: the last 5 requests in a row got no answer (the last: timeout, no complete response within 1000 ms) after it had answered earlier ones, so nothing more was sent (did a request crash it?)`;
  const har = buildHar([], { ...extras, targetLost: { why, at: 'GET /v1/senders/a/whatsapp-sync, exchange c6' } });
  const read = readLogFields(har.log._zavu);
  if (typeof read === 'string') throw new Error(read);
  expect(read.targetLost?.why.startsWith(why.slice(0, 999))).toBe(true);
  expect(read.targetLost?.why.endsWith('…')).toBe(true);
  expect(read.targetLost?.at).toBe('GET /v1/senders/a/whatsapp-sync, exchange c6');
  // A sentence of today's length is kept whole.
  expect(buildHar([], { ...extras, targetLost: { why: 'w' } }).log._zavu.targetLost).toEqual({ why: 'w' });
});

test('the stopped cases are written in case order, and only when there are some; the other project\'s key only when the run planned with it', () => {
  const har = buildHar([], { ...extras, stopped: [{ caseId: 'op/b', why: 'timeout' }, { caseId: 'op/a', why: 'stray-error' }], otherProjectKey: true });
  expect(har.log._zavu.stopped).toEqual([{ caseId: 'op/a', why: 'stray-error' }, { caseId: 'op/b', why: 'timeout' }]);
  expect(har.log._zavu.otherProjectKey).toBe(true);
  // A re-recording with no stop diffs to nothing there.
  const plain = buildHar([], { ...extras, stopped: [], otherProjectKey: false });
  expect(['stopped' in plain.log._zavu, 'otherProjectKey' in plain.log._zavu]).toEqual([false, false]);
});

// A replay takes its recording's kind (baseline, history series): a write run's recording says it was one.
test("a write run's recording says so (log._zavu.allowWrites), and reads it back; a read-only run's says nothing", () => {
  const har = buildHar([], { ...extras, allowWrites: true });
  expect(har.log._zavu.allowWrites).toBe(true);
  expect(harProblem(har)).toBeUndefined();
  expect(readLogFields(JSON.parse(JSON.stringify(har.log._zavu)))).toMatchObject({ allowWrites: true });
  expect(['allowWrites' in buildHar([], { ...extras, allowWrites: false }).log._zavu, 'allowWrites' in buildHar([], extras).log._zavu]).toEqual([false, false]);
});

test('the configured fixtures are written with their roles in name order, each role\'s ids as given, and only when there are some', () => {
  const har = buildHar([], { ...extras, fixtures: { otherProject: ['snd_o'], noWaba: ['snd_b', 'snd_a'] } });
  expect(JSON.stringify(har.log._zavu.fixtures)).toBe('{"noWaba":["snd_b","snd_a"],"otherProject":["snd_o"]}');
  expect('fixtures' in buildHar([], { ...extras, fixtures: {} }).log._zavu).toBe(false);
  expect('fixtures' in buildHar([], extras).log._zavu).toBe(false);
});
