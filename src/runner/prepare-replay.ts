/**
 * A replay run: no network and no key. Cases come from the scenario rows as today's suite defines
 * them, bound to the senders the recording used; every check then runs on the recorded responses.
 */
import { relative } from 'node:path';
import { displayTarget } from '../config/run-config';
import type { RunConfig } from '../config/run-config';
import { RecordingError } from '../model/errors';
import type { OperationContract, PlannedCase } from '../model';
import { readRecordings, type LoadedRecording } from '../recording/read-recordings';
import { recordedCases } from '../recording/recorded-cases';
import type { ScenarioFile } from '../scenarios/load-scenarios';
import type { PreparedRun } from './prepared-run';

/** The recorded target's base URL: a request URL without the path the suite built. */
function recordedBaseUrl(recordings: readonly LoadedRecording[]): string {
  const entry = recordings.flatMap((r) => r.entries)[0];
  const request = entry?.exchange.request;
  return request && request.url.endsWith(request.path) ? request.url.slice(0, -request.path.length) : 'http://replay.invalid';
}

function planReplay(scenarioFile: ScenarioFile, operation: OperationContract, recordings: readonly LoadedRecording[], where: string): PlannedCase[] {
  const recorded = recordedCases(recordings, operation.pathTemplate);
  const skipped = recordings.flatMap((r) => r.skipped);
  return scenarioFile.scenarios.flatMap((scenario): PlannedCase[] => {
    if (scenario.request.sender === 'hostile') {
      return [{ id: scenario.id, scenario, skipReason: 'negative inputs are generated live from a seed; replay judges recorded exchanges only' }];
    }
    const cases = [...recorded].filter(([, c]) => c.scenario === scenario.id);
    if (cases.length === 0) {
      const skip = skipped.find((s) => s.scenario === scenario.id);
      if (skip) return [{ id: skip.caseId, scenario, skipReason: `skipped when recorded: ${skip.reason}` }];
      throw new RecordingError(`${where}: no recorded exchange for scenario ${scenario.id} (${operation.method} ${operation.pathTemplate}, auth ${scenario.request.auth}); record again with --mode record`);
    }
    return cases.map(([caseId, c]) => {
      if (c.authVariant !== scenario.request.auth) {
        throw new RecordingError(`${where}: ${caseId} was recorded with auth "${c.authVariant}" but scenario ${scenario.id} now sends "${scenario.request.auth}"; record again`);
      }
      return { id: caseId, scenario, ...(c.senderId !== undefined ? { senderId: c.senderId } : {}) };
    });
  });
}

export function prepareReplay(config: RunConfig, scenarioFile: ScenarioFile, operation: OperationContract): PreparedRun {
  const recordings = readRecordings(config.recordingsDir);
  const cases = planReplay(scenarioFile, operation, recordings, config.recordingsDir);
  const target = recordings[0]?.target ?? 'unknown target';
  const baseUrl = recordedBaseUrl(recordings);
  return {
    baseUrl,
    cases,
    fixtures: [],
    exampleFixtures: [],
    // Relative paths: the same recording reports the same target on every machine.
    targetLabel: `replay of ${target} from ${recordings.map((r) => relative(process.cwd(), r.file) || r.file).join(', ')}`,
    banner: `recordings in ${config.recordingsDir} (recorded from ${target.startsWith('http') ? displayTarget(target) : target})`,
    close: async () => undefined,
  };
}
