import { duplicateKeys, duplicateKeysCheck } from '../../src/checks/duplicate-keys';
import { allChecks } from '../../src/checks/registry';
import { runChecks } from '../../src/checks/run-checks';
import { context, exchange, response, syncBody } from './support/exchange-factory';

const run = (text: string, status = 200) => duplicateKeysCheck.run(exchange(response(status, text, { 'content-type': 'application/json' })), context());

describe('duplicateKeys', () => {
  it('finds a name repeated in one object, with the pointer of that object, at any depth and inside arrays', () => {
    expect(duplicateKeys('{"a":1,"a":2}')).toEqual([{ pointer: '', name: 'a' }]);
    expect(duplicateKeys('{"sync":{"status":"bogus","history":{},"status":"active"}}')).toEqual([{ pointer: '/sync', name: 'status' }]);
    expect(duplicateKeys('{"list":[{"x":1},{"x":1,"y":2,"x":3}]}')).toEqual([{ pointer: '/list/1', name: 'x' }]);
    expect(duplicateKeys('{"a/b~c":{"k":1,"k":2}}')).toEqual([{ pointer: '/a~1b~0c', name: 'k' }]);
  });

  it('compares names as decoded ("a" and "\\u0061" are one name), and never mistakes a value or a quote inside a string for a name', () => {
    expect(duplicateKeys('{"a":1,"\\u0061":2}')).toEqual([{ pointer: '', name: 'a' }]);
    expect(duplicateKeys('{"a":"a","b":"\\"a\\":","c":["a","a"]}')).toEqual([]);
    // The same name in sibling objects is no repeat.
    expect(duplicateKeys('{"history":{"status":"x"},"contacts":{"status":"y"}}')).toEqual([]);
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
