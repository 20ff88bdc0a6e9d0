/**
 * The run's warnings by check and place: a gateway's three extra properties read as three places
 * seen in N answers, once, in conformance.json, the console, summary.md and conformance.html,
 * bounded however many places a target invents, and inert whatever it names them.
 */
import type { CaseResult, ConformanceReport, Violation, WarningPlace } from '../../src/model';
import { truncationOf } from '../../src/report/omitted';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderJson } from '../../src/report/render-json';
import { renderMarkdown } from '../../src/report/render-markdown';
import { assertConsistent } from '../../src/report/report-consistency';
import { validateReport } from '../../src/report/report-schema';
import { summarize } from '../../src/report/summarize';
import { copyPrefix, pointerPattern } from '../../src/model/violation';
import { DIGEST_LIMITS, placeCounts, placeText, warningDigestOf, wholeAnswerTitle } from '../../src/report/warning-digest';
import { failedResult, readId, report, result, violation } from './fixtures';

function extra(pointer: string, step?: string): Violation {
  return violation({
    check: 'undocumented-properties',
    severity: 'warning',
    title: 'The 404 body has a property Error does not declare',
    message: `Received: ${pointer} = "x" / Expected: only properties declared by Error`,
    instancePath: pointer,
    schemaPath: 'Error.json#',
    ...(step === undefined ? {} : { step }),
  });
}

/** A gateway's habit: requestId and timestamp on every answer, of single requests and of every step of a sequence. */
function gatewayResults(): CaseResult[] {
  return [
    result({ id: readId('a'), violations: [extra('/requestId'), extra('/timestamp')] }),
    result({ id: readId('b'), violations: [extra('/requestId', 'start'), extra('/requestId', 'read-after'), extra('/timestamp', 'start')] }),
    // Not a warning: the digest leaves errors to the failure lists.
    { ...failedResult, id: readId('c'), violations: [violation(), extra('/items/0/x'), extra('/items/1/x'), extra('/items/12/x')] },
    result({ id: readId('d'), violations: [], omittedViolations: [{ check: 'undocumented-properties', severity: 'warning', count: 1200, instancePath: '/sync' }] }),
  ];
}

/** As the runner assembles it: the counted-only warnings make it a truncated report. */
function gatewayReport(): ConformanceReport {
  const results = gatewayResults();
  return { ...report(results), truncation: truncationOf(results, 20) ?? { keptPerCheck: 20, omittedViolations: 0, results: 0 } };
}

describe('pointerPattern', () => {
  it('writes every array index as *, and nothing else', () => {
    expect(pointerPattern('/items/3/x')).toBe('/items/*/x');
    expect(pointerPattern('/0/1/a0/07/-')).toBe('/*/*/a0/07/-');
    expect(pointerPattern('')).toBe('');
    expect(pointerPattern('/a~1b/10')).toBe('/a~1b/*');
  });
});

describe('warningDigestOf', () => {
  it('counts each place once per answer and case, array elements as one place, counted-only warnings as a place under their pointer', () => {
    const results = gatewayResults();
    const digest = warningDigestOf(results);
    expect(digest).toEqual([
      {
        check: 'undocumented-properties',
        warnings: 1208,
        answers: 5,
        cases: 4,
        placeCount: 4,
        places: [
          { pointer: '/sync', under: true, warnings: 1200, answers: 1, cases: 1, firstCases: [readId('d')] },
          { pointer: '/items/*/x', schema: 'Error', warnings: 3, answers: 1, cases: 1, firstCases: [readId('c')] },
          { pointer: '/requestId', schema: 'Error', warnings: 3, answers: 3, cases: 2, firstCases: [readId('a'), readId('b')] },
          { pointer: '/timestamp', schema: 'Error', warnings: 2, answers: 2, cases: 2, firstCases: [readId('a'), readId('b')] },
        ],
      },
    ]);
    // The numbers add up to the verdict line's.
    expect((digest ?? []).reduce((sum, entry) => sum + entry.warnings, 0)).toBe(summarize(results).warnings);
    expect(warningDigestOf([failedResult, result()])).toBeUndefined();
  });

  it("counts a concurrent step's copies as answers of their own: two starts sent at once are two answers, not a place seen twice in one", () => {
    // The runner names a concurrent step's findings by copy (`copy`, and "copy 1 of 2: …" in words), all under the one step.
    const copies = (pointer: string): Violation[] => [1, 2].map((copy) => ({ ...extra(pointer, 'start'), message: `${copyPrefix(copy, 2)}Received: ${pointer} = "x"`, copy }));
    const [entry] = warningDigestOf([result({ id: readId('race'), violations: [...copies('/requestId'), extra('/requestId', 'read-after')] })]) ?? [];
    expect(entry?.answers).toBe(3);
    expect(entry?.places[0]).toEqual({ pointer: '/requestId', schema: 'Error', warnings: 3, answers: 3, cases: 1, firstCases: [readId('race')] });
    // Read as "3 answers", not "3 warnings in 2 answers" (which says a place was seen more than once in an answer).
    expect(placeCounts(entry?.places[0] ?? { warnings: 0, answers: 0, cases: 0 })).toBe('3 answers, 1 case');
  });

  it("counts a copy's counted-only warnings in the answer whose kept ones they follow, not as an answer of their own", () => {
    // One copy of two had 25 warnings of a check: 20 kept and 5 counted, each naming the copy.
    const kept = Array.from({ length: 20 }, (_, k) => ({ ...extra(`/p${k}`, 'start'), message: `${copyPrefix(1, 2)}Received: /p${k} = "x"`, copy: 1 }));
    const omitted = { check: 'undocumented-properties', severity: 'warning' as const, count: 5, instancePath: '/sync', step: 'start', copy: 1 };
    const [entry] = warningDigestOf([result({ id: readId('race'), violations: kept, omittedViolations: [omitted] })]) ?? [];
    expect(entry).toMatchObject({ warnings: 25, answers: 1, cases: 1 });
    // Counted-only warnings with no kept one of their answer (a report cut) still make that answer.
    const [alone] = warningDigestOf([result({ id: readId('cut'), violations: [], omittedViolations: [omitted] })]) ?? [];
    expect(alone).toMatchObject({ warnings: 5, answers: 1, cases: 1 });
  });

  it("counts the counted-only warnings of each copy of a concurrent step as that copy's answer, at their place too", () => {
    // Two copies of one step, each with 20 kept warnings and 5 counted, each naming its copy: two answers.
    const kept = [1, 2].flatMap((copy) => Array.from({ length: 20 }, (_, k) => ({ ...extra(`/p${k}`, 'start'), message: `${copyPrefix(copy, 2)}Received: /p${k} = "x"`, copy })));
    const omitted = [1, 2].map((copy) => ({ check: 'undocumented-properties', severity: 'warning' as const, count: 5, instancePath: '/sync', step: 'start', copy }));
    const [entry] = warningDigestOf([result({ id: readId('race'), violations: kept, omittedViolations: omitted })]) ?? [];
    expect(entry).toMatchObject({ warnings: 50, answers: 2, cases: 1 });
    const under = entry?.places.find((p) => p.under === true);
    expect(under).toMatchObject({ pointer: '/sync', warnings: 10, answers: 2, cases: 1 });
    // With no kept one left (a report cut), each copy's counted ones are still its answer.
    const [cut] = warningDigestOf([result({ id: readId('race-cut'), violations: [], omittedViolations: omitted })]) ?? [];
    expect(cut).toMatchObject({ warnings: 10, answers: 2, cases: 1 });
    expect(cut?.places[0]).toMatchObject({ under: true, answers: 2 });
  });

  it("counts a finding as a copy's by the copy the runner set on it, never by its words: a message that starts as a copy's does is of its step's one answer", () => {
    // A step sent once: its two findings are of one answer, whatever text leads either message.
    const lookalike = { ...extra('/requestId', 'start'), message: `${copyPrefix(2, 3)}Received: /requestId = "x"` };
    const [entry] = warningDigestOf([result({ id: readId('once'), violations: [lookalike, extra('/timestamp', 'start')] })]) ?? [];
    expect(entry).toMatchObject({ warnings: 2, answers: 1, cases: 1 });
  });

  it('keeps the largest places and the first cases only, and says how many places there were', () => {
    const many = Array.from({ length: 30 }, (_, i) => result({ id: readId(`s${i}`), violations: Array.from({ length: i + 1 }, (_unused, k) => extra(`/p${k}`)) }));
    const [entry] = warningDigestOf(many) ?? [];
    expect(entry?.placeCount).toBe(30);
    expect(entry?.places).toHaveLength(DIGEST_LIMITS.placesPerCheck);
    // /p0 was in all 30 answers: first; its first cases are the first three in report order.
    expect(entry?.places[0]).toEqual({ pointer: '/p0', schema: 'Error', warnings: 30, answers: 30, cases: 30, firstCases: [readId('s0'), readId('s1'), readId('s2')] });
  });

  it('is in conformance.json, valid against the schema; a report whose digest disagrees with its results is never written', () => {
    const gateway = gatewayReport();
    const json = JSON.parse(renderJson(gateway)) as unknown;
    expect(validateReport(json).warningDigest?.[0]?.placeCount).toBe(4);
    expect(() => assertConsistent(gateway)).not.toThrow();
    const { warningDigest: _left, ...without } = gateway;
    expect(() => assertConsistent(without)).toThrow(/\/warningDigest is absent/);
    expect(() => assertConsistent({ ...report([result()]), warningDigest: gateway.warningDigest ?? [] })).toThrow(/\/warningDigest is present/);
    const places = Array.from({ length: 21 }, () => gateway.warningDigest?.[0]?.places[0]);
    expect(() => validateReport({ ...(json as object), warningDigest: [{ ...gateway.warningDigest?.[0], places }] })).toThrow(/\/warningDigest\/0\/places must NOT have more than 20 items/);
  });
});

describe("a concurrent step's copies in conformance.json", () => {
  it('keep their copy numbers, so a report read back (a merge of shards) counts the same answers', () => {
    const kept = [1, 2].flatMap((copy) => Array.from({ length: 20 }, (_, k) => ({ ...extra(`/p${k}`, 'start'), message: `${copyPrefix(copy, 2)}Received: /p${k} = "x"`, copy })));
    const omitted = [1, 2].map((copy) => ({ check: 'undocumented-properties', severity: 'warning' as const, count: 5, instancePath: '/sync', step: 'start', copy }));
    const results = [result({ id: readId('race'), violations: kept, omittedViolations: omitted })];
    const written = { ...report(results), truncation: truncationOf(results, 20) ?? { keptPerCheck: 20, omittedViolations: 0, results: 0 } };
    const read = validateReport(JSON.parse(renderJson(written)) as unknown);
    expect(read.results[0]?.violations.map((v) => v.copy)).toEqual(kept.map((v) => v.copy));
    expect(read.results[0]?.omittedViolations?.map((o) => o.copy)).toEqual([1, 2]);
    expect(warningDigestOf(read.results)).toEqual(written.warningDigest);
    expect(written.warningDigest?.[0]).toMatchObject({ warnings: 50, answers: 2 });
    expect(() => assertConsistent(read)).not.toThrow();
  });
});

describe('a property one gateway adds to every body, whatever its schema', () => {
  // Seen against a server adding `foo` to every JSON answer: one place `/foo` of 315 warnings, where
  // the contract lacks it in three schemas (the status, the start's answer, Error), none named.
  const foo = (schema: string, status: number): Violation => violation({ check: 'undocumented-properties', severity: 'warning', title: `The ${status} body has a property ${schema} does not declare`, message: `Received: /foo = 1 / Expected: only properties declared by ${schema}`, instancePath: '/foo', schemaPath: `${schema}.json#` });
  const results = [
    result({ id: readId('a'), violations: [foo('WhatsAppSyncStatusResponse', 200)] }),
    result({ id: readId('b'), violations: [foo('WhatsAppSyncStatusResponse', 200)] }),
    result({ id: readId('c'), violations: [foo('Error', 404)] }),
  ];

  it('is a place per schema, each naming it, in conformance.json', () => {
    const [entry] = warningDigestOf(results) ?? [];
    expect(entry?.places.map((p) => [p.pointer, p.schema, p.answers])).toEqual([
      ['/foo', 'WhatsAppSyncStatusResponse', 2],
      ['/foo', 'Error', 1],
    ]);
    const r = report(results);
    expect(() => validateReport(JSON.parse(renderJson(r)))).not.toThrow();
    expect(() => assertConsistent(r)).not.toThrow();
  });

  it('names the schema in the console, summary.md and conformance.html', () => {
    const r = report(results);
    expect(renderConsole(r)).toContain(`\n    /foo in WhatsAppSyncStatusResponse: 2 answers, 2 cases (first ${readId('a')})\n    /foo in Error: 1 answer, 1 case (first ${readId('c')})\n`);
    expect(renderMarkdown(r)).toContain(`— \`/foo\` in \`WhatsAppSyncStatusResponse\` (2 answers, 2 cases, first \`${readId('a')}\`), \`/foo\` in \`Error\` (1 answer`);
    expect(renderHtml(r)).toContain('<td><code>/foo</code> in <code>Error</code></td><td>1</td>');
  });
});

describe('the digest in each output', () => {
  it('the console: under the warnings line, one line per check and per place, each with its first case', () => {
    const out = renderConsole(gatewayReport());
    expect(out).toContain(
      [
        'warnings (not failures; each in conformance.html and conformance.json): undocumented-properties ×1,208',
        '  undocumented-properties: 4 places in 5 answers, 4 cases',
        `    under /sync: 1,200 warnings in 1 answer, 1 case (first ${readId('d')})`,
        `    /items/*/x in Error: 3 warnings in 1 answer, 1 case (first ${readId('c')})`,
        `    /requestId in Error: 3 answers, 2 cases (first ${readId('a')})`,
        `    /timestamp in Error: 2 answers, 2 cases (first ${readId('a')})`,
        '',
      ].join('\n'),
    );
  });

  it('summary.md: one nested line per check under the Warnings line; conformance.html: a table above the per-case list', () => {
    const gateway = gatewayReport();
    const md = renderMarkdown(gateway);
    expect(md).toContain(`- Warnings: 1208 (listed in conformance.html)\n  - \`undocumented-properties\`: 4 places in 5 answers, 4 cases — under \`/sync\` (1,200 warnings in 1 answer, 1 case, first \`${readId('d')}\`), \`/items/*/x\` in \`Error\``);
    // Four places, one past summary.md's three: the fourth is named, never "and 1 more".
    expect(md).toContain(`, \`/timestamp\` in \`Error\` (2 answers, 2 cases, first \`${readId('a')}\`)\n`);
    expect(md).not.toMatch(/and 1 more/);
    const html = renderHtml(gateway);
    const table = html.slice(html.indexOf('<h3>Where</h3>'), html.indexOf('<h3>Per case</h3>'));
    expect(table).toContain(`<tr><td><code>undocumented-properties</code></td><td><code>/requestId</code> in <code>Error</code></td><td>3</td><td>3</td><td>2</td><td><code>${readId('a')}</code>, <code>${readId('b')}</code></td></tr>`);
    expect(table.match(/<tr>/g)).toHaveLength(5);
  });

  it("says what a warning of the whole answer is, by its first case's title: \"(the answer as a whole)\" alone never says which header a mock lacks", () => {
    const challenge = (step: string): Violation =>
      violation({ check: 'auth-challenge', severity: 'warning', title: 'A 401 with no WWW-Authenticate challenge', message: 'Received: no WWW-Authenticate header / Expected: WWW-Authenticate: Bearer …', instancePath: '', step });
    const hostileTitle = violation({ check: 'allow-on-405', severity: 'warning', title: `A 405 \u202e<img src=x>\n::error::${'z'.repeat(400)}`, message: 'Received: 405', instancePath: '' });
    const r = report([
      result({ id: readId('no-credentials'), violations: [challenge('read'), challenge('head')] }),
      result({ id: readId('wrong-key'), violations: [challenge('read')] }),
      result({ id: readId('get'), violations: [hostileTitle] }),
    ]);
    const out = renderConsole(r);
    expect(out).toContain(`    (the answer as a whole): 3 answers, 2 cases (first ${readId('no-credentials')}: A 401 with no WWW-Authenticate challenge)\n`);
    const md = renderMarkdown(r);
    expect(md).toContain(`(the answer as a whole) (3 answers, 2 cases, first \`${readId('no-credentials')}\`: A 401 with no WWW-Authenticate challenge)`);
    // A title may carry a target's bytes (a status, a header): inert and cut as the rest of the line.
    const line = out.split('\n').find((l) => l.includes(readId('get'))) ?? '';
    expect(line).toContain('A 405 \\u202e<img src=x>\\n::error::zzz');
    expect(line.length).toBeLessThan(300);
    expect(out).not.toMatch(/[\u202e]|\n::/);
    const mdLine = md.split('\n').find((l) => l.includes(readId('get'))) ?? '';
    expect(mdLine).not.toContain('\u202e');
    // Outside code spans, markup is escaped (\<img) and the title is one line: GitHub renders it as text.
    expect(mdLine.replace(/`[^`]*`/g, '')).not.toMatch(/(^|[^\\])<img|\n/);
    const table = renderHtml(r).split('<h3>Where</h3>')[1]?.split('<h3>Per case</h3>')[0] ?? '';
    expect(table).toContain('<td>(the answer as a whole): A 401 with no WWW-Authenticate challenge</td>');
    expect(table).not.toMatch(/<img|\u202e/);
    // A place in the body names itself by its pointer: no title added there.
    expect(renderConsole(gatewayReport())).toContain(`    /requestId in Error: 3 answers, 2 cases (first ${readId('a')})\n`);
  });

  it("says when the warnings of a whole-answer place do not all share the first case's title: one 'no Bearer challenge' is not read as the 97 answers' fault", () => {
    const challenge = (title: string): Violation => violation({ check: 'auth-challenge', severity: 'warning', title, message: 'Received: WWW-Authenticate: Basic / Expected: Bearer', instancePath: '' });
    const r = report([
      result({ id: readId('no-credentials'), violations: [challenge('A 401 with no Bearer challenge')] }),
      result({ id: readId('wrong-key'), violations: [challenge('A 401 with no WWW-Authenticate challenge')] }),
      result({ id: readId('bad-key'), violations: [challenge('A 401 with no WWW-Authenticate challenge')] }),
    ]);
    expect(renderConsole(r)).toContain(`(first ${readId('no-credentials')}: A 401 with no Bearer challenge (+1 other title))\n`);
    expect(renderMarkdown(r)).toContain(`: A 401 with no Bearer challenge (+1 other title))`);
    const table = renderHtml(r).split('<h3>Where</h3>')[1]?.split('<h3>Per case</h3>')[0] ?? '';
    expect(table).toContain('<td>(the answer as a whole): A 401 with no Bearer challenge (+1 other title)</td>');
  });

  it("tells titles that differ only in their numbers as other numbers, not other titles: three operations' time budgets are one warning", () => {
    // 1d59821 put each negative case's counts in its title: three operations' "Time budget reached: 34 of 370
    // inputs tried", "36 of 370", "120 of 370" read "(+2 other titles)", as if two other warnings stood there.
    const budget = (tried: number): Violation => violation({ check: 'negative-inputs', severity: 'warning', title: `Time budget reached: ${tried} of 370 inputs tried`, message: `Received: ${tried} of 370 inputs tried in 30000 ms / Expected: every input tried`, instancePath: '' });
    const r = report([34, 36, 120].map((tried, i) => result({ id: readId(`negative-${i}`), violations: [budget(tried)] })));
    expect(renderConsole(r)).toContain(': Time budget reached: 34 of 370 inputs tried (+2 with other numbers))\n');
    expect(renderMarkdown(r)).toContain(': Time budget reached: 34 of 370 inputs tried (+2 with other numbers))');
    const table = renderHtml(r).split('<h3>Where</h3>')[1]?.split('<h3>Per case</h3>')[0] ?? '';
    expect(table).toContain('<td>(the answer as a whole): Time budget reached: 34 of 370 inputs tried (+2 with other numbers)</td>');
    // Other words as well as other counts: both said.
    const mixed = report([result({ id: readId('a'), violations: [budget(34)] }), result({ id: readId('b'), violations: [budget(36)] }), result({ id: readId('c'), violations: [{ ...budget(1), title: 'No run completed' }] })]);
    expect(renderConsole(mixed)).toContain(': Time budget reached: 34 of 370 inputs tried (+1 other title, +1 with other numbers))\n');
  });

  it('names each whole-answer place by its own warning: a place in another schema is another place, with its own title', () => {
    const at = (title: string, schemaPath: string): Violation => violation({ check: 'root-check', severity: 'warning', title, message: 'Received: x', instancePath: '', schemaPath });
    const results = [result({ id: readId('a'), violations: [at('In Error', 'Error.json#'), at('In Sync', 'Sync.json#')] })];
    const places = warningDigestOf(results)?.[0]?.places ?? [];
    expect(places.map((place) => [place.schema, wholeAnswerTitle(results, 'root-check', place)]).sort()).toEqual([['Error', 'In Error'], ['Sync', 'In Sync']]);
  });

  it('names the one place or check past the bound rather than "and 1 more", and counts two or more', () => {
    const places = (n: number): ConformanceReport => report([result({ id: readId('p'), violations: Array.from({ length: n }, (_, i) => extra(`/p${i}`)) })]);
    const placeLines = (out: string): string[] => out.split('\n').filter((line) => /^ {4}\S/.test(line));
    // The console names five places: a sixth is named too, seven are five and "2 more".
    expect(placeLines(renderConsole(places(6)))).toHaveLength(6);
    expect(renderConsole(places(6))).not.toMatch(/… and/);
    expect(placeLines(renderConsole(places(7))).at(-1)).toBe('    … and 2 more (2 warnings): conformance.html, conformance.json warningDigest');
    // summary.md names three: a fourth too, five are three and "2 more".
    const digestLine = (r: ConformanceReport): string => renderMarkdown(r).split('\n').find((line) => line.startsWith('  - `undocumented-properties`')) ?? '';
    expect(digestLine(places(4))).toContain('`/p3`');
    expect(digestLine(places(4))).not.toMatch(/more/);
    expect(digestLine(places(5))).toMatch(/, … and 2 more$/);
    // summary.md names four checks: a fifth too, six are four and "2 more checks".
    const checks = (n: number): ConformanceReport => report([result({ id: readId('k'), violations: Array.from({ length: n }, (_, i) => ({ ...extra('/x'), check: `check-${i}` })) })]);
    const checkLines = (r: ConformanceReport): string[] => renderMarkdown(r).split('\n').filter((line) => line.startsWith('  - '));
    expect(checkLines(checks(5))).toHaveLength(5);
    expect(checkLines(checks(5)).join('\n')).not.toMatch(/more check/);
    expect(checkLines(checks(6)).at(-1)).toBe('  - … and 2 more checks (conformance.html)');
  });

  it('conformance.html counts the places its digest does not keep in the right number: "1 more place", "2 more places"', () => {
    const past = (n: number): string => {
      const html = renderHtml(report([result({ id: readId('q'), violations: Array.from({ length: DIGEST_LIMITS.placesPerCheck + n }, (_, i) => extra(`/q${i}`)) })]));
      return html.slice(html.indexOf('<h3>Where</h3>'), html.indexOf('<h3>Per case</h3>'));
    };
    expect(past(1)).toContain('… and 1 more place</td>');
    expect(past(2)).toContain('… and 2 more places</td>');
  });

  it('stays a few lines however many places a target invents, and shows their names inert and cut', () => {
    const name = `/@octocat<img src=x>\u202e#12\n::error::x${'y'.repeat(1200)}`;
    const hostile = Array.from({ length: 40 }, (_, i) => result({ id: readId(`h${i}`), violations: Array.from({ length: 20 }, (_unused, k) => extra(`${name}${i * 20 + k}`)) }));
    const r = report(hostile);
    const out = renderConsole(r);
    const lines = out.split('\n');
    const start = lines.findIndex((line) => line.startsWith('warnings ('));
    expect(lines[start + 1]).toBe('  undocumented-properties: 800 places in 40 answers, 40 cases');
    expect(lines.slice(start + 2, start + 8).filter((line) => line.startsWith('    '))).toHaveLength(6);
    expect(lines[start + 7]).toBe('    … and 795 more (795 warnings): conformance.html, conformance.json warningDigest');
    expect(out).not.toMatch(/[\u202e]|\n::/);
    expect(Math.max(...lines.slice(start, start + 8).map((line) => line.length))).toBeLessThan(300);
    const md = renderMarkdown(r);
    const digestLine = md.split('\n').find((line) => line.startsWith('  - `undocumented-properties`')) ?? '';
    expect(digestLine.length).toBeLessThan(700);
    // The name is in a code span (cut, its controls as escapes, its newline too: no space where the key has none): no mention, no issue link, no tag reaches GitHub's renderer.
    expect(digestLine).toContain(' — `/@octocat<img src=x>\\u202e#12\\n::error::xyyy');
    expect(digestLine.replace(/`[^`]*`/g, '')).not.toMatch(/@octocat|<img|#12/);
    expect(digestLine).not.toContain('\u202e');
    const html = renderHtml(r);
    const table = html.slice(html.indexOf('<h3>Where</h3>'), html.indexOf('<h3>Per case</h3>'));
    expect(table.match(/<tr/g)).toHaveLength(1 + DIGEST_LIMITS.placesPerCheck + 1);
    expect(table).not.toMatch(/<img|\u202e/);
    expect(table.length).toBeLessThan(30_000);
  });
});

describe('placeText', () => {
  const at = (pointer: string, under?: true): WarningPlace => ({ pointer, ...(under ? { under } : {}), warnings: 1, answers: 1, cases: 1, firstCases: [] });
  it('says a warning at no pointer is of the answer as a whole (a header, its status), and under the root is the body', () => {
    expect(placeText(at(''))).toBe('(the answer as a whole)');
    expect(placeText(at('', true))).toBe('(the body)');
    expect(placeText(at('/requestId'))).toBe('/requestId');
    expect(placeText(at('/sync', true))).toBe('under /sync');
  });
});
