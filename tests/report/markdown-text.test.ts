/**
 * summary.md's text helpers on received text: every line they make is bounded (a target's
 * 10,000-character message must not make one line of a job summary), whatever the caller passes.
 */
import { code, md } from '../../src/report/markdown-text';

describe('md', () => {
  it('cuts received text to a short line by default, the cut marked', () => {
    const line = md('m'.repeat(10_000));
    expect(line.length).toBeLessThanOrEqual(140);
    expect(line.endsWith('…')).toBe(true);
  });

  it('cuts to the length asked for', () => {
    expect(md('abcdefghij', 5)).toBe('abcd…');
  });
});

describe('code', () => {
  it('bounds a code span too: a long value is cut, the fence around it whole', () => {
    const span = code('v'.repeat(10_000));
    expect(span.length).toBeLessThanOrEqual(82);
    expect(span).toMatch(/^`v+…`$/);
  });
});

describe('code: the fence', () => {
  it('is longer than any backtick run inside, so a received backtick cannot close the span early', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('x ``y`` z')).toBe('```x ``y`` z```');
  });
});
