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

/**
 * Violations kept in full per check, severity and exchange (checks/run-checks.ts caps there).
 * Twenty show any pattern a reader needs; the 300,000th undeclared property adds nothing but
 * megabytes to every report. Here, in the model, so the report assembly can state the cap without
 * loading the checks (a counting check is handed the number and spares itself the rest).
 */
export const KEPT_PER_CHECK = 20;

/**
 * Violations one check found in one exchange beyond the ones a result keeps in full (see
 * checks/run-checks.ts): counted exactly, not kept, so a body with 300,000 extra properties makes
 * a report of 20 warnings and this line, not of 300,000 warnings.
 */
export interface OmittedViolations {
  check: string;
  severity: Severity;
  /** How many distinct violations were left out (in addition to the ones kept). */
  count: number;
  /** The JSON Pointer every omitted one lies at or under ("" when they have nothing more in common). */
  instancePath: string;
  /** The step of a sequence that saw them. */
  step?: string;
}

/** Omissions that describe the same overflow (same check, severity, step and place); repeats combine on it. */
export function omittedKey(omitted: OmittedViolations): string {
  return JSON.stringify([omitted.check, omitted.severity, omitted.step ?? null, omitted.instancePath]);
}
