import { ACTION_ENV, ACTION_INPUTS_ENV, otherProjectKeyLabel, settingName, targetSettingOf } from '../../src/config/action-run';

describe('otherProjectKeyLabel', () => {
  it("names the variable outside the GitHub Action; inside it, the action's input when the run step set the key from it, else the job's own variable", () => {
    expect(otherProjectKeyLabel({ values: {} })).toBe('ZAVU_OTHER_PROJECT_API_KEY');
    expect(otherProjectKeyLabel({ values: { [ACTION_ENV]: 'false', [ACTION_INPUTS_ENV]: 'ZAVU_OTHER_PROJECT_API_KEY' } })).toBe('ZAVU_OTHER_PROJECT_API_KEY');
    expect(otherProjectKeyLabel({ values: { [ACTION_ENV]: 'true', [ACTION_INPUTS_ENV]: 'ZAVU_API_KEY ZAVU_OTHER_PROJECT_API_KEY' } })).toBe('other-project-api-key');
    // The input left empty: the job's env set it, and that is what its workflow wrote.
    expect(otherProjectKeyLabel({ values: { [ACTION_ENV]: 'true', [ACTION_INPUTS_ENV]: 'ZAVU_API_KEY' } })).toBe('ZAVU_OTHER_PROJECT_API_KEY');
  });

  it('says "(from .env)" when the file gave it, inside the Action too: no input was set, or the environment would have won', () => {
    const fromDotenv = new Set(['ZAVU_OTHER_PROJECT_API_KEY']);
    expect(otherProjectKeyLabel({ values: {}, fromDotenv })).toBe('ZAVU_OTHER_PROJECT_API_KEY (from .env)');
    expect(otherProjectKeyLabel({ values: { [ACTION_ENV]: 'true' }, fromDotenv })).toBe('ZAVU_OTHER_PROJECT_API_KEY (from .env)');
  });
});

describe('settingName', () => {
  const action = { [ACTION_ENV]: 'true', [ACTION_INPUTS_ENV]: 'ZAVU_BASE_URL ZAVU_API_KEY ZAVU_SENDER_NO_WABA ZAVU_SENDER_COEXISTENCE ZAVU_SENDER_OTHER_PROJECT' };

  it('names the input that set a variable inside the Action, for the key and each sender as for the target', () => {
    expect(['ZAVU_BASE_URL', 'ZAVU_API_KEY', 'ZAVU_SENDER_NO_WABA', 'ZAVU_SENDER_COEXISTENCE', 'ZAVU_SENDER_OTHER_PROJECT'].map((variable) => settingName(variable, { values: action }))).toEqual([
      'base-url',
      'api-key',
      'sender-no-waba',
      'sender-coexistence',
      'sender-other-project',
    ]);
  });

  it("keeps the variable when no input set it: the job's own (an empty input leaves it), outside the Action (the list is no one's word there), or a variable with no input", () => {
    expect(settingName('ZAVU_SENDER_SYNCABLE', { values: action })).toBe('ZAVU_SENDER_SYNCABLE');
    expect(settingName('ZAVU_SENDER_NO_WABA', { values: { [ACTION_ENV]: 'true' } })).toBe('ZAVU_SENDER_NO_WABA');
    expect(settingName('ZAVU_SENDER_NO_WABA', { values: { ...action, [ACTION_ENV]: 'false' } })).toBe('ZAVU_SENDER_NO_WABA');
    // The action has no input for these: listed or not, they are the job's own.
    expect(settingName('ZAVU_SENDER_UNKNOWN', { values: { ...action, [ACTION_INPUTS_ENV]: 'ZAVU_SENDER_UNKNOWN' } })).toBe('ZAVU_SENDER_UNKNOWN');
    expect(settingName('ZAVU_SENDER_SYNCABLE_CONCURRENT', { values: { ...action, [ACTION_INPUTS_ENV]: 'ZAVU_SENDER_SYNCABLE_CONCURRENT' } })).toBe('ZAVU_SENDER_SYNCABLE_CONCURRENT');
  });

  it("names reports-dir inside the Action whether listed or not: its run step always sets ZAVU_REPORTS_DIR from it (over the job's own)", () => {
    expect(settingName('ZAVU_REPORTS_DIR', { values: { [ACTION_ENV]: 'true' } })).toBe('reports-dir');
    expect(settingName('ZAVU_REPORTS_DIR', { values: {} })).toBe('ZAVU_REPORTS_DIR');
  });
});

describe('settingName as a picked setting\'s label', () => {
  it('renames a picked variable its input set; a flag or .env as given', () => {
    const action = { [ACTION_ENV]: 'true', [ACTION_INPUTS_ENV]: 'ZAVU_BASE_URL ZAVU_API_KEY' };
    expect(settingName('ZAVU_BASE_URL', { values: action })).toBe('base-url');
    expect(settingName('ZAVU_API_KEY', { values: action })).toBe('api-key');
    expect(settingName('ZAVU_REPORTS_DIR', { values: { [ACTION_ENV]: 'true' } })).toBe('reports-dir');
    expect(settingName('ZAVU_BASE_URL', { values: { ...action, [ACTION_INPUTS_ENV]: 'ZAVU_API_KEY' } })).toBe('ZAVU_BASE_URL');
    expect(settingName('ZAVU_BASE_URL', { values: { [ACTION_INPUTS_ENV]: 'ZAVU_BASE_URL' } })).toBe('ZAVU_BASE_URL');
    // Not the input's doing: a flag (the action refuses --reports in args) or the .env file.
    expect(settingName('--base-url', { values: action })).toBe('--base-url');
    expect(settingName('--reports', { values: { [ACTION_ENV]: 'true' } })).toBe('--reports');
    expect(settingName('ZAVU_BASE_URL (from .env)', { values: action })).toBe('ZAVU_BASE_URL (from .env)');
    expect(settingName('ZAVU_TIMEOUT_MS', { values: { ...action, [ACTION_INPUTS_ENV]: 'ZAVU_TIMEOUT_MS' } })).toBe('ZAVU_TIMEOUT_MS');
  });
});

describe('targetSettingOf', () => {
  it("names the target's setting as its user sets it: the action's base-url input inside the Action, the flag elsewhere", () => {
    expect(targetSettingOf({ values: { [ACTION_ENV]: 'true' } })).toBe("the action's base-url input");
    expect(targetSettingOf({ values: {} })).toBe('--base-url');
  });
});
