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
