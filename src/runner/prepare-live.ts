/** A live (or record) run: start or reach the target, check it answers, bind scenarios to its fixtures. */
import type { RunConfig } from '../config/run-config';
import { displayTarget } from '../config/run-config';
import type { OperationContract, PlannedCase } from '../model';
import { bindFixtures, checkFixtureSettings, configuredValues, hiddenValues, representativeValues, type RoleValues } from '../registry/bind-fixtures';
import type { Registry } from '../registry/load-registry';
import { planCases, scenarioStepOf } from '../registry/plan-cases';
import { variantProblem } from '../transport/auth-headers';
import { preflight } from './preflight';
import type { PreparedRun } from './prepared-run';
import { startTarget } from './start-target';

/**
 * A case whose credentials cannot be derived from this key (its case changed, for a key without
 * letters) would send the valid key and expect a 401: it is skipped with the reason instead.
 */
export function skipUnderivable(planned: PlannedCase, apiKey: string | undefined): PlannedCase {
  if (planned.skipReason !== undefined || apiKey === undefined) return planned;
  const problem = planned.steps.map((step) => variantProblem(step.auth, apiKey)).find((p) => p !== undefined);
  return problem === undefined ? planned : { ...planned, skipReason: problem };
}

/**
 * Cases that run without the start to an unknown id their refusal is compared with (the suite
 * writes only to an id it generated, in a run given the sandbox sender): said once on the console,
 * so a user who set ZAVU_SENDER_UNKNOWN knows those refusals are judged by their status alone.
 */
function comparisonsLeftOut(cases: readonly PlannedCase[], operations: ReadonlyMap<string, OperationContract>, why: string): string[] {
  const without = cases.filter(
    (c) =>
      c.skipReason === undefined &&
      (c.scenario.steps ?? []).some((step) => step.path !== undefined && operations.get(step.operation ?? c.operationId)?.writes === true && !c.steps.some((s) => scenarioStepOf(s.id) === step.id)),
  );
  if (without.length === 0) return [];
  return [`${without.length} case${without.length === 1 ? '' : 's'} run without the start to an unknown id ${without.length === 1 ? 'its' : 'their'} refusal is compared with, so judged by status alone: ${why}`];
}

/** Why the suite sends no start to the unknown id in this run: the id is someone's choice, or there is no sandbox to write in. */
function unknownWriteBlocked(registry: Registry, bound: ReadonlyMap<string, RoleValues>): string {
  const chosen = [...registry.roles.values()].find(({ name, role }) => role.generated !== undefined && (bound.get(name) as { generated?: true } | undefined)?.generated !== true);
  const sandbox = [...registry.roles.values()].find(({ role }) => role.writable === true)?.role.env ?? 'the sandbox sender';
  return chosen !== undefined ? `the suite writes to an unknown id only when it generates one, and ${chosen.role.env ?? chosen.name} is set` : `the suite writes to an unknown id only in a run given ${sandbox}, which is not set`;
}

export async function prepareLive(config: RunConfig, registry: Registry, operations: ReadonlyMap<string, OperationContract>): Promise<PreparedRun> {
  // Before the target is reached: a mistake in the settings sends nothing.
  if (config.baseUrl !== undefined) checkFixtureSettings(registry, config.env, config.apiKey);
  const target = await startTarget(config);
  try {
    await preflight(target.baseUrl, config.timeoutMs);
  } catch (error) {
    await target.close();
    throw error;
  }
  const bound = bindFixtures(registry, { embedded: target.embedded, env: config.env });
  const planned = planCases({ registry, operations, bound, embedded: target.embedded, allowWrites: config.allowWrites, ...(config.operations ? { only: config.operations } : {}) });
  const cases = planned.map((c) => skipUnderivable(c, target.apiKey));
  // No port for the embedded server: it is ephemeral, and shards or nightly runs must name the same target.
  const shown = target.embedded ? 'embedded reference server' : displayTarget(target.baseUrl);
  return {
    baseUrl: target.baseUrl,
    ...(target.apiKey !== undefined ? { apiKey: target.apiKey } : {}),
    cases,
    fixtures: configuredValues(bound, registry),
    exampleFixtures: representativeValues(bound, registry),
    hiddenFixtures: hiddenValues(bound, registry),
    targetLabel: shown,
    banner: target.embedded ? `the ${shown}` : shown,
    notes: comparisonsLeftOut(cases, operations, unknownWriteBlocked(registry, bound)),
    close: () => target.close(),
  };
}
