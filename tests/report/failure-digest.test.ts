/**
 * One fault seen in many answers reads as one line on top of the failure list (console and
 * summary.md), the per-case list still under it; and the grouping never merges two faults.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { failureDigestOf, failureGroupCounts, messageShape } from '../../src/report/failure-digest';
import { renderMarkdown } from '../../src/report/render-markdown';
import { againstServer, type ConformanceRun } from '../support/conformance-run';
import { failedResult, report, violation } from './fixtures';

describe('messageShape', () => {
  it('sets aside the text a target sent and every word with a digit, keeping what the suite says of it', () => {
    const a = messageShape('Received: "\\ufeff{"sync":{"status":"idle"}}" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for 200');
    const b = messageShape('Received: "\\ufeff{"error":"not found","code":"x"}" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for 404');
    expect(a).toBe(b);
    expect(a).toBe('Received: "…" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for …');
  });

  it('keeps two faults of one check apart: another parse error, another expectation', () => {
    const bom = messageShape('Received: "\\ufeff{}" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for 200');
    const syntax = messageShape('Received: "{" (Unexpected end of JSON input) / Expected: a JSON body, as documented for 200');
    expect(bom).not.toBe(syntax);
    expect(messageShape('Received: "a" / Expected: "application/json"')).not.toBe(messageShape('Received: "a" / Expected: "text/plain"'));
    // The status the target sent is what it did wrong; a short name with a digit is another property.
    expect(messageShape('Received: 200 / Expected: 401 (no credentials)')).not.toBe(messageShape('Received: 500 / Expected: 401 (no credentials)'));
    expect(messageShape('Received: {} / Expected: property p0')).not.toBe(messageShape('Received: {} / Expected: property p1'));
    // An id or a count is set aside.
    expect(messageShape('Received: 404 for req_8f3a9b2c1d / Expected: 200 within 30 s')).toBe(messageShape('Received: 404 for req_0a1b2c3d4e / Expected: 201 within 45 s'));
  });

  it('groups across cases only, and by place and title as well as message', () => {
    const v = (instancePath: string, message = 'Received: 500 / Expected: 200') => violation({ check: 'status-code-expected', instancePath, message });
    const results = [
      { ...failedResult, id: 'op/a', violations: [v('/items/0/x'), v('/y')] },
      { ...failedResult, id: 'op/b', violations: [v('/items/3/x'), v('/y', 'Received: 500 / Expected: 401')] },
      { ...failedResult, id: 'op/c', violations: [v('/z')] },
    ];
    const groups = failureDigestOf(results);
    // "/items/*/x" in two cases; "/y" twice, expecting 200 and 401 (a documented status set aside); "/z" once: not a group.
    expect(groups.map((g) => [g.check, g.shape, g.answers, g.cases, g.firstCase])).toEqual([
      ['status-code-expected', 'Received: 500 / Expected: …', 2, 2, 'op/a'],
      ['status-code-expected', 'Received: 500 / Expected: …', 2, 2, 'op/a'],
    ]);
    expect(failureDigestOf([results[2]!])).toEqual([]);
  });

  it('is bounded in summary.md: the per-case list gives up the lines the faults take', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...failedResult, id: `op/case-${i}`, violations: [violation({ check: 'json-body', message: `Received: "x${i}" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for 200` })] }));
    const md = renderMarkdown(report(many));
    expect(md).toContain('- By fault, each case below:\n  - `json-body` — Received: "…" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for … — 60 answers in 60 cases (first `op/case-0`)');
    expect(md.split('\n').length).toBeLessThan(50);
  });
});

describe('a target whose every JSON answer starts with a byte order mark', () => {
  let server: ReferenceServer;
  let run: ConformanceRun;

  beforeAll(async () => {
    server = await startReferenceServer({
      host: '127.0.0.1',
      port: 0,
      fault: (context) => (/json/i.test(context.planned.headers['content-type'] ?? context.planned.headers['Content-Type'] ?? '') ? { ...context.planned, body: `\ufeff${context.planned.body}` } : undefined),
    });
    run = await againstServer(server);
  }, 180_000);
  afterAll(() => server.close());

  it('shows the fault once, with how many answers and cases, on top of the failure list, in the console and in summary.md', () => {
    const failed = (run.report?.results ?? []).filter((r) => r.status === 'failed' && r.violations.some((v) => v.check === 'json-body' && v.message.includes('byte order mark')));
    const bom = failed.flatMap((r) => r.violations.filter((v) => v.check === 'json-body' && v.message.includes('byte order mark')).map((v) => `${r.id} ${v.step ?? ''}`));
    const answers = new Set(bom).size;
    expect(failed.length).toBeGreaterThan(10);
    const counts = bom.length === answers ? `${answers} answers in ${failed.length} cases` : `${bom.length} failures in ${answers} answers, ${failed.length} cases`;
    const consoleLine = run.stdout.split('\n').find((line) => line.startsWith('  json-body — ') && line.includes('byte order mark'));
    expect(consoleLine).toContain(counts);
    expect(run.stdout.indexOf('failures by fault')).toBeLessThan(run.stdout.indexOf('FAILED '));
    const md = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
    const failures = md.slice(md.indexOf('**Failures**'));
    expect(failures.split('\n')[2]).toMatch(/^- By fault/);
    expect(failures).toContain(`(it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for … — ${counts}`);
    // Each case is still listed under it.
    expect(failures).toContain(`- \`${failed[0]?.id}\` — \`json-body\``);
  });
});

describe('messageShape: edges', () => {
  it('sets aside an id of exactly eight characters', () => {
    expect(messageShape('Received: 404 for abcd1234 / Expected: 200')).toBe('Received: 404 for … / Expected: …');
  });

  it('reads a lone double quote as text, not as an excerpt', () => {
    expect(messageShape('Received: 5" x / Expected: 200')).toBe('Received: …" x / Expected: …');
  });

  it('keeps no status of a message with no " / Expected: " part: the whole of it is the suite\'s', () => {
    expect(messageShape('status 404 is not documented')).toBe('status … is not documented');
  });

  it('splits at the last " / Expected: ": the same words inside what the target sent are its text', () => {
    expect(messageShape('Received: "a / Expected: 1" / Expected: 200')).toBe('Received: "…" / Expected: …');
  });
});

describe('failureDigestOf: what it groups and in which order', () => {
  const v = (check: string, step?: string) => violation({ check, message: 'Received: 500 / Expected: 200', ...(step === undefined ? {} : { step }) });

  it('groups the errors of failed cases only: a flaky case\'s and a warning have lines of their own', () => {
    expect(failureDigestOf([{ ...failedResult, id: 'op/a', violations: [v('x')] }, { ...failedResult, id: 'op/b', status: 'flaky', violations: [v('x')] }])).toEqual([]);
    const warning = violation({ check: 'x', severity: 'warning', message: 'Received: 500 / Expected: 200' });
    expect(failureDigestOf([{ ...failedResult, id: 'op/a', violations: [warning] }, { ...failedResult, id: 'op/b', violations: [warning] }])).toEqual([]);
  });

  it('counts each step of a sequence as an answer of its own, and puts the fault with the most answers first', () => {
    const groups = failureDigestOf([
      { ...failedResult, id: 'op/a', violations: [v('few'), v('many', 's1'), v('many', 's2')] },
      { ...failedResult, id: 'op/b', violations: [v('few'), v('many')] },
    ]);
    expect(groups.map((g) => [g.check, g.failures, g.answers, g.cases])).toEqual([
      ['many', 3, 3, 2],
      ['few', 2, 2, 2],
    ]);
  });

  it('puts the fault with more answers first when two have as many failures (one answer with it twice counts once)', () => {
    // "z": 4 failures in 4 answers (two steps of two cases); "a": 4 failures in 2 answers. By name, "a" would come first.
    const groups = failureDigestOf([
      { ...failedResult, id: 'op/a', violations: [v('z', 's1'), v('z', 's2'), v('a'), v('a')] },
      { ...failedResult, id: 'op/b', violations: [v('z', 's1'), v('z', 's2'), v('a'), v('a')] },
    ]);
    expect(groups.map((g) => [g.check, g.failures, g.answers])).toEqual([
      ['z', 4, 4],
      ['a', 4, 2],
    ]);
  });

  it('names three faults in summary.md and counts the rest, which the per-case list below still shows', () => {
    const checks = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const md = renderMarkdown(report(['op/a', 'op/b'].map((id) => ({ ...failedResult, id, violations: checks.map((check) => v(check)) }))));
    expect(md).toContain('- By fault, each case below (2 more in the list below):\n');
    const start = md.indexOf('- By fault');
    const faults = md.slice(start).split('\n').slice(1).filter((line) => line.startsWith('  - `c'));
    expect(faults).toHaveLength(3);
  });

  it('counts failures apart from answers when an answer had a fault more than once', () => {
    const group = { check: 'x', shape: 's', failures: 3, answers: 2, cases: 1, firstCase: 'op/a' };
    expect(failureGroupCounts(group)).toBe('3 failures in 2 answers, 1 case');
    expect(failureGroupCounts({ ...group, failures: 2 })).toBe('2 answers in 1 case');
  });
});
