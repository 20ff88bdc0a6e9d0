/**
 * A night's warnings (runWarnings) and notes (runInfo.notes) in its history record, read back within
 * bounds, and shown under the night by `zavu-conformance history` (text and Markdown).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendRecord } from '../../src/history/append-history';
import { deriveFigures } from '../../src/history/derive-figures';
import { renderHistoryMarkdown } from '../../src/history/history-markdown';
import { recordOf } from '../../src/history/history-record';
import { renderHistoryTerminal } from '../../src/history/history-terminal';
import { NIGHT_REMARK_LIMITS } from '../../src/history/night-remarks';
import { parseRecord } from '../../src/history/parse-record';
import { readHistory } from '../../src/history/read-history';
import type { ConformanceReport } from '../../src/model';
import { renderJson } from '../../src/report/render-json';
import { REPORT_SCHEMA_PATH, reportSchemaError } from '../../src/report/report-schema';
import { unaskedBytesWarning } from '../../src/report/run-warnings';
import { mixedReport, result, runInfo } from '../report/fixtures';
import { assembleReport } from '../../src/runner/assemble-report';
import { mergeReports } from '../../src/shard/merge-reports';
import { remarkTotal } from '../../src/report/history-text';
import { night, TARGET } from './fixtures';

const WARNING = unaskedBytesWarning({ count: 1, excerpt: 'HTTP/1.1 200 OK\\r\\n' });
const NOTE = 'replaying recordings made when sendWhatsAppSync\'s contract differed: their answers are judged by today\'s contract';

function reportWith(options: { warnings?: string[]; notes?: string[] }): ConformanceReport {
  const base = mixedReport();
  return {
    ...base,
    runInfo: { ...base.runInfo, ...(options.notes !== undefined ? { notes: options.notes } : {}) },
    ...(options.warnings !== undefined ? { runWarnings: options.warnings.map((message) => ({ kind: 'unasked-bytes' as const, message })) } : {}),
  };
}

describe('the record', () => {
  it('keeps the night\'s warnings and notes, and has neither field when the night had none', () => {
    const record = recordOf(reportWith({ warnings: [WARNING.message], notes: [NOTE] }));
    expect(record.warnings).toEqual([WARNING.message]);
    expect(record.notes).toEqual([NOTE]);
    const quiet = recordOf(reportWith({}));
    expect('warnings' in quiet).toBe(false);
    expect('notes' in quiet).toBe(false);
  });

  it('bounds them: at most so many warnings (the last counting the rest), each cut to one line', () => {
    const many = Array.from({ length: 25 }, (_, i) => `[shard ${i + 1}/25] ${WARNING.message}`);
    const record = recordOf(reportWith({ warnings: many, notes: [`${'n'.repeat(2000)}\nsecond line`] }));
    expect(record.warnings).toHaveLength(NIGHT_REMARK_LIMITS.warnings.count);
    expect(record.warnings?.at(-1)).toBe(`… and ${25 - (NIGHT_REMARK_LIMITS.warnings.count - 1)} more warnings, in that night's reports`);
    expect(record.notes?.[0]?.length).toBeLessThanOrEqual(NIGHT_REMARK_LIMITS.notes.chars);
    expect(record.notes?.[0]).not.toMatch(/[\r\n]/);
    // Whatever it keeps, its own reader takes back.
    expect(parseRecord(JSON.parse(JSON.stringify(record)), 100)).toEqual({ record });
  });

  it("counts a merge's own folded line as the warnings it stands for, not as one (150 shards, each with a warning: 150)", () => {
    // The merge keeps 99 shards' lines and folds the other 51 into one; the record kept 9 lines
    // and "… and 91 more", and the history said 100 warnings of a night that had 150.
    const count = 150;
    const shards = Array.from({ length: count }, (_, i) => assembleReport({ ...runInfo, shard: `${i + 1}/${count}` }, i === 0 ? [result()] : [], { allowFlaky: false, runWarnings: [WARNING] }));
    const merged = mergeReports(shards);
    expect(remarkTotal((merged.runWarnings ?? []).map((w) => w.message))).toBe(count);
    const record = recordOf(assembleReport(merged.runInfo, merged.results, { allowFlaky: false, runWarnings: merged.runWarnings ?? [] }));
    expect(record.warnings).toHaveLength(NIGHT_REMARK_LIMITS.warnings.count);
    expect(record.warnings?.at(-1)).toBe(`… and ${count - (NIGHT_REMARK_LIMITS.warnings.count - 1)} more warnings, in that night's reports`);
    expect(remarkTotal(record.warnings ?? [])).toBe(count);
  });
});

describe('reading them back', () => {
  const base = (): Record<string, unknown> => JSON.parse(JSON.stringify(night(1, '..'))) as Record<string, unknown>;

  it('a record from before them (neither field) still reads', () => {
    expect('record' in parseRecord(base(), 100)).toBe(true);
  });

  it('refuses more lines, or longer ones, than a record keeps, a line break, and what is not a list of text', () => {
    const tooMany = Array.from({ length: NIGHT_REMARK_LIMITS.warnings.count + 1 }, () => 'w');
    expect(parseRecord({ ...base(), warnings: tooMany }, 100)).toEqual({ problem: `warnings must be a list of 1 to ${NIGHT_REMARK_LIMITS.warnings.count} lines of 1 to ${NIGHT_REMARK_LIMITS.warnings.chars} characters` });
    expect(parseRecord({ ...base(), warnings: ['w'.repeat(NIGHT_REMARK_LIMITS.warnings.chars + 1)] }, 100)).toHaveProperty('problem');
    expect(parseRecord({ ...base(), notes: ['two\nlines'] }, 100)).toEqual({ problem: `notes must be a list of 1 to ${NIGHT_REMARK_LIMITS.notes.count} lines of 1 to ${NIGHT_REMARK_LIMITS.notes.chars} characters` });
    expect(parseRecord({ ...base(), notes: 'one note' }, 100)).toHaveProperty('problem');
    expect(parseRecord({ ...base(), notes: [3] }, 100)).toHaveProperty('problem');
  });

  it('refuses an empty list or an empty line (no writer makes either), which the report\'s schema refuses after every request was sent', () => {
    for (const remarks of [{ warnings: [] }, { notes: [] }, { warnings: [''] }, { notes: ['n', ''] }]) {
      const parsed = parseRecord({ ...base(), ...remarks }, 100);
      const field = Object.keys(remarks)[0] as 'warnings' | 'notes';
      expect(parsed).toEqual({ problem: `${field} must be a list of 1 to ${NIGHT_REMARK_LIMITS[field].count} lines of 1 to ${NIGHT_REMARK_LIMITS[field].chars} characters` });
      // Why: taken, the night would reach conformance.json's history as it is, and its schema refuses it.
      const json = JSON.parse(renderJson({ ...mixedReport(), history: deriveFigures([{ ...night(1, '..'), ...remarks }], { store: 'h', target: TARGET, window: 10 }) })) as ConformanceReport;
      expect(reportSchemaError(json)).toMatch(new RegExp(`^/history/runs/0/${field}`));
    }
  });

  it('an appended record keeps them through the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zavu-remarks-'));
    try {
      const store = join(dir, 'history.jsonl');
      await appendRecord(store, recordOf(reportWith({ warnings: [WARNING.message], notes: [NOTE] })));
      const [read] = readHistory(store);
      expect(read?.record.warnings).toEqual([WARNING.message]);
      expect(read?.record.notes).toEqual([NOTE]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('`history` shows them under their night', () => {
  const warned = { ...night(2, '..'), warnings: [WARNING.message, `[shard 2/2] ${WARNING.message}`] };
  const noted = { ...night(3, '..'), notes: [NOTE] };
  const figures = deriveFigures([night(1, '..'), warned, noted, night(4, '..')], { store: 'h', target: TARGET, window: 10 });

  it('the figures carry each night\'s own, the nights without having none', () => {
    expect(figures.runs.map((r) => [r.warnings?.length ?? 0, r.notes?.length ?? 0])).toEqual([[0, 0], [2, 0], [0, 1], [0, 0]]);
  });

  it('as text: one line a kind beneath the night\'s row, the first cut, the rest counted; quiet nights have none', () => {
    const lines = renderHistoryTerminal(figures).split('\n');
    const at = lines.findIndex((l) => l.startsWith('  2026-11-02'));
    expect(lines[at + 1]).toMatch(/^ {15}warning: the target sent bytes on an idle kept-alive connection while no request was outstanding, first "HTTP\/1\.1 200 OK\\r\\n".*… \(and 1 more warning\)$/);
    expect(lines[at + 1]!.length).toBeLessThan(200);
    // Newest first: the 4th (quiet), the 3rd and its note, the 2nd and its warning, the 1st (quiet).
    expect(lines[at + 2]).toMatch(/^ {2}2026-11-01 /);
    expect(lines[at - 1]).toBe(`               note: ${NOTE}`);
    expect(lines[at - 2]).toMatch(/^ {2}2026-11-03 /);
    expect(lines[at - 3]).toMatch(/^ {2}2026-11-04 /);
  });

  it('as text: what the store holds is made visible, never obeyed', () => {
    const hostile = deriveFigures([{ ...night(1, '.'), notes: ['\u001b[2J\u202eevil'] }], { store: 'h', target: TARGET, window: 10 });
    const out = renderHistoryTerminal(hostile);
    expect(out).not.toMatch(/[\u001b\u202e]/);
    expect(out).toContain('note: \\u001b[2J\\u202eevil');
  });

  it('as Markdown: a list of the nights shown that had any, inert, each line bounded', () => {
    const hostile = { ...night(5, '..'), warnings: ['<img src=x> @team [a](https://x.example) | cell `code` ' + 'w'.repeat(2000)] };
    const out = renderHistoryMarkdown(deriveFigures([night(1, '..'), warned, noted, hostile], { store: 'h', target: TARGET, window: 10 }));
    const lines = out.split('\n');
    const start = lines.indexOf('Warnings and notes of the nights above (in full in that night\'s reports):');
    expect(start).toBeGreaterThan(lines.findIndex((l) => l.startsWith('| 2026-11-01')));
    const list = lines.slice(start + 2, lines.indexOf('', start + 2));
    expect(list).toHaveLength(3);
    expect(list[0]).toMatch(/^- 2026-11-05 — warning: /);
    expect(list[1]).toMatch(/^- 2026-11-03 — note: replaying recordings/);
    expect(list[2]).toMatch(/^- 2026-11-02 — warning: the target sent bytes .*\(and 1 more warning\)$/);
    for (const line of list) expect(line.length).toBeLessThan(400);
    // As md() makes every stored text inert (markdown-text.ts): no tag, mention, link or cell edge.
    expect(list[0]).toContain('warning: \\<img src=x\\> `@team` `[a](https://x.example)` \\| cell \\`code\\` www');
  });

  it('as Markdown: no such list when no night shown had any', () => {
    expect(renderHistoryMarkdown(deriveFigures([night(1, '..'), night(2, '..')], { store: 'h', target: TARGET, window: 10 }))).not.toContain('Warnings and notes');
  });

  it('a note every judged night of the window had (a variable a team never sets) is said once, not under each night', () => {
    const OTHER = 'credential rows judged by a looser rule';
    const nights = [{ ...night(1, '..'), notes: [NOTE] }, { ...night(2, '..'), notes: [NOTE, OTHER] }, { ...night(3, '..'), notes: [NOTE] }];
    const text = renderHistoryTerminal(deriveFigures(nights, { store: 'h', target: TARGET, window: 10 }));
    expect(text.split('\n').filter((l) => l.includes(NOTE))).toEqual([`  every judged run of the window, note: ${NOTE}`]);
    expect(text).toMatch(new RegExp(`^  2026-11-02 .*\\n {15}note: ${OTHER}$`, 'm'));
    const markdown = renderHistoryMarkdown(deriveFigures(nights, { store: 'h', target: TARGET, window: 10 }));
    expect(markdown.split('\n').filter((l) => l.includes('replaying recordings'))).toEqual([expect.stringMatching(/^- every judged run of the window — note: replaying recordings/)]);
    expect(markdown).toContain(`- 2026-11-02 — note: ${OTHER}`);
    // One night alone, or one night of the window without it: under its night(s), as before.
    expect(renderHistoryTerminal(deriveFigures(nights.slice(0, 1), { store: 'h', target: TARGET, window: 10 }))).toContain(`\n               note: ${NOTE}`);
    const gap = renderHistoryTerminal(deriveFigures([...nights, night(4, '..')], { store: 'h', target: TARGET, window: 10 }));
    expect(gap).not.toContain('every judged run of the window');
    expect(gap.split('\n').filter((l) => l.includes(NOTE))).toHaveLength(3);
    // A night not run is none of the judged runs that line speaks for: its own notes show whole beneath it.
    const stopped = { ...night(4, ''), cases: [], stopped: { reason: 'target silent', exitCode: 3 }, notes: [NOTE] };
    const withStop = renderHistoryTerminal(deriveFigures([...nights, stopped], { store: 'h', target: TARGET, window: 10 }));
    expect(withStop.split('\n').filter((l) => l.includes(NOTE))).toEqual([`               note: ${NOTE}`, `  every judged run of the window, note: ${NOTE}`]);
  });

  it('conformance.json carries them under history.runs, and its schema takes them within their bounds', () => {
    const json = JSON.parse(renderJson({ ...mixedReport(), history: figures })) as ConformanceReport;
    expect(reportSchemaError(json)).toBeUndefined();
    const runs = json.history!.runs;
    const tooLong = runs.map((r, i) => (i === 1 ? { ...r, warnings: ['w'.repeat(NIGHT_REMARK_LIMITS.warnings.chars + 1)] } : r));
    expect(reportSchemaError({ ...json, history: { ...json.history!, runs: tooLong } })).toMatch(/^\/history\/runs\/1\/warnings\/0 must NOT have more than/);
  });

  it('the schema\'s bounds are the record\'s', () => {
    const schema = JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as { definitions: { HistoryFigures: { properties: { runs: { items: { properties: Record<'warnings' | 'notes', { maxItems: number; items: { maxLength: number } }> } } } } } };
    const runs = schema.definitions.HistoryFigures.properties.runs.items.properties;
    for (const field of ['warnings', 'notes'] as const) expect([runs[field].maxItems, runs[field].items.maxLength]).toEqual([NIGHT_REMARK_LIMITS[field].count, NIGHT_REMARK_LIMITS[field].chars]);
  });
});
