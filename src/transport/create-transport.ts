/**
 * The transports of a run, by mode; the suite above does not know which one runs. Live requests
 * go through pactum, paced (concurrency, rate) and with 429s waited out; record mode also writes
 * each planned case's exchange, scrubbed. Negative inputs use the live stack unrecorded: they are
 * regenerated from their seed, not replayed.
 */
import { appendFileSync } from 'node:fs';
import { createScrubber } from '../recording/scrub';
import { readRecordings } from '../recording/read-recordings';
import type { RunPlan } from '../runner/run-plan';
import { PactumTransport } from './pactum-transport';
import { RateLimitedTransport } from './rate-limit';
import { RecordTransport } from './record-transport';
import { ReplayTransport } from './replay-transport';
import { RetryOn429Transport } from './retry-on-429';
import type { Transport } from './transport';

export interface RunTransports {
  cases: Transport;
  negative: Transport;
}

export function createTransports(plan: RunPlan, apiKey: string): RunTransports {
  if (plan.mode === 'replay') {
    const replay = new ReplayTransport(readRecordings(plan.recordings ?? ''));
    return { cases: replay, negative: replay };
  }
  const paced = new RateLimitedTransport(new PactumTransport(plan.timeoutMs), {
    concurrency: plan.concurrency,
    ...(plan.ratePerSecond !== undefined ? { ratePerSecond: plan.ratePerSecond } : {}),
  });
  // Outside the pacing: a wait for Retry-After must not hold a concurrency slot.
  const live = new RetryOn429Transport(paced);
  if (plan.mode !== 'record' || plan.recordSink === undefined) return { cases: live, negative: live };
  const sink = plan.recordSink;
  const scenarioOf = new Map(plan.cases.map((c) => [c.id, c.scenario.id]));
  const recorded = new RecordTransport({
    inner: live,
    scrubber: createScrubber(apiKey ? [apiKey] : []),
    sink: (entry) => appendFileSync(sink, `${JSON.stringify(entry)}\n`),
    caseMeta: (id) => ({ scenario: scenarioOf.get(id) ?? id }),
  });
  return { cases: recorded, negative: live };
}
