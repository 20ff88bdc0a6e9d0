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

/** action.yml's input its run step hands the CLI as ZAVU_BASE_URL, when the input is not empty. */
const BASE_URL_INPUT = 'base-url';

/**
 * action.yml's inputs, by the ZAVU_* variable its run step sets from each (tests/action holds the
 * table and action.yml together): the one map every line naming such a variable goes through.
 */
export const ACTION_INPUT_OF: ReadonlyMap<string, string> = new Map([
  ['ZAVU_BASE_URL', BASE_URL_INPUT],
  ['ZAVU_API_KEY', 'api-key'],
  ['ZAVU_SENDER_COEXISTENCE', 'sender-coexistence'],
  ['ZAVU_SENDER_NO_WABA', 'sender-no-waba'],
  ['ZAVU_SENDER_NOT_COEXISTENCE', 'sender-not-coexistence'],
  ['ZAVU_SENDER_NOT_ACTIVE', 'sender-not-active'],
  ['ZAVU_SENDER_SYNCABLE', 'sender-syncable'],
  ['ZAVU_SENDER_OTHER_PROJECT', 'sender-other-project'],
  [OTHER_PROJECT_KEY_ENV, OTHER_PROJECT_KEY_INPUT],
  ['ZAVU_REPORTS_DIR', 'reports-dir'],
]);

/**
 * Set by action.yml's run step: the ZAVU_* variables it set from the action's inputs, by name,
 * space-separated. An input left empty leaves the job's own variable in place, so the variable
 * alone cannot say which of the two the workflow wrote.
 */
export const ACTION_INPUTS_ENV = 'ZAVU_CONFORMANCE_ACTION_INPUTS';

/** Variables the run step sets from their input in every run (reports-dir has a default), listed or not. */
const ALWAYS_FROM_INPUT: ReadonlySet<string> = new Set(['ZAVU_REPORTS_DIR']);

type ActionEnv = { values: Readonly<Record<string, string | undefined>> };

/** Whether the Action's run step set `variable` from one of its inputs. */
function fromActionInput(variable: string, env: ActionEnv): boolean {
  if (env.values[ACTION_ENV] !== 'true') return false;
  return ALWAYS_FROM_INPUT.has(variable) || (env.values[ACTION_INPUTS_ENV] ?? '').split(/\s+/).includes(variable);
}

/**
 * A ZAVU_* variable as a line about its value names it: inside the Action, the input that set it
 * (base-url, api-key, sender-no-waba…), the name the workflow wrote; a value from the job's own
 * env, or any run outside the Action, keeps the variable's name; a flag or any other label, as given.
 */
export function settingName(variable: string, env: ActionEnv): string {
  const input = ACTION_INPUT_OF.get(variable);
  return input !== undefined && fromActionInput(variable, env) ? input : variable;
}

/**
 * The other project's key as the lines about it name it: "… (from .env)" when the file gave it
 * (the environment, an input included, would have won over the file); inside the Action, its
 * other-project-api-key input when that set it; else the variable.
 */
export function otherProjectKeyLabel(env: ActionEnv & { fromDotenv?: ReadonlySet<string> | undefined }): string {
  if (env.fromDotenv?.has(OTHER_PROJECT_KEY_ENV) === true) return `${OTHER_PROJECT_KEY_ENV} (from .env)`;
  return settingName(OTHER_PROJECT_KEY_ENV, env);
}

/**
 * The target's setting beside ZAVU_BASE_URL, as the lines saying no target was given name it
 * (RunConfig.targetSetting): inside the Action, its base-url input, what its user sets; else the flag.
 */
export function targetSettingOf(env: { values: Readonly<Record<string, string | undefined>> }): string {
  return env.values[ACTION_ENV] === 'true' ? `the action's ${BASE_URL_INPUT} input` : TARGET_FLAG;
}
