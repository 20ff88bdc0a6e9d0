/** A check judges one exchange against the contract; it is pure and never touches the network. */
import type { Exchange } from './http';
import type { OperationContract } from './operation';
import type { ResolvedExpectation } from './scenario';
import type { SchemaValidator } from './schema';
import type { OmittedViolations, Violation } from './violation';

export interface CheckContext {
  /** What the scenario (or the model, for a predicted step) says must come back. */
  expect: ResolvedExpectation;
  operation: OperationContract;
  schemas: SchemaValidator;
  /**
   * The configured fixtures the request's path names, with the environment variable each came
   * from: a 404 to one says which variable may hold an id the target does not know. Absent when
   * none (the embedded server's seeded ids, a generated one, a hostile one, a user's own test).
   */
  fixtures?: readonly { variable: string; value: string }[];
}

export interface Check {
  /** Stable kebab-case id, printed in every violation, e.g. "response-schema". */
  id: string;
  /** One line saying what the check asserts. */
  title: string;
  /** Returns [] when the exchange honours the rule. Never throws for a contract breach. */
  run(exchange: Exchange, context: CheckContext): Violation[];
}

/** What a {@link CountingCheck} found: some violations in full, the rest counted. */
export interface CheckFindings {
  violations: Violation[];
  omitted: OmittedViolations[];
}

/**
 * A check that may find a violation per property of a body (300,000 of them): besides `run`, it
 * can list at most `keep` per severity and count the rest, so the ones no report will show are
 * never built. run-checks uses this form; `run` stays the plain list, for tests and callers.
 */
export interface CountingCheck extends Check {
  runCounted(exchange: Exchange, context: CheckContext, keep: number): CheckFindings;
}

/** A counting check from its counted form: `run` is every violation, none only counted. */
export function countingCheck(check: Omit<CountingCheck, 'run'>): CountingCheck {
  return { ...check, run: (exchange, context) => check.runCounted(exchange, context, Number.POSITIVE_INFINITY).violations };
}
