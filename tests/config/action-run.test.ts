import { ACTION_ENV, ACTION_INPUTS_ENV, baseUrlLabel, otherProjectKeyLabel, reportsDirLabel, targetSettingOf } from '../../src/config/action-run';

describe('otherProjectKeyLabel', () => {
  it('names the variable outside the GitHub Action, and the action\'s input (or the job\'s env, which it cannot tell apart) inside it', () => {
    expect(otherProjectKeyLabel({ values: {} })).toBe('ZAVU_OTHER_PROJECT_API_KEY');
    expect(otherProjectKeyLabel({ values: { [ACTION_ENV]: 'false' } })).toBe('ZAVU_OTHER_PROJECT_API_KEY');
    expect(otherProjectKeyLabel({ values: { [ACTION_ENV]: 'true' } })).toBe("the action's other-project-api-key input (or ZAVU_OTHER_PROJECT_API_KEY in the job's env)");
  });

  it('says "(from .env)" when the file gave it, inside the Action too: no input was set, or the environment would have won', () => {
    const fromDotenv = new Set(['ZAVU_OTHER_PROJECT_API_KEY']);
    expect(otherProjectKeyLabel({ values: {}, fromDotenv })).toBe('ZAVU_OTHER_PROJECT_API_KEY (from .env)');
    expect(otherProjectKeyLabel({ values: { [ACTION_ENV]: 'true' }, fromDotenv })).toBe('ZAVU_OTHER_PROJECT_API_KEY (from .env)');
  });
});

describe('reportsDirLabel', () => {
  it("names the action's reports-dir input inside the Action, whose run step always sets ZAVU_REPORTS_DIR from it (over the job's own); the variable, flag or file elsewhere", () => {
    expect(reportsDirLabel('ZAVU_REPORTS_DIR', { values: { [ACTION_ENV]: 'true' } })).toBe('reports-dir');
    expect(reportsDirLabel('ZAVU_REPORTS_DIR', { values: {} })).toBe('ZAVU_REPORTS_DIR');
    expect(reportsDirLabel('ZAVU_REPORTS_DIR', { values: { [ACTION_ENV]: 'false' } })).toBe('ZAVU_REPORTS_DIR');
    // Not the input's doing: a flag (the action refuses --reports in args) or the .env file.
    expect(reportsDirLabel('--reports', { values: { [ACTION_ENV]: 'true' } })).toBe('--reports');
    expect(reportsDirLabel('ZAVU_REPORTS_DIR (from .env)', { values: { [ACTION_ENV]: 'true' } })).toBe('ZAVU_REPORTS_DIR (from .env)');
  });
});

describe('baseUrlLabel', () => {
  it("names the action's base-url input when the run step set ZAVU_BASE_URL from it; the job's own variable (an empty input leaves it), a flag or .env as given", () => {
    const action = { [ACTION_ENV]: 'true', [ACTION_INPUTS_ENV]: 'ZAVU_BASE_URL ZAVU_API_KEY' };
    expect(baseUrlLabel('ZAVU_BASE_URL', { values: action })).toBe('base-url');
    expect(baseUrlLabel('ZAVU_BASE_URL', { values: { ...action, [ACTION_INPUTS_ENV]: 'ZAVU_API_KEY' } })).toBe('ZAVU_BASE_URL');
    expect(baseUrlLabel('ZAVU_BASE_URL', { values: { [ACTION_ENV]: 'true' } })).toBe('ZAVU_BASE_URL');
    // Outside the Action the list is no one's word.
    expect(baseUrlLabel('ZAVU_BASE_URL', { values: { [ACTION_INPUTS_ENV]: 'ZAVU_BASE_URL' } })).toBe('ZAVU_BASE_URL');
    expect(baseUrlLabel('--base-url', { values: action })).toBe('--base-url');
    expect(baseUrlLabel('ZAVU_BASE_URL (from .env)', { values: action })).toBe('ZAVU_BASE_URL (from .env)');
  });
});

describe('targetSettingOf', () => {
  it("names the target's setting as its user sets it: the action's base-url input inside the Action, the flag elsewhere", () => {
    expect(targetSettingOf({ values: { [ACTION_ENV]: 'true' } })).toBe("the action's base-url input");
    expect(targetSettingOf({ values: {} })).toBe('--base-url');
  });
});
