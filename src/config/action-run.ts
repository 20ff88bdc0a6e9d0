/**
 * A run inside the GitHub Action (action.yml): its user sets the action's inputs, which its run
 * step hands the CLI as ZAVU_* variables, so a line naming the variable alone names something the
 * workflow never wrote. Only the lines that name a setting read this.
 */
import { OTHER_PROJECT_KEY_ENV } from '../model/http';
import { TARGET_FLAG } from './layered-env';

/** Set to "true" by action.yml's run step: the run is the GitHub Action's, whose inputs are what its user sets. */
export const ACTION_ENV = 'ZAVU_CONFORMANCE_ACTION';

/** action.yml's input its run step hands the CLI as ZAVU_OTHER_PROJECT_API_KEY (tests/action holds the two together). */
export const OTHER_PROJECT_KEY_INPUT = 'other-project-api-key';

/**
 * The other project's key as the lines about it name it: "… (from .env)" when the file gave it
 * (the environment, an input included, would have won over the file); inside the Action, its
 * other-project-api-key input, or the job's own env (an empty input leaves that in place, and the
 * run cannot tell which set it); else the variable.
 */
export function otherProjectKeyLabel(env: { values: Readonly<Record<string, string | undefined>>; fromDotenv?: ReadonlySet<string> | undefined }): string {
  if (env.fromDotenv?.has(OTHER_PROJECT_KEY_ENV) === true) return `${OTHER_PROJECT_KEY_ENV} (from .env)`;
  if (env.values[ACTION_ENV] === 'true') return `the action's ${OTHER_PROJECT_KEY_INPUT} input (or ${OTHER_PROJECT_KEY_ENV} in the job's env)`;
  return OTHER_PROJECT_KEY_ENV;
}

/** action.yml's input its run step always hands the CLI as ZAVU_REPORTS_DIR, over the job's own env. */
export const REPORTS_DIR_INPUT = 'reports-dir';

/**
 * The reports folder as the lines about it name it (cannot write there, another run holds it):
 * inside the Action, a value from ZAVU_REPORTS_DIR is its reports-dir input's (the run step sets
 * the variable from it, and refuses --reports in args), a name the workflow wrote; else as given.
 */
export function reportsDirLabel(label: string, env: { values: Readonly<Record<string, string | undefined>> }): string {
  return label === 'ZAVU_REPORTS_DIR' && env.values[ACTION_ENV] === 'true' ? REPORTS_DIR_INPUT : label;
}

/** action.yml's input its run step hands the CLI as ZAVU_BASE_URL, when the input is not empty. */
export const BASE_URL_INPUT = 'base-url';

/**
 * Set by action.yml's run step: the ZAVU_* variables it set from the action's inputs, by name,
 * space-separated. An input left empty leaves the job's own variable in place, so the variable
 * alone cannot say which of the two the workflow wrote.
 */
export const ACTION_INPUTS_ENV = 'ZAVU_CONFORMANCE_ACTION_INPUTS';

/** Whether the Action's run step set `variable` from one of its inputs. */
function fromActionInput(variable: string, env: { values: Readonly<Record<string, string | undefined>> }): boolean {
  return env.values[ACTION_ENV] === 'true' && (env.values[ACTION_INPUTS_ENV] ?? '').split(/\s+/).includes(variable);
}

/**
 * The target as the lines about its value name it (not a URL, carries the key): inside the Action,
 * a value the run step set from its base-url input is that input's, a name the workflow wrote (a
 * value from the job's own ZAVU_BASE_URL keeps the variable's); else as given.
 */
export function baseUrlLabel(label: string, env: { values: Readonly<Record<string, string | undefined>> }): string {
  return label === 'ZAVU_BASE_URL' && fromActionInput('ZAVU_BASE_URL', env) ? BASE_URL_INPUT : label;
}

/**
 * The target's setting beside ZAVU_BASE_URL, as the lines saying no target was given name it
 * (RunConfig.targetSetting): inside the Action, its base-url input, what its user sets; else the flag.
 */
export function targetSettingOf(env: { values: Readonly<Record<string, string | undefined>> }): string {
  return env.values[ACTION_ENV] === 'true' ? `the action's ${BASE_URL_INPUT} input` : TARGET_FLAG;
}
