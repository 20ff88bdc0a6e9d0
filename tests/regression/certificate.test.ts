import type { CaseResult, ScenarioFamily } from '../../src/model';
import { CERTIFIED_FAMILIES, certify } from '../../src/regression/certificate';
import { readBaseline } from '../../src/regression/baseline-diff';
import { validateCertificate } from '../../src/report/certificate-schema';
import { report, result, runInfo, skippedResult } from '../report/fixtures';
import * as path from 'node:path';

const pass = (family: ScenarioFamily, id = family): CaseResult => result({ id, family });
const skip = (family: ScenarioFamily, id = `${family}-skipped`): CaseResult => ({ ...skippedResult, id, family });
const CORE: ScenarioFamily[] = ['coexistence', 'no-waba', 'not-coexistence', 'authentication', 'not-found'];

function verdicts(results: CaseResult[]): Record<string, string> {
  return Object.fromEntries(certify(report(results)).families.map((f) => [f.family, f.verdict]));
}

describe('certify', () => {
  it('lists all six families, in order, from the run info', () => {
    const certificate = certify(report([pass('coexistence')]));
    expect(certificate.families.map((f) => f.family)).toEqual([...CERTIFIED_FAMILIES]);
    expect(certificate).toMatchObject({ target: runInfo.target, specSha256: runInfo.specSha256, date: runInfo.finishedAt, mode: 'live' });
    expect(validateCertificate(certificate)).toBe(certificate);
  });

  it('is full when every core family passed with nothing skipped, negative-inputs not run', () => {
    const certificate = certify(report(CORE.map((f) => pass(f))));
    expect(certificate.level).toBe('full');
    expect(certificate.families.at(-1)).toEqual({ family: 'negative-inputs', verdict: 'not-applicable', passed: 0, failed: 0, skipped: 0 });
    expect(certify(report([...CORE.map((f) => pass(f)), pass('negative-inputs')])).level).toBe('full');
  });

  it('treats an all-skipped family as not applicable, and a partly skipped one as certified, both making the level partial', () => {
    const allSkipped = [...CORE.filter((f) => f !== 'no-waba').map((f) => pass(f)), skip('no-waba')];
    expect(verdicts(allSkipped)['no-waba']).toBe('not-applicable');
    expect(certify(report(allSkipped)).level).toBe('partial');
    const partly = [...CORE.map((f) => pass(f)), skip('coexistence')];
    expect(certify(report(partly)).families[0]).toEqual({ family: 'coexistence', verdict: 'certified', passed: 1, failed: 0, skipped: 1 });
    expect(certify(report(partly)).level).toBe('partial');
    expect(certify(report([...CORE.map((f) => pass(f)), skip('negative-inputs')])).level).toBe('partial');
  });

  it('fails a family, and the certificate, for a failed, error or flaky case', () => {
    for (const status of ['failed', 'error', 'flaky'] as const) {
      const results = [...CORE.map((f) => pass(f)), result({ id: 'bad', family: 'authentication', status })];
      const certificate = certify(report(results));
      expect(certificate.level).toBe('failed');
      expect(certificate.families[3]).toEqual({ family: 'authentication', verdict: 'failed', passed: 1, failed: 1, skipped: 0 });
    }
  });

  it('certifies the report of a real run: a failed coexistence case fails the certificate', () => {
    const real = readBaseline(path.join(__dirname, 'fixtures', 'conformance-real.json'));
    const certificate = certify(real);
    expect(certificate.level).toBe('failed');
    expect(Object.fromEntries(certificate.families.map((f) => [f.family, f.verdict]))).toEqual({
      'coexistence': 'failed', 'no-waba': 'not-applicable', 'not-coexistence': 'not-applicable',
      'authentication': 'certified', 'not-found': 'certified', 'negative-inputs': 'not-applicable',
    });
  });
});
