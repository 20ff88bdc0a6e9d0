/** A breach (or a suspicion, for warnings) found by one check in one exchange. */
export type Severity = 'error' | 'warning';

export interface Violation {
  /** Id of the check that found it, e.g. "response-schema". */
  check: string;
  severity: Severity;
  /** One short line, e.g. "Response body does not match the Error schema". */
  title: string;
  /** Human text in the form "Received: … / Expected: …". */
  message: string;
  /** JSON Pointer into the response body ("" for the whole body or non-body breaches). */
  instancePath: string;
  /** JSON Pointer into the schema, for schema breaches. */
  schemaPath?: string;
  /** The step of a sequence that saw it. */
  step?: string;
}

/**
 * When two violations are "the same breach": same check, same place in the body, same schema rule
 * and same message. The message is part of it because ajv reports every missing property of an
 * object as `required` at the same instancePath and schemaPath; only the message tells them apart.
 * Severity and title are left out: for one check on one case they follow from the rest (a caller
 * that must not rely on that adds them, as combine-attempts does). run-checks (dedup),
 * report/group-violations (×N) and repeat/combine-attempts all build on this one key.
 */
export function violationKey(violation: Violation): string {
  return JSON.stringify([violation.check, violation.step ?? null, violation.instancePath, violation.schemaPath ?? null, violation.message]);
}
