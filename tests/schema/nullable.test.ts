/** makeNullable on already-converted schemas. */
import { makeNullable } from '../../src/schema/nullable';

it('adds "null" to a type list once', () => {
  expect(makeNullable({ type: ['string', 'integer'] })).toEqual({ type: ['string', 'integer', 'null'] });
  expect(makeNullable({ type: ['string', 'null'] })).toEqual({ type: ['string', 'null'] });
});

it('adds null to an enum even without a type', () => {
  expect(makeNullable({ enum: ['a'] })).toEqual({ enum: ['a', null] });
});

it('wraps oneOf and anyOf too, keeping annotations outside and validation inside', () => {
  expect(makeNullable({ title: 't', readOnly: true, oneOf: [{ type: 'string' }], minLength: 1 })).toEqual({
    title: 't',
    readOnly: true,
    anyOf: [{ oneOf: [{ type: 'string' }], minLength: 1 }, { type: 'null' }],
  });
});
