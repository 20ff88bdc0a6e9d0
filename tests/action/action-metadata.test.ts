/** action.yml against the Action metadata rules that can be checked offline (action-steps.test.ts runs its steps). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expressionsIn, readAction } from './action-metadata';
import { repoRoot } from '../support/run-cli';
import { ACTION_ENV, ACTION_INPUT_OF, ACTION_INPUTS_ENV, OTHER_PROJECT_KEY_INPUT, otherProjectKeyLabel } from '../../src/config/action-run';
import { OTHER_PROJECT_KEY_ENV } from '../../src/model/http';

const action = readAction();
const steps = action.runs?.steps ?? [];

describe('metadata', () => {
  test('the required keys: name, description, a composite runs with steps', () => {
    expect(action).toMatchObject({ name: expect.any(String) as unknown, description: expect.any(String) as unknown, runs: { using: 'composite' } });
    expect(steps.length).toBeGreaterThan(0);
  });

  test('each step either runs a script with a shell or uses an action, and step ids are unique', () => {
    for (const step of steps) {
      expect([step.run, step.uses].filter((x) => x !== undefined)).toHaveLength(1);
      if (step.run !== undefined) expect(step.shell).toBe('bash');
    }
    const ids = steps.flatMap((s) => (s.id === undefined ? [] : [s.id]));
    expect(new Set(ids).size).toBe(ids.length);
  });

  // A reader sets up the action from the README's list; an input missing there (package, which is required) is one they never set.
  test('the README\'s "Inputs:" list of the action names every input action.yml declares, and no other', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### A GitHub Action'), readme.indexOf('## Against a live target'));
    // The names in code, outside the parentheses that say more about each (`run` flags, a default `reports`).
    let list = section.slice(section.indexOf('Inputs:'), section.indexOf('Inputs reach its scripts'));
    while (/\([^()]*\)/.test(list)) list = list.replace(/\([^()]*\)/g, '');
    const named = [...list.matchAll(/`([a-z]+(?:-[a-z]+)*)`/g)].map((m) => m[1]);
    expect([...new Set(named)].sort()).toEqual(Object.keys(action.inputs ?? {}).sort());
  });

  test('every input has a description and is used; every input used is declared', () => {
    const declared = Object.keys(action.inputs ?? {});
    for (const input of Object.values(action.inputs ?? {})) expect(input.description).toEqual(expect.any(String));
    // An `if:` is an expression without the ${{ }} around it.
    const expressions = steps.flatMap((s) => [...expressionsIn(JSON.stringify(s)), ...(s.if === undefined ? [] : [s.if])]);
    const used = new Set(expressions.flatMap((e) => [...e.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1])));
    expect([...used].sort()).toEqual([...declared].sort());
    expect(declared).toEqual(expect.arrayContaining(['base-url', 'embedded', 'api-key', 'sender-coexistence', 'sender-no-waba', 'sender-not-coexistence', 'sender-not-active', 'sender-syncable', 'args', 'reports-dir']));
  });

  test('every output is a step output that its step sets', () => {
    for (const [name, output] of Object.entries(action.outputs ?? {})) {
      expect(output.description).toEqual(expect.any(String));
      const [, id, key] = /^\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}$/.exec(output.value ?? '') ?? [];
      expect(key).toBe(name);
      expect(steps.find((s) => s.id === id)?.run).toContain(`echo "${name}=`);
    }
    expect(Object.keys(action.outputs ?? {}).sort()).toEqual(['exit-code', 'level']);
  });

  test('the run step tells the CLI it runs inside the action (ACTION_ENV), so a missing key is named by its input, api-key', () => {
    const run = steps.find((s) => s.id === 'run');
    expect(run?.env?.[ACTION_ENV]).toBe('true');
  });

  test('the input a line names for a variable (settingName) is the one the run step hands the CLI as that variable, and every input it hands as one is named so', () => {
    const run = steps.find((s) => s.id === 'run');
    const handed = Object.entries(run?.env ?? {}).flatMap(([name, value]) => {
      const [, input] = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value) ?? [];
      const variable = name.startsWith('INPUT_') ? name.slice('INPUT_'.length) : name;
      return input !== undefined && variable.startsWith('ZAVU_') ? [[variable, input] as const] : [];
    });
    expect(new Map(handed)).toEqual(ACTION_INPUT_OF);
    for (const input of ACTION_INPUT_OF.values()) expect(action.inputs?.[input]).toBeDefined();
    expect(ACTION_INPUT_OF.get(OTHER_PROJECT_KEY_ENV)).toBe(OTHER_PROJECT_KEY_INPUT);
    // Each INPUT_ variable is one the loop sets, and lists in ACTION_INPUTS_ENV, when its input is not empty.
    const [, looped] = /for name in ([A-Z_ ]+); do/.exec(run?.run ?? '') ?? [];
    expect((looped ?? '').split(' ').sort()).toEqual(handed.map(([variable]) => variable).filter((variable) => variable !== 'ZAVU_REPORTS_DIR').sort());
    expect(run?.run).toContain(`export ${ACTION_INPUTS_ENV}=`);
    expect(otherProjectKeyLabel({ values: { [ACTION_ENV]: 'true', [ACTION_INPUTS_ENV]: OTHER_PROJECT_KEY_ENV } })).toBe(OTHER_PROJECT_KEY_INPUT);
  });

  test("the meanings a stop's annotation gives its exit code are the exit-code output's documented words", () => {
    const script = steps.find((s) => s.id === 'run')?.run ?? '';
    const meanings = [...script.matchAll(/^\s*([\d|]+)\) meaning="([^"]*)" ;;$/gm)].map((m) => [m[1], m[2]]);
    expect(meanings).toEqual([['2', 'usage or configuration error'], ['3', 'target unreachable'], ['129|130|143', 'interrupted']]);
    for (const documented of ['2 usage or configuration error', '3 target unreachable', '130/143/129 interrupted']) expect(action.outputs?.['exit-code']?.description).toContain(documented);
  });

  // A gate fails closed: an empty base-url (a misnamed vars entry, a fork's pull request) is no ask for the embedded server.
  test("the embedded server is an opt-in: the embedded input defaults to 'false', reaches the run step through env, and says empty base-url no longer means it", () => {
    expect(action.inputs?.['embedded']?.default).toBe('false');
    expect(action.inputs?.['embedded']?.description).toMatch(/^'true' runs against the embedded reference server/);
    expect(action.inputs?.['embedded']?.description).toContain('no longer means the embedded server');
    expect(action.inputs?.['base-url']?.description).not.toMatch(/empty runs against the embedded/);
    const run = steps.find((s) => s.id === 'run');
    expect(run?.env?.['EMBEDDED']).toBe('${{ inputs.embedded }}');
    expect(run?.run).toContain('case "$EMBEDDED" in [Tt][Rr][Uu][Ee]) embedded=true ;; esac');
  });

  // A yes/no input added later, and compared with 'true' only, would read a 'yes' as 'false' without a word.
  test("every yes/no input (a default of 'true' or 'false') is one the run step refuses any other value of, handed to it through env", () => {
    const yesNo = Object.entries(action.inputs ?? {}).flatMap(([name, input]) => (input.default === 'true' || input.default === 'false' ? [name] : []));
    expect(yesNo.sort()).toEqual(['embedded', 'upload-reports']);
    const run = steps.find((s) => s.id === 'run');
    const [, checked] = /for input in ([a-z -]+); do/.exec(run?.run ?? '') ?? [];
    expect((checked ?? '').split(' ').sort()).toEqual(yesNo);
    // As the loop reads it: the input's name in capitals, - as _.
    for (const name of yesNo) expect(run?.env?.[name.toUpperCase().replace(/-/g, '_')]).toBe(`\${{ inputs.${name} }}`);
    for (const name of yesNo) expect(action.inputs?.[name]?.description).toContain("'true' or 'false' in any letter case, or empty (the default, 'false'); anything else (yes, 1, on, a typo) stops the action, exit 2");
  });

  test('no script has an expression in it: inputs reach the shell only through env', () => {
    for (const step of steps) expect(expressionsIn(step.run ?? '')).toEqual([]);
  });

  test('no default package while the name is not on the registry (someone else could publish it), and reports are uploaded only when asked', () => {
    expect(action.inputs?.['package']?.default).toBe('');
    expect(action.inputs?.['package']?.description).toContain('Required until then');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') === true);
    expect(upload?.if).toBe("always() && inputs.upload-reports == 'true'");
    // An empty reports-dir is the default folder for the upload as for the run, not the workspace root.
    expect(upload?.with?.['path']).toBe("${{ inputs.reports-dir != '' && inputs.reports-dir || 'reports' }}");
    expect(action.outputs?.['exit-code']?.description).toMatch(/130\/143\/129 interrupted/);
  });
});
