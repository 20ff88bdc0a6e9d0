/**
 * A pointer names a place a documented body can have, through the converted component schemas: a
 * declared property, an array element, a branch of a composition, or inside a schema that leaves
 * the place open (a map, `{}`); a misspelt property or a step into a scalar names nothing.
 */
import { parsePointer } from '../../src/openapi/json-pointer';
import { pointerDocumented } from '../../src/registry/documented-pointer';

const schemas = {
  Sender: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, webhook: { $ref: 'Webhook.json' }, labels: { type: 'object', additionalProperties: { type: 'string' } }, extra: {}, whatsapp: { anyOf: [{ type: 'object', properties: { phoneNumberId: { type: 'string' } } }, { type: 'null' }] } } },
  Webhook: { type: 'object', properties: { events: { type: 'array', items: { type: 'string' } }, url: { type: 'string' } }, additionalProperties: false },
  Free: { type: 'object' },
};
const at = (pointer: string): boolean => pointerDocumented('Sender', parsePointer(pointer), schemas);

test('declared properties, through $ref, array indexes, a map and an anyOf branch, are documented', () => {
  expect(['', '/id', '/webhook/url', '/webhook/events/0', '/labels/anything', '/extra/any/depth', '/whatsapp/phoneNumberId'].filter((p) => !at(p))).toEqual([]);
  expect(pointerDocumented('Free', parsePointer('/whatever'), schemas)).toBe(true);
});

test('a misspelt property, one past a scalar, a non-index into an array, or a branch none of which has it, names nothing', () => {
  expect(['/ids', '/id/length', '/webhook/events/first', '/webhook/secret', '/whatsapp/phoneNumber', '/webhook/url/x'].filter((p) => at(p))).toEqual([]);
});

test('an array schema that names no items documents every element; an open additionalProperties does not hide a composition that declares the property', () => {
  // A list of anything (`type: array` alone) and an allOf beside a map of strings are both conformant places to point into.
  const more = {
    Tags: { type: 'object', properties: { any: { type: 'array' } } },
    Meta: { type: 'object', allOf: [{ $ref: 'Owner.json' }], additionalProperties: { type: 'string' } },
    Owner: { type: 'object', properties: { owner: { type: 'object', properties: { name: { type: 'string' } } } } },
  };
  expect(pointerDocumented('Tags', parsePointer('/any/0/x'), more)).toBe(true);
  expect(pointerDocumented('Meta', parsePointer('/owner/name'), more)).toBe(true);
  expect(pointerDocumented('Meta', parsePointer('/label'), more)).toBe(true);
  expect(pointerDocumented('Tags', parsePointer('/any/first'), more)).toBe(false);
});

test('a recursive composition is walked once per node and pointer depth: a spec of one ends the check, as the walk must before the first request', () => {
  // Each level branches twice into itself, consuming no token: walked naively, 2^32 calls.
  const recursive = { Node: { anyOf: [{ $ref: 'Node.json' }, { $ref: 'Node.json' }] } };
  expect(pointerDocumented('Node', parsePointer('/x/y'), recursive)).toBe(false);
});

test('a composition that branches into the same component at each pointer step walks it once per step, not once per route', () => {
  // Four branches at each of 7 steps: walked per route, 4^7 walks of Step before the answer; a spec
  // with wider ones never answered. Each lookup of a component is counted.
  const looked: string[] = [];
  const wide = {
    Node: { anyOf: [1, 2, 3, 4].map(() => ({ $ref: 'Step.json' })) },
    Step: { type: 'object', properties: { a: { $ref: 'Node.json' } } },
  };
  const counted = new Proxy(wide, { get: (target, name: string) => (looked.push(name), target[name as keyof typeof target]) });
  expect(pointerDocumented('Node', parsePointer(`${'/a'.repeat(7)}/b`), counted)).toBe(false);
  expect(pointerDocumented('Node', parsePointer(`${'/a'.repeat(7)}/a`), counted)).toBe(true);
  // Per step, Node once and Step once per branch that names it.
  expect(looked.filter((name) => name === 'Step').length).toBeLessThanOrEqual(2 * 4 * 8);
});

test('past 32 levels of a schema that recurses (a tree), the rest of the pointer is taken as documented; above them it is still read', () => {
  const tree = { Node: { type: 'object', properties: { name: { type: 'string' }, child: { $ref: 'Node.json' } } } };
  const deep = (levels: number, last: string): boolean => pointerDocumented('Node', parsePointer(`${'/child'.repeat(levels)}/${last}`), tree);
  expect([deep(3, 'name'), deep(3, 'nmae'), deep(40, 'nmae')]).toEqual([true, false, true]);
});
