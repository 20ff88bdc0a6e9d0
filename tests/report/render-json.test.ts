import { renderCertificateJson, renderJson } from '../../src/report/render-json';
import { validateReport } from '../../src/report/report-schema';
import { mixedReport, report, result, sequenceResult, violation } from './fixtures';
import { regressionReport } from './regression-fixtures';

/** `value` with every object's keys in reverse order: what renderJson prints must not depend on how a report was built. */
function withKeysReversed<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    return Object.fromEntries(Object.entries(inner).reverse());
  })) as T;
}

describe('renderJson', () => {
  it('round-trips the report as pretty JSON with a trailing newline', () => {
    const report = mixedReport();
    const text = renderJson(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "runInfo": {\n    "target"');
    expect(JSON.parse(text)).toEqual(report);
    expect(validateReport(JSON.parse(text))).toBeTruthy();
  });

  it('has the same bytes however the objects were built', () => {
    const report = mixedReport();
    const shuffled = withKeysReversed(report);
    expect(Object.keys(shuffled)).toEqual(['warningDigest', 'results', 'summary', 'runInfo']);
    expect(renderJson(shuffled)).toBe(renderJson(report));
    expect(Object.keys(JSON.parse(renderJson(shuffled)) as object)).toEqual(['runInfo', 'summary', 'results', 'warningDigest']);
  });
});

describe('renderJson: the new parts', () => {
  it('round-trips them, byte-stable however the objects were built, results before latency, baseline and certificate', () => {
    const full = regressionReport();
    const text = renderJson(full);
    expect(JSON.parse(text)).toEqual(full);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['runInfo', 'summary', 'results', 'latency', 'baseline', 'certificate']);
    const reversed = withKeysReversed(full);
    expect(renderJson(reversed)).toBe(text);
    expect(renderCertificateJson(reversed.certificate!)).toBe(renderCertificateJson(full.certificate!));
    expect(renderCertificateJson(full.certificate!)).toMatch(/^\{\n {2}"target": [\s\S]*\n {2}"level": "failed"\n\}\n$/);
  });

  it('prints allowFlaky, missing and otherTarget at fixed places however the objects were built', () => {
    const full = regressionReport();
    full.runInfo.allowFlaky = true;
    full.baseline = { ...full.baseline!, missing: ['gone'], otherTarget: true };
    const reversed = withKeysReversed(full);
    const printed = JSON.parse(renderJson(reversed)) as { runInfo: object; baseline: object };
    expect(Object.keys(printed.runInfo).slice(-5)).toEqual(['repeat', 'latencyBudgetMs', 'allowFlaky', 'operations', 'families']);
    expect(Object.keys(printed.baseline)).toEqual(['baseline', 'newFailures', 'fixed', 'stillFailing', 'newlySkipped', 'latencyRegressions', 'missing', 'otherTarget']);
    expect(renderJson(reversed)).toBe(renderJson(full));
  });
});

describe('renderJson: operations, families and sequences', () => {
  it('prints a sequence\'s steps and the step of a violation in a fixed key order, and validates', () => {
    const full = report([sequenceResult]);
    const reversed = withKeysReversed(full);
    const text = renderJson(reversed);
    expect(text).toBe(renderJson(full));
    const printed = JSON.parse(text) as { results: Record<string, unknown>[]; runInfo: { operations: object[]; families: object[] } };
    expect(Object.keys(printed.results[0]!).slice(0, 3)).toEqual(['id', 'operationId', 'operation']);
    expect(Object.keys((printed.results[0]!['steps'] as object[])[1]!)).toEqual(['id', 'operationId', 'operation', 'status', 'expectedStatus', 'receivedStatus', 'durationMs', 'curl']);
    expect(Object.keys((printed.results[0]!['violations'] as object[])[0]!).at(-1)).toBe('step');
    expect(Object.keys(printed.runInfo.operations[0]!)).toEqual(['operationId', 'operation']);
    expect(Object.keys(printed.runInfo.families[0]!)).toEqual(['id', 'title', 'core']);
    expect(validateReport(JSON.parse(text))).toBeTruthy();
  });

  it("prints a reading's evidence (a violation's shownBy) last in the violation, its own keys in a fixed order, however it was built", () => {
    const shownBy = { exchange: 'getWhatsAppSyncStatus/no-credentials#read', operation: 'this', words: ' ("getWhatsAppSyncStatus/no-credentials#read", sent without credentials)' } as const;
    const full = report([result({ status: 'failed', violations: [violation({ severity: 'error', step: 'read', shownBy })] })]);
    const reversed = withKeysReversed(full);
    const text = renderJson(reversed);
    expect(text).toBe(renderJson(full));
    const printed = (JSON.parse(text) as { results: { violations: Record<string, unknown>[] }[] }).results[0]!.violations[0]!;
    expect(Object.keys(printed).slice(-2)).toEqual(['step', 'shownBy']);
    expect(Object.keys(printed['shownBy'] as object)).toEqual(['exchange', 'operation', 'words']);
    expect(validateReport(JSON.parse(text))).toBeTruthy();
  });

  it('prints a certificate per operation, then the aggregate families, each family with its title and core flag', () => {
    const printed = JSON.parse(renderCertificateJson(regressionReport().certificate!)) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['target', 'suiteVersion', 'specVersion', 'specSha256', 'date', 'mode', 'operations', 'families', 'level']);
    const operation = (printed['operations'] as Record<string, unknown>[])[0]!;
    expect(Object.keys(operation)).toEqual(['operationId', 'operation', 'families', 'level']);
    expect(Object.keys((operation['families'] as object[])[0]!)).toEqual(['family', 'title', 'core', 'verdict', 'passed', 'failed', 'notJudged', 'skipped']);
  });
});

describe('renderJson: received text on disk', () => {
  it('writes a bidi override, C1 and U+2028 a target sent as \\u escapes, so the file reads as it is and parses back the same', () => {
    const hostile = 'Received: a\u202eb\u0085c\u2028d';
    const base = mixedReport();
    const first = base.results[0];
    if (first === undefined) throw new Error('no result');
    const report = { ...base, results: [{ ...first, errorMessage: hostile }, ...base.results.slice(1)] };
    const text = renderJson(report);
    expect(text).not.toMatch(/[\u202e\u0085\u2028]/);
    expect(text).toContain('a\\u202eb\\u0085c\\u2028d');
    expect(JSON.parse(text)).toEqual(report);
  });
});
