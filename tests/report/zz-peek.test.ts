import { renderConsole } from '../../src/report/render-console';
import { renderMarkdown } from '../../src/report/render-markdown';
import { renderJunit } from '../../src/report/render-junit';
import { certify } from '../../src/certificate/certify';
import { report, result, mixedReport, sequenceResult } from './fixtures';
import { regressionReport } from './regression-fixtures';
test('peek', () => {
  const r = regressionReport();
  r.results.push(sequenceResult);
  r.summary = report(r.results).summary;
  r.certificate = certify(r);
  r.baseline = { ...r.baseline!, mappedLegacyIds: 3 };
  console.log(renderConsole(r));
  console.log(renderMarkdown(r));
  console.log(renderJunit(r));
});
