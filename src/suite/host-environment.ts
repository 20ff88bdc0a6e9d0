/**
 * Jest's node environment plus one global: the engine of the run in progress, built in the host
 * process (src/runner/suite-engine.ts). The suite calls into it instead of loading the runner,
 * the transports, ajv and fast-check a second time inside the sandbox.
 */
import { TestEnvironment } from 'jest-environment-node';
import { activeEngine } from '../runner/suite-session';
import { engineKey } from './engine-key';

export default class HostEngineEnvironment extends TestEnvironment {
  constructor(...args: ConstructorParameters<typeof TestEnvironment>) {
    super(...args);
    const engine = activeEngine();
    // Without a run in progress the suite fails its load with a line saying how to run it.
    if (engine !== undefined) Object.defineProperty(this.global, engineKey, { value: engine });
  }
}
