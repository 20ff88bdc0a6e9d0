import { readFileSync } from 'node:fs';
import { CERTIFICATE_SCHEMA_PATH, validateCertificate } from '../../src/report/certificate-schema';
import { REPORT_SCHEMA_PATH, reportSchemaError, validateReport } from '../../src/report/report-schema';
import type { ConformanceReport } from '../../src/model';
import { summarize } from '../../src/report/summarize';
import { clone, report, result, sequenceResult } from './fixtures';
import { certificate, flakyResult, regressionReport } from './regression-fixtures';

type Json = Record<string, unknown>;

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

describe('report schema: repeat, latency, baseline and certificate', () => {
  it('accepts a report with every new part', () => {
    const valid = regressionReport();
    expect(validateReport(valid)).toBe(valid);
  });

  it('accepts any declared family: families are data, not a closed list', () => {
    expect(reportSchemaError(report([result({ family: 'negative-inputs' }), result({ family: 'a-family-added-later' })]))).toBeUndefined();
  });

  it('accepts a sequence with its steps, failing step and the step of each violation', () => {
    expect(reportSchemaError(report([sequenceResult]))).toBeUndefined();
    const { steps: _steps, ...noSteps } = sequenceResult;
    expect(reportSchemaError(report([noSteps]))).toBe("/results/0 must have property steps when property failedStep is present");
    expect(reportSchemaError(report([{ ...sequenceResult, steps: [] }]))).toBe('/results/0/steps must NOT have fewer than 1 items');
    const flakyStep = clone(sequenceResult);
    flakyStep.steps![0]!.status = 'flaky';
    expect(reportSchemaError(report([flakyStep]))).toMatch(/^\/results\/0\/steps\/0\/status must be equal to one of the allowed values/);
  });

  it('requires ids of the form operationId/caseId, and the operations and families of the run', () => {
    expect(reportSchemaError(report([result({ id: 'no-waba' })]))).toBe('/results/0/id must match pattern "^[^/]+/.+$"');
    const old = clone(report([result()])) as unknown as { runInfo: Json };
    delete old.runInfo['operations'];
    expect(reportSchemaError(old)).toBe("/runInfo must have required property 'operations'");
  });

  it('takes the count of mapped legacy ids in a baseline diff, and only a positive one', () => {
    const mapped = regressionReport();
    mapped.baseline = { ...mapped.baseline!, mappedLegacyIds: 3 };
    expect(reportSchemaError(mapped)).toBeUndefined();
    mapped.baseline.mappedLegacyIds = 0;
    expect(reportSchemaError(mapped)).toBe('/baseline/mappedLegacyIds must be >= 1');
  });

  it('requires a flaky case to carry at least two attempts and the flaky violation', () => {
    const { attempts: _attempts, ...noAttempts } = flakyResult;
    expect(() => validateReport(report([noAttempts]))).toThrow(/\/results\/0 must have required property 'attempts'/);
    expect(() => validateReport(report([{ ...flakyResult, attempts: flakyResult.attempts!.slice(0, 1) }]))).toThrow(/\/results\/0\/attempts must NOT have fewer than 2 items/);
    const withoutFlakyViolation = { ...flakyResult, violations: flakyResult.violations.filter((v) => v.check !== 'flaky') };
    expect(() => validateReport(report([withoutFlakyViolation]))).toThrow(/\/results\/0\/violations must contain at least 1 valid item/);
  });

  it('keeps the new objects closed and typed', () => {
    const extra = clone(regressionReport());
    (extra.latency as unknown as Json)['p90'] = 1;
    expect(() => validateReport(extra)).toThrow(/\/latency must NOT have additional properties \("p90"\)/);
    const badShard = clone(regressionReport());
    badShard.runInfo.shard = '0/2';
    expect(() => validateReport(badShard)).toThrow(/\/runInfo\/shard must match pattern/);
    const once = clone(regressionReport());
    once.runInfo.repeat = 1;
    expect(() => validateReport(once)).toThrow(/\/runInfo\/repeat must be >= 2/);
    const flakyAttempt = clone(regressionReport());
    flakyAttempt.results[0]!.attempts![0]!.status = 'flaky';
    expect(() => validateReport(flakyAttempt)).toThrow(/\/results\/0\/attempts\/0\/status must be equal to one of the allowed values/);
  });

  // Every object kind of the report is closed: an extra property is a bug in the suite, never data.
  // Each row adds one to one object and expects the schema to name both the place and the property.
  /** regressionReport() with the start sequence as a fifth result, so steps are covered too. */
  function withSequence(): ConformanceReport {
    const full = clone(regressionReport());
    full.results.push(clone(sequenceResult));
    full.summary = summarize(full.results);
    return full;
  }

  it.each<[string, string, (r: ConformanceReport) => object]>([
    ['the root', '(root)', (r) => r],
    ['runInfo', '/runInfo', (r) => r.runInfo],
    ['summary', '/summary', (r) => r.summary],
    ['a result', '/results/0', (r) => r.results[0]!],
    ['an attempt', '/results/0/attempts/0', (r) => r.results[0]!.attempts![0]!],
    ['a violation', '/results/1/violations/0', (r) => r.results[1]!.violations[0]!],
    ['a result\'s latency', '/results/0/latency', (r) => r.results[0]!.latency!],
    ['the run\'s latency', '/latency', (r) => r.latency!],
    ['baseline', '/baseline', (r) => r.baseline!],
    ['baseline.baseline', '/baseline/baseline', (r) => r.baseline!.baseline],
    ['a latency regression', '/baseline/latencyRegressions/0', (r) => r.baseline!.latencyRegressions[0]!],
    ['certificate', '/certificate', (r) => r.certificate!],
    ['a certificate family', '/certificate/families/0', (r) => r.certificate!.families[0]!],
    ['a certificate operation', '/certificate/operations/0', (r) => r.certificate!.operations[0]!],
    ['a family within an operation', '/certificate/operations/0/families/0', (r) => r.certificate!.operations[0]!.families[0]!],
    ['a run operation', '/runInfo/operations/0', (r) => r.runInfo.operations[0]!],
    ['a run family', '/runInfo/families/0', (r) => r.runInfo.families[0]!],
    ['a step', '/results/4/steps/0', (r) => r.results[4]!.steps![0]!],
  ])('rejects an extra property on %s', (_kind, where, pick) => {
    const valid = withSequence();
    expect(reportSchemaError(valid)).toBeUndefined();
    (pick(valid) as Json)['extra'] = 1;
    expect(reportSchemaError(valid)).toBe(`${where} must NOT have additional properties ("extra")`);
  });

  it('rejects a certificate whose family verdict contradicts its counts', () => {
    const bad = clone(certificate);
    bad.families[0] = { ...bad.families[0]!, verdict: 'certified', passed: 0, failed: 0, skipped: 2 };
    expect(() => validateCertificate(bad)).toThrow(/\/families\/0\/passed must be >= 1/);
    const inOperation = clone(certificate);
    inOperation.operations[0]!.families[2] = { ...inOperation.operations[0]!.families[2]!, verdict: 'certified' };
    expect(() => validateCertificate(inOperation)).toThrow(/\/operations\/0\/families\/2\/passed must be >= 1/);
    const noOperations = clone(certificate);
    noOperations.operations = [];
    expect(() => validateCertificate(noOperations)).toThrow(/\/operations must NOT have fewer than 1 items/);
    expect(validateCertificate(certificate)).toBe(certificate);
  });

  it('names a breach of the standalone certificate schema in the report schema\'s words', () => {
    expect(() => validateCertificate({ ...certificate, extra: 1 })).toThrow('certificate does not match certificate.schema.json (a bug in the suite): (root) must NOT have additional properties ("extra")');
    expect(() => validateCertificate({ ...certificate, level: 'gold' })).toThrow(/\/level must be equal to one of the allowed values \(allowed: full, partial, failed\)$/);
  });

  it('describes the certificate the same way in certificate.schema.json and in the report schema', () => {
    const standalone = readJson(CERTIFICATE_SCHEMA_PATH);
    expect(standalone['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(standalone['description']).toContain('reports/certificate.json');
    // The definition carries the same $id, so its own #/definitions refs resolve inside it in both files.
    const { $schema: _s, title: _t, description: _d, ...body } = standalone;
    const { description: _why, ...definition } = (readJson(REPORT_SCHEMA_PATH)['definitions'] as Json)['Certificate'] as Json;
    expect(body).toEqual(definition);
    expect(body['$id']).toBe('urn:zavu-conformance:schema:certificate');
  });
});
