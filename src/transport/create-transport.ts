/** Picks the transport for a run's mode; the suite above does not know which one runs. */
import { appendFileSync } from 'node:fs';
import { createScrubber } from '../recording/scrub';
import { readRecordings } from '../recording/read-recordings';
import type { RunPlan } from '../runner/run-plan';
import { PactumTransport } from './pactum-transport';
import { RecordTransport } from './record-transport';
import { ReplayTransport } from './replay-transport';
import type { Transport } from './transport';

export function createTransport(plan: RunPlan, apiKey: string): Transport {
  if (plan.mode === 'replay') return new ReplayTransport(readRecordings(plan.recordings ?? ''));
  const live = new PactumTransport(plan.timeoutMs);
  if (plan.mode !== 'record' || plan.recordSink === undefined) return live;
  const sink = plan.recordSink;
  const scenarioOf = new Map(plan.cases.map((c) => [c.id, c.scenario.id]));
  return new RecordTransport({
    inner: live,
    scrubber: createScrubber(apiKey ? [apiKey] : []),
    sink: (entry) => appendFileSync(sink, `${JSON.stringify(entry)}\n`),
    caseMeta: (id) => ({ scenario: scenarioOf.get(id) ?? id }),
  });
}
