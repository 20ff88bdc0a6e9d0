/**
 * The README's "Gating a deployment in GitHub Actions" workflow, read as GitHub reads it: what a
 * user copies must use the action's own inputs, and a step that shows the gate's outputs must run
 * when the gate failed, which is when its level is read.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../support/run-cli';
import { readAction, type ActionStep } from './action-metadata';

/** The steps of the README section's one YAML block. */
function gatingSteps(): ActionStep[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Gating a deployment in GitHub Actions'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('no YAML block under "Gating a deployment in GitHub Actions"');
  const workflow = parse(block) as { jobs: Record<string, { steps: ActionStep[] }> };
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

test("the gate's step gives only inputs action.yml declares", () => {
  const gate = gatingSteps().find((step) => step.uses?.startsWith('your-org/zavu-conformance@') === true);
  const declared = Object.keys(readAction().inputs ?? {});
  expect(Object.keys(gate?.with ?? {}).filter((name) => !declared.includes(name))).toEqual([]);
});

test("a step that shows the gate's outputs runs when the gate failed too, and takes them through env, not pasted into its shell", () => {
  const steps = gatingSteps();
  const gateId = steps.find((step) => step.uses?.startsWith('your-org/zavu-conformance@') === true)?.id ?? '';
  const readers = steps.filter((step) => JSON.stringify(step).includes(`steps.${gateId}.outputs.`));
  expect(readers.length).toBeGreaterThan(0);
  for (const step of readers) {
    expect(step.if ?? '').toMatch(/\balways\(\)/);
    expect(step.run ?? '').not.toContain('${{');
  }
});
