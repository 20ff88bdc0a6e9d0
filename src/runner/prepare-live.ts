/** A live (or record) run: start or reach the target, check it answers, bind scenarios to its fixtures. */
import type { RunConfig } from '../config/run-config';
import { displayTarget } from '../config/run-config';
import { configuredSenders, planCases, representativeSenders } from '../scenarios/plan-cases';
import type { ScenarioFile } from '../scenarios/load-scenarios';
import { preflight } from './preflight';
import type { PreparedRun } from './prepared-run';
import { startTarget } from './start-target';

export async function prepareLive(config: RunConfig, scenarioFile: ScenarioFile): Promise<PreparedRun> {
  const target = await startTarget(config);
  try {
    await preflight(target.baseUrl, config.timeoutMs);
  } catch (error) {
    await target.close();
    throw error;
  }
  const cases = planCases(scenarioFile.scenarios, { fixtures: target.fixtures, unknownSenderId: target.unknownSenderId });
  // No port for the embedded server: it is ephemeral, and shards or nightly runs must name the same target.
  const shown = target.embedded ? 'embedded reference server' : displayTarget(target.baseUrl);
  return {
    baseUrl: target.baseUrl,
    ...(target.apiKey !== undefined ? { apiKey: target.apiKey } : {}),
    cases,
    fixtures: configuredSenders(target.fixtures),
    exampleFixtures: representativeSenders(target.fixtures),
    targetLabel: shown,
    banner: target.embedded ? `the ${shown}` : shown,
    close: () => target.close(),
  };
}
