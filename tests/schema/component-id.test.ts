/** The $id / $ref convention between generated schema files. */
import { SpecError } from '../../src/model/errors';
import { assertComponentName, componentId, rewriteSchemaRef } from '../../src/schema/component-id';

it('a component X is the file and $id "X.json"', () => {
  expect(componentId('WhatsAppSyncStatus')).toBe('WhatsAppSyncStatus.json');
});

it('rewrites refs to components, with and without a sub-pointer', () => {
  expect(rewriteSchemaRef('#/components/schemas/Error', 'w')).toBe('Error.json');
  expect(rewriteSchemaRef('#/components/schemas/Error/properties/code', 'w')).toBe('Error.json#/properties/code');
});

it('refuses refs it cannot express as a file', () => {
  expect(() => rewriteSchemaRef('other.yaml#/X', '#/here')).toThrow(new SpecError('$ref "other.yaml#/X" at #/here does not point into #/components/schemas'));
  expect(() => rewriteSchemaRef('#/components/schemas/', 'w')).toThrow(SpecError);
});

it('accepts OpenAPI component names and refuses ones that could leave the folder', () => {
  expect(() => assertComponentName('Error_v2.1-beta')).not.toThrow();
  for (const name of ['../x', 'a/b', '..', 'a b', '']) expect(() => assertComponentName(name)).toThrow(SpecError);
});
