/**
 * A scenario is a row of data: what to send, and what the contract says must come back. Rows live
 * in operations/<operationId>/scenarios.json; roles, families and rules they name are declared in
 * data too (fixtures/*.json, operations/families.json, operations/rules.json) and checked at load.
 */
import type { AuthVariant } from './http';

/** A JSON-pointer assertion on a response body: rules as data. */
export interface BodyAssertion {
  /** JSON Pointer into the body, e.g. "/sync/isCoexistence". */
  pointer: string;
  equals?: unknown;
  oneOf?: unknown[];
  /** true: the pointer must resolve; false: it must not. */
  present?: boolean;
  /** The JSON type of the value there ("null" for null, "array", "object", …). */
  type?: 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';
  /** Only while the value at this other pointer is one of these (e.g. a part's status pending or syncing). */
  when?: { pointer: string; oneOf: unknown[] };
  /** Judged only when the pointer resolves: an optional field left out claims nothing. */
  ifPresent?: boolean;
  /**
   * An RFC 3339 date-time there must be no later than the time it was answered (the answer's own
   * Date header, else the suite's clock, as for nearResponseDate), give or take this many
   * milliseconds: a time recorded by the server is not in its future. Other values claim nothing.
   */
  notAfterAnswer?: number;
  /** An RFC 3339 date-time there must not precede the one at this other pointer (by more than five minutes: two clocks may report them). */
  notBefore?: string;
  /** An RFC 3339 date-time there must not follow the one at this other pointer (by more than five minutes: two clocks may report them). */
  notAfter?: string;
}

/**
 * How far the suite's clock may be from another machine's and both still be right: NTP keeps hosts
 * within seconds, a front's clock within minutes, and a zone's offset is an hour at the least. Where
 * the suite's clock stands in for a server's (no Date header to read, or one this far off), a time is
 * judged within this much of it, so a CI runner whose clock drifted never fails a right server; and
 * runs of one history store, stamped by the clocks of the CI machines that ran them, are no further
 * apart than this to be told apart by their stamps alone (history-window's orderKeys).
 */
export const SUITE_CLOCK_SKEW_MS = 1_800_000;

/** An assertion ready to judge: which check reports it, how severe, and why. */
export interface ResolvedAssertion extends BodyAssertion {
  /**
   * The value there must be an RFC 3339 date-time naming the same instant as this one, in any
   * spelling (offset, fractional seconds, letter case): what a model predicts a timestamp to be.
   */
  sameInstant?: string;
  /**
   * With sameInstant: give or take this many milliseconds. One request timed by two clocks (the
   * API host's in its answer, the database's DEFAULT now() in the row a read shows) is one instant.
   */
  sameInstantWithinMs?: number;
  /**
   * The value there must be an RFC 3339 date-time within this many milliseconds of the answer's own
   * `Date` header (the server's clock as it answered, recorded with the exchange, so a replay judges
   * it alike). Without a usable Date header, or with one more than 30 minutes from the suite's clock
   * (one of the two is wrong), it is compared with the suite's clock as it sent the request, within
   * 30 minutes. Not judged when the
   * value is no date-time (the schema's finding).
   */
  nearResponseDate?: number;
  /**
   * The value there must be an RFC 3339 date-time no earlier than this instant (RFC 3339, the
   * tolerance already taken off by the model): what a model knows the value cannot precede, as a
   * start's requestedAt cannot precede the read before it that showed the sync not yet requested.
   * Not judged when the value is no date-time (the schema's finding).
   */
  notBeforeInstant?: string;
  /**
   * The value there must be an object with exactly these property names, in any order: what a model
   * predicts when one answer must not be told apart from another by what it carries.
   */
  sameKeys?: string[];
  /**
   * With sameKeys: names set aside on both sides before the comparison, every name that names a
   * request or its trace (text/request-id-name.ts: a tracer's sampled `traceId` is on one answer
   * and not the next) while its value is an id's (a string, a number, null; an object under
   * `request` may carry what was found), and these (`besides`: compared by an assertion of their
   * own). With sameKeys empty, nothing there reads as an object holding only such ids (a tracer's
   * sample puts one there or not), and `nothing` says how the answer predicted from showed nothing
   * when it held not even those: left out (`absent`) or `{}` (`empty`), the other form a member on
   * one answer and not on the other, which tells them apart.
   */
  sameKeysAside?: { besides: string[]; nothing?: 'absent' | 'empty' };
  /**
   * The value there must be a string that reads as this one once compared (text/comparable-message:
   * the id each request asked for, times and request ids set aside): what a model predicts when
   * one answer's words must not tell it apart from another's.
   */
  sameText?: string;
  /**
   * The answer must have this form (text/answer-form.ts: the contract's JSON error, else the media
   * type sent in its place, or no body), JSON or not: what a model predicts when one answer must not
   * be told apart from another by its form, a router's page to one and the API's error to the other.
   * Judged on the whole answer (its pointer is ""), before and whatever the body parses to.
   */
  sameForm?: { key: string; words: string };
  /** A named rule's id, "body-assertion" for inline ones, "state-prediction" for a model's. */
  check: string;
  because: string;
  /** Only when the response has this status. */
  whenStatus?: number;
  /** A breach of it is a warning, not a failure: a comparison a conformant server may lose for a reason of its own. */
  severity?: 'warning';
  /** With severity warning: an error all the same while the value at this other pointer is one of these (the reason of its own ruled out). */
  errorWhen?: { pointer: string; oneOf: unknown[] };
}

/** An expectation with everything resolved: the status known, named rules and predictions turned into assertions. */
export interface ResolvedExpectation {
  status: number;
  alsoAccept?: number[];
  warnOn?: number[];
  /**
   * The request may match no documented operation (an empty path value, or a raw one that leaves
   * its segment): any 4xx is then a correct answer, and its body is a router's, not the contract's.
   */
  anyClientError?: boolean;
  /**
   * The status is bound (a model's prediction), but the answer it was predicted from was a
   * router's, not the contract's (a 4xx not in the contract's error shape, accepted as any 4xx):
   * the same status is expected, and its body is not judged either.
   */
  routerAnswer?: boolean;
  /** See Expectation.redirectToSame; kept when a model binds the status. */
  redirectToSame?: boolean;
  /**
   * A 401's WWW-Authenticate must read as this (the unknown id's, made comparable by
   * text/comparable-challenge.ts: realm, scope and error as sent, a scope's tokens in any order, but
   * for the id asked for, UUIDs, times, long ids with a digit and the host, region, pod or counter
   * that answered, other values set aside; empty for none): a model's prediction.
   */
  sameChallenge?: string;
  because: string;
  examples?: string[];
  /**
   * The examples are every refusal the state read just before allows (a model's prediction, not a
   * scenario's list): another documented example, said word for word, names a reason that state
   * rules out (error-message-documented fails it, where it only warns of a wording of the server's own).
   */
  examplesFromState?: true;
  assert: ResolvedAssertion[];
}

/** A named rule (operations/rules.json): assertions on the body, checked when a scenario lists it. */
export interface RuleDefinition {
  id: string;
  description: string;
  /** Asserted only when the response has this status (default: any status the expectation accepts). */
  whenStatus?: number;
  assert: BodyAssertion[];
  /** Why, in words a reviewer reads when the rule is broken. */
  because: string;
  /** A breach is a warning, not a failure: what the contract's words suggest and its schema does not require. */
  severity?: 'warning';
}

/** A role of a fixture file (fixtures/<resource>.json): where its values come from. */
export interface FixtureRole {
  description: string;
  /** The environment variable a live run reads it from. */
  env?: string;
  /** A comma-separated list: a scenario over it becomes one case per value. */
  many?: boolean;
  /** The only role a write may be sent to on a live target. */
  writable?: boolean;
  /** A sender the key must not see: no spelling of its id may be answered 200 (the negative property). */
  hidden?: boolean;
  /**
   * A variable that, set to 1 (true, yes), makes this role writable too: consent given per fixture
   * for a sender whose writes a broken target would apply to someone else's data.
   */
  writableWhen?: string;
  /** Value(s) on the embedded reference server. */
  seeded?: string | string[];
  /** Prefix of a fresh random value each run, when the variable is not set. */
  generated?: string;
  /** Roles whose values a generated one is shaped like (see registry/shaped-id.ts), when one has room for randomness. */
  shapeOf?: string[];
  /** The first configured of these roles. */
  firstOf?: string[];
}

/** A family of scenarios (operations/families.json). */
export interface FamilyDefinition {
  id: string;
  title: string;
  core: boolean;
  /** The successes (2xx) its cases receive are other families' content (FamilyInfo.successesJudgedElsewhere). */
  successesJudgedElsewhere?: boolean;
  /** Judges credentials (the 401s): FamilyInfo.judgesCredentials. */
  judgesCredentials?: boolean;
}

/** What the contract says must come back from one request. */
export interface Expectation {
  /** The expected status; absent only when `predict` derives it from observed state. */
  status?: number;
  /** Other statuses that are just as conformant (e.g. 400 for a malformed id where 404 is expected). */
  alsoAccept?: number[];
  /**
   * The status each sender the case may be bound to must get, by role: for a row whose path role
   * takes the first configured of several (`any`), the valid key spelt otherwise gets that sender's
   * own answer (a coexistence sender's 200, the unknown id's 404). The planner puts the bound
   * role's status in place of `status` and `alsoAccept` when it knows the role (PlannedCase.boundAs);
   * when it does not (a replay of a recording made before the role was kept), `status` and
   * `alsoAccept` are judged as written: any of these statuses.
   */
  statusByRole?: Record<string, number>;
  /** Statuses that are correct HTTP but not the contract's answer (414, 431, a case-insensitive scheme): warnings. */
  warnOn?: number[];
  /**
   * The request may reach no route (a path written otherwise than the router matches it): any 4xx
   * is then as correct as the status, and its body a router's, not the contract's.
   */
  anyClientError?: boolean;
  /**
   * The path is another spelling of the documented one (a trailing slash, a dot segment, a letter
   * percent-encoded): a redirect to the same resource, on the same origin with the same query
   * (Starlette's trailing-slash redirect, Go's ServeMux cleaning a path), is a router's answer as
   * good as its 4xx: a client that follows it meets the operation's own authentication.
   */
  redirectToSame?: boolean;
  /** Why that status, in words a reviewer reads when it is not met. */
  because?: string;
  /** Named rules (operations/rules.json). */
  rules?: string[];
  /** Names of documented examples the body should match (a warning when it does not), e.g. ["no_waba"]. */
  examples?: string[];
  /** Inline assertions on the body. */
  assert?: BodyAssertion[];
  /**
   * A model in code predicts the expectation from what an earlier step observed (src/model-based).
   * `refusal`: the row's fixture is a state the model refuses (a not-active account), so a skip of
   * it keeps no success as its expected status (runner/execute-case sequenceSuccess); the model
   * still judges the answer as the read before it predicts.
   */
  predict?: { model: string; from?: string; part?: string; refusal?: true };
}

/** One request of a scenario. */
export interface ScenarioStep {
  /** Unique within the scenario; reports name a failing step by it. */
  id: string;
  /** Defaults to the scenario's own operation. */
  operation?: string;
  /**
   * A read of another fixture than the scenario's (a witness): path parameter → role, bound to a
   * value of that role that no write goes to. Only a read may name one: writes go to the
   * scenario's own fixture, which the write-safety rules judge.
   */
  path?: Record<string, string>;
  auth: AuthVariant;
  expect: Expectation;
  /**
   * A query string the request carries ("zvc=1", no "?"): the operations take no query parameters,
   * so it names the same operation, and must not change who may call it.
   */
  query?: string;
  /**
   * The step's operation's path written otherwise, the same URI by RFC 3986 §6.2.2.2
   * ("/v1/%73enders/{senderId}/whatsapp-sync": an unreserved character percent-encoded): a server
   * may route it or not, but must not let it past authentication.
   */
  pathTemplate?: string;
  /**
   * "HEAD": the step's GET sent as HEAD, the same request without the body of its answer (RFC 9110
   * §9.3.2): a server must not let it past authentication, nor tell by its status what the GET
   * would not. On a write operation's step, as GET, a method its path does not document: it must
   * be refused and change nothing (HEAD is safe, RFC 9110 §9.2.1: a link checker or a monitor
   * sends it). Its answer has no body, so only the checks of its status and transport judge it.
   * "GET": a write operation's path asked with GET, a method it does not document: it must be
   * refused, and change nothing (GET is safe, RFC 9110 §9.2.1: a prefetcher or a crawler sends it).
   * "OPTIONS": the path asked with OPTIONS, as a browser's CORS preflight does, without credentials:
   * answered as the server likes (a preflight's 204, a 405), and it must change nothing (OPTIONS is
   * safe, RFC 9110 §9.3.7). Like HEAD's, its answer is judged by the checks of its status and transport.
   */
  method?: 'HEAD' | 'GET' | 'OPTIONS';
  /**
   * Sends the step's request this many times at once (2..MAX_CONCURRENT), not one after another: a
   * server that checks "is it in flight?" and then marks it pending, with an await in between,
   * accepts every copy. The answers are judged as a set (checks/concurrent-answers): when the step
   * predicts a 202, exactly one copy is accepted and the others refused as the part now in flight
   * is; each answer is also judged by every check, as any other.
   */
  concurrent?: number;
}

/** The bounds of ScenarioStep.concurrent (schemas/scenarios.schema.json says the same). */
export const MIN_CONCURRENT = 2;
export const MAX_CONCURRENT = 4;

export interface Scenario {
  id: string;
  description: string;
  /** Declared in operations/families.json. */
  family: string;
  /**
   * Path parameter → fixture role. A role may name several fixtures (coexistence): the scenario
   * then becomes one case per fixture, "id[fixture]".
   */
  path?: Record<string, string>;
  /** Negative inputs: generated hostile values of this path parameter (property-based). */
  fuzz?: string;
  /** A single request … */
  auth?: AuthVariant;
  expect?: Expectation;
  /** … or a sequence of steps on the same fixture; later steps may predict from earlier ones. */
  steps?: ScenarioStep[];
}

/** How a step writes its request otherwise than its operation's plain form: read by the planner, the request builder and the checks alike. */
export type WrittenRequest = Pick<ScenarioStep, 'query' | 'pathTemplate' | 'method'>;

/** A step bound to its operation, ready to send with its case's path values (and written as its scenario step says). */
export interface PlannedStep extends WrittenRequest {
  id: string;
  operationId: string;
  auth: AuthVariant;
  expect: Expectation;
  /** The step's own path values (a witness read), over the case's. */
  params?: Record<string, string>;
  /** See ScenarioStep.concurrent. */
  concurrent?: number;
  /**
   * The step's status is the one Expectation.statusByRole gives the role its case's `parameter`
   * was bound to (the planner narrowed it): what its result says it was judged against.
   */
  boundStatus?: { parameter: string; role: string };
}

/** A scenario bound to concrete fixtures, or skipped with a reason. */
export interface PlannedCase {
  /** "operationId/scenarioId", plus "[fixture]" when a role expands over several fixtures. */
  id: string;
  operationId: string;
  scenario: Scenario;
  /** Path parameter → concrete value (empty for the fuzzed parameter). */
  params: Record<string, string>;
  /**
   * Path parameter → the role its value came from, for a parameter whose role takes the first
   * configured of several (`any` → `coexistence`, or `unknown` when no sender is configured).
   * Kept in a recording (`_zavu.boundAs`); absent in a replay of one made before it was.
   */
  boundAs?: Record<string, string>;
  /** One step for a single-request row. */
  steps: PlannedStep[];
  /** True when a step may change the target (its method is not GET or HEAD). */
  writes: boolean;
  skipReason?: string;
}
