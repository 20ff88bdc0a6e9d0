import { keptRunNotes, RUN_NOTE_LIMITS } from '../../src/report/run-notes';
import { assertConsistent } from '../../src/report/report-consistency';
import { reportSchemaError, validateReport } from '../../src/report/report-schema';
import { renderJson } from '../../src/report/render-json';
import { report, result, runInfo } from './fixtures';

describe('keptRunNotes: the notes a report keeps', () => {
  it('keeps each note once, in the order said, on one line, its control characters as escapes', () => {
    expect(keptRunNotes(['b said', 'a\nsaid \u001b[31m\u202e', 'b said', '  '])).toEqual(['b said', 'a said \\u001b[31m\\u202e']);
  });

  it('cuts each note, and at most RUN_NOTE_LIMITS.kept are kept, the last counting those left out', () => {
    const long = keptRunNotes(['x'.repeat(5000)]);
    expect(long[0]?.length).toBe(RUN_NOTE_LIMITS.chars);
    expect(long[0]?.endsWith('…')).toBe(true);
    const many = keptRunNotes(Array.from({ length: 20 }, (_, i) => `note ${i}`));
    expect(many).toHaveLength(RUN_NOTE_LIMITS.kept);
    expect(many[RUN_NOTE_LIMITS.kept - 1]).toBe(`… and ${20 - (RUN_NOTE_LIMITS.kept - 1)} more notes, said on the run's console`);
  });

  it('is idempotent: a merge applies it again to its shards\' notes, which a shard kept already', () => {
    const once = keptRunNotes([...Array.from({ length: 20 }, (_, i) => `note ${i} ${'y'.repeat(700)}`), 'z\u0007']);
    expect(keptRunNotes(once)).toEqual(once);
    expect(keptRunNotes([...once, ...once])).toEqual(once);
  });
});

describe('runInfo.notes in conformance.json', () => {
  it('is printed after the run\'s other fields, validates, and is consistent when kept as a run keeps it', () => {
    const withNotes = report([result()], { ...runInfo, notes: ['a replay of recordings made under another contract'] });
    const text = renderJson(withNotes);
    expect(JSON.parse(text).runInfo.notes).toEqual(['a replay of recordings made under another contract']);
    expect(Object.keys(JSON.parse(text).runInfo).at(-1)).toBe('notes');
    expect(validateReport(JSON.parse(text))).toBeTruthy();
    expect(() => assertConsistent(withNotes)).not.toThrow();
  });

  it('a note twice, or on two lines, is a report the suite must not write: the schema or the consistency check says so', () => {
    expect(() => assertConsistent(report([result()], { ...runInfo, notes: ['once', 'once'] }))).toThrow(/\/runInfo\/notes/);
    expect(() => assertConsistent(report([result()], { ...runInfo, notes: ['two\nlines'] }))).toThrow(/\/runInfo\/notes/);
    expect(reportSchemaError(JSON.parse(renderJson(report([result()], { ...runInfo, notes: ['once', 'once'] }))))).toMatch(/notes/);
    expect(reportSchemaError(JSON.parse(renderJson(report([result()], { ...runInfo, notes: [] }))))).toMatch(/notes/);
    expect(reportSchemaError(JSON.parse(renderJson(report([result()], { ...runInfo, notes: ['x'.repeat(601)] }))))).toMatch(/notes/);
  });
});
