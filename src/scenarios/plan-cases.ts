/**
 * Binds scenario rows to the configured fixture senders. A scenario whose fixture (or key) is not
 * configured is planned as skipped with the reason, so the summary counts it and never as passed.
 */
import type { PlannedCase, Scenario } from '../model';
import { fixtureEnv } from '../config/options';
import type { FixtureSenders } from '../config/run-config';

export interface PlanInput {
  fixtures: FixtureSenders;
  /** The id used for "unknown sender" cases: configured, or fresh and random for this run. */
  unknownSenderId: string;
}

const missing = {
  coexistence: `${fixtureEnv.coexistence} is not set: no coexistence sender to test`,
  noWaba: `${fixtureEnv.noWaba} is not set: no sender without a WhatsApp Business Account to test`,
  notCoexistence: `${fixtureEnv.notCoexistence} is not set: no sender outside coexistence mode to test`,
} as const;

function anySender(input: PlanInput): string {
  const { coexistence, noWaba, notCoexistence } = input.fixtures;
  return coexistence[0] ?? noWaba ?? notCoexistence ?? input.unknownSenderId;
}

function sendersFor(scenario: Scenario, input: PlanInput): string[] | string {
  switch (scenario.request.sender) {
    case 'coexistence':
      return input.fixtures.coexistence.length > 0 ? input.fixtures.coexistence : missing.coexistence;
    case 'noWaba':
      return input.fixtures.noWaba !== undefined ? [input.fixtures.noWaba] : missing.noWaba;
    case 'notCoexistence':
      return input.fixtures.notCoexistence !== undefined ? [input.fixtures.notCoexistence] : missing.notCoexistence;
    case 'unknown':
      return [input.unknownSenderId];
    case 'any':
      return [anySender(input)];
    case 'hostile':
      // Generated per run by the negative-input property; the case itself names no sender.
      return [''];
  }
}

/** Every configured sender: the negative property never generates these, and builds near-misses from them. */
export function configuredSenders(fixtures: FixtureSenders): string[] {
  return [...fixtures.coexistence, fixtures.noWaba, fixtures.notCoexistence].filter((id): id is string => id !== undefined);
}

/** The first configured sender of each role: representatives for the fixed near-miss examples. */
export function representativeSenders(fixtures: FixtureSenders): string[] {
  return [fixtures.coexistence[0], fixtures.noWaba, fixtures.notCoexistence].filter((id): id is string => id !== undefined);
}

export function planCases(scenarios: readonly Scenario[], input: PlanInput): PlannedCase[] {
  return scenarios.flatMap((scenario): PlannedCase[] => {
    const senders = sendersFor(scenario, input);
    if (typeof senders === 'string') return [{ id: scenario.id, scenario, skipReason: senders }];
    // Only a scenario over a list of fixtures gets "[id]" suffixes; single-sender ids stay stable across runs.
    const expands = scenario.request.sender === 'coexistence';
    if (scenario.request.sender === 'hostile') return [{ id: scenario.id, scenario }];
    return senders.map((senderId) => ({ id: expands ? `${scenario.id}[${senderId}]` : scenario.id, scenario, senderId }));
  });
}
