/**
 * A live or record run's kind (runInfo.allowWrites, model/result.ts ranWrites), from its settings
 * alone: the lock's night and a stop's record need it before the target is prepared, and the
 * verdict's record after, so one rule decides both, or a killed night's gap would land in another
 * series than the run's own nights.
 */
import type { RunConfig } from '../config/run-config';

/**
 * A write run with --allow-writes (a --mock-target needs it), and against the embedded reference
 * server with or without it: it takes every write (its state is disposable: prepare-live.ts plans
 * them all), so its runs are one series, not two of the same cases. A replay's kind is its
 * recordings' (prepare-replay.ts), unknown until they are read: read-only until then.
 */
export function liveWrites(config: Pick<RunConfig, 'mode' | 'baseUrl' | 'allowWrites'>): boolean {
  return config.mode !== 'replay' && (config.baseUrl === undefined || config.allowWrites);
}
