/**
 * The engine of the run in progress, for the Jest test environment to hand to the sandbox. A module
 * of the host's: the environment is loaded by Node's own require, so it finds the instance the run
 * set (the sandbox's require would load a fresh, empty copy). One run at a time per process.
 */
import type { SuiteEngine } from './suite-engine';

let active: SuiteEngine | undefined;

/** Makes `engine` the one the suite sees while `run` runs. */
export async function withActiveEngine<T>(engine: SuiteEngine, run: () => Promise<T>): Promise<T> {
  if (active !== undefined) throw new Error('a conformance run is already in progress in this process');
  active = engine;
  try {
    return await run();
  } finally {
    active = undefined;
  }
}

/** The engine of the run in progress, if any. */
export function activeEngine(): SuiteEngine | undefined {
  return active;
}
