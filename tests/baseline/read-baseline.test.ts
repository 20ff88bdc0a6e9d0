import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBaseline } from '../../src/baseline/read-baseline';
import { UsageError } from '../../src/model/errors';
import { report, result } from '../report/fixtures';

const LEGACY = path.join(__dirname, 'fixtures', 'conformance-real.json');
const CURRENT = path.join(__dirname, 'fixtures', 'conformance-operations.json');

describe('readBaseline', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'baseline-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function usageError(file: string): UsageError {
    try {
      readBaseline(file);
    } catch (error) {
      return error as UsageError;
    }
    throw new Error('readBaseline did not throw');
  }

  const write = (name: string, value: unknown): string => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };

  it('reads a conformance.json a real run of an older suite wrote: no operations, no families, ids without operationId/', () => {
    const legacy = readBaseline(LEGACY);
    expect(legacy.results).toHaveLength(11);
    expect(legacy.results[2]).toMatchObject({ id: 'no-waba', operation: 'GET /v1/senders/{senderId}/whatsapp-sync', status: 'skipped' });
    expect(JSON.parse(readFileSync(LEGACY, 'utf8'))).not.toHaveProperty('runInfo.operations');
  });

  it('reads a report of today\'s format, sequences included', () => {
    const current = readBaseline(CURRENT);
    expect(current.results.at(-1)).toMatchObject({ id: 'startWhatsAppHistorySync/start-syncable[snd_coex_active]', status: 'failed' });
  });

  it('reads a conformance.json that starts with a byte-order mark', () => {
    expect(readBaseline(write('bom.json', `\uFEFF${JSON.stringify(report([result()]))}`)).results).toHaveLength(1);
  });

  it('needs only what a diff reads: a report from before flaky counts and summaries still reads', () => {
    const old = JSON.parse(JSON.stringify(report([result()]))) as Record<string, unknown>;
    delete old['summary'];
    expect(readBaseline(write('old.json', old)).results).toHaveLength(1);
  });

  it("reads a newer suite's report, with fields this one does not know at the top, in runInfo and inside a result; a wrong field it reads still refuses it", () => {
    const newer = JSON.parse(readFileSync(CURRENT, 'utf8')) as Record<string, unknown> & { runInfo: Record<string, unknown>; results: Record<string, unknown>[] };
    Object.assign(newer, { warningDigest: { groups: [] }, laterSection: 1 });
    Object.assign(newer.runInfo, { suiteVersion: '99.0.0', laterRunField: 'x' });
    Object.assign(newer.results[0]!, { outOfScope: true });
    const read = readBaseline(write('newer.json', newer));
    expect(read.results).toHaveLength(newer.results.length);
    newer.results[0]!['status'] = 'exploded';
    // Named by its writer, as a merge names a shard it cannot read: "not a conformance report" of
    // last month's conformance.json sent its reader looking for another file.
    expect(usageError(write('newer-bad.json', newer)).message).toMatch(/^--baseline \S+newer-bad\.json: written by zavu-conformance 99\.0\.0, newer than this one \([^)]+\), and this build cannot read it: \/results\/0\/status must be equal to one of the allowed values .*; diff against it with zavu-conformance 99\.0\.0$/);
  });

  it("names the version that wrote a report it cannot read, older or this one's, and what to do; a file naming none is not a conformance report", () => {
    const older = JSON.parse(JSON.stringify(report([result()]))) as { runInfo: Record<string, unknown>; results: Record<string, unknown>[] };
    delete older.results[0]!['status'];
    expect(usageError(write('older.json', older)).message).toMatch(/^--baseline \S+older\.json: written by zavu-conformance 0\.1\.0, older than this one \([^)]+\), and this build cannot read it: \/results\/0 must have required property 'status'; take the baseline from a run of this build \(its conformance\.json, as written\)$/);
    older.runInfo['suiteVersion'] = '0.1.0\n::error::x';
    expect(usageError(write('garbled.json', older)).message).toMatch(/^--baseline \S+garbled\.json: not a conformance report: \/results\/0 must have required property 'status'$/);
  });

  it('still requires what a diff reads, naming the first gap', () => {
    const noStatus = JSON.parse(JSON.stringify(report([result()]))) as { results: Record<string, unknown>[] };
    delete noStatus.results[0]!['status'];
    expect(usageError(write('no-status.json', noStatus)).message).toMatch(/cannot read it: \/results\/0 must have required property 'status'; /);
    const badLatency = report([result({ latency: { samples: 0, p50: 1, p95: 1, p99: 1, max: 1 } })]);
    expect(usageError(write('latency.json', badLatency)).message).toMatch(/\/results\/0\/latency\/samples must be >= 1; /);
  });

  it('refuses a fuzzed that is no path parameter name (markup, or a string of megabytes a merge or diff would carry on), naming it', () => {
    for (const fuzzed of ['x'.repeat(65), '<script>alert(1)</script>']) {
      const bad = JSON.parse(JSON.stringify(report([result()]))) as { results: Record<string, unknown>[] };
      bad.results[0]!['fuzzed'] = fuzzed;
      expect(usageError(write('fuzzed.json', bad)).message).toMatch(/cannot read it: \/results\/0\/fuzzed must (NOT have more than 64 characters|match pattern)/);
    }
    const good = JSON.parse(JSON.stringify(report([result()]))) as { results: Record<string, unknown>[] };
    good.results[0]!['fuzzed'] = 'senderId';
    expect(readBaseline(write('fuzzed-ok.json', good)).results[0]?.fuzzed).toBe('senderId');
  });

  it.each([
    ['missing.json', null, /^--baseline .*missing\.json: no such file$/],
    ['broken.json', '{"runInfo":', /^--baseline .*broken\.json: not JSON at line 1 column 12 \(offset 11\): the text ends before its JSON does \(cut short\?\)$/],
    ['multiline.json', '{\n  "runInfo": {},\n  "summary": nope\n}', /^--baseline .*multiline\.json: not JSON at line 3 column 15 \(offset 33\): Unexpected token 'o'$/],
    ['other.json', '{"log":{"version":"1.2"}}', /^--baseline .*other\.json: not a conformance report: \(root\) must have required property 'runInfo'$/],
  ])('is a usage error (exit 2), one line naming the file and the problem: %s', (name, content, message) => {
    const file = content === null ? path.join(dir, name) : write(name, content);
    const error = usageError(file);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
  });

  it("says when the file is the run's certificate.json, and which file --baseline takes", () => {
    const certificate = write('certificate.json', { target: 'http://127.0.0.1:4010', suiteVersion: '0.2.0', specVersion: '0.2.0', specSha256: 'ab', date: '2026-12-04T00:00:00.000Z', mode: 'live', operations: [], families: [], level: 'full' });
    expect(usageError(certificate).message).toBe(`--baseline ${certificate}: a certificate (certificate.json), not a conformance report: --baseline takes the conformance.json written beside it`);
  });

  it('calls a file a certificate only by all of its marks, and never a report with runInfo', () => {
    const partial = write('partial.json', { level: 'full', target: 'x' });
    expect(usageError(partial).message).toMatch(/^--baseline .*partial\.json: not a conformance report: /);
    const broken = write('broken-report.json', { runInfo: { target: 'x' }, results: 'none', level: 'full', families: [], specSha256: 'ab' });
    expect(usageError(broken).message).toMatch(/^--baseline .*broken-report\.json: not a conformance report: /);
  });

  it('says when the path is a folder', () => {
    expect(usageError(dir).message).toBe(`--baseline ${dir}: is a folder, not a conformance.json`);
  });

  it('names the file as the error\'s path, with the file system\'s code when it refused it, whatever the refusal', () => {
    const missing = path.join(dir, 'gone.json');
    expect(usageError(missing)).toMatchObject({ path: missing, code: 'ENOENT' });
    // Not a report, or the run's certificate: the file is named all the same, with no code (the file system refused nothing).
    const wrong = write('wrong.json', { results: 'none' });
    const certificate = write('certificate.json', { target: 'http://127.0.0.1:4010', suiteVersion: '0.2.0', specVersion: '0.2.0', specSha256: 'ab', date: '2026-12-04T00:00:00.000Z', mode: 'live', operations: [], families: [], level: 'full' });
    for (const file of [wrong, certificate]) {
      expect(usageError(file).path).toBe(file);
      expect(usageError(file).code).toBeUndefined();
    }
  });
});
