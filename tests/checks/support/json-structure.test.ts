import { JSON_LIMITS, structureProblem } from '../../../src/checks/support/json-structure';

describe('structureProblem', () => {
  it('accepts scalars, and containers up to the depth limit', () => {
    // Far above any schema of the contract: an Error's free-form details may nest deep.
    expect(JSON_LIMITS.depth).toBe(512);
    expect(structureProblem(3)).toBeUndefined();
    expect(structureProblem({ a: [1, { b: null }] })).toBeUndefined();
    const deep = JSON.parse(`${'['.repeat(JSON_LIMITS.depth)}1${']'.repeat(JSON_LIMITS.depth)}`) as unknown;
    expect(structureProblem(deep)).toBeUndefined();
    expect(structureProblem([deep])).toBe(`objects or arrays nested more than ${JSON_LIMITS.depth} deep`);
  });

  it('walks 100,000 nested arrays without recursion', () => {
    const deep = JSON.parse(`${'['.repeat(100000)}${']'.repeat(100000)}`) as unknown;
    expect(structureProblem(deep)).toBe(`objects or arrays nested more than ${JSON_LIMITS.depth} deep`);
  });

  it('counts every value against the limit', () => {
    const limits = { depth: 64, values: 10 };
    expect(structureProblem([1, 2, 3, 4, 5, 6, 7, 8, 9], limits)).toBeUndefined();
    expect(structureProblem([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], limits)).toBe('more than 10 values');
    expect(structureProblem({ a: { b: [1, 2, 3] }, c: [4, 5, 6], d: 7 }, limits)).toBe('more than 10 values');
  });
});
