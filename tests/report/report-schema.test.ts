import { existsSync, readFileSync } from 'node:fs';
import { REPORT_SCHEMA_PATH, validateReport } from '../../src/report/report-schema';
import { clone, mixedReport, report, result, unsentStepResult, violation } from './fixtures';

describe('conformance report schema', () => {
  it('is a draft-07 schema with an $id and a description naming conformance.json', () => {
    expect(existsSync(REPORT_SCHEMA_PATH)).toBe(true);
    const schema = JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema['$id']).toEqual(expect.any(String));
    expect(schema['description']).toContain('reports/conformance.json');
  });

  it('accepts a valid report with every status', () => {
    const valid = mixedReport();
    expect(validateReport(valid)).toBe(valid);
  });

  it('accepts a step never sent (notSent: true), and only true there', () => {
    const unsent = report([unsentStepResult]);
    expect(validateReport(unsent)).toBe(unsent);
    const wrong = clone(unsent) as unknown as { results: { steps: Record<string, unknown>[] }[] };
    (wrong.results[0]?.steps[1] ?? {})['notSent'] = false;
    expect(() => validateReport(wrong)).toThrow(/notSent/);
  });

  it("a concurrent step's statuses: any three-digit code a server can send (599 was the bound: a hostile 999 broke the report schema), 0 for no answer", () => {
    const concurrent = report([{ ...unsentStepResult, steps: [{ id: 'start', operationId: 'startWhatsAppHistorySync', operation: 'POST /v1/senders/{senderId}/whatsapp-sync/history', status: 'failed', durationMs: 1, concurrent: 3, receivedStatuses: [202, 999, 0] }] }]);
    expect(validateReport(concurrent)).toBe(concurrent);
    const over = clone(concurrent) as unknown as { results: { steps: { receivedStatuses: number[] }[] }[] };
    over.results[0]?.steps[0]?.receivedStatuses.push(1000);
    expect(() => validateReport(over)).toThrow(/receivedStatuses/);
  });

  it("keeps a reading's evidence (shownBy) as a field of the violation, and reads a report without it (an older suite's)", () => {
    const shownBy = { exchange: 'getWhatsAppSyncStatus/no-credentials#read', operation: 'another', words: ' ("getWhatsAppSyncStatus/no-credentials#read", sent without credentials)' } as const;
    const failing = result({ status: 'failed', violations: [violation({ severity: 'error', shownBy })] });
    const withEvidence = report([failing]);
    expect(validateReport(withEvidence)).toBe(withEvidence);
    const older = report([result({ status: 'failed', violations: [violation({ severity: 'error' })] })]);
    expect(validateReport(older)).toBe(older);
    const wrong = clone(withEvidence) as unknown as { results: { violations: { shownBy: Record<string, unknown> }[] }[] };
    (wrong.results[0]?.violations[0]?.shownBy ?? {})['operation'] = 'mine';
    expect(() => validateReport(wrong)).toThrow(/shownBy\/operation/);
  });

  it("keeps the suite's build (runInfo.suiteBuild, 12 hex) and reads a report without it (an older build's, or a dist built without the step)", () => {
    const built = { ...report([result()]) };
    built.runInfo = { ...built.runInfo, suiteBuild: '0123456789ab' };
    expect(validateReport(built)).toBe(built);
    expect(validateReport(report([result()]))).toEqual(report([result()]));
    const wrong = clone(built);
    (wrong.runInfo as { suiteBuild: string }).suiteBuild = '<b>x</b>';
    expect(() => validateReport(wrong)).toThrow(/suiteBuild/);
  });

  it('describes violations counted but not kept, and the truncation note; a count must be at least 1', () => {
    const omitted = { check: 'undocumented-properties', severity: 'warning', count: 299980, instancePath: '/sync' } as const;
    const truncated = { ...report([result({ omittedViolations: [omitted] })]), truncation: { keptPerCheck: 20, omittedViolations: 299980, results: 1 } };
    expect(validateReport(truncated)).toBe(truncated);
    const zero = clone(truncated);
    (zero.results[0]?.omittedViolations?.[0] as { count: number }).count = 0;
    expect(() => validateReport(zero)).toThrow(/\/results\/0\/omittedViolations\/0\/count must be >= 1/);
    const badPointer = clone(truncated);
    (badPointer.results[0]?.omittedViolations?.[0] as { instancePath: string }).instancePath = 'sync';
    expect(() => validateReport(badPointer)).toThrow(/instancePath must match format "json-pointer"/);
    expect(() => validateReport({ ...truncated, truncation: { keptPerCheck: 20 } })).toThrow(/\/truncation must have required property/);
  });

  it('rejects a missing required field, naming where', () => {
    const bad = clone(mixedReport()) as unknown as { runInfo: Record<string, unknown> };
    delete bad.runInfo['specSha256'];
    expect(() => validateReport(bad)).toThrow(/\/runInfo must have required property 'specSha256'/);
  });

  it('rejects a status outside passed|failed|skipped|error|flaky', () => {
    const bad = clone(mixedReport());
    (bad.results[0] as { status: string }).status = 'ok';
    expect(() => validateReport(bad)).toThrow(/\/results\/0\/status must be equal to one of the allowed values/);
  });

  it('rejects an extra property, since the format is ours and closed', () => {
    const bad = clone(mixedReport());
    (bad.results[1]!.violations[0] as unknown as Record<string, unknown>)['operation'] = 'GET /x';
    expect(() => validateReport(bad)).toThrow(/\/results\/1\/violations\/0 must NOT have additional properties \("operation"\)/);
  });

  it('rejects a time without a time zone and a sha256 that is not 64 hex digits', () => {
    const noZone = clone(mixedReport());
    noZone.runInfo.startedAt = '2025-01-02T03:04:05';
    expect(() => validateReport(noZone)).toThrow(/\/runInfo\/startedAt must match format "date-time"/);
    const shortHash = clone(mixedReport());
    shortHash.runInfo.specSha256 = 'abc';
    expect(() => validateReport(shortHash)).toThrow(/\/runInfo\/specSha256 must match pattern/);
  });

  it('rejects a skipped case without a reason and a failed case without an error violation', () => {
    expect(() => validateReport(report([result({ status: 'skipped' })]))).toThrow(/\/results\/0 must have required property 'skipReason'/);
    expect(() => validateReport(report([result({ status: 'failed' })]))).toThrow(/\/results\/0\/violations must contain at least 1 valid item/);
    const passedWithError = report([result({ violations: [violation()] })]);
    expect(() => validateReport(passedWithError)).toThrow(/\/results\/0\/violations\/0\/severity must be equal to constant/);
  });

  it('names a missing status first, not the reason or message a status would call for', () => {
    // Each rule tied to a status applies only when there is one: without the `required` in its
    // `if`, a result lacking its status matched every `if` vacuously and the first error read
    // "must have required property 'skipReason'", sending the reader after the wrong field.
    const noStatus = clone(report([result()]));
    delete (noStatus.results[0] as unknown as Record<string, unknown>)['status'];
    expect(() => validateReport(noStatus)).toThrow(/: \/results\/0 must have required property 'status'$/);
  });
});
