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
}
