import { readFileSync } from 'node:fs';
import { CERTIFICATE_SCHEMA_PATH, validateCertificate } from '../../src/report/certificate-schema';
import { REPORT_SCHEMA_PATH, reportSchemaError, validateReport } from '../../src/report/report-schema';
import { clone, report, result } from './fixtures';
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

  it('accepts the negative-inputs family', () => {
    expect(reportSchemaError(report([result({ family: 'negative-inputs' })]))).toBeUndefined();
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

  it('rejects a certificate whose family verdict contradicts its counts', () => {
    const bad = clone(certificate);
    bad.families[0] = { family: 'coexistence', verdict: 'certified', passed: 0, failed: 0, skipped: 2 };
    expect(() => validateCertificate(bad)).toThrow(/\/families\/0\/passed must be >= 1/);
    const missing = clone(certificate);
    missing.families.pop();
    expect(() => validateCertificate(missing)).toThrow(/\/families must NOT have fewer than 6 items/);
    expect(validateCertificate(certificate)).toBe(certificate);
  });

  it('describes the certificate the same way in certificate.schema.json and in the report schema', () => {
    const standalone = readJson(CERTIFICATE_SCHEMA_PATH);
    expect(standalone['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(standalone['description']).toContain('reports/certificate.json');
    const { $schema: _s, $id: _i, title: _t, description: _d, ...body } = standalone;
    const definitions = readJson(REPORT_SCHEMA_PATH)['definitions'] as Json;
    expect(body).toEqual(definitions['Certificate']);
  });
});
