/** Keyword order is fixed so regenerated files diff cleanly. */
import { orderKeywords } from '../../src/schema/key-order';

it('puts identity and headline keywords first, the rest alphabetically, and keeps values untouched', () => {
  const properties = { z: {}, a: {} };
  const ordered = orderKeywords({ required: ['a'], properties, type: 'object', $id: 'X.json', description: 'd', $schema: 's', additionalProperties: true });
  expect(Object.keys(ordered)).toEqual(['$schema', '$id', 'description', 'type', 'additionalProperties', 'properties', 'required']);
  expect(Object.keys(ordered['properties'] as object)).toEqual(['z', 'a']);
});
