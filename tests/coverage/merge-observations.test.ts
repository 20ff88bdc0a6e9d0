/**
 * Observations merge by key: a shard's report read back by `merge` hands each case's coverage in
 * as parsed JSON, whose keys the schema leaves free. A key an object answers for itself
 * ("constructor", "toString", "__proto__") is merged as any other key: it neither crashes the merge
 * ("a is not iterable": Object's own function taken for a list of values seen), nor adds counts to
 * Object itself, nor sets the prototype of the merged table and goes missing.
 */
import type { CoverageObservation } from '../../src/model';
import { isDeepStrictEqual } from 'node:util';
import { emptyObservation, mergeObservationLists, mergeObservations } from '../../src/coverage';

const NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];

/** As a report read back holds it: JSON.parse makes "__proto__" an own key. */
function readBack(name: string): CoverageObservation {
  const key = JSON.stringify(name);
  return JSON.parse(
    `{"operationId":"getWhatsAppSyncStatus","exchanges":1,"statuses":["200"],"examples":[],"enums":{${key}:["\\"active\\""]},"outside":{${key}:2},"optional":{${key}:{"present":1,"absent":2,"null":3}}}`,
  ) as CoverageObservation;
}

test.each(NAMES)('a key named %s is merged as any other, both ways round and twice', (name) => {
  const once = readBack(name);
  for (const merged of [mergeObservations(emptyObservation('getWhatsAppSyncStatus'), once), mergeObservations(once, emptyObservation('getWhatsAppSyncStatus'))]) {
    expect(Object.entries(merged.enums)).toEqual([[name, ['"active"']]]);
    expect(Object.entries(merged.outside ?? {})).toEqual([[name, 2]]);
    expect(Object.entries(merged.optional)).toEqual([[name, { present: 1, absent: 2, null: 3 }]]);
  }
  const [twice] = mergeObservationLists([[once], [readBack(name)]]);
  expect(Object.entries(twice?.enums ?? {})).toEqual([[name, ['"active"']]]);
  expect(Object.entries(twice?.outside ?? {})).toEqual([[name, 4]]);
  expect(Object.entries(twice?.optional ?? {})).toEqual([[name, { present: 2, absent: 4, null: 6 }]]);
  // Nothing was counted onto Object, nor onto the prototype every object shares.
  expect(Object.getOwnPropertyNames(Object)).not.toEqual(expect.arrayContaining(['present']));
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toEqual(expect.arrayContaining(['present']));
  // The merged report says it as read.
  expect(JSON.parse(JSON.stringify(twice))).toEqual(expect.objectContaining({ outside: JSON.parse(`{${JSON.stringify(name)}:4}`) }));
});

test('the inputs are left as they were', () => {
  const a = readBack('constructor');
  const b = readBack('constructor');
  const before = JSON.stringify([a, b]);
  mergeObservations(a, b);
  expect(JSON.stringify([a, b])).toBe(before);
});

test.each(NAMES)('the merged observation is plain data, as its report read back is: a key named %s included', (name) => {
  // runConformance hands the report to code as is: tables without a prototype there were
  // "[Object: null prototype]" in a log, not deep-strict-equal to conformance.json read back, and
  // had no hasOwnProperty of their own to call.
  const [merged] = mergeObservationLists([[readBack(name)], [readBack(name)], [emptyObservation('getWhatsAppSyncStatus')]]);
  expect(isDeepStrictEqual(merged, JSON.parse(JSON.stringify(merged)))).toBe(true);
  for (const table of [merged?.enums, merged?.outside, merged?.optional]) expect(Object.getPrototypeOf(table)).toBe(Object.prototype);
  expect(Object.keys(merged?.enums ?? {})).toEqual([name]);
});
