/** Picks the transport implementation for a run's mode. */
import type { RunPlan } from '../runner/run-plan';
import { PactumTransport } from './pactum-transport';
import type { Transport } from './transport';

export function createTransport(plan: RunPlan): Transport {
  return new PactumTransport(plan.timeoutMs);
}
