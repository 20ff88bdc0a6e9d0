import { duplicateKeys, duplicateKeysCheck } from '../../src/checks/duplicate-keys';
import { commonPointer } from '../../src/openapi/json-pointer';
import { allChecks } from '../../src/checks/registry';
import { runChecks } from '../../src/checks/run-checks';
import { context, exchange, response, syncBody } from './support/exchange-factory';

const run = (text: string, status = 200) => duplicateKeysCheck.run(exchange(response(status, text, { 'content-type': 'application/json' })), context());

describe('duplicateKeys', () => {
  it('finds a name repeated in one object, with the pointer of that object, at any depth and inside arrays', () => {
    expect(duplicateKeys('{"a":1,"a":2}').repeats).toEqual([{ pointer: '', name: 'a' }]);
    expect(duplicateKeys('{"sync":{"status":"bogus","history":{},"status":"active"}}').repeats).toEqual([{ pointer: '/sync', name: 'status' }]);
    expect(duplicateKeys('{"list":[{"x":1},{"x":1,"y":2,"x":3}]}').repeats).toEqual([{ pointer: '/list/1', name: 'x' }]);
    expect(duplicateKeys('{"a/b~c":{"k":1,"k":2}}').repeats).toEqual([{ pointer: '/a~1b~0c', name: 'k' }]);
  });

  it('compares names as decoded ("a" and "\\u0061" are one name), and never mistakes a value or a quote inside a string for a name', () => {
    expect(duplicateKeys('{"a":1,"\\u0061":2}').repeats).toEqual([{ pointer: '', name: 'a' }]);
    expect(duplicateKeys('{"a":"a","b":"\\"a\\":","c":["a","a"]}').repeats).toEqual([]);
    // The same name in sibling objects is no repeat.
    expect(duplicateKeys('{"history":{"status":"x"},"contacts":{"status":"y"}}').repeats).toEqual([]);
  });

  it('of 100,000 repeats, holds the first `keep` and counts them all, with the place of the rest', () => {
    const text = `{"sync":{${Array.from({ length: 100_001 }, () => '"a":1').join(',')}},"b":{"x":1,"x":2}}`;
    const found = duplicateKeys(text, 20);
    expect(found.repeats).toEqual(Array.from({ length: 20 }, () => ({ pointer: '/sync', name: 'a' })));
    expect(found.count).toBe(100_001);
    expect(found.restUnder).toBe('');
    expect(duplicateKeys(text.replace(',"b":{"x":1,"x":2}', ''), 20)).toMatchObject({ count: 100_000, restUnder: '/sync' });
  });

  it('for every `keep`, the same as the full list cut: its first `keep`, its length, the common pointer of the rest', () => {
    const text = '{"a":{"k":1,"k":2,"ab":{"z":1,"z":2}},"ab":{"q":1,"q":2},"list":[{"x":1,"x":2},{"y":1,"y":2,"y":3}],"a2":{"k":1,"k":2}}';
    const all = duplicateKeys(text).repeats;
    expect(all.map((r) => r.pointer)).toEqual(['/a', '/a/ab', '/ab', '/list/0', '/list/1', '/list/1', '/a2']);
    for (let keep = 0; keep <= all.length + 1; keep += 1) {
      const rest = all.slice(keep).map((r) => r.pointer);
      expect(duplicateKeys(text, keep)).toEqual({ repeats: all.slice(0, keep), count: all.length, ...(rest.length > 0 ? { restUnder: rest.reduce(commonPointer) } : {}) });
    }
  });
});

describe('duplicate-keys', () => {
  it('warns on a body whose wrong value came first and right value last: what JSON.parse, and so every other check, judged', () => {
    const text = '{"sync":{"isCoexistence":"no","isCoexistence":true,"status":"active","history":{"status":"not_requested","canSync":true,"requestedAt":null},"contacts":{"status":"not_requested","canSync":true,"requestedAt":null}}}';
    expect(run(text)).toEqual([
      {
        check: 'duplicate-keys',
        severity: 'warning',
        title: 'The 200 body names a member twice in one object',
        message: 'Received: "isCoexistence" more than once in /sync / Expected: unique member names (RFC 8259 §4): JSON.parse keeps the last value, other parsers the first, and the checks judged the last',
        instancePath: '/sync',
      },
    ]);
  });

  it('passes a conformant body, and leaves a body that is not JSON to json-body', () => {
    expect(run(JSON.stringify(syncBody))).toEqual([]);
    expect(run('{"a":1,"a":')).toEqual([]);
  });

  it('keeps the first of many and counts the rest, with the pointer they share', () => {
    const many = `{"sync":{${Array.from({ length: 30 }, (_, i) => `"k${i}":{"x":1,"x":2}`).join(',')}}}`;
    const { violations, omitted } = runChecks(exchange(response(200, many, { 'content-type': 'application/json' })), context(), [duplicateKeysCheck]);
    expect(violations).toHaveLength(20);
    expect(omitted).toEqual([{ check: 'duplicate-keys', severity: 'warning', count: 10, instancePath: '/sync' }]);
  });

  it('is registered', () => {
    expect(allChecks).toContain(duplicateKeysCheck);
  });
});
