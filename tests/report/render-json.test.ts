import { renderCertificateJson, renderJson } from '../../src/report/render-json';
import { validateReport } from '../../src/report/report-schema';
import { mixedReport } from './fixtures';
import { regressionReport } from './regression-fixtures';

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
    const shuffled = JSON.parse(JSON.stringify(report, (_key, value: unknown) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).reverse());
    })) as typeof report;
    expect(Object.keys(shuffled)).toEqual(['results', 'summary', 'runInfo']);
    expect(renderJson(shuffled)).toBe(renderJson(report));
    expect(Object.keys(JSON.parse(renderJson(shuffled)) as object)).toEqual(['runInfo', 'summary', 'results']);
  });
});

describe('renderJson: the new parts', () => {
  it('round-trips them, byte-stable however the objects were built, results before latency, baseline and certificate', () => {
    const full = regressionReport();
    const text = renderJson(full);
    expect(JSON.parse(text)).toEqual(full);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['runInfo', 'summary', 'results', 'latency', 'baseline', 'certificate']);
    const reversed = JSON.parse(JSON.stringify(full, (_key, value: unknown) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).reverse());
    })) as typeof full;
    expect(renderJson(reversed)).toBe(text);
    expect(renderCertificateJson(reversed.certificate!)).toBe(renderCertificateJson(full.certificate!));
    expect(renderCertificateJson(full.certificate!)).toMatch(/^\{\n {2}"target": [\s\S]*\n {2}"level": "failed"\n\}\n$/);
  });

  it('prints allowFlaky, missing and otherTarget at fixed places however the objects were built', () => {
    const full = regressionReport();
    full.runInfo.allowFlaky = true;
    full.baseline = { ...full.baseline!, missing: ['gone'], otherTarget: true };
    const reversed = JSON.parse(JSON.stringify(full, (_key, value: unknown) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      return Object.fromEntries(Object.entries(value).reverse());
    })) as typeof full;
    const printed = JSON.parse(renderJson(reversed)) as { runInfo: object; baseline: object };
    expect(Object.keys(printed.runInfo).slice(-5)).toEqual(['repeat', 'latencyBudgetMs', 'allowFlaky', 'operations', 'families']);
    expect(Object.keys(printed.baseline)).toEqual(['baseline', 'newFailures', 'fixed', 'stillFailing', 'newlySkipped', 'latencyRegressions', 'missing', 'otherTarget']);
    expect(renderJson(reversed)).toBe(renderJson(full));
  });
});
