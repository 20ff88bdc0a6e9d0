import * as fc from 'fast-check';
import { duplicateKeys, duplicateKeysCheck, type DuplicateKey } from '../../src/checks/duplicate-keys';
import { commonPointer } from '../../src/openapi/json-pointer';
import { allChecks } from '../../src/checks/registry';
import { runChecks } from '../../src/checks/run-checks';
import { context, exchange, response, syncBody } from './support/exchange-factory';

const run = (text: string, status = 200) => duplicateKeysCheck.run(exchange(response(status, text, { 'content-type': 'application/json' })), context());

describe('duplicateKeys', () => {
  it('finds a name repeated in one object, with the pointer of that object, at any depth and inside arrays', () => {
    expect(duplicateKeys('{"a":1,"a":2}').repeats).toEqual([{ pointer: '', name: 'a', times: 2 }]);
    expect(duplicateKeys('{"sync":{"status":"bogus","history":{},"status":"active"}}').repeats).toEqual([{ pointer: '/sync', name: 'status', times: 2 }]);
    expect(duplicateKeys('{"list":[{"x":1},{"x":1,"y":2,"x":3}]}').repeats).toEqual([{ pointer: '/list/1', name: 'x', times: 2 }]);
    expect(duplicateKeys('{"a/b~c":{"k":1,"k":2}}').repeats).toEqual([{ pointer: '/a~1b~0c', name: 'k', times: 2 }]);
  });

  it('says a name once per object, with how many times the object names it', () => {
    expect(duplicateKeys(`{"a":{${Array.from({ length: 25 }, (_, i) => `"k":${i}`).join(',')},"b":1,"b":2}}`)).toEqual({ repeats: [{ pointer: '/a', name: 'k', times: 25 }, { pointer: '/a', name: 'b', times: 2 }], count: 2 });
    // Two objects at one place (the name that holds them repeated): one name there, counted once, its times summed.
    expect(duplicateKeys('{"a":{"x":1,"x":2},"a":{"x":3,"x":4,"x":5}}')).toEqual({ repeats: [{ pointer: '/a', name: 'x', times: 5 }, { pointer: '', name: 'a', times: 2 }], count: 2 });
  });

  it('compares names as decoded ("a" and "\\u0061" are one name), and never mistakes a value or a quote inside a string for a name', () => {
    expect(duplicateKeys('{"a":1,"\\u0061":2}').repeats).toEqual([{ pointer: '', name: 'a', times: 2 }]);
    expect(duplicateKeys('{"a":"a","b":"\\"a\\":","c":["a","a"]}').repeats).toEqual([]);
    // The same name in sibling objects is no repeat.
    expect(duplicateKeys('{"history":{"status":"x"},"contacts":{"status":"y"}}').repeats).toEqual([]);
  });

  it('of 100,000 repeated names, holds the first `keep` and counts them all, with the place of the rest', () => {
    const text = `{"sync":{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":1,"k${i}":2`).join(',')}},"b":{"x":1,"x":2}}`;
    const found = duplicateKeys(text, 20);
    expect(found.repeats).toEqual(Array.from({ length: 20 }, (_, i) => ({ pointer: '/sync', name: `k${i}`, times: 2 })));
    expect(found.count).toBe(100_001);
    expect(found.restUnder).toBe('');
    expect(duplicateKeys(text.replace(',"b":{"x":1,"x":2}', ''), 20)).toMatchObject({ count: 100_000, restUnder: '/sync' });
  });

  it('of one name written 100,001 times, one repeat counting them', () => {
    expect(duplicateKeys(`{"sync":{${Array.from({ length: 100_001 }, () => '"a":1').join(',')}}}`, 20)).toEqual({ repeats: [{ pointer: '/sync', name: 'a', times: 100_001 }], count: 1 });
  });

  it('for every `keep`, the same as the full list cut: its first `keep`, its length, the common pointer of the rest', () => {
    const text = '{"a":{"k":1,"k":2,"ab":{"z":1,"z":2}},"ab":{"q":1,"q":2},"list":[{"x":1,"x":2},{"y":1,"y":2,"y":3}],"a2":{"k":1,"k":2}}';
    const all = duplicateKeys(text).repeats;
    expect(all.map((r) => [r.pointer, r.name, r.times])).toEqual([['/a', 'k', 2], ['/a/ab', 'z', 2], ['/ab', 'q', 2], ['/list/0', 'x', 2], ['/list/1', 'y', 3], ['/a2', 'k', 2]]);
    for (let keep = 0; keep <= all.length + 1; keep += 1) {
      const rest = all.slice(keep).map((r) => r.pointer);
      expect(duplicateKeys(text, keep)).toEqual({ repeats: all.slice(0, keep), count: all.length, ...(rest.length > 0 ? { restUnder: rest.reduce(commonPointer) } : {}) });
    }
  });
});

/**
 * The straightforward reading, to hold duplicateKeys to: parse the text with every member kept,
 * and for each object count its names; a name written twice or more is one repeat of its pointer
 * (two objects at one pointer share it), its times summed over the objects that repeat it, in the
 * order the second writings come. No keep, no limits, a pointer string per object.
 */
function reference(text: string): DuplicateKey[] {
  const list: DuplicateKey[] = [];
  const at = new Map<string, DuplicateKey>();
  let i = 0;
  const space = (): void => {
    while (/\s/.test(text[i] ?? '')) i += 1;
  };
  const string = (): string => {
    const start = i;
    i += 1;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i += 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (pointer: string): void => {
    space();
    if (text[i] === '{') {
      i += 1;
      space();
      if (text[i] === '}') return void (i += 1);
      const seen = new Map<string, number>();
      for (;;) {
        space();
        const name = string();
        const n = (seen.get(name) ?? 0) + 1;
        seen.set(name, n);
        if (n >= 2) {
          const key = JSON.stringify([pointer, name]);
          let repeat = at.get(key);
          if (repeat === undefined) {
            repeat = { pointer, name, times: 0 };
            at.set(key, repeat);
            list.push(repeat);
          }
          repeat.times += n === 2 ? 2 : 1;
        }
        space();
        i += 1;
        value(`${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`);
        space();
        i += 1;
        if (text[i - 1] === '}') return;
      }
    }
    if (text[i] === '[') {
      i += 1;
      space();
      if (text[i] === ']') return void (i += 1);
      for (let k = 0; ; k += 1) {
        value(`${pointer}/${k}`);
        space();
        i += 1;
        if (text[i - 1] === ']') return;
      }
    }
    if (text[i] === '"') return void string();
    while (i < text.length && !/[,\]}\s]/.test(text[i] ?? '')) i += 1;
  };
  value('');
  return list;
}

describe('duplicateKeys against a straightforward reading', () => {
  // Few names, so they repeat: escaped spellings of one name, Object's own names, pointer escapes, digits, empty.
  const names = fc.constantFrom('a', '\\u0061', 'b', '__proto__', 'constructor', '0', 'x/y', '~1', '');
  const text = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.constantFrom('1', '"a"', '"\\"a\\":"', 'null'), tie('object'), tie('array')),
    object: fc.tuple(fc.array(fc.tuple(names, tie('value')), { maxLength: 7 }), fc.constantFrom(',', ' , ', ',\r\n')).map(([members, comma]) => `{${members.map(([n, v]) => `"${n}": ${v}`).join(comma)}}`),
    array: fc.array(tie('value'), { maxLength: 4 }).map((values) => `[ ${values.join(',')} ]`),
  })).object;

  it('for every `keep`: the full list cut at `keep`, counted whole (a name at one pointer once, kept or not), the rest at the pointer they share', () => {
    fc.assert(
      fc.property(text, (body) => {
        const all = reference(body);
        for (let keep = 0; keep <= all.length + 1; keep += 1) {
          const rest = all.slice(keep).map((r) => r.pointer);
          expect(duplicateKeys(body, keep)).toEqual({ repeats: all.slice(0, keep), count: all.length, ...(rest.length > 0 ? { restUnder: rest.reduce(commonPointer) } : {}) });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('counts a name repeated in two objects at one pointer once, past the kept ones too', () => {
    // The name "a" repeated holds two objects at /a, each repeating "x": one repeat at /a, kept or not.
    const body = '{"a":{"x":1,"x":2},"a":{"x":3,"x":4}}';
    expect(duplicateKeys(body)).toEqual({ repeats: [{ pointer: '/a', name: 'x', times: 4 }, { pointer: '', name: 'a', times: 2 }], count: 2 });
    expect(duplicateKeys(body, 0)).toEqual({ repeats: [], count: 2, restUnder: '' });
  });

  it('reads a hostile body in linear time: a long name holding many repeats, or many objects that repeat one', () => {
    // Quadratic (a pointer built or compared per repeat or per object), each took minutes; linear, well under a second.
    const long = 'p'.repeat(1_000_000);
    const repeats = `{"${long}":{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":1,"k${i}":2`).join(',')}}}`;
    expect(duplicateKeys(repeats, 20)).toMatchObject({ count: 100_000, restUnder: `/${long}` });
    const objects = `{"${long}":[${Array.from({ length: 100_000 }, () => '{"a":1,"a":2}').join(',')}]}`;
    expect(duplicateKeys(objects, 20)).toMatchObject({ count: 100_000, restUnder: `/${long}` });
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
        message: 'Received: "isCoexistence" 2 times in /sync / Expected: unique member names (RFC 8259 §4): JSON.parse keeps the last value, other parsers the first, and the checks judged the last',
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

  it('warns once per repeated name, saying how many times, and counts names past the 20, not their repeats', () => {
    const checked = (text: string) => runChecks(exchange(response(200, text, { 'content-type': 'application/json' })), context(), [duplicateKeysCheck]);
    // One name 25 times: one warning saying 25, nothing omitted (it read as 1 warning and "5 more").
    const once = checked(`{"sync":{${Array.from({ length: 25 }, (_, i) => `"k":${i}`).join(',')}}}`);
    expect(once.violations.map((v) => v.message)).toEqual([expect.stringMatching(/^Received: "k" 25 times in \/sync \/ Expected: unique member names/)]);
    expect(once.omitted).toEqual([]);
    // 30 names 3 times each: 20 warnings and 10 more names, not 40 more repeats.
    const names = checked(`{"sync":{${Array.from({ length: 30 }, (_, i) => `"k${i}":1,"k${i}":2,"k${i}":3`).join(',')}}}`);
    expect(names.violations.map((v) => v.message.slice(0, v.message.indexOf(' /')))).toEqual(Array.from({ length: 20 }, (_, i) => `Received: "k${i}" 3 times in`));
    expect(names.omitted).toEqual([{ check: 'duplicate-keys', severity: 'warning', count: 10, instancePath: '/sync' }]);
  });

  it('is registered', () => {
    expect(allChecks).toContain(duplicateKeysCheck);
  });
});
