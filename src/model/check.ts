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
   * `hidden`: a sender the key must not see (another project's); the others are the key's own. A 404
   * to either where 401 was due says the credentials were not refused (each exists: a lookup before
   * authenticating finds it); `hidden` says whose the story names it.
   */
  fixtures?: readonly { variable: string; value: string; hidden?: true }[];
  /**
   * The credentials the run knows (the API key, the other project's key, the unknown key the
   * suite sends), each with every form the scrubber knows it by: what `credential-echoed` looks
   * for in an answer, on its bytes as received (results are scrubbed only after the checks). The
   * runner builds them from recording/secret-forms, which checks may not import: one list, so what
   * is flagged is what is scrubbed. Absent: nothing to look for (a user's own Jest test).
   */
  credentials?: readonly KnownCredential[];
  /**
   * Every operation of the contract by operationId, the run's own map as is (no copy per
   * exchange): a rule that reads the contract as a whole, as error-message-documented reads a
   * reason's words wherever an operation documents them. Absent: the operation alone is known (a user's own Jest test, one negative finding).
   */
  contract?: ReadonlyMap<string, OperationContract>;
}

/** One recognisable form of a credential: `label` names the form ("base64") without showing the value. A global pattern. */
export interface CredentialForm {
  label: string;
  pattern: RegExp;
  /**
   * A cheap test a text must pass for `pattern` to match in it, when the form has one: a costly
   * pattern (compiled on first use) is then never compiled for the texts that cannot hold it.
   */
  mayHold?: RegExp;
}

/** Whether `form` may match in `text`: its `mayHold` test, when it has one. */
export function mayHold(form: CredentialForm, text: string): boolean {
  return form.mayHold === undefined || form.mayHold.test(text);
}

/** A credential whose echo in an answer is a finding, by the words a message names it with (never its value). */
export interface KnownCredential {
  /** "the API key (ZAVU_API_KEY)": what a message calls it. */
  name: string;
  /** Most specific first (verbatim before case-changed, exact forms before a partial piece): the first that matches names the form. */
  forms: readonly CredentialForm[];
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

/**
 * The checks that judge an answer's shape against the contract (its framing, its JSON, its schema),
 * whatever the case that received it was sent to judge. The certificate charges a failure of only
 * these, in a success (2xx) a case of a successesJudgedElsewhere family received, to its
 * responseShape line (src/certificate/certify.ts): the family's behaviour, the status for that
 * request, held; the content is another family's. Here, in the model, so the
 * certificate can tell them without loading the checks; a test keeps every id a real check's.
 */
export const RESPONSE_SHAPE_CHECKS: readonly string[] = Object.freeze([
  'content-type',
  'json-body',
  'body-too-large',
  'body-too-complex',
  'response-schema',
  'undocumented-properties',
  'duplicate-keys',
]);

/**
 * The checks that judge what a success says (its values, what the model predicts from the run's
 * own writes): the scenario's inline assertions and the model's predictions. A named rule's
 * violation carries the rule's id (runInfo.rules). The certificate charges a failure of only these,
 * in a success received before a successesJudgedElsewhere case asked for its refusal, to the
 * responseShape line, as it does the shape: that content is coexistence's and start-sync's.
 */
export const CONTENT_CHECKS: readonly string[] = Object.freeze(['body-assertion', 'state-prediction']);

/** The disclosure the certificate gives a line of its own when it is all a case failed on. */
export const INTERNAL_ERROR_EXPOSED = 'internal-error-exposed';
