/**
 * A fault line sets aside the text a target quoted as "…", so answers that differ only there read
 * as one fault. When every answer of the fault sent the same text (a target answering
 * "status": "suspended" to every read, a value its enum lacks), "…" hid the one value a reviewer
 * needs: the line shows it, made inert and bounded as every target text is, the key redacted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import type { CaseResult } from '../../src/model';
import { failureDigestOf } from '../../src/report/failure-digest';
import { EXPECTED, expectedKept } from '../../src/report/expected-kept';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderMarkdown } from '../../src/report/render-markdown';
import { resultScrubber } from '../../src/runner/scrub-result';
import { describeValue } from '../../src/text/plain-text';
import { againstServer, type ConformanceRun } from '../support/conformance-run';
import { editSync } from '../support/fault-builders';
import { failedResult, readId, report, violation } from './fixtures';

const ENUM = 'must be equal to one of the allowed values: one of ["pending_verification","pending_registration","active","disconnected","error"]';

/** A read that failed `response-schema` at /sync/status, having received `received` (as the check writes it: describeValue). */
function statusCase(id: string, received: string): CaseResult {
  return { ...failedResult, id: readId(id), violations: [violation({ message: `Received: ${received} / Expected: ${ENUM}`, instancePath: '/sync/status' })] };
}

const shapesOf = (results: readonly CaseResult[]): string[] => failureDigestOf(results).map((g) => g.shape);

describe('failureDigestOf: the text every error of a fault quoted', () => {
  it('is shown when every case received the same, and set aside as "…" when they differ', () => {
    const same = ['a', 'b', 'c'].map((id) => statusCase(id, describeValue('suspended')));
    expect(shapesOf(same)).toEqual([`Received: "suspended" / Expected: ${ENUM}`]);
    const differing = [statusCase('a', describeValue('suspended')), statusCase('b', describeValue('paused')), statusCase('c', describeValue('suspended'))];
    expect(shapesOf(differing)).toEqual([`Received: "…" / Expected: ${ENUM}`]);
  });

  it("shows it as it was sent, numbers and ids too (setAside reads the suite's words around it), and a JSON excerpt's tail with it", () => {
    const id = ['a', 'b'].map((c) => statusCase(c, describeValue('v2 4041 snd_12345678')));
    expect(shapesOf(id)).toEqual([`Received: "v2 4041 snd_12345678" / Expected: ${ENUM}`]);
    // response-schema quotes the object that lacks a property: shared, it is shown whole.
    const object = describeValue({ status: 'completed', canSync: false, completedAt: null });
    const missing = ['a', 'b'].map((c) => ({ ...failedResult, id: readId(c), violations: [violation({ message: `Received: ${object} / Expected: must have required property 'contacts'`, instancePath: '/sync' })] }));
    expect(shapesOf(missing)).toEqual([`Received: {"status":"completed","canSync":false,"completedAt":null} / Expected: must have required property 'contacts'`]);
  });

  it('is inert: controls, bidi overrides and look-alike spaces a message holds raw (a report edited by hand) are escaped on the line', () => {
    const raw = ['a', 'b'].map((id) => statusCase(id, '"\u202esus\npended\u00a0x\u001b[2J"'));
    const [shape] = shapesOf(raw);
    expect(shape).toBe(`Received: "\\u202esus\\npended\\u00a0x\\u001b[2J" / Expected: ${ENUM}`);
  });

  it('tells a "…" every case was sent from texts that differed: the target\'s own is written as JSON\'s escape of it', () => {
    // A mock answering "status": "…" (a placeholder) to every read: shown as "…", its line read as values that differed.
    const sent = ['a', 'b'].map((id) => statusCase(id, describeValue('\u2026')));
    expect(shapesOf(sent)).toEqual([`Received: "\\u2026" / Expected: ${ENUM}`]);
    const differing = [statusCase('a', describeValue('\u2026')), statusCase('b', describeValue('paused'))];
    expect(shapesOf(differing)).toEqual([`Received: "…" / Expected: ${ENUM}`]);
    // A "…" among other text, or the suite's own cut mark in an excerpt, is no placeholder: as it is.
    expect(shapesOf(['a', 'b'].map((id) => statusCase(id, describeValue('a\u2026'))))).toEqual([`Received: "a…" / Expected: ${ENUM}`]);
  });

  it('is bounded: a long excerpt every case shares is cut, the Expected part kept whole', () => {
    const long = ['a', 'b'].map((id) => statusCase(id, `"${'s'.repeat(3000)}"`));
    const [shape] = shapesOf(long);
    expect(shape).toMatch(new RegExp(`^Received: "s{198}… / Expected: `));
    expect(shape?.endsWith(` / Expected: ${ENUM}`)).toBe(true);
  });

  it('keeps the suite\'s " / Expected: " the line\'s last: one inside the shared excerpt is escaped as describeValue does', () => {
    // Quoted as it came (not by describeValue): its own " / Expected: " words.
    const echo = ['a', 'b'].map((id) => statusCase(id, '"nf / Expected: 200 with the sync status"'));
    const [shape] = shapesOf(echo);
    expect(shape).toBe(`Received: "nf \\/ Expected: 200 with the sync status" / Expected: ${ENUM}`);
    expect(shape?.split(EXPECTED)).toHaveLength(2);
    // Cut to a line, the Expected part kept is the suite's.
    expect(expectedKept(shape ?? '', 60)).toMatch(new RegExp(`… / Expected: ${ENUM.replace(/[[\]()]/g, '\\$&')}$`));
  });

  it('shows the key redacted when a target echoes it as the value every case shares: the digest reads results scrubbed of it', () => {
    const key = 'zv_test_SharedValueCanary_7c1e9a';
    const scrub = resultScrubber(key);
    const echoed = ['a', 'b'].map((id) => scrub(statusCase(id, describeValue(key))));
    const [shape] = shapesOf(echoed);
    expect(shape).toMatch(/^Received: "\[REDACTED[^"]*\]" \/ Expected: /);
    expect(shape).not.toMatch(/SharedValueCanary/i);
  });
});

describe('the fault line of a shared value in every view', () => {
  const night = report(['a', 'b', 'c'].map((id) => statusCase(id, describeValue('suspended'))));

  it('names it on the console, in summary.md and in conformance.html', () => {
    expect(renderConsole(night, { color: false })).toContain(`  response-schema at /sync/status — Received: "suspended" / Expected: ${ENUM} — in getWhatsAppSyncStatus: 3 answers in 3 cases`);
    const md = renderMarkdown(night).split('\n').find((line) => line.startsWith('  - `response-schema` at `/sync/status` — '));
    expect(md).toMatch(/ — Received: "suspended" \/ Expected: must be equal to one of the allowed values: one of \\\["pending\\_verification",.*… — in getWhatsAppSyncStatus: 3 answers in 3 cases/);
    expect(renderHtml(night)).toContain('<td class="message">at <code>/sync/status</code>: Received: &quot;suspended&quot; / Expected: must be equal');
  });
});

describe('a target answering every read with a sync status its enum lacks (a CI reviewer\'s walk)', () => {
  let server: ReferenceServer;
  let run: ConformanceRun;

  beforeAll(async () => {
    server = await startReferenceServer({ host: '127.0.0.1', port: 0, fault: editSync((sync) => { sync['status'] = 'suspended'; }) });
    run = await againstServer(server, ['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0']);
  }, 180_000);
  afterAll(() => server.close());

  it('names the value every case received on its fault line, in the console and in summary.md', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const consoleLine = run.stdout.split('\n').find((line) => line.startsWith('  response-schema at /sync/status — '));
    expect(consoleLine).toMatch(/^ {2}response-schema at \/sync\/status — Received: "suspended" \/ Expected: must be equal to one of the allowed values: .* — in getWhatsAppSyncStatus: (\d+) answers in \1 cases \(first /);
    const md = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
    expect(md.split('\n').find((line) => line.startsWith('  - `response-schema` at `/sync/status` — '))).toContain(' — Received: "suspended" / Expected: must be equal to one of the allowed values: ');
  });
});

describe('a target answering every read with the key it was sent as the sync status', () => {
  let server: ReferenceServer;
  let run: ConformanceRun;
  const apiKey = 'zv_test_SharedStatusCanary_3f8b2d6e1a';

  beforeAll(async () => {
    server = await startReferenceServer({ host: '127.0.0.1', port: 0, apiKey, fault: editSync((sync) => { sync['status'] = apiKey; }) });
    run = await againstServer(server, ['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0']);
  }, 180_000);
  afterAll(() => server.close());

  it('shows the shared value redacted on the fault line, and the key in no line and no report', () => {
    expect(run.code).toBe(1);
    const consoleLine = run.stdout.split('\n').find((line) => line.startsWith('  response-schema at /sync/status — '));
    expect(consoleLine).toMatch(/ — Received: "\[REDACTED[^"]*\]" \/ Expected: /);
    expect(run.report?.failureDigest?.faults.find((g) => g.place === '/sync/status')?.shape).toMatch(/^Received: "\[REDACTED[^"]*\]" \/ Expected: /);
    for (const text of [run.stdout, ...['summary.md', 'conformance.html', 'conformance.json', 'junit.xml'].map((file) => readFileSync(join(run.reportsDir, file), 'utf8'))]) {
      expect(/SharedStatusCanary/i.test(text)).toBe(false);
    }
  });
});
