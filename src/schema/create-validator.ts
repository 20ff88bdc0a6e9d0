/** The ajv-backed SchemaValidator: one Ajv instance, every component added once, validators cached. */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { SpecError } from '../model/errors';
import type { SchemaIssue, SchemaValidator } from '../model/schema';
import { componentId } from './component-id';
import type { JsonSchema } from './json-schema';
import { addOpenApiFormats } from './openapi-formats';
import { indexSchemas, type SchemaIndex } from './schema-index';
import { findUndeclaredProperties } from './undeclared-properties';

/** How createSchemaValidator prepares its validators. */
export interface SchemaValidatorOptions {
  /** Compile every component now, so a broken one fails here; default: on first use of each. */
  eager?: boolean;
  /**
   * Every schema was already checked against the JSON Schema meta-schema (an earlier run over the
   * same content said so): skip that check, whose validator is the costliest thing ajv compiles.
   * Strict compilation (unknown keywords and formats, bad $refs) still runs.
   */
  metaChecked?: boolean;
}

/**
 * A validator over schemas (component name → draft-07 schema, as convertComponents or the
 * schemas/components files give them). A schema's own `$id` is its ajv key, else "<Name>.json".
 *
 * @throws SpecError when a schema is rejected by ajv (strict mode, unknown format, bad $ref).
 */
export function createSchemaValidator(schemas: Record<string, object>, options: SchemaValidatorOptions = {}): SchemaValidator {
  const ajv = addOpenApiFormats(
    // verbose: errors carry parentSchema, which locates them in their component. inlineRefs off:
    // each component stays its own function, so ajv's schemaPath stays relative to that file.
    // addUsedSchema off: compiling an anyOf branch on the side must not register it under "".
    new Ajv({ allErrors: true, strict: true, verbose: true, inlineRefs: false, addUsedSchema: false, validateSchema: options.metaChecked !== true }),
  );
  const ids = new Map<string, string>();
  const byId = new Map<string, JsonSchema>();
  for (const [name, schema] of Object.entries(schemas)) {
    const ownId = (schema as JsonSchema)['$id'];
    const id = typeof ownId === 'string' ? ownId : componentId(name);
    guard(id, () => ajv.addSchema(schema, typeof ownId === 'string' ? undefined : id));
    ids.set(name, id);
    byId.set(id, schema as JsonSchema);
  }
  const index = indexSchemas(byId);
  const compiled = (name: string): { id: string; validate: ValidateFunction } => {
    const id = ids.get(name);
    if (id === undefined) throw new SpecError(`no component schema named "${name}"`);
    const validate = guard(id, () => ajv.getSchema(id));
    if (validate === undefined) throw new SpecError(`component schema "${name}" (${id}) is not registered`);
    return { id, validate };
  };
  if (options.eager === true) for (const name of ids.keys()) compiled(name);
  const branchValidators = new WeakMap<object, ValidateFunction | null>();
  const matches = (schema: JsonSchema, data: unknown): boolean => {
    let validate = branchValidators.get(schema);
    if (validate === undefined) {
      // A branch compiled alone can trip strict mode (it loses its parent's `type`); treat it as
      // not matching, which only means fewer warnings.
      validate = safeCompile(ajv, schema);
      branchValidators.set(schema, validate);
    }
    return validate !== null && validate(data) === true;
  };
  return {
    names: [...ids.keys()],
    has: (name) => ids.has(name),
    validate(name, data) {
      const { id, validate } = compiled(name);
      if (validate(data) === true) return [];
      return (validate.errors ?? []).map((error) => toIssue(error, id, index));
    },
    undeclaredProperties(name, data) {
      const { id } = compiled(name);
      const root = byId.get(id);
      return root === undefined ? [] : findUndeclaredProperties(root, data, { resolve: index.resolve, matches });
    },
  };
}

function toIssue(error: ErrorObject, rootId: string, index: SchemaIndex): SchemaIssue {
  const parent: unknown = error.parentSchema;
  const location = typeof parent === 'object' && parent !== null ? index.locationOf(parent) : undefined;
  // ajv's schemaPath is "#/…/<keyword>" relative to the compiled function's root; the located
  // parent schema gives the component and the full pointer, the keyword segment is ajv's.
  const keywordSegment = error.schemaPath.slice(error.schemaPath.lastIndexOf('/'));
  const schemaPath = location !== undefined ? `${location}${keywordSegment}` : `${rootId}${error.schemaPath}`;
  return {
    instancePath: error.instancePath,
    schemaPath,
    keyword: error.keyword,
    message: error.message ?? `must pass "${error.keyword}"`,
    params: { ...error.params },
  };
}

function guard<T>(id: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpecError(`schema ${id} does not compile: ${reason.split('\n')[0] ?? reason}`);
  }
}

function safeCompile(ajv: Ajv, schema: JsonSchema): ValidateFunction | null {
  try {
    return ajv.compile(schema);
  } catch {
    return null;
  }
}
