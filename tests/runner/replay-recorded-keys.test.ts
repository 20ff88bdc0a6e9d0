/**
 * A recording holding a Zavu key in an answer (edited by hand, made by another tool or an older
 * suite, or a target that echoed someone's key): a replay has no key of its own to scrub by value,
 * so it scrubs the key-shaped words its recordings hold, from the console and every report.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/run-cli';
import { filesUnder, scratchDir } from '../support/scratch-dir';

const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');

/** Shaped as a Zavu sandbox key; no run of this test has it, so only its recording can name it. */
const KEY = 'zv_test_52246c3e3d69188ed6d53f329e142e45';

test('a key-shaped word in a recorded answer (a member name, a value, a header) reaches no line and no report of its replay', async () => {
  const dir = scratchDir('zvc-replay-keys-');
  const recordings = join(dir, 'rec');
  const file = join(recordings, 'getWhatsAppSyncStatus.har');
  const har = JSON.parse(readFileSync(join(repoRoot, 'recordings', 'getWhatsAppSyncStatus.har'), 'utf8')) as { log: { entries: Array<{ _zavu: { caseId: string }; response: { headers: Array<{ name: string; value: string }>; content: { text: string } } }> } };
  const entry = har.log.entries.find((e) => e._zavu.caseId === 'getWhatsAppSyncStatus/coexistence[snd_coex_active]');
  if (entry === undefined) throw new Error('the shipped recording has no coexistence[snd_coex_active] entry');
  const body = JSON.parse(entry.response.content.text) as { sync: Record<string, unknown> } & Record<string, unknown>;
  // A member named after the key is quoted as the place of a warning (its JSON pointer), whole:
  // no excerpt cuts a pointer. The value and the header are quoted cut, a head of the key left.
  body[`leaked ${KEY}`] = 1;
  body.sync.status = `status ${KEY}`;
  entry.response.content.text = JSON.stringify(body);
  entry.response.headers.push({ name: 'X-Echo', value: `Bearer ${KEY}` });
  mkdirSync(recordings);
  writeFileSync(file, JSON.stringify(har, null, 2));

  let said = '';
  const reports = join(dir, 'reports');
  const { report } = await library.runConformance({ env: {}, cwd: dir, mode: 'replay', recordings, reports, operation: 'getWhatsAppSyncStatus', out: (text) => { said += text; }, signal: AbortSignal.timeout(50_000) });

  // The answer was judged: the edit is a failure of that case, not a recording refused.
  expect(report.results.find((r) => r.id === 'getWhatsAppSyncStatus/coexistence[snd_coex_active]')?.status).toBe('failed');
  const head = KEY.slice(0, 'zv_test_'.length + 6);
  expect(said).not.toContain(head);
  expect(JSON.stringify(report)).not.toContain(head);
  for (const written of filesUnder(reports)) expect([written, readFileSync(written, 'utf8').includes(head)]).toEqual([written, false]);
}, 60_000);

test('a key-shaped word in the recorded target or a recording\'s file name reaches no line, report or history record of its replay', async () => {
  const dir = scratchDir('zvc-replay-keys-');
  const recordings = join(dir, 'rec');
  mkdirSync(recordings);
  // Another key than KEY, and another environment's: each is its own word, the target's not the file's.
  const named = 'zv_live_0123456789abcdef0123456789abcdef';
  // In a case of an operation today's contract lacks: the note that says it is not replayed names it.
  const renamed = 'zv_test_fedcba9876543210fedcba9876543210';
  for (const [operation, file] of [['getWhatsAppSyncStatus', 'getWhatsAppSyncStatus.har'], ['startWhatsAppContactsSync', `${named}.har`]] as const) {
    const har = JSON.parse(readFileSync(join(repoRoot, 'recordings', `${operation}.har`), 'utf8')) as { log: { _zavu: { target: string; sent: string[] }; entries: Array<{ _zavu: { caseId: string } }> } };
    // In the path, where no sensitive parameter's name gives it away: only its shape does.
    har.log._zavu.target = `https://api.example.test/${KEY}/v1`;
    const last = har.log.entries.at(-1);
    if (operation === 'getWhatsAppSyncStatus' && last !== undefined) {
      har.log._zavu.sent = har.log._zavu.sent.map((id) => (id === last._zavu.caseId ? `gone ${renamed}/x` : id));
      last._zavu.caseId = `gone ${renamed}/x`;
    }
    writeFileSync(join(recordings, file), JSON.stringify(har, null, 2));
  }

  let said = '';
  const reports = join(dir, 'reports');
  const history = join(dir, 'history.jsonl');
  const { report } = await library.runConformance({ env: {}, cwd: dir, mode: 'replay', recordings, reports, history, operation: 'getWhatsAppSyncStatus', out: (text) => { said += text; }, signal: AbortSignal.timeout(50_000) });

  expect(report.results.length).toBeGreaterThan(0);
  expect(said).toContain('not replayed');
  for (const key of [KEY, named, renamed]) {
    const head = key.slice(0, 'zv_test_'.length + 6);
    expect([key, said.includes(head)]).toEqual([key, false]);
    expect([key, JSON.stringify(report).includes(head)]).toEqual([key, false]);
    for (const written of [...filesUnder(reports), history]) expect([key, written, readFileSync(written, 'utf8').includes(head)]).toEqual([key, written, false]);
  }
}, 60_000);
