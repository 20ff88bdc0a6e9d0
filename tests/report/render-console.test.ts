import type { CaseResult } from '../../src/model';
import { NO_WRITES_REASON, TARGET_LOST_NOTE } from '../../src/model/result';
import { renderConsole } from '../../src/report/render-console';
import { logCommandGuard } from '../../src/text/plain-text';
import { curl, errorResult, failedResult, runInfo, missingSyncProperties, mixedReport, readId, report, result, sequenceResult, skippedResult, unsentStepResult, violation, warningViolation } from './fixtures';
import { deriveFigures } from '../../src/history/derive-figures';
import { TARGET, night } from '../history/fixtures';
import { AFTER_NIGHT_NOT_RUN, afterNightNotRun, regressionReport } from './regression-fixtures';

describe('renderConsole', () => {
  it("says, among the closing lines, that one shard's report is a slice of the plan whose verdict and certificate are not the run's; a run without --shard says nothing of it", () => {
    const shard = report([result()], { ...runInfo, shard: '2/3', shardPlan: { cases: 77, sha256: 'a'.repeat(64) } });
    const lines = renderConsole(shard).trimEnd().split('\n');
    const said = lines.findIndex((line) => line.startsWith("shard 2/3: 1 of the plan's 77 cases. Its verdict, certificate and coverage are of those cases alone (the certificate PARTIAL at most)"));
    expect(said).toBeGreaterThan(-1);
    expect(said).toBe(lines.length - 2);
    expect(renderConsole(report([result()]))).not.toContain('of the plan');
  });

  it('ends with the verdict line', () => {
    const lines = renderConsole(report([result(), failedResult, skippedResult, skippedResult])).trimEnd().split('\n');
    expect(lines.at(-1)).toBe('conformance: 1 passed, 1 failed, 2 skipped, 0 errors (0 warnings)');
  });

  it('prints each failure with check id, instancePath, message and a "Reproduce with:" curl', () => {
    const out = renderConsole(report([{ ...failedResult, violations: [violation()] }]));
    expect(out).toContain('FAILED getWhatsAppSyncStatus/unauthenticated');
    expect(out).toContain('response-schema /data/status: Response body does not match the WhatsAppSyncStatus schema');
    expect(out).toContain('        Received: "syncing" / Expected: one of "pending", "completed"');
    expect(out).toContain(`      Reproduce with:\n        ${curl.split('\n')[0]}`);
  });

  it('with --repeat, prints the run\'s latency at 0.1 ms; without, no latency line', () => {
    const latency = { samples: 40, p50: 40.25, p95: 41.04, p99: 47.5, max: 47.5 };
    const repeated = { ...report([result()], { ...runInfo, repeat: 20 }), latency };
    expect(renderConsole(repeated)).toContain('latency: p50 40.3 ms · p95 41 ms · p99 47.5 ms · max 47.5 ms (40 exchanges)');
    expect(renderConsole({ ...report([result()]), latency })).not.toContain('latency:');
  });

  it('prints crashed checks and skips with their reasons', () => {
    const out = renderConsole(mixedReport());
    expect(out).toContain('ERROR getWhatsAppSyncStatus/not-found');
    expect(out).toContain('not judged: check response-schema crashed: boom');
    expect(out).toContain('    getWhatsAppSyncStatus/no-waba: ZAVU_SENDER_NO_WABA is not set');
    expect(out).toContain('Skipped 1 case (not counted as passed):');
  });

  it('a read-only night folds its write skips into one line per operation; skips with reasons of their own stay listed', () => {
    const start = { operationId: 'startWhatsAppContactsSync', operation: 'POST /v1/senders/{senderId}/whatsapp-sync/contacts', status: 'skipped' as const, durationMs: 0 };
    const writes = Array.from({ length: 43 }, (_, i) => result({ ...start, id: `startWhatsAppContactsSync/case-${i}`, skipReason: NO_WRITES_REASON }));
    const ownReason = result({ ...start, id: 'startWhatsAppContactsSync/start-syncable', skipReason: 'writes go only to ZAVU_SENDER_SYNCABLE, which is not set' });
    const out = renderConsole(report([result(), skippedResult, ...writes, ownReason]));
    expect(out).toContain([
      'POST /v1/senders/{senderId}/whatsapp-sync/contacts (startWhatsAppContactsSync): 0 passed, 44 skipped',
      '  Skipped 44 cases (not counted as passed):',
      '    43 cases: writes not allowed (--allow-writes to run them; each case in conformance.html)',
      '    startWhatsAppContactsSync/start-syncable: writes go only to ZAVU_SENDER_SYNCABLE, which is not set',
      '',
    ].join('\n'));
    expect(out).not.toContain('case-7');
    expect(out).toContain('    getWhatsAppSyncStatus/no-waba: ZAVU_SENDER_NO_WABA is not set');
  });

  it('a reason several cases share (a fixture not set) is said once, the cases under it, at most 10 named', () => {
    const reason = 'ZAVU_SENDER_OTHER_PROJECT is not set: nothing to test for role otherProject (a long sentence)';
    const others = Array.from({ length: 12 }, (_, i) => result({ id: `getWhatsAppSyncStatus/other-${i}`, status: 'skipped', durationMs: 0, skipReason: reason }));
    const out = renderConsole(report([result(), skippedResult, ...others]));
    expect(out.split(reason)).toHaveLength(2);
    expect(out).toContain([
      '  Skipped 13 cases (not counted as passed):',
      `    12 cases: ${reason}`,
      ...Array.from({ length: 10 }, (_, i) => `      getWhatsAppSyncStatus/other-${i}`),
      '      … and 2 more (conformance.html)',
      '    getWhatsAppSyncStatus/no-waba: ZAVU_SENDER_NO_WABA is not set',
      '',
    ].join('\n'));
    // Eleven: the eleventh named, never "and 1 more".
    const eleven = renderConsole(report([result(), ...others.slice(0, 11)]));
    expect(eleven).toContain(['    11 cases: ' + reason, ...Array.from({ length: 11 }, (_, i) => `      getWhatsAppSyncStatus/other-${i}`), ''].join('\n'));
    expect(eleven).not.toMatch(/1 more/);
  });

  it('names the checks that raised warnings, with counts that add up to the verdict line\'s (counted-only ones included); none, no line', () => {
    const documented = violation({ check: 'error-message-documented', severity: 'warning', title: 'Not the documented example', message: 'Received: "x" / Expected: "y"', instancePath: '/message' });
    const withWarnings: CaseResult = {
      ...result(),
      violations: [warningViolation, warningViolation, documented],
      omittedViolations: [{ check: 'undocumented-properties', severity: 'warning', count: 1200, instancePath: '/data' }],
    };
    const out = renderConsole(report([withWarnings]));
    expect(out).toContain('warnings (not failures; each in conformance.html and conformance.json): undocumented-properties ×1,202, error-message-documented ×1\n');
    expect(out).toMatch(/\(1203 warnings\)\n$/);
    expect(renderConsole(report([result()]))).not.toContain('warnings (');
    // The report's own warningDigest, in its order: the line and the lines under it agree.
    const stored = report([withWarnings]);
    const [first, second] = stored.warningDigest ?? [];
    expect(renderConsole({ ...stored, warningDigest: [second!, { ...first!, warnings: 7 }] })).toContain('conformance.json): error-message-documented ×1, undocumented-properties ×7\n');
  });

  it('shows a repeated identical breach once with a count', () => {
    const out = renderConsole(report([{ ...failedResult, violations: [violation(), violation()] }]));
    expect(out.match(/response-schema \/data\/status/g)).toHaveLength(1);
    expect(out).toContain('(×2)');
  });

  it('shows each missing required property, not the first one four times', () => {
    const out = renderConsole(report([{ ...failedResult, expectedStatus: 200, violations: missingSyncProperties }]));
    for (const name of ['isCoexistence', 'status', 'history', 'contacts']) expect(out).toContain(`        Received: {} / Expected: must have required property '${name}'`);
    expect(out.match(/response-schema \/sync: /g)).toHaveLength(4);
    expect(out).not.toContain('×');
  });

  it('has no colour codes unless asked, and neutralises control characters from the server', () => {
    const hostile = report([{ ...failedResult, violations: [violation({ message: 'Received: \u001b[2Jgone' })] }]);
    expect(renderConsole(hostile)).not.toContain('\u001b');
    expect(renderConsole(hostile)).toContain('\\u001b[2Jgone');
    expect(renderConsole(hostile, { color: true })).toContain('\u001b[31mFAILED\u001b[0m');
  });

  it('prints no bidi control whatever the server sent, and nothing the output guard leaves a workflow command', () => {
    // A GitHub Actions runner reads "::cmd::" at a line's start after whitespace, and "##[cmd]" anywhere in a line:
    // the guard of the command's stdout (and of a library caller's `out`) sees to that, for this text as for every line.
    const commands = report([
      {
        ...failedResult,
        errorMessage: 'not sent\n::error title=x::pwned',
        curl: `${curl}\n::add-mask::FAILED`,
        violations: [violation({ instancePath: '/data/\n::stop-commands::t', title: 'title \u202eevil', message: 'Received: x\n  ::warning::y ##[set-output name=level]full' })],
        omittedViolations: [{ check: 'undocumented-properties', severity: 'warning', count: 30, instancePath: '/data/\n::error::omitted' }],
      },
    ]);
    for (const color of [false, true]) {
      const out = logCommandGuard()(renderConsole(commands, { color }));
      expect(out.split('\n').filter((line) => /^\s*::/.test(line) || line.includes('##['))).toEqual([]);
      expect(out).not.toMatch(/[\u2028\u2029\p{Cf}]/u);
      expect(out).toContain('title \\u202eevil');
      expect(out).toContain(' /data/\\n::stop-commands::t: title');
      expect(out).toContain('      :\\u003awarning::y ##\\u005bset-output name=level]full');
      expect(out).toContain('+30 more undocumented-properties warnings under /data/\\n::error::omitted');
    }
  });
});

describe('renderConsole: flaky, baseline and certificate', () => {
  it('prints flaky cases with their outcomes, then baseline and certificate lines, then the verdict line with the flaky count', () => {
    const lines = renderConsole(regressionReport()).trimEnd().split('\n');
    expect(lines).toContain('    FLAKY getWhatsAppSyncStatus/wrong-key (expected 401, received 503)');
    expect(lines).toContain('      outcomes: passed ×2, failed ×1 (503)');
    expect(lines.slice(-10)).toEqual([
      'baseline (nightly/2025-01-01/conformance.json, its run started 2025-01-01 03:00:00 UTC): 2 new failures, 1 fixed, 1 newly skipped, 1 latency regression',
      '  new failures: getWhatsAppSyncStatus/unauthenticated; getWhatsAppSyncStatus/wrong-key (flaky in this run)',
      '  fixed: getWhatsAppSyncStatus/not-found',
      '  newly skipped: getWhatsAppSyncStatus/no-waba',
      '  latency regressions: getWhatsAppSyncStatus/wrong-key (p95 200 ms → 610 ms, +205 %)',
      'certificate: FAILED (1 family certified, 1 failed (authentication), 1 not tested, each case skipped (no-waba), 4 not applicable (start-sync, not-coexistence, not-found, negative-inputs), 1 case skipped)',
      '  getWhatsAppSyncStatus: FAILED (1 family certified, 1 failed (authentication), 1 not tested, each case skipped (no-waba), 1 case skipped)',
      '  startWhatsAppHistorySync: PARTIAL (0 families certified)',
      'failing (each above): getWhatsAppSyncStatus/unauthenticated, getWhatsAppSyncStatus/wrong-key (flaky)',
      'conformance: 1 passed, 1 failed, 1 flaky, 1 skipped, 0 errors (0 warnings)',
    ]);
  });

  it('says, with --history, that the baseline is older than last night when the nights since it were not run', () => {
    expect(renderConsole(afterNightNotRun()).split('\n')).toContain(`baseline (nightly/2025-01-01/conformance.json, ${AFTER_NIGHT_NOT_RUN}): 2 new failures, 1 fixed, 1 newly skipped, 1 latency regression`);
  });

  it('with --allow-flaky and a baseline, a new failure flaky in this run (a new fault) is said not to be allowed, and named among what fails the run', () => {
    const lines = renderConsole(regressionReport(), { allowFlaky: true }).split('\n');
    expect(lines).toContain('baseline (nightly/2025-01-01/conformance.json, its run started 2025-01-01 03:00:00 UTC): 2 new failures (1 of them flaky in this run, with a new fault: not allowed by --allow-flaky), 1 fixed, 1 newly skipped, 1 latency regression');
    expect(lines).toContain('  new failures: getWhatsAppSyncStatus/unauthenticated; getWhatsAppSyncStatus/wrong-key (flaky in this run, with a new fault: not allowed by --allow-flaky)');
    expect(lines).toContain('      flaky with a new fault (one the baseline did not show), not allowed by --allow-flaky: it fails the run');
    expect(lines.find((l) => l.startsWith('failing (each above): '))).toMatch(/^failing \(each above\): getWhatsAppSyncStatus\/unauthenticated, getWhatsAppSyncStatus\/wrong-key \(flaky\)/);
    // Still failing with the baseline's faults: only its verdict varies, and the flag lets it pass.
    const same = regressionReport();
    same.baseline = { ...same.baseline!, newFailures: [readId('unauthenticated')], stillFailing: [readId('wrong-key')] };
    const allowed = renderConsole(same, { allowFlaky: true }).split('\n');
    expect(allowed).toContain('  new failures: getWhatsAppSyncStatus/unauthenticated');
    expect(allowed.join('\n')).not.toContain('not allowed');
    expect(allowed.find((l) => l.startsWith('failing (each above): '))).toBe('failing (each above): getWhatsAppSyncStatus/unauthenticated');
  });

  it('names the cases behind the baseline counts, and which new failures are new by name only or flip between runs (--history)', () => {
    // A count alone ("1 new failure") leaves the person on call to find it among every failure.
    const report = regressionReport();
    report.baseline = { ...report.baseline!, missing: [readId('no-waba')], added: [readId('no-waba-account'), readId('unauthenticated')] };
    report.history = deriveFigures([night(1, '.'), night(2, 'F'), night(3, '.')].map((r) => ({ ...r, cases: r.cases.map((c) => ({ ...c, id: readId('wrong-key') })) })), { store: 'h.jsonl', target: TARGET, window: 30 }, { ...night(4, 'F'), cases: [{ id: readId('wrong-key'), status: 'failed', checks: [], durationMs: 1 }] });
    const out = renderConsole(report);
    expect(out).toContain('\n  new failures: getWhatsAppSyncStatus/unauthenticated (not in the baseline); getWhatsAppSyncStatus/wrong-key (flaky in this run; also failed on 1 of 3 earlier runs in the history window, last on 2026-11-02)\n');
    expect(out).toContain('\n  missing from this run: getWhatsAppSyncStatus/no-waba\n');
    expect(out).toContain('\n  not in the baseline: getWhatsAppSyncStatus/no-waba-account; getWhatsAppSyncStatus/unauthenticated\n');
    expect(out).toContain('\n  The planned cases changed since the baseline (operations, spec or fixtures): a renamed case shows as one missing and one not in the baseline, and a failure of it counts as new.\n');
    expect(out).toContain(': 2 new failures, 1 fixed, 1 newly skipped, 1 latency regression, 1 case of the baseline missing, 2 cases not in the baseline\n');
    // Only cases that left: no rename to explain.
    report.baseline = { ...report.baseline, added: [] };
    expect(renderConsole(report)).not.toContain('renamed');
  });

  it('caps each list of baseline cases at 10 ids, pointing to the HTML for the rest', () => {
    const report = regressionReport();
    report.baseline = { ...report.baseline!, fixed: Array.from({ length: 12 }, (_, i) => readId(`c${String(i).padStart(2, '0')}`)) };
    expect(renderConsole(report)).toContain('getWhatsAppSyncStatus/c09; … and 2 more (conformance.html)\n');
    // Eleven: the eleventh named, never "and 1 more".
    report.baseline = { ...report.baseline!, fixed: Array.from({ length: 11 }, (_, i) => readId(`c${String(i).padStart(2, '0')}`)) };
    const eleven = renderConsole(report);
    expect(eleven).toContain('getWhatsAppSyncStatus/c09; getWhatsAppSyncStatus/c10\n');
    expect(eleven).not.toMatch(/1 more/);
  });

  it('says in one sentence when baseline ids from before operation ids were mapped', () => {
    const mapped = regressionReport();
    mapped.baseline = { ...mapped.baseline!, mappedLegacyIds: 11 };
    expect(renderConsole(mapped)).toContain('\n  11 case ids of the baseline predate operation ids and were matched to this run\'s operations by operation label.\n');
    expect(renderConsole(regressionReport())).not.toContain('predate');
  });

  it('says under the certificate lines when a PARTIAL certificate is so because every skip is a rule of writes', () => {
    const partial = regressionReport();
    partial.certificate = { ...partial.certificate!, level: 'partial' };
    partial.results = partial.results.map((r) => (r.status === 'skipped' ? { ...r, skipReason: 'writes not allowed (--allow-writes)' } : r));
    expect(renderConsole(partial)).toContain('\n  partial because the skipped cases write, which a run against a live target does only with --allow-writes (against a mock server, --allow-writes --mock-target runs them all)\n');
    expect(renderConsole(regressionReport())).not.toContain('partial because');
  });

  // The tail of a CI log is what its page shows: a FULL there over 3 of the spec's 163 operations
  // must say, as summary.md's certificate line does, that the others were not certified.
  it('says under the certificate lines which operations of the spec it does not cover', () => {
    const wider = regressionReport();
    wider.certificate = { ...wider.certificate!, specOperationsWithoutData: ['listFunctionEventTypes', 'listFunctionTriggers'] };
    const lines = renderConsole(wider).split('\n');
    const certificate = lines.findIndex((line) => line.startsWith('certificate: '));
    const note = lines.indexOf('  the spec has 2 operations with no data in operations/: not certified (listFunctionEventTypes, listFunctionTriggers)');
    expect(certificate).toBeGreaterThanOrEqual(0);
    expect(note).toBeGreaterThan(certificate);
    expect(lines.slice(certificate + 1, note).every((line) => line.startsWith('  '))).toBe(true);
    expect(renderConsole(regressionReport())).not.toContain('not certified');
  });

  it('colours the verdict line by the verdict judged with the same options', () => {
    const onlyFlaky = report([regressionReport().results[2]!]);
    expect(renderConsole(onlyFlaky, { color: true }).trimEnd().split('\n').at(-1)).toMatch(/^\u001b\[31m/);
    expect(renderConsole(onlyFlaky, { color: true, allowFlaky: true }).trimEnd().split('\n').at(-1)).toMatch(/^\u001b\[32m/);
  });
});

describe('renderConsole: operations, families and sequences', () => {
  it('heads each operation with its counts, even one with no failure, and puts failures under their family', () => {
    const lines = renderConsole(report([result(), failedResult, sequenceResult, skippedResult])).split('\n');
    const at = (text: string): number => lines.findIndex((line) => line.startsWith(text));
    expect(lines[0]).toBe('GET /v1/senders/{senderId}/whatsapp-sync (getWhatsAppSyncStatus): 1 passed, 1 failed, 1 skipped');
    expect(lines).toContain('POST /v1/senders/{senderId}/whatsapp-sync/history (startWhatsAppHistorySync): 0 passed, 1 failed');
    expect(lines).toContain('  authentication — missing and wrong credentials get 401');
    // Read operation, its failure, its skips; then the start operation.
    const order = [at('GET /v1'), at('    FAILED getWhatsAppSyncStatus/unauthenticated'), at('  Skipped 1 case'), at('POST /v1'), at('    FAILED startWhatsAppHistorySync/')];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const clean = renderConsole(report([result()]));
    expect(clean.split('\n').slice(0, 3)).toEqual([
      'GET /v1/senders/{senderId}/whatsapp-sync (getWhatsAppSyncStatus): 1 passed',
      '',
      'POST /v1/senders/{senderId}/whatsapp-sync/history (startWhatsAppHistorySync): no cases',
    ]);
  });

  it('shows a failed sequence as one case: the step it failed at, every step, and the step of each violation', () => {
    const out = renderConsole(report([sequenceResult]));
    expect(out).toContain('    FAILED startWhatsAppHistorySync/start-history[snd_coex_active] (at step start (POST /v1/senders/{senderId}/whatsapp-sync/history): expected 202, received 400)\n');
    expect(out).toContain([
      '      steps:',
      '        read-before (GET /v1/senders/{senderId}/whatsapp-sync): status 200 as expected',
      '        start (POST /v1/senders/{senderId}/whatsapp-sync/history): expected 202, received 400 — failed',
      '        read-after (GET /v1/senders/{senderId}/whatsapp-sync): not run',
    ].join('\n'));
    expect(out).toContain('      status-code-expected [step start]: Expected status 202, received 400\n');
  });
});

test('a step never sent reads "not sent", not "no response" (nothing timed out)', () => {
  const out = renderConsole(report([unsentStepResult]));
  expect(out).toContain('(at step read (GET /v1/senders/{senderId}/whatsapp-sync): not sent (its expected answer could not be predicted))');
  expect(out).toContain('        read (GET /v1/senders/{senderId}/whatsapp-sync): not sent (its expected answer could not be predicted) — error');
  expect(out).not.toContain('no response');
});

describe('renderConsole: failure wording', () => {
  const header = (overrides: Partial<CaseResult>): string | undefined =>
    renderConsole(report([{ ...failedResult, ...overrides }])).split('\n').map((line) => line.trim()).find((line) => line.startsWith('FAILED'));

  it('says the status was right when only the body failed, and names both statuses when it was wrong', () => {
    expect(header({ expectedStatus: 200, receivedStatus: 200 })).toBe('FAILED getWhatsAppSyncStatus/unauthenticated (status 200 as expected)');
    expect(header({ expectedStatus: 401, receivedStatus: 404 })).toBe('FAILED getWhatsAppSyncStatus/unauthenticated (expected 401, received 404)');
    const { receivedStatus: _dropped, ...noResponse } = failedResult;
    const out = renderConsole(report([noResponse]));
    expect(out).toContain('    FAILED getWhatsAppSyncStatus/unauthenticated (no response)');
  });

  it('shows a location only when the violation has one', () => {
    const out = renderConsole(report([failedResult]));
    expect(out).toContain('      status-code-expected: Unexpected status code\n');
    expect(out).not.toContain('whole body');
  });

  it('shows the exchange only when it differs from the case id, and the recording a replayed case came from', () => {
    const same = renderConsole(report([{ ...failedResult, exchangeId: failedResult.id }]));
    expect(same).not.toContain('exchange:');
    const other = renderConsole(report([{ ...failedResult, exchangeId: 'unauthenticated#2', source: 'recordings/run.har#3' }]));
    expect(other).toContain('      exchange: unauthenticated#2\n      source: recordings/run.har#3');
  });
});

describe('renderConsole: failures by fault', () => {
  // n faults, each seen in two cases.
  const faults = (n: number): CaseResult[] =>
    Array.from({ length: n * 2 }, (_, i) => ({ ...failedResult, id: readId(`c${i}`), violations: [violation({ check: `fault-${Math.floor(i / 2)}`, message: 'Received: 200 / Expected: 401', instancePath: '' })] }));
  const shown = (out: string): string[] => out.split('\n').filter((line) => /^ {2}fault-\d+ — /.test(line));

  it('names five faults, a sixth too (never "and 1 more"), and says how many more there are past six', () => {
    expect(shown(renderConsole(report(faults(5))))).toHaveLength(5);
    expect(renderConsole(report(faults(5)))).not.toContain('more fault');
    const six = renderConsole(report(faults(6)));
    expect(shown(six)).toHaveLength(6);
    expect(six).not.toContain('more fault');
    const seven = renderConsole(report(faults(7)));
    expect(shown(seven)).toHaveLength(5);
    expect(seven).toContain('  … and 2 more faults seen in several cases (each case below)');
  });
});

describe('renderConsole: failures by fault, and the faults seen once', () => {
  // The heading counts every fault ("3 failed cases (4 faults, …)"); the list names those seen in two cases or more: the rest said, not gone missing.
  it('says how many faults the list leaves out as seen in one case each', () => {
    const twice = [0, 1].map((i) => ({ ...failedResult, id: readId(`t${i}`), violations: [violation({ check: 'status-code-expected', message: 'Received: 403 / Expected: 400', instancePath: '' })] }));
    const once = [0, 1].map((i) => ({ ...failedResult, id: readId(`o${i}`), violations: [violation({ check: `once-fault-${i}`, message: 'Received: 403 / Expected: one of the documented statuses', instancePath: '' })] }));
    expect(renderConsole(report([...twice, ...once]))).toContain('  … and 2 faults seen in one case each (each case below)\n');
    expect(renderConsole(report(twice))).not.toContain('seen in one case');
  });
});

describe("renderConsole: the log's tail names what failed", () => {
  const failing = (i: number): CaseResult => ({ ...failedResult, id: `getWhatsAppSyncStatus/unauthenticated-${i}` });

  it('one line before the counts: the first 3 failing cases, "+N more", and the top fault, so a CI page showing the tail says which', () => {
    const lines = renderConsole(report([result(), ...Array.from({ length: 5 }, (_, i) => failing(i)), errorResult])).trimEnd().split('\n');
    expect(lines.slice(-2)).toEqual([
      'failing (each above): getWhatsAppSyncStatus/unauthenticated-0, getWhatsAppSyncStatus/unauthenticated-1, getWhatsAppSyncStatus/unauthenticated-2 +3 more; top fault: status-code-expected, 5 answers in 5 cases',
      'conformance: 1 passed, 5 failed, 0 skipped, 1 error (0 warnings)',
    ]);
    // A fourth failing case is named, never "+1 more".
    const four = renderConsole(report([result(), ...Array.from({ length: 4 }, (_, i) => failing(i))])).trimEnd().split('\n');
    expect(four.at(-2)).toMatch(/^failing \(each above\): getWhatsAppSyncStatus\/unauthenticated-0, getWhatsAppSyncStatus\/unauthenticated-1, getWhatsAppSyncStatus\/unauthenticated-2, getWhatsAppSyncStatus\/unauthenticated-3; top fault/);
    // The error and the flaky say what they are.
    expect(renderConsole(report([errorResult]))).toContain('failing (each above): getWhatsAppSyncStatus/not-found (error)\n');
  });

  it('a green run, a known failure and a flaky case --allow-flaky lets pass get no such line; the cases the loss of the target cut short are counted, not named', () => {
    expect(renderConsole(report([result(), skippedResult]))).not.toContain('failing');
    const flaky = { ...failedResult, status: 'flaky' as const };
    expect(renderConsole(report([result(), flaky]), { allowFlaky: true })).not.toContain('failing');
    const cut = Array.from({ length: 40 }, (_, i) => result({ id: `getWhatsAppSyncStatus/cut-${i}`, status: 'error', errorMessage: `step read: ${TARGET_LOST_NOTE}` }));
    expect(renderConsole(report([failing(0), ...cut]))).toContain('failing (each above): getWhatsAppSyncStatus/unauthenticated-0; 40 not sent (target lost, see the top)\n');
  });

  it('bounded and inert: an id (a fixture sender someone chose) cut to 80 characters, its control characters escaped', () => {
    const hostile = { ...failedResult, id: `getWhatsAppSyncStatus/x[\u001b[2J\u202e${'a'.repeat(500)}]` };
    const line = renderConsole(report([hostile])).split('\n').find((l) => l.startsWith('failing')) ?? '';
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/u);
    expect(line.length).toBeLessThan(120);
  });
});
