/** Results lose every form of the key before they are recorded or thrown: a target may echo it into what checks quote. */
import type { CaseResult, ConformanceReport } from '../../src/model';
import { fileSystemProblem } from '../../src/files/make-dirs';
import { DataError } from '../../src/model/errors';
import { errorKeyShapedWords, resultScrubber, scrubError, scrubUserNamed, textScrubber, valueScrubber } from '../../src/runner/scrub-result';

const apiKey = 'zv_test_Ab12Cd34Ef56Gh78Ij90';
const swapped = 'ZV_TEST_aB12cD34eF56gH78iJ90';

const result = (message: string): CaseResult =>
  ({
    id: 'getWhatsAppSyncStatus/key-case-changed',
    status: 'failed',
    violations: [{ check: 'json-body', severity: 'error', title: 't', message, instancePath: '' }],
    steps: [{ id: 'request', status: 'failed', curl: 'curl -H "Authorization: Bearer $ZAVU_API_KEY"' }],
    durationMs: 3,
  }) as unknown as CaseResult;

test.each([
  ['the key', apiKey],
  ['the key case-changed', swapped],
  ['the key cut short', apiKey.slice(0, -1)],
  ['the key with characters appended', `${apiKey}00`],
])('%s is removed from every string, at any depth; everything else is kept', (_what, form) => {
  const scrubbed = resultScrubber(apiKey)(result(`Received: "you sent: Bearer ${form}"`));
  expect(JSON.stringify(scrubbed)).not.toMatch(/Ab12Cd34Ef56/i);
  expect(scrubbed.violations[0]?.message).toMatch(/^Received: "you sent: Bearer \[REDACTED\](00)?"$/);
  expect(scrubbed).toMatchObject({ id: 'getWhatsAppSyncStatus/key-case-changed', status: 'failed', durationMs: 3 });
  expect(JSON.stringify(scrubbed.steps)).toContain('$ZAVU_API_KEY');
});

test('without a key (a replay of an older or foreign recording) a result still loses what the target sent that its shape or name shows a credential', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZXNzLTQyIn0.c2lnbmF0dXJl';
  const scrubbed = resultScrubber('')(result(`Received: {"session_token":"s3cr3t","note":"${jwt}"} / Expected: x`));
  expect(scrubbed.violations[0]?.message).toBe('Received: {"session_token":"[REDACTED]","note":"eyJhbGciOiJIUzI1NiJ9.[REDACTED]"} / Expected: x');
  // Nothing tells a key that is not known from any other word: what holds no credential's shape stays as it is.
  expect(resultScrubber(['', ''])(result(`quoted ${apiKey}`))).toEqual(result(`quoted ${apiKey}`));
  expect(textScrubber([])('see https://h.test/cb?access_token=abc')).toBe('see https://h.test/cb?access_token=%5BREDACTED%5D');
  expect(valueScrubber('')({ target: 'x', diff: ['{"password":"p"}'] })).toEqual({ target: 'x', diff: ['{"password":"[REDACTED]"}'] });
});

test('a short key that is also a word renames no case, operation, check or coverage site, and still goes from what the target sent', () => {
  const owned = {
    id: 'getWhatsAppSyncStatus/padded-bearer-token',
    operationId: 'getWhatsAppSyncStatus',
    operation: 'GET /v1/senders/{senderId}/whatsapp-sync',
    scenario: 'auth',
    family: 'token',
    description: 'a token with spaces around it',
    status: 'failed',
    failedStep: 'token',
    violations: [{ check: 'token-check', severity: 'error', title: 'token', message: 'Received: "token"', instancePath: '/token', schemaPath: '#/token', step: 'token' }],
    steps: [{ id: 'token', operationId: 'getWhatsAppSyncStatus', operation: 'GET /v1/senders/{senderId}/whatsapp-sync', status: 'failed' }],
    coverage: [{ operationId: 'getWhatsAppSyncStatus', enums: { '200 sync.status': ['token'] } }],
    durationMs: 1,
  } as unknown as CaseResult;
  const scrubbed = resultScrubber('token')(owned);
  expect({ ...scrubbed, violations: undefined }).toEqual({ ...owned, violations: undefined });
  expect(scrubbed.violations[0]).toEqual({ check: 'token-check', severity: 'error', title: '[REDACTED]', message: 'Received: "[REDACTED]"', instancePath: '/[REDACTED]', schemaPath: '#/token', step: 'token' });
});

describe('every key given is scrubbed, not only the first', () => {
  const other = 'zv_test_Zz99Yy88Xx77Ww66Vv55';

  test('resultScrubber and valueScrubber remove the other project\'s key as well as the key', () => {
    const scrubbed = resultScrubber([apiKey, other])(result(`Received: "${apiKey} and ${other}"`));
    expect(scrubbed.violations[0]?.message).toBe('Received: "[REDACTED] and [REDACTED]"');
    expect(valueScrubber([apiKey, other])({ note: `${other}` })).toEqual({ note: '[REDACTED]' });
  });

  test('textScrubber removes each of its keys', () => {
    expect(textScrubber([apiKey, other])(`${other} ${apiKey}`)).toBe('[REDACTED] [REDACTED]');
  });
});

describe('scrubUserNamed', () => {
  test('hides the key in a baseline and in the history store\'s path, and only there', () => {
    const report = {
      runInfo: { mode: 'live' },
      baseline: { path: `/tmp/${apiKey}/report.json` },
      history: { store: `/tmp/${apiKey}/history`, runs: 3 },
    } as unknown as ConformanceReport;
    const hidden = scrubUserNamed(report, valueScrubber(apiKey));
    expect(JSON.stringify(hidden.baseline)).toBe('{"path":"/tmp/[REDACTED]/report.json"}');
    expect(hidden.history).toEqual({ store: '/tmp/[REDACTED]/history', runs: 3 });
  });
});

test("an error loses the key from the file paths a refusal of the file system names (path, dest): the NOT RUN line is read from them", () => {
  // A reports folder named after the key: Node's write error names no file, the atomic write adds it as `path`.
  const refused = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: `/ci/${apiKey}/reports/conformance.json` });
  const renamed = Object.assign(new Error(`EACCES: permission denied, rename '/a' -> '/ci/${apiKey}/b'`), { code: 'EACCES', path: '/a', dest: `/ci/${apiKey}/b` });
  expect(scrubError(refused, [apiKey])).toBe(refused);
  expect(fileSystemProblem(refused)).toBe('/ci/[REDACTED]/reports/conformance.json: no space left on the device (ENOSPC)');
  scrubError(renamed, [apiKey]);
  expect(JSON.stringify({ ...renamed, message: renamed.message })).not.toContain(apiKey);
  expect(renamed).toMatchObject({ code: 'EACCES', path: '/a', dest: '/ci/[REDACTED]/b' });
});

test('a DataError loses the key from every one of its lines, not only its message, and key-shaped words are found in all of them', () => {
  const shaped = 'zv_live_Zz98Yy76Xx54Ww32';
  const line = (n: number, value: string) => ({ file: 'operations/x/scenarios.json', pointer: `/scenarios/${n}`, line: `operations/x/scenarios.json: /scenarios/${n}/path/senderId names role "${value}"` });
  const error = new DataError([line(0, 'noWabba'), line(1, apiKey), line(2, shaped)]);
  // Found past the first line, which is all the message holds.
  expect(errorKeyShapedWords(error)).toEqual([apiKey, shaped]);
  scrubError(error, [apiKey, shaped]);
  expect(error.problems.map((p) => p.line)).toEqual([line(0, 'noWabba').line, line(1, '[REDACTED]').line, line(2, '[REDACTED]').line]);
  expect(JSON.stringify(error.problems)).not.toMatch(/Ab12Cd34Ef56|Zz98Yy76/);
});

test("a violation's evidence whose words a scrub took apart from its message is dropped, the finding kept: the report stays one the run writes", () => {
  // A credential's shape across the words' edge (its sensitive name before it, its value in the
  // words): the message loses the value, the words (scrubbed apart, no name in them) keep it, so the
  // message no longer holds them (namesItsEvidence).
  const words = 's3cr3t-value"} was due';
  const message = `401 as sent {"session_token":"${words}`;
  const read = { ...result(message), violations: [{ check: 'status-code-expected', severity: 'error', title: 't', message, instancePath: '', shownBy: { exchange: 'x1', operation: 'getWhatsAppSyncStatus', words } }] } as unknown as CaseResult;
  const scrubbed = resultScrubber(apiKey)(read);
  expect(scrubbed.violations[0]?.message).toBe('401 as sent {"session_token":"[REDACTED]"} was due');
  expect(scrubbed.violations[0]).not.toHaveProperty('shownBy');
  expect(scrubbed.violations[0]).toMatchObject({ check: 'status-code-expected', severity: 'error' });
  expect(JSON.stringify(scrubbed)).not.toContain('s3cr3t');
  // Words the scrub leaves in the message keep their evidence.
  const kept = { ...result('401 was due: x1'), violations: [{ check: 'c', severity: 'error', title: 't', message: '401 was due: x1', instancePath: '', shownBy: { exchange: 'x1', operation: 'op', words: 'x1' } }] } as unknown as CaseResult;
  expect(resultScrubber(apiKey)(kept)).toEqual(kept);
});
