import { failureLines } from '../../src/report/markdown-failures';
import { expectedKept } from '../../src/report/expected-kept';
import { renderMarkdown } from '../../src/report/render-markdown';
import { summarize } from '../../src/report/summarize';
import type { CaseResult } from '../../src/model';
import { errorResult, failedResult, missingSyncProperties, mixedReport, readId, report, result, runInfo, sequenceResult, skippedResult, violation } from './fixtures';
import { AFTER_NIGHT_NOT_RUN, afterNightNotRun, regressionReport } from './regression-fixtures';
import { assembleReport } from '../../src/runner/assemble-report';
import { NO_WRITES_REASON } from '../../src/model/result';

function many(base: CaseResult, count: number): CaseResult[] {
  return Array.from({ length: count }, (_, i) => ({ ...base, id: `${base.id}-${i}` }));
}

describe('renderMarkdown', () => {
  it('starts with the verdict in status words and has a counts table', () => {
    const md = renderMarkdown(mixedReport());
    const lines = md.split('\n');
    expect(lines[0]).toBe('### Zavu conformance: ERRORS — 1 case could not be judged, 1 failed case (1 fault); 1 case skipped');
    expect(md).toContain('| operation | passed | failed | flaky | skipped | errors | warnings | total |');
    expect(md).toContain('| `getWhatsAppSyncStatus` | 1 | 1 | 0 | 1 | 1 | 1 | 4 |\n| `startWhatsAppHistorySync` | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| **all** | 1 | 1 | 0 | 1 | 1 | 1 | 4 |');
    expect(md).toContain('Warnings: 1');
    expect(md).toContain('conformance.html');
  });

  it('lists failures as case — check — message, and skips with reasons', () => {
    const md = renderMarkdown(mixedReport());
    expect(md).toContain('- `getWhatsAppSyncStatus/unauthenticated` — `status-code-expected` — Received: 200 / Expected: 401 (no credentials)');
    expect(md).toContain('- `getWhatsAppSyncStatus/no-waba` — ZAVU\\_SENDER\\_NO\\_WABA is not set');
  });

  // The heading counts every fault ("3 failed cases (4 faults, …)"); the By fault list those seen in two cases or more: one line under 4 faults read as three gone missing.
  it('says how many faults the By fault list leaves out as seen in one case each', () => {
    const once = [0, 1].map((i) => ({ ...failedResult, id: `getWhatsAppSyncStatus/once-${i}`, violations: [{ ...failedResult.violations[0]!, check: `once-fault-${i}`, message: 'Received: 403 / Expected: one of the documented statuses' }] }));
    expect(renderMarkdown(report([...many(failedResult, 2), ...once]))).toContain('- By fault, each case below (and 2 faults seen in one case each):\n');
    expect(renderMarkdown(report(many(failedResult, 2)))).toContain('- By fault, each case below:\n');
    expect(renderMarkdown(report([...many(failedResult, 2), once[0]!]))).toContain('- By fault, each case below (and 1 fault seen in one case):\n');
  });

  it('stays under 50 lines however many cases fail or skip, and says how many were cut', () => {
    const md = renderMarkdown(report([...many(failedResult, 100), ...many(skippedResult, 30), result()]));
    expect(md.split('\n').length).toBeLessThanOrEqual(50);
    // One fault in 100 cases: named once on top, in two of the list's 12 lines.
    expect(md).toContain('- By fault, each case below:\n  - `status-code-expected` — Received: 200 / Expected: 401 (no credentials) — in getWhatsAppSyncStatus: 100 answers in 100 cases');
    expect(md).toContain('- … and 91 more cases not named here (each in conformance.html)');
    // 30 cases skipped for one reason: the reason once, a few of its cases named.
    expect(md).toContain('- 30 cases — ZAVU\\_SENDER\\_NO\\_WABA is not set: `getWhatsAppSyncStatus/no-waba-0`, `getWhatsAppSyncStatus/no-waba-1`, `getWhatsAppSyncStatus/no-waba-2` +27 more');
    // 30 reasons of their own: 6 lines, the last saying how many more.
    const distinct = renderMarkdown(report([...many(skippedResult, 30).map((r, i) => ({ ...r, skipReason: `reason ${i}` })), result()]));
    expect(distinct.split('\n').length).toBeLessThanOrEqual(50);
    expect(distinct).toContain('- … and 25 more');
  });

  it('names a fourth case skipped for one reason rather than "+1 more"; two past three are counted', () => {
    const four = renderMarkdown(report([...many(skippedResult, 4), result()]));
    expect(four).toContain('- 4 cases — ZAVU\\_SENDER\\_NO\\_WABA is not set: `getWhatsAppSyncStatus/no-waba-0`, `getWhatsAppSyncStatus/no-waba-1`, `getWhatsAppSyncStatus/no-waba-2`, `getWhatsAppSyncStatus/no-waba-3`\n');
    expect(four).not.toMatch(/1 more/);
    expect(renderMarkdown(report([...many(skippedResult, 5), result()]))).toContain('`getWhatsAppSyncStatus/no-waba-2` +2 more\n');
  });

  it("groups the skipped list as the console does: a read-only run's write skips one line per operation, then each other reason once", () => {
    const start = { operationId: 'startWhatsAppHistorySync', operation: 'POST /v1/senders/{senderId}/whatsapp-sync/history', status: 'skipped' as const, durationMs: 0, skipReason: NO_WRITES_REASON };
    const writes = Array.from({ length: 48 }, (_, i) => result({ ...start, id: `startWhatsAppHistorySync/case-${i}` }));
    const md = renderMarkdown(report([result(), ...many(skippedResult, 3), ...writes]));
    const skipped = md.slice(md.indexOf('**Skipped**')).split('\n\n')[1];
    expect(skipped).toBe([
      '- `startWhatsAppHistorySync`: 48 cases — writes not allowed (--allow-writes to run them; each case in conformance.html)',
      '- 3 cases — ZAVU\\_SENDER\\_NO\\_WABA is not set: `getWhatsAppSyncStatus/no-waba-0`, `getWhatsAppSyncStatus/no-waba-1`, `getWhatsAppSyncStatus/no-waba-2`',
    ].join('\n'));
    expect(md).not.toContain('more');
  });

  it('counts what it cut in cases, as the banner does, not in lines: a sequence is two lines', () => {
    // A static mock fails 100 sequences: each case is its violation's line and its steps line.
    const md = renderMarkdown(report(many(sequenceResult, 100)));
    expect(md.split('\n')[0]).toContain('100 failed cases');
    const failures = md.slice(md.indexOf('**Failures**')).split('\n').filter((line) => line.startsWith('- '));
    const named = failures.filter((line) => line.startsWith('- `')).length;
    expect(named + 91).toBe(100);
    // Not "… and 191 more", which a reader takes for 191 more failures under a banner of 100.
    expect(failures).toContain('- … and 91 more cases not named here (191 more lines, each in conformance.html)');
  });

  it('says one case left out in the singular: "1 more case", not "1 more cases"', () => {
    // A sequence (two lines) and a single case under a bound of 2: the sequence's first line, then the count.
    expect(failureLines([sequenceResult, failedResult], 2).at(-1)).toBe('- … and 1 more case not named here (2 more lines, each in conformance.html)');
  });

  it('cuts a long line in its Received part, so the line still says what was expected', () => {
    const message = "Received: 400 (refused instead of not found: for another project's sender, a 400 tells the caller it exists; for the generated unknown id, the target may refuse ids of a shape it never issues (then set ZAVU_SENDER_UNKNOWN to a well-formed id that names no sender)) / Expected: 404 because the sender does not exist";
    const [line] = failureLines([{ ...failedResult, violations: [violation({ check: 'status-code-expected', message, instancePath: '' })] }], 12);
    expect(line).toMatch(/^- `getWhatsAppSyncStatus\/unauthenticated` — `status-code-expected` — Received: 400 \(refused instead of not found: .*… \/ Expected: 404 because the sender does not exist$/);
    // A line within the bound is left whole; so is one without an Expected part.
    expect(expectedKept('Received: 400 / Expected: 404', 140)).toBe('Received: 400 / Expected: 404');
    expect(expectedKept('x'.repeat(300), 140)).toBe('x'.repeat(300));
  });

  it('names the place in the body of a breach, which a schema message alone does not say', () => {
    const wrongType = violation({ check: 'response-schema', title: 'The 200 body does not match the WhatsAppSyncStatusResponse schema', message: 'Received: "false" / Expected: must be boolean', instancePath: '/sync/history/canSync' });
    expect(failureLines([{ ...failedResult, violations: [wrongType] }], 12)).toEqual(['- `getWhatsAppSyncStatus/unauthenticated` — `response-schema` at `/sync/history/canSync` — Received: "false" / Expected: must be boolean']);
    // A breach of the whole answer (a status) has no place to name.
    const status = violation({ check: 'status-code-expected', message: 'Received: 400 / Expected: 404', instancePath: '' });
    expect(failureLines([{ ...failedResult, violations: [status] }], 12)).toEqual(['- `getWhatsAppSyncStatus/unauthenticated` — `status-code-expected` — Received: 400 / Expected: 404']);
  });

  it('lists each missing required property, not the first one with a count', () => {
    const md = renderMarkdown(report([{ ...failedResult, violations: missingSyncProperties }]));
    for (const name of ['isCoexistence', 'status', 'history', 'contacts']) {
      expect(md).toContain(`- \`getWhatsAppSyncStatus/unauthenticated\` — \`response-schema\` at \`/sync\` — Received: {} / Expected: must have required property '${name}'\n`);
    }
    expect(md).not.toContain('×');
  });

  it('names every failing case before any case gets a second line, failures before skips', () => {
    const noisy = { ...failedResult, id: readId('noisy'), violations: Array.from({ length: 20 }, (_, i) => violation({ message: `Received: {} / Expected: property p${i}` })) };
    // Three faults of their own (one fault in three cases would take the list's first lines: failure-digest.test.ts).
    const others = many(failedResult, 3).map((r, i) => ({ ...r, violations: [violation({ message: `Received: 200 / Expected: 401 (case ${'abc'.charAt(i)})` })] }));
    const md = renderMarkdown(report([noisy, skippedResult, ...others, errorResult]));
    const failures = md.slice(md.indexOf('**Failures**'), md.indexOf('**Skipped**'));
    expect(md.indexOf('**Failures**')).toBeLessThan(md.indexOf('**Skipped**'));
    for (const id of ['noisy', 'unauthenticated-0', 'unauthenticated-1', 'unauthenticated-2', 'not-found'].map(readId)) expect(failures).toContain(`- \`${id}\` — `);
    const lines = failures.split('\n').filter((line) => line.startsWith('- '));
    expect(lines).toHaveLength(12);
    // 11 shown: the five cases, then six more lines of the noisy case, kept next to its first one.
    expect(lines.slice(0, 7).every((line) => line.startsWith(`- \`${readId('noisy')}\``))).toBe(true);
    expect(lines.at(-1)).toBe('- … and 13 more lines of the cases above (each in conformance.html)');
  });

  it('escapes Markdown and HTML from server text', () => {
    const md = renderMarkdown(report([{ ...failedResult, violations: [violation({ message: 'Received: <img src=x> [a](b) | *x*' })] }]));
    expect(md).not.toMatch(/(^|[^\\])<img/m);
    expect(md).toContain('\\<img src=x\\> \\[a\\](b) \\| \\*x\\*');
  });

  it('sets @mentions, issue references, links, e-mail addresses and commit SHAs in server text as code spans, which GitHub never links: no one is pinged, nothing linked', () => {
    const md = renderMarkdown(report([{ ...failedResult, violations: [violation({ message: 'Received: @octocat, @org/team, #12, gh-7, o/r#9, @a#1 and `@b`; mail ops@example.com, a_@c' })] }]));
    expect(md).toContain('Received: `@octocat,` `@org/team,` `#12,` `gh-7,` `o/r#9,` `@a#1` and `` `@b`; `` mail `ops@example.com,` `a_@c`');
    const linked = renderMarkdown(report([{ ...failedResult, violations: [violation({ message: 'see https://evil.example/x, www.evil.example and 0123456789abcdef0123456789abcdef01234567' })] }]));
    expect(linked).toContain('see `https://evil.example/x,` `www.evil.example` and `0123456789abcdef0123456789abcdef01234567`');
  });

  it('shows control characters, bidi controls and invisible characters from server text as escapes, in text and in code spans', () => {
    const md = renderMarkdown(
      report([
        { ...failedResult, id: readId('coexistence[snd_\u200bx\u202e]'), violations: [violation({ message: 'Received: "\u202eevil\u2066 CSI\u009b31m ESC\u001b[2J" / Expected: x' })] },
        { ...skippedResult, skipReason: 'skipped \u2067because\ufeff x' },
      ]),
    );
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u);
    expect(md).toContain('`getWhatsAppSyncStatus/coexistence[snd_\\u200bx\\u202e]`');
    // Markdown shows "\\u202e" as the text \u202e.
    expect(md).toContain('Received: "\\\\u202eevil\\\\u2066 CSI\\\\u009b31m ESC\\\\u001b\\[2J" / Expected: x');
    // U+FEFF is shown too, not folded into the space after it as layout (JavaScript's \\s counts it as whitespace).
    expect(md).toContain('skipped \\\\u2067because\\\\ufeff x');
  });
});

describe("renderMarkdown: one shard's report", () => {
  it("says right under the target that it is one shard's slice of the plan, whose verdict and certificate are not the run's: a matrix job's summary reads CONFORMANT and FULL over a third of the cases otherwise", () => {
    const shard = report([result({})], { ...runInfo, shard: '1/3', shardPlan: { cases: 77, sha256: 'a'.repeat(64) }, runId: 'r1' });
    const lines = renderMarkdown(shard).split('\n');
    const target = lines.findIndex((line) => line.startsWith('Target '));
    expect(lines[target + 1]).toBe('');
    expect(lines[target + 2]).toMatch(/^\*\*One shard of the run\*\*: shard 1\/3 \(run id r1\): 1 of the plan's 77 cases\. Its verdict, certificate and coverage are of those cases alone \(the certificate PARTIAL at most\): the run's are the merge's /);
    expect(renderMarkdown(report([result({})]))).not.toContain('One shard of the run');
  });
});

describe('renderMarkdown: flaky, latency, baseline and certificate', () => {
  it('has a flaky column, a line per flaky case, and the latency, baseline and certificate lines', () => {
    const md = renderMarkdown(regressionReport());
    expect(md).toContain('| **all** | 1 | 1 | 1 | 1 | 0 | 0 | 4 |');
    expect(md).toContain('- `getWhatsAppSyncStatus/wrong-key` — flaky — passed ×2, failed ×1 (503)');
    expect(md).toContain('- Latency: p50 35 ms · p95 610 ms · p99 610 ms · max 610 ms (9 exchanges)');
    // Which cases the counts are, on the baseline's line: the job summary is what the person on call reads first.
    expect(md).toContain('- Baseline `nightly/2025-01-01/conformance.json` (its run started 2025-01-01 03:00:00 UTC): 2 new failures, 1 fixed, 1 newly skipped, 1 latency regression — new failures: `getWhatsAppSyncStatus/unauthenticated`, `getWhatsAppSyncStatus/wrong-key` (flaky in this run) · fixed: `getWhatsAppSyncStatus/not-found` · newly skipped: `getWhatsAppSyncStatus/no-waba` · latency regressions: `getWhatsAppSyncStatus/wrong-key` (p95 200 ms → 610 ms, +205 %)\n');
    // With --allow-flaky a flaky new failure (a fault the baseline did not show) still fails the run:
    // the heading, the baseline's headline, its note and its line in Failures say why the flag did not let it pass.
    const allowed = renderMarkdown(regressionReport(), { allowFlaky: true });
    expect(allowed.split('\n')[0]).toBe('### Zavu conformance: NOT CONFORMANT — 1 failed case (1 fault), 1 flaky case with a new fault (not allowed by --allow-flaky); 1 case skipped');
    expect(allowed).toContain('Against the baseline: 2 new failures (1 of them flaky in this run, with a new fault: not allowed by --allow-flaky), 1 fixed, ');
    expect(allowed).toContain('`getWhatsAppSyncStatus/wrong-key` (flaky in this run, with a new fault: not allowed by --allow-flaky) · ');
    expect(allowed).toContain('- `getWhatsAppSyncStatus/wrong-key` — flaky with a new fault (one the baseline did not show), not allowed by --allow-flaky — passed ×2, failed ×1 (503)\n');
    const renamed = regressionReport();
    renamed.baseline = { ...renamed.baseline!, missing: [readId('no-waba')], added: [readId('unauthenticated')] };
    const text = renderMarkdown(renamed);
    expect(text).toContain(' — new failures: `getWhatsAppSyncStatus/unauthenticated` (not in the baseline), `getWhatsAppSyncStatus/wrong-key` (flaky in this run) · ');
    expect(text).toContain(' · missing from this run: `getWhatsAppSyncStatus/no-waba` · not in the baseline: `getWhatsAppSyncStatus/unauthenticated`. The planned cases changed since the baseline (operations, spec or fixtures): a renamed case shows as one missing and one not in the baseline, and a failure of it counts as new.\n');
    expect(md).toContain('- Certificate: **FAILED** — 1 family certified, 1 failed (authentication), 1 not tested, each case skipped (no-waba), 4 not applicable (start-sync, not-coexistence, not-found, negative-inputs), 1 case skipped — `getWhatsAppSyncStatus` FAILED · `startWhatsAppHistorySync` PARTIAL');
    expect(md).not.toContain('predate');
    const mapped = regressionReport();
    mapped.baseline = { ...mapped.baseline!, mappedLegacyIds: 2 };
    expect(renderMarkdown(mapped)).toContain('(p95 200 ms → 610 ms, +205 %). 2 case ids of the baseline predate operation ids and were matched to this run\'s operations by operation label.\n');
  });

  it("names an operation's successes never seen on its certificate line, three as a list", () => {
    const unseen = regressionReport();
    unseen.certificate = { ...unseen.certificate!, operations: unseen.certificate!.operations.map((op) => (op.operationId === 'startWhatsAppHistorySync' ? { ...op, unseenSuccess: ['200', '201', '202'] } : op)) };
    expect(renderMarkdown(unseen)).toContain('`startWhatsAppHistorySync` PARTIAL (200, 201 and 202 never seen)');
  });

  it('says a PARTIAL certificate is by design when every skip is a rule of writes, in full', () => {
    const partial = regressionReport();
    partial.certificate = { ...partial.certificate!, level: 'partial' };
    partial.results = partial.results.map((r) => (r.status === 'skipped' ? { ...r, skipReason: 'writes go only to ZAVU_SENDER_SYNCABLE (this case would write to snd_a)' } : r));
    expect(renderMarkdown(partial)).toMatch(/`startWhatsAppHistorySync` PARTIAL \(partial by design: .* so a live run certifies no more; against a mock server, --mock-target runs them\)\n/);
    // Another skip (a fixture not set) is the reader's to fix: no such sentence.
    partial.results = partial.results.map((r) => (r.status === 'skipped' ? { ...r, skipReason: 'ZAVU_SENDER_NO_WABA is not set' } : r));
    expect(renderMarkdown(partial)).not.toContain('by design');
  });

  it('reads conformant with allowed flaky cases only when asked, and, with a baseline, only when the baseline shows their faults', () => {
    const onlyFlaky = { ...regressionReport() };
    onlyFlaky.results = onlyFlaky.results.filter((r) => r.status === 'flaky');
    onlyFlaky.summary = summarize(onlyFlaky.results);
    // A new failure against the baseline (it did not fail there): a new fault, not allowed.
    expect(renderMarkdown(onlyFlaky).split('\n')[0]).toBe('### Zavu conformance: NOT CONFORMANT — 1 flaky case');
    expect(renderMarkdown(onlyFlaky, { allowFlaky: true }).split('\n')[0]).toBe('### Zavu conformance: NOT CONFORMANT — 1 flaky case with a new fault (not allowed by --allow-flaky)');
    // Still failing with the baseline's faults, or no baseline at all: allowed.
    const known = { ...onlyFlaky, baseline: { ...onlyFlaky.baseline!, newFailures: [], stillFailing: onlyFlaky.results.map((r) => r.id) } };
    expect(renderMarkdown(known, { allowFlaky: true }).split('\n')[0]).toBe('### Zavu conformance: CONFORMANT — 1 flaky case allowed');
    const { baseline: _b, ...without } = onlyFlaky;
    expect(renderMarkdown(without, { allowFlaky: true }).split('\n')[0]).toBe('### Zavu conformance: CONFORMANT — 1 flaky case allowed');
  });

  it('stays under 50 lines (plus a row per further operation) with every part present, three operations and every list full', () => {
    const full = regressionReport();
    full.runInfo = { ...full.runInfo, operations: [...full.runInfo.operations, { operationId: 'startWhatsAppContactsSync', operation: 'POST /v1/senders/{senderId}/whatsapp-sync/contacts' }], notes: Array.from({ length: 8 }, (_, i) => `note ${i}`) };
    full.results = [...many(failedResult, 100), ...many(skippedResult, 30), result(), sequenceResult];
    full.summary = summarize(full.results);
    expect(renderMarkdown(full).split('\n').length).toBeLessThanOrEqual(50 + full.runInfo.operations.length - 1); // one table row per operation beyond the first
  });
});

describe('renderMarkdown: the top of a failing run, for a reviewer with seconds', () => {
  it('shows how to reproduce the first failure right under the failures: its curl in a code block', () => {
    const md = renderMarkdown(report([result(), failedResult, skippedResult]));
    const lines = md.split('\n');
    const at = lines.indexOf('**Reproduce** `getWhatsAppSyncStatus/unauthenticated` (every failure\'s curl is in conformance.html and junit.xml):');
    expect(at).toBeGreaterThan(lines.indexOf('**Failures**'));
    expect(at).toBeLessThan(lines.indexOf('**Skipped** (not counted as passed)'));
    expect(lines.slice(at + 1, at + 5)).toEqual(['```sh', ...(failedResult.curl ?? '').split('\n'), '```']);
    // The key as the variable's name, never its value.
    expect(md).toContain('$ZAVU_API_KEY');
  });

  it('puts what failed and how to reproduce it before the notes, the run\'s warnings and the counts table', () => {
    // A run with everything summary.md can say above its lists: the reviewer still meets the
    // failures and the curl first, within a screen, and every other section after them.
    const base = report([result(), failedResult, skippedResult], { ...runInfo, notes: ['note 0', 'note 1', 'note 2', 'note 3'] });
    const md = renderMarkdown({ ...base, runWarnings: [{ kind: 'unasked-bytes', message: 'the target sent bytes on an idle kept-alive connection' }] });
    const lines = md.split('\n');
    const fenceEnd = lines.indexOf('```', lines.indexOf('```sh') + 1);
    const after = [
      lines.indexOf('**Notes on this run** (they bear on reading its verdict):'),
      lines.findIndex((line) => line.startsWith('**Warning** (fails nothing)')),
      lines.findIndex((line) => line.startsWith('| operation |')),
      lines.indexOf('**Skipped** (not counted as passed)'),
    ];
    const failuresAt = lines.findIndex((line) => line.startsWith('**Failures**'));
    expect(failuresAt).toBeGreaterThan(0);
    expect(failuresAt).toBeLessThan(lines.findIndex((line) => line.startsWith('**Reproduce**')));
    expect(fenceEnd).toBeGreaterThan(0);
    for (const at of after) expect(at).toBeGreaterThan(fenceEnd);
    expect(fenceEnd).toBeLessThan(15);
  });

  it.each<[string, () => ReturnType<typeof report>]>([
    ['a passing run with notes', () => report([result()], { ...runInfo, notes: ['note 0'] })],
    ['a failing run with notes and a warning', () => ({ ...report([result(), failedResult, skippedResult], { ...runInfo, notes: ['note 0'] }), runWarnings: [{ kind: 'unasked-bytes', message: 'bytes on an idle connection' }] })],
    ['a failing run whose curl is left to the HTML', () => report([{ ...failedResult, curl: 'curl \\\n'.repeat(10) }])],
    ['a target lost mid-run', () => assembleReport(runInfo, [result(), failedResult], { allowFlaky: false, targetLost: { why: 'it stopped answering', at: 'GET /v1/x, exchange getWhatsAppSyncStatus/unauthenticated' } })],
    ['a baseline run', () => regressionReport()],
    ['one shard', () => report([result(), failedResult], { ...runInfo, shard: '1/2' })],
  ])('%s: every table, heading and list starts after a blank line (GitHub reads a table after a paragraph as its text)', (_kind, make) => {
    const lines = renderMarkdown(make()).split('\n');
    const starts = lines.flatMap((line, at) => (/^(\| operation \||\*\*[A-Z]|```|### )/.test(line) || (line.startsWith('- ') && !lines[at - 1]?.startsWith('- ') && !lines[at - 1]?.startsWith('  - ')) ? [at] : []));
    expect(starts.length).toBeGreaterThan(2);
    // The fence after the Reproduce label may follow it at once: a fence interrupts a paragraph.
    const misplaced = starts.filter((at) => at > 0 && lines[at - 1] !== '' && !(lines[at]?.startsWith('```') && lines[at - 1]?.startsWith('**Reproduce**')) && !(lines[at] === '```' && lines[at - 1] !== ''));
    expect(misplaced.map((at) => `${lines[at - 1] ?? ''} / ${lines[at] ?? ''}`)).toEqual([]);
  });

  it('fences the curl with more backticks than any run inside it, and shows control characters as escapes', () => {
    const hostile = { ...failedResult, curl: "curl 'https://t.example/v1/senders/```\u202e%60'\n```\n# @octocat" };
    const lines = renderMarkdown(report([hostile])).split('\n');
    const open = lines.findIndex((line) => line.startsWith('````'));
    expect(lines[open]).toBe('````sh');
    expect(lines.slice(open + 1, open + 5)).toEqual(["curl 'https://t.example/v1/senders/```\\u202e%60'", '```', '# @octocat', '````']);
  });

  it('leaves a curl too long for the page to conformance.html', () => {
    const long = { ...failedResult, curl: Array.from({ length: 20 }, (_, i) => `curl step-${i}`).join('\n') };
    expect(renderMarkdown(report([long]))).not.toContain('**Reproduce**');
    expect(renderMarkdown(report([result()]))).not.toContain('**Reproduce**');
  });

  it('says under the heading what a baseline made of the failures: a NOT CONFORMANT heading over a green step says why at once', () => {
    const lines = renderMarkdown(regressionReport()).split('\n');
    expect(lines.slice(0, 5).join('\n')).toContain('Against the baseline: 2 new failures, 1 fixed, 1 newly skipped, 1 latency regression');
    expect(renderMarkdown(report([failedResult]))).not.toContain('Against the baseline');
  });

  it('says, with --history, on the line under the heading and the Baseline line, that the baseline is older than last night when the nights since it were not run', () => {
    const md = renderMarkdown(afterNightNotRun());
    expect(md).toContain(`Against the baseline (${AFTER_NIGHT_NOT_RUN}): 2 new failures, 1 fixed, 1 newly skipped, 1 latency regression`);
    expect(md).toContain(`- Baseline \`nightly/2025-01-01/conformance.json\` (${AFTER_NIGHT_NOT_RUN}): 2 new failures`);
  });

  it('points to the Baseline line for its cases only when that line names some: "0 new failures, 0 fixed (the cases in the Baseline line below)" sent a reader after a night with nothing changed to a line with no case', () => {
    const base = regressionReport();
    const quiet = { ...base, baseline: { ...base.baseline!, newFailures: [], fixed: [], newlySkipped: [], latencyRegressions: [], stillFailing: [] } };
    const under = renderMarkdown(quiet).split('\n').find((line) => line.startsWith('Against the baseline: '));
    expect(under).toBe('Against the baseline: 0 new failures, 0 fixed');
    // Known failures alone are in the Failures list, not on the Baseline line: no pointer to it either.
    const known = { ...quiet, baseline: { ...quiet.baseline, stillFailing: ['getWhatsAppSyncStatus/wrong-key'] } };
    expect(renderMarkdown(known).split('\n').find((line) => line.startsWith('Against the baseline: '))).toBe('Against the baseline: 0 new failures, 0 fixed, 1 still failing');
    expect(renderMarkdown(base)).toContain('1 latency regression (the cases in the Baseline line below)');
  });

  it("keeps the baseline's other target and contract whole, under the heading and in the closing list: cut at a message's length, they hid the port that differed and whether the contract or the target changed", () => {
    const spec = { baseline: 'a'.repeat(64), now: 'b'.repeat(64) };
    const other = { ...regressionReport(), baseline: { ...regressionReport().baseline!, otherTarget: true, otherContract: { spec, suite: { baseline: '0.1.0', now: '0.2.0' } } } };
    other.baseline.baseline = { ...other.baseline.baseline, target: 'http://127.0.0.1:39191' };
    const md = renderMarkdown(other);
    const tail = "the baseline was recorded against `http://127.0.0.1:39191)` (the baseline was judged under another contract: spec sha256 `aaaaaaaaaaaa` then, `bbbbbbbbbbbb` now, and by zavu-conformance 0.1.0, this run by 0.2.0; a verdict changed since may be the contract's or the suite's change, not the target's)";
    const under = md.split('\n').find((line) => line.startsWith('Against the baseline: '));
    expect(under).toContain(`${tail} (the cases in the Baseline line below)`);
    const closing = md.split('\n').find((line) => line.startsWith('- Baseline '));
    expect(closing).toContain(`${tail} — new failures: `);
    // Still bounded: a baseline file's target is anyone's text.
    const huge = { ...other, baseline: { ...other.baseline, baseline: { ...other.baseline.baseline, target: `http://x.example/${'p'.repeat(100_000)}` } } };
    expect(renderMarkdown(huge).length).toBeLessThan(renderMarkdown(other).length + 2 * 1000);
  });

  it("keeps what makes the counts read otherwise whole when a baseline's own words are long: its target and suite version cut, not the contract's note after them", () => {
    const spec = { baseline: 'a'.repeat(64), now: 'b'.repeat(64) };
    const base = regressionReport();
    const long = { ...base, baseline: { ...base.baseline!, otherTarget: true, otherContract: { spec, suite: { baseline: `0.1.0-${'v'.repeat(5000)}`, now: '0.2.0' } } } };
    long.baseline.baseline = { ...long.baseline.baseline, target: `http://127.0.0.1:39191/${'p'.repeat(5000)}` };
    const md = renderMarkdown(long);
    const under = md.split('\n').find((line) => line.startsWith('Against the baseline: ')) ?? '';
    expect(under).toContain("a verdict changed since may be the contract's or the suite's change, not the target's) (the cases in the Baseline line below)");
    expect(under).toContain('http://127.0.0.1:39191/ppp');
    expect(under.length).toBeLessThan(1200);
  });
});

describe('renderMarkdown: sequences', () => {
  it('lists a failed sequence\'s steps under it, and the step a violation was seen in', () => {
    const md = renderMarkdown(report([sequenceResult]));
    expect(md).toContain([
      '- `startWhatsAppHistorySync/start-history[snd_coex_active]` — `status-code-expected` (step `start`) — Received: 400 / Expected: 202 because the history was not started',
      '  - steps: read-before (GET /v1/senders/{senderId}/whatsapp-sync): status 200 as expected · start (POST /v1/senders/{senderId}/whatsapp-sync/history): expected 202, received 400 — failed · read-after (GET /v1/senders/{senderId}/whatsapp-sync): not run',
    ].join('\n'));
  });

  it('lists failures by operation, then family, whatever order they ran in', () => {
    const md = renderMarkdown(report([sequenceResult, { ...failedResult, id: readId('z-auth') }, { ...failedResult, family: 'coexistence', id: readId('a-coex') }]));
    const ids = [...md.matchAll(/^- `([^`]+)`/gm)].map((m) => m[1]);
    expect(ids).toEqual([readId('a-coex'), readId('z-auth'), sequenceResult.id]);
  });
});

describe('renderMarkdown: the contract the run was judged under', () => {
  it("names the case data's sha256 beside the spec's, so a night the history marks (new contract) for its cases alone shows what changed", () => {
    const line = (md: string) => md.split('\n').find((l) => l.startsWith('Target ')) ?? '';
    expect(line(renderMarkdown(report([result()], { ...runInfo, casesSha256: 'c'.repeat(64) })))).toBe(`Target \`https://api.zavu.example\` (live), spec Zavu API 0.2.0 \`${'a'.repeat(12)}\`, suite 0.1.0, cases \`${'c'.repeat(12)}\``);
    // A report from before the digest: the line as it was.
    expect(line(renderMarkdown(report([result()], runInfo)))).toBe(`Target \`https://api.zavu.example\` (live), spec Zavu API 0.2.0 \`${'a'.repeat(12)}\`, suite 0.1.0`);
  });

  it('names the build of the suite beside its version (runInfo.suiteBuild): one version is many builds (recorded in history, not a new contract there)', () => {
    const line = (md: string) => md.split('\n').find((l) => l.startsWith('Target ')) ?? '';
    expect(line(renderMarkdown(report([result()], { ...runInfo, suiteBuild: '0123456789ab' })))).toBe(`Target \`https://api.zavu.example\` (live), spec Zavu API 0.2.0 \`${'a'.repeat(12)}\`, suite 0.1.0 build \`0123456789ab\``);
  });
});

describe('renderMarkdown: the run\'s notes (runInfo.notes)', () => {
  const contractNote = "rec/getWhatsAppSyncStatus.har was made when the contract of getWhatsAppSyncStatus differed from today's: a failure there may be the contract's change, not the target's";

  it('are listed under the target line (after the failures, when there are any), before the counts, so the verdict is read with them', () => {
    const md = renderMarkdown(report([result()], { ...runInfo, notes: [contractNote] }));
    const lines = md.split('\n');
    const at = lines.indexOf('**Notes on this run** (they bear on reading its verdict):');
    expect(at).toBeGreaterThan(lines.findIndex((line) => line.startsWith('Target ')));
    expect(at).toBeLessThan(lines.findIndex((line) => line.startsWith('| operation |')));
    expect(lines[at + 2]).toBe("- rec/getWhatsAppSyncStatus.har was made when the contract of getWhatsAppSyncStatus differed from today's: a failure there may be the contract's change, not the target's");
  });

  it('under failures, are named in the Failures heading: a note that says how to read them (a replay under another contract) is not first met after the curl', () => {
    const lines = renderMarkdown(report([result(), failedResult], { ...runInfo, notes: [contractNote, 'note 1'] })).split('\n');
    const heading = lines.findIndex((line) => line.startsWith('**Failures**'));
    expect(lines[heading]).toBe('**Failures** (read with the 2 notes on this run, below)');
    expect(lines.indexOf('**Notes on this run** (they bear on reading its verdict):')).toBeGreaterThan(heading);
    // One note, said so; no note, the heading alone.
    expect(renderMarkdown(report([failedResult], { ...runInfo, notes: [contractNote] })).split('\n')).toContain('**Failures** (read with the note on this run, below)');
    expect(renderMarkdown(report([failedResult])).split('\n')).toContain('**Failures**');
  });

  it('are bounded: a few lines, each cut, then how many more conformance.html has', () => {
    const notes = Array.from({ length: 6 }, (_, i) => `note ${i} ${'word '.repeat(200)}`);
    const md = renderMarkdown(report([result()], { ...runInfo, notes }));
    const items = md.split('\n').filter((line) => /^- (note \d|… and)/.test(line));
    expect(items).toHaveLength(4);
    expect(items.slice(0, 3).every((line) => line.length <= 410)).toBe(true);
    expect(items[3]).toBe('- … and 3 more (conformance.html)');
    // A fourth note is shown, never "and 1 more"; five are three and "2 more".
    const four = renderMarkdown(report([result()], { ...runInfo, notes: notes.slice(0, 4) })).split('\n').filter((line) => /^- (note \d|… and)/.test(line));
    expect(four.map((line) => line.slice(0, 8))).toEqual(['- note 0', '- note 1', '- note 2', '- note 3']);
    expect(renderMarkdown(report([result()], { ...runInfo, notes: notes.slice(0, 5) }))).toContain('\n- … and 2 more (conformance.html)\n');
  });

  it('stay inert: markup, links and mentions in a recording\'s own words (its spec title) do nothing', () => {
    const md = renderMarkdown(report([result()], { ...runInfo, notes: ['rec.har (recorded with <img src=x onerror=alert(1)> **Zavu** [x](https://evil.example) @octocat 0.2.0)'] }));
    const line = md.split('\n').find((l) => l.startsWith('- rec.har')) ?? '';
    expect(line).toContain('\\<img');
    expect(line).toContain('\\*\\*Zavu\\*\\*');
    expect(line).toContain('`@octocat`');
    expect(line).not.toMatch(/(?<!\\)<img/);
  });

  it('no note: no section', () => {
    expect(renderMarkdown(report([result()]))).not.toContain('Notes on this run');
  });
});

describe('renderMarkdown: a mock target', () => {
  // conformance.json, certificate.json and the HTML say it; a reviewer reading only the job summary must too.
  it('says on the target line that the target was declared a mock (--mock-target)', () => {
    const md = renderMarkdown(report([result()], { ...runInfo, allowWrites: true, mockTarget: true }));
    const target = md.split('\n').find((line) => line.startsWith('Target '));
    expect(target).toContain('declared a mock (--mock-target)');
  });

  it('says nothing of a mock when the run did not declare one', () => {
    expect(renderMarkdown(report([result()], { ...runInfo, allowWrites: true }))).not.toContain('mock');
  });
});
