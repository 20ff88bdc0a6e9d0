/**
 * The run's Jest configuration: the progress reporter is always there, since it also takes back the
 * line Jest's runCLI prints in a terminal before the run; a run from code gets it without lines.
 */
import { jestConfig } from '../../src/runner/jest-config';

const reporters = (progress?: boolean): unknown => jestConfig({ timeoutMs: 1000, ...(progress === undefined ? {} : { progress }) }, '/tmp/cache')['reporters'];

test('the progress reporter with its lines for the CLI, without them for a run from code, never none', () => {
  expect(reporters()).toEqual([[expect.stringMatching(/progress-reporter\.js$/), {}]]);
  expect(reporters(false)).toEqual([[expect.stringMatching(/progress-reporter\.js$/), { lines: false }]]);
});
