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
   * Object properties in data that the schema does not declare: the first `keep` as JSON Pointers
   * (every one when not given), the rest counted. The contract allows them (no
   * additionalProperties: false), so callers report them as warnings at most.
   */
  undeclaredProperties(componentName: string, data: unknown, keep?: number): UndeclaredProperties;
}

/**
 * What an undeclared-properties walk found. A body may hold 300,000 of them and a report shows 20:
 * the pointers of the rest are never built, only counted, with the one place they share.
 */
export interface UndeclaredProperties {
  /** The first ones found (at most the `keep` asked for): JSON Pointers, in data order, no duplicates. */
  pointers: string[];
  /** How many were found in all, `pointers` included: distinct pointers, as the full list would hold. */
  count: number;
  /** The pointer every one past `pointers` lies at or under ("" when they share nothing); absent when none is past. */
  restUnder?: string;
}
