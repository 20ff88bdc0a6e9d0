import { JSON_LIMITS } from '../../src/checks/support/json-structure';
import { REDACT_MAX_DEPTH, redactJsonKeys } from '../../src/recording/redact-json';

const nested = (depth: number, inner: string): string => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

describe('redactJsonKeys', () => {
  it('redacts sensitive keys at any depth and keeps other bodies byte-identical', () => {
    expect(redactJsonKeys('{"a":{"token":"t1"},"b":[{"password":"p"}]}')).toBe('{"a":{"token":"[REDACTED]"},"b":[{"password":"[REDACTED]"}]}');
    expect(redactJsonKeys('{ "a" : 1 }')).toBe('{ "a" : 1 }');
    expect(redactJsonKeys('not json')).toBe('not json');
  });

  it('keeps a body whose only sensitive values are markers already byte-identical: nothing changed, nothing re-serialised', () => {
    expect(redactJsonKeys('{ "token" : "[REDACTED]", "n" : 1 }')).toBe('{ "token" : "[REDACTED]", "n" : 1 }');
  });

  it('keeps 100,000 nested arrays as they came, without overflowing the stack, when no key is sensitive', () => {
    const deep = `{"sync":${nested(100000, '{"author":"x"}')}}`;
    expect(redactJsonKeys(deep)).toBe(deep);
  });

  it('rewrites key by key every body the checks judge (nested up to their limit), so a replay sees the body judged live', () => {
    expect(REDACT_MAX_DEPTH).toBeGreaterThan(JSON_LIMITS.depth);
    const depth = JSON_LIMITS.depth - 2;
    const details = `${'{"a":'.repeat(depth)}{"token":"t"}${'}'.repeat(depth)}`;
    expect(redactJsonKeys(`{"code":"not_found","details":${details}}`)).toBe(`{"code":"not_found","details":${details.replace('"t"', '"[REDACTED]"')}}`);
  });

  it('fails closed on a body too deep to rewrite that has a sensitive key: the whole body is redacted', () => {
    expect(redactJsonKeys(`{"sync":${nested(100000, '{"access_token":"secret"}')}}`)).toBe('[REDACTED]');
    expect(redactJsonKeys(`{"sync":${nested(100000, '{"\\u0074oken":"secret"}')}}`)).toBe('[REDACTED]');
  });
});
