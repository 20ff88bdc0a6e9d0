/** The seam between schema validation (ajv) and the checks that use it. */

/** One schema breach, shaped after ajv's ErrorObject. */
export interface SchemaIssue {
  /** JSON Pointer into the validated data. */
  instancePath: string;
  /** JSON Pointer into the schema, prefixed with the component, e.g. "WhatsAppSyncStatus.json#/properties/status/enum". */
  schemaPath: string;
  keyword: string;
  /** ajv's message, e.g. "must be equal to one of the allowed values". */
  message: string;
  params: Record<string, unknown>;
}

export interface SchemaValidator {
  /** Component names known to the validator (components.schemas keys). */
  readonly names: readonly string[];
  has(componentName: string): boolean;
  /** Validates data against components.schemas[componentName]; [] when valid. Throws for an unknown name. */
  validate(componentName: string, data: unknown): SchemaIssue[];
  /**
   * JSON Pointers of object properties in data that the schema does not declare. The contract
   * allows them (no additionalProperties: false), so callers report them as warnings at most.
   */
  undeclaredProperties(componentName: string, data: unknown): string[];
}
