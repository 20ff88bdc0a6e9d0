import { bodyTooComplexCheck } from '../../src/checks/body-too-complex';
import { jsonBodyCheck } from '../../src/checks/json-body';
import { runChecks } from '../../src/checks/run-checks';
import { JSON_LIMITS } from '../../src/checks/support/json-structure';
import { context, exchange, jsonResponse, response, syncBody } from './support/exchange-factory';

const json = (status: number, text: string) => exchange(response(status, text, { 'content-type': 'application/json' }));
const nested = (depth: number): string => `{"sync":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('body-too-complex', () => {
  it('passes an ordinary body, and one nested exactly to the limit', () => {
    expect(bodyTooComplexCheck.run(exchange(jsonResponse(200, syncBody)), context())).toEqual([]);
    expect(bodyTooComplexCheck.run(json(200, nested(JSON_LIMITS.depth - 1)), context())).toEqual([]);
  });

  it("passes an Error whose free-form details nest 100 deep: the contract sets no depth there (additionalProperties: true)", () => {
    const details = `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`;
    expect(bodyTooComplexCheck.run(json(404, `{"code":"not_found","message":"Sender not found","details":${details}}`), context())).toEqual([]);
  });

  it('flags 100,000 nested arrays as an error, and every other check judges nothing and crashes on nothing', () => {
    const deep = json(200, nested(100000));
    const found = bodyTooComplexCheck.run(deep, context());
    expect(found).toEqual([expect.objectContaining({ check: 'body-too-complex', severity: 'error', instancePath: '' })]);
    expect(found[0]?.message).toContain(`nested more than ${JSON_LIMITS.depth} deep`);
    // json-body leaves it to body-too-complex: one fault, one violation.
    expect(jsonBodyCheck.run(deep, context())).toEqual([]);
    const all = runChecks(deep, context({ assert: [{ pointer: '/sync/isCoexistence', equals: true, check: 'sync-is-coexistence', because: 'a coexistence sender' }] }));
    expect(all.crashes).toEqual([]);
    expect(all.violations.map((v) => v.check)).toEqual(['body-too-complex']);
  });

  it('flags a body of more values than the limit, whatever its status', () => {
    const wide = json(502, `[${'0,'.repeat(JSON_LIMITS.values)}0]`);
    const found = bodyTooComplexCheck.run(wide, context());
    expect(found[0]?.message).toContain(`more than ${JSON_LIMITS.values} values`);
  });

  it('ignores bodies that are not JSON, and exchanges without a response', () => {
    expect(bodyTooComplexCheck.run(json(200, '<html>'), context())).toEqual([]);
    expect(bodyTooComplexCheck.run(exchange(undefined), context())).toEqual([]);
  });
});
