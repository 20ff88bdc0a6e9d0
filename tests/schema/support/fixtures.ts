/** Paths and tiny builders shared by the schema and spec tests. */
import { resolve } from 'node:path';
import type { SchemaValidator } from '../../../src/model/schema';
import { convertComponents } from '../../../src/schema/convert-components';
import { createSchemaValidator } from '../../../src/schema/create-validator';
import type { JsonSchema } from '../../../src/schema/json-schema';

export const repoRoot = resolve(__dirname, '../../..');
export const operationSpecPath = resolve(repoRoot, 'specs/whatsapp-sync.openapi.yaml');
export const schemasDir = resolve(repoRoot, 'schemas/components');
/** The `shared` folder is a sibling of the repository root. */
export const fullSpecPath = resolve(repoRoot, '../shared/spec/zavu-openapi-full.json');
export const SYNC_PATH = '/v1/senders/{senderId}/whatsapp-sync';

/** A minimal OpenAPI document holding these component schemas. */
export function documentWith(schemas: Record<string, unknown>): Record<string, unknown> {
  return { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas } };
}

/** Converts one OpenAPI schema, as component "S", and returns its draft-07 form. */
export function convertOne(schema: unknown): JsonSchema {
  const converted = convertComponents(documentWith({ S: schema }))['S'];
  if (converted === undefined) throw new Error('component S was not converted');
  return converted;
}

/** A real validator over components converted from these OpenAPI schemas. */
export function validatorFor(schemas: Record<string, unknown>): SchemaValidator {
  return createSchemaValidator(convertComponents(documentWith(schemas)));
}
