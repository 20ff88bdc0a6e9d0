import { ACTION_ENV, otherProjectKeyLabel } from '../../src/config/action-run';

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
