/** The key-shaped words a replay scrubs: whatever its recordings hold, wherever they hold it. */
import type { LoadedRecording } from '../../src/recording/read-recordings';
import { recordedKeys } from '../../src/recording/recorded-keys';
import { sampleExchange } from './fixtures';

const KEY = 'zv_test_52246c3e3d69188ed6d53f329e142e45';
const LIVE = 'zv_live_0123456789abcdef0123456789abcdef';

/** A file read from disk, as scrubbed as a record run writes it unless `edit` put a key back in. */
function recording(edit: (r: LoadedRecording) => void = () => undefined): LoadedRecording {
  const exchange = sampleExchange({ bodyText: '{"sync":{"isCoexistence":true,"status":"active"}}' });
  exchange.request.headers = { accept: 'application/json', authorization: 'Bearer [REDACTED]' };
  const r: LoadedRecording = { file: 'rec/getWhatsAppSyncStatus.har', target: 'https://api.example.test', skipped: [], repeat: 1, suiteVersion: '0.2.0', entries: [{ index: 0, caseId: 'getWhatsAppSyncStatus/coexistence', scenario: 'coexistence', authVariant: 'valid', exchange }] };
  edit(r);
  return r;
}

test('a recording as a record run writes it holds none', () => {
  expect(recordedKeys([recording()])).toEqual([]);
});

test('a key in a body, a member name, a header, a transport error, the target or a skip reason is found, each once', () => {
  const response = (r: LoadedRecording) => {
    const answer = r.entries[0]?.exchange.response;
    if (answer === undefined) throw new Error('the sample has an answer');
    return answer;
  };
  expect(recordedKeys([recording((r) => { response(r).bodyText = `{"message":"bad key ${KEY}"}`; })])).toEqual([KEY]);
  expect(recordedKeys([recording((r) => { response(r).headers[`x-${KEY}`] = '1'; })])).toEqual([`${KEY}`]);
  expect(recordedKeys([recording((r) => { response(r).headers['www-authenticate'] = `Bearer ${LIVE}`; })])).toEqual([LIVE]);
  expect(recordedKeys([recording((r) => { const e = r.entries[0]; if (e) e.exchange.error = { kind: 'reset', message: `reset after ${KEY}` }; })])).toEqual([KEY]);
  expect(recordedKeys([recording((r) => { r.target = `https://api.example.test/?key=${KEY}`; }), recording((r) => { r.skipped = [{ caseId: 'c', scenario: 's', reason: `no ${KEY}` }]; })])).toEqual([KEY]);
});

test('a file of 100,000 entries is read without running out of stack', () => {
  const many = recording((r) => {
    const [first] = r.entries;
    if (first === undefined) throw new Error('the sample has an entry');
    r.entries = Array.from({ length: 100_000 }, (_, index) => ({ ...first, index }));
    r.sent = Array.from({ length: 100_000 }, (_, index) => `c${index}`);
    r.sent.push(`c ${KEY}`);
  });
  expect(recordedKeys([many])).toEqual([KEY]);
});

test('a word of 10 million letters after zv_test_ is read without running out of stack, and scrubbed by its head', () => {
  // V8's regex engine keeps a backtrack entry a letter of [A-Za-z0-9]{8,}: past ~5 million, a RangeError stopped the replay.
  const long = `zv_test_${'a'.repeat(10_000_000)}`;
  const keys = recordedKeys([recording((r) => { r.target = long; })]);
  expect(keys).toEqual([long.slice(0, 64)]);
});

test('more distinct key-shaped words than a replay can scrub by value refuse the recording that holds them', () => {
  // Every key is a set of patterns each answer's every string is searched with: 10,000 took minutes and gigabytes.
  const many = recording((r) => { r.sent = Array.from({ length: 1000 }, (_, i) => `zv_test_${String(i).padStart(32, '0')}`); });
  expect(() => recordedKeys([many])).toThrow(/rec\/getWhatsAppSyncStatus\.har: holds more than 100 distinct words shaped like a Zavu key/);
  expect(() => recordedKeys([many])).not.toThrow(/zv_test_0/);
});

test('the bound is 100 distinct words across the recordings read: the file that passes it is the one named', () => {
  const keys = (from: number, count: number) => Array.from({ length: count }, (_, i) => `zv_test_${String(from + i).padStart(32, '0')}`);
  const holding = (file: string, sent: string[]) => recording((r) => { r.file = file; r.sent = sent; });
  expect(recordedKeys([holding('rec/a.har', keys(0, 100))])).toHaveLength(100);
  expect(recordedKeys([holding('rec/a.har', keys(0, 60)), holding('rec/b.har', keys(0, 100))])).toHaveLength(100);
  expect(() => recordedKeys([holding('rec/a.har', keys(0, 60)), holding('rec/b.har', keys(60, 41))])).toThrow(/^rec\/b\.har: holds more than 100 /);
});
