/** escapeRegex: one helper (recording's scrubbing and the report's request keys) that makes text a literal pattern. */
import { escapeRegex, escapeRegexUnicode } from '../../src/text/escape-regex';
import { requestKey } from '../../src/report/latency-regression-groups';
import { matchPath } from '../../src/recording/recorded-cases';
import { formatCurl } from '../../src/reproduce/format-curl';

describe('escapeRegex', () => {
  it('makes every character a pattern gives meaning to match only itself', () => {
    const special = '.*+?^${}()|[]\\/-';
    for (const ch of special) {
      const pattern = new RegExp(`^a${escapeRegex(ch)}b$`);
      expect(pattern.test(`a${ch}b`)).toBe(true);
      // Literal, not a class, a quantifier or an anchor: a near miss does not match.
      expect(pattern.test('axb')).toBe(false);
    }
    expect(new RegExp(escapeRegex(special), 'gi').test(`x${special}y`)).toBe(true);
    expect(escapeRegex('snd_abc123')).toBe('snd_abc123');
  });

  it('escapes "/" and "-" as its comment promises: safe inside a literal\'s slashes and beside a character class', () => {
    expect(escapeRegex('a/b-c')).toBe('a\\/b\\-c');
    // Next to a class: `[x` + source + `]` would read "-" as a range without the escape ("[x+-/]" takes ",").
    const beside = new RegExp(`^[x${escapeRegex('+-/')}]$`);
    expect(['x', '+', '-', '/'].every((ch) => beside.test(ch))).toBe(true);
    expect(beside.test(',')).toBe(false);
  });

  it("is the one the report's request keys and the recordings' path matching use: a template's dot is a dot", () => {
    const curl = (path: string): string => formatCurl({ method: 'GET', url: `http://127.0.0.1:8080${path}`, path, headers: {}, authVariant: 'valid' });
    expect(requestKey('GET /v1/a.b/{id}', curl('/v1/a.b/it_1'))).toBe('GET /v1/a.b/it_1');
    expect(requestKey('GET /v1/a.b/{id}', curl('/v1/aXb/it_1'))).toBeUndefined();
    expect(requestKey('GET /v1/a+/{id}', curl('/v1/aa/it_1'))).toBeUndefined();
    expect(matchPath('/v1/a.b/{id}', '/v1/a.b/it_1')).toEqual({ id: 'it_1' });
    expect(matchPath('/v1/a.b/{id}', '/v1/aXb/it_1')).toBeUndefined();
  });

  it('has a form for a `u` pattern, where "\\-" and "\\/" are syntax errors: every character a pattern gives meaning to still matches only itself', () => {
    expect(() => new RegExp(escapeRegex('-'), 'u')).toThrow(SyntaxError);
    const special = '.*+?^${}()|[]\\/-';
    for (const ch of special) {
      const pattern = new RegExp(`^a${escapeRegexUnicode(ch)}b$`, 'u');
      expect(pattern.test(`a${ch}b`)).toBe(true);
      expect(pattern.test('axb')).toBe(false);
    }
    expect(escapeRegexUnicode('zv_test_\u{1F642}')).toBe('zv_test_\u{1F642}');
  });
});
