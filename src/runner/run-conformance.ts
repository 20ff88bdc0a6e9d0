/**
 * One conformance run, end to end: load the contract and scenarios, start or reach the target,
 * run the Jest suite, then write every report. Returns the documented exit code.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunConfig } from '../config/run-config';
import { displayTarget } from '../config/run-config';
import { ExitCode, ConformanceError } from '../model/errors';
import type { ConformanceReport } from '../model';
import { suiteVersion } from '../package-root';
import { renderConsole } from '../report/render-console';
import { summarize } from '../report/summarize';
import { writeReports } from '../report/write-reports';
import { planCases } from '../scenarios/plan-cases';
import { loadScenarios } from '../scenarios/load-scenarios';
import { loadContract } from '../spec/load-contract';
import { wellFormedUnknownKey } from '../transport/auth-headers';
import { collectResults } from './collect-results';
import { preflight } from './preflight';
import { keyEnv, planEnv, type RunPlan } from './run-plan';
import { runJestSuite } from './run-jest';
import { startTarget } from './start-target';

export interface RunIo {
  out: (text: string) => void;
}

export async function runConformance(config: RunConfig, io: RunIo): Promise<number> {
  const startedAt = new Date().toISOString();
  const scenarioFile = loadScenarios(config.scenariosPath);
  const { spec, operation, schemas } = loadContract(config.specPath, scenarioFile.operation.method, scenarioFile.operation.path);
  const target = await startTarget(config);
  const work = mkdtempSync(join(tmpdir(), 'zavu-conformance-'));
  try {
    await preflight(target.baseUrl, config.timeoutMs);
    const cases = planCases(scenarioFile.scenarios, { fixtures: target.fixtures, unknownSenderId: target.unknownSenderId, hasApiKey: target.apiKey !== undefined });
    const plan: RunPlan = {
      baseUrl: target.baseUrl,
      mode: 'live',
      timeoutMs: config.timeoutMs,
      operation,
      schemas,
      cases,
      unknownKey: wellFormedUnknownKey(target.apiKey),
      resultsFile: join(work, 'results.jsonl'),
    };
    writeFileSync(join(work, 'plan.json'), JSON.stringify(plan), { mode: 0o600 });
    io.out(`zavu-conformance ${suiteVersion()}: ${operation.label} against ${target.embedded ? 'the embedded reference server' : displayTarget(target.baseUrl)}\n`);
    const junitTempName = `.junit-${process.pid}.xml.tmp`;
    process.env[planEnv] = join(work, 'plan.json');
    process.env[keyEnv] = target.apiKey ?? '';
    const outcome = await runJestSuite({ reportsDir: config.reportsDir, junitTempName, timeoutMs: config.timeoutMs }).finally(() => {
      delete process.env[planEnv];
      delete process.env[keyEnv];
    });
    if (outcome.loadError !== undefined) throw new ConformanceError(`the conformance suite could not run: ${outcome.loadError}`, ExitCode.usage);
    const results = collectResults(plan.resultsFile, cases, operation, 'the suite stopped before this case');
    const report: ConformanceReport = {
      runInfo: {
        target: target.embedded ? `embedded reference server (${target.baseUrl})` : displayTarget(target.baseUrl),
        mode: 'live',
        suiteVersion: suiteVersion(),
        specTitle: spec.title,
        specVersion: spec.version,
        specSha256: spec.sha256,
        startedAt,
        finishedAt: new Date().toISOString(),
        node: process.version,
      },
      summary: summarize(results),
      results,
    };
    const written = await writeReports(config.reportsDir, report);
    renameSync(join(config.reportsDir, junitTempName), join(config.reportsDir, 'junit.xml'));
    io.out(renderConsole(report));
    io.out(`reports: ${[...written, join(config.reportsDir, 'junit.xml')].join(', ')}\n`);
    return report.summary.failed + report.summary.errors > 0 ? ExitCode.violations : ExitCode.conformant;
  } finally {
    rmSync(work, { recursive: true, force: true });
    await target.close();
  }
}
