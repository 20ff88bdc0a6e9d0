/**
 * Which reading of "404 where 401 was due" the run shows. One answer cannot tell a target that looks
 * the sender up before authenticating from one that does not authenticate at all: both answer an id
 * no sender has 404 without valid credentials, so the case's story names both
 * (checks/support/status-story.ts `LOOKUP_OR_NO_AUTH`); a documented 400 refusal where 401 was due
 * reads two ways alike, the sender checked before authenticating or no authentication
 * (`CHECKED_OR_NO_AUTH`), and is read the same way (`twoReadingsIn`, in the noun the story names). The run's other answers can: a 401 to a
 * request sent with the same credentials (none, or the same wrong ones) shows the target
 * authenticates them (after the lookup, then); none, and such a request served 2xx (JSON: a page in the
 * API's place serves nothing, checks/support/not-the-api.ts), shows it does not. Once every case has run, each story of both readings is given the one the run shows, naming
 * the exchange that shows it, so the author can compare; a run that saw neither (a scoped or sharded
 * run with no other such request) keeps both.
 *
 * Fed every answer of the cases, as RouteTally is (watch-answers.ts), a replay's too: its answers
 * are the recorded run's, and so is what they show.
 */
import type { AuthVariant, CaseResult, Exchange, ReadingEvidence, Violation } from '../model';
import { boundedViolation, VIOLATION_TEXT_LIMITS } from '../checks/run-checks';
import { headOf } from '../text/plain-text';
import { isSuccessStatus, KEY_FORMS } from '../model/http';
import { caseOfExchange } from '../model/exchange-id';
import { authenticatedAfter, authNotEnforced, twoReadingsIn, type Reading, type TwoReadings } from '../checks/support/status-story';
import { notJsonAnswer } from '../checks/support/not-the-api';
import type { AnswerWatcher } from './watch-answers';

/**
 * Credentials whose answer shows nothing of whether the target authenticates: the key as documented
 * (and the other project's own), and forms of it a target may defensibly accept (a lower-case scheme,
 * spaces around the token). Every other variant is no valid credential: its 401 is authentication
 * at work, its 2xx authentication not done, save a changed form of the key (model/http.ts KEY_FORMS).
 */
const SHOWS_NOTHING: ReadonlySet<AuthVariant> = new Set<AuthVariant>(['valid', 'other-project-key', 'lowercase-bearer', 'extra-spaces']);

/** A router's answers to a route it does not serve (runner/route-tally.ts): no sign the operation's own handler ran. */
const NOT_SERVED: ReadonlySet<number> = new Set([404, 405, 501]);

/** What the plan says an exchange id sent: its operation, and the credentials (absent for an id the plan does not name as a step). */
export interface SentAs {
  operationId: string;
  auth?: AuthVariant;
}

export class AuthOrder implements AnswerWatcher {
  /**
   * The first exchange id refused 401, by credentials sent (a variant that is no valid credential)
   * and operation, and by credentials alone for the run. Keyed by the credentials: a mock that takes
   * any token for a project of its own refuses none (404 to every sender that project lacks) while it
   * refuses a request without credentials 401; only a 401 to the same credentials shows the 404 came
   * from a lookup before an authentication that would have refused them. The first two: --repeat
   * sends one exchange id each time, and the 404's own request refused on another repeat (a flaky
   * target) is no other answer, so the next is named in its place.
   */
  private readonly refused = new Map<string, string[]>();
  /** Likewise for one served (2xx). */
  private readonly served = new Map<string, string[]>();
  /**
   * The operations some answer of which, with any credentials, was other than a router's 404: only
   * their 404 is read by another operation's answers. A route not served (a mock half-written) answers
   * everything 404, and the read's 401 says nothing of how its handler, which does not exist, checks.
   */
  private readonly routed = new Set<string>();

  /** `sentAs`: what the plan says an exchange id sent (a step may be of another operation than its case's). */
  constructor(private readonly sentAs: (exchangeId: string) => SentAs | undefined) {}

  note(exchange: Exchange): void {
    const status = exchange.response?.status;
    const operation = this.sentAs(exchange.id)?.operationId;
    if (status !== undefined && !NOT_SERVED.has(status) && operation !== undefined) this.routed.add(operation);
    const auth = exchange.request.authVariant;
    if (SHOWS_NOTHING.has(auth)) return;
    // A changed form of the key served is the key read leniently ("Token <key>" taken for it), not
    // authentication off; refused 401, it still shows the target authenticates that form.
    // Nor is a 2xx that is not JSON (a site's page, a router's fallback) the API serving anything,
    // nor an OPTIONS probe's: a CORS preflight carries no credentials by design, and is answered so.
    const served = isSuccessStatus(status) && !KEY_FORMS.has(auth) && exchange.request.method !== 'OPTIONS' && exchange.response !== undefined && notJsonAnswer(exchange.request.method, exchange.response) === undefined;
    const seen = status === 401 ? this.refused : served ? this.served : undefined;
    if (seen === undefined) return;
    // One key per operation and credentials, and per credentials: bounded by the plan, however many answers.
    for (const key of [...(operation === undefined ? [] : [keyOf(auth, operation)]), keyOf(auth)]) {
      const ids = seen.get(key) ?? [];
      if (ids.length < 2 && !ids.includes(exchange.id)) seen.set(key, [...ids, exchange.id]);
    }
  }

  /**
   * The reading of `story` for an answer to `sent`: its own operation's answers first (a target may
   * authenticate one route and not another), then the run's when its route is served; undefined
   * when the run shows neither.
   */
  private reading(story: TwoReadings, sent: SentAs, exchangeId: string): Reading | undefined {
    const auth = sent.auth;
    if (auth === undefined || SHOWS_NOTHING.has(auth)) return undefined;
    const sentSo = auth === 'none' ? 'without credentials' : 'with these credentials';
    const other = (seen: Map<string, string[]>, key: string): string | undefined => seen.get(key)?.find((id) => id !== exchangeId);
    const own = other(this.refused, keyOf(auth, sent.operationId));
    if (own !== undefined) return authenticatedAfter(story, own, sentSo);
    const served = other(this.served, keyOf(auth, sent.operationId));
    // "No request was refused": the story's own counts here, refused on another repeat.
    if (served !== undefined) return authNotEnforced(served, sentSo, !this.refused.has(keyOf(auth)));
    if (!this.routed.has(sent.operationId)) return undefined;
    const refused = other(this.refused, keyOf(auth));
    if (refused !== undefined) return authenticatedAfter(story, refused, sentSo, true);
    const servedAny = other(this.served, keyOf(auth));
    return servedAny === undefined ? undefined : authNotEnforced(servedAny, sentSo, !this.refused.has(keyOf(auth)), 'another');
  }

  /** `result` with each story of both readings given the one the run shows (the same object when none changes). */
  refine(result: CaseResult): CaseResult {
    if (!result.violations.some((violation) => storyOf(violation) !== undefined)) return result;
    const violations = result.violations.map((violation): Violation => {
      const story = storyOf(violation);
      if (story === undefined) return violation;
      const exchangeId = violation.step === undefined ? result.id : `${result.id}#${violation.step}`;
      const sent = this.sentAs(exchangeId);
      const reading = sent === undefined ? undefined : this.reading(story, sent, exchangeId);
      // split/join: an exchange id may hold "$&", which replace() would read as a pattern.
      return reading === undefined ? violation : withReading(violation, violation.message.split(story.both).join(reading.text), reading.shownBy);
    });
    return { ...result, violations };
  }
}

/**
 * The characters a refined message keeps for its evidence's words when it is cut: every reading's
 * words (an exchange id excerpted to 160 characters, its own text around it) are fewer.
 */
const EVIDENCE_CHARS = 500;

/**
 * `violation` with its refined `message`, bounded again as the checks bound every message
 * (run-checks.ts; 2,000 characters, then "… (N chars)", N the whole message's length): the reading
 * is longer than the story of both, and a message near the bound went past it. The evidence as a
 * field too (the failure digest sets it aside by that, not by reading the message).
 *
 * Cut past the bound, the rest of the message is cut as if the words were EVIDENCE_CHARS long,
 * whatever their length: cut at the bound, the exchange's id (its length) would move the cut, and
 * one reading shown by two exchanges would keep two tails ("…sender ids can be en", "…sender ids
 * ca"), or the words of one and half those of the other, which the failure digest counts as two faults.
 * The words are kept whole or not at all, and the field only with them: one naming words no
 * message has is a field the digest would have to guess around.
 */
function withReading(violation: Violation, message: string, shownBy: ReadingEvidence): Violation {
  const bounded = boundedViolation({ ...violation, message });
  if (bounded.message === message) return { ...bounded, shownBy };
  const at = message.indexOf(shownBy.words);
  if (at < 0) return bounded;
  const rest = `${message.slice(0, at)}${message.slice(at + shownBy.words.length)}`;
  const keep = VIOLATION_TEXT_LIMITS.message - Math.max(EVIDENCE_CHARS, shownBy.words.length);
  // Longer than `keep` (the message was past the bound), so cut, as cutWithSize cuts, the whole message's length said.
  const kept = headOf(rest, keep);
  const cut = `… (${message.length} chars)`;
  return at < kept.length ? { ...bounded, message: `${kept.slice(0, at)}${shownBy.words}${kept.slice(at)}${cut}`, shownBy } : { ...bounded, message: `${kept}${cut}` };
}

/** The key of the first exchange of a kind: per credentials and operation, or per credentials for the run. */
function keyOf(auth: AuthVariant, operationId = ''): string {
  return `${auth} ${operationId}`;
}

/** The story of two readings `violation` tells, if any. */
function storyOf(violation: Violation): TwoReadings | undefined {
  if (violation.check !== 'status-code-expected') return undefined;
  // In the noun the story names (the operation's path parameter's): operations are data.
  return twoReadingsIn(violation.message);
}

/** A planned step as sentAs reads it. */
interface PlannedSending {
  operationId: string;
  steps: readonly { id: string; operationId: string; auth: AuthVariant }[];
}

/**
 * What an exchange id sent, by the plan: its step's operation and credentials (a concurrent copy's
 * "@n" dropped; a single request's one step), else its case's operation alone.
 */
export function planSentAs(cases: ReadonlyMap<string, PlannedSending>): (exchangeId: string) => SentAs | undefined {
  return (exchangeId) => {
    const { caseId, step } = caseOfExchange(exchangeId);
    const planned = cases.get(caseId);
    if (planned === undefined) return undefined;
    const stepId = step?.split('@')[0];
    const sent = step === undefined ? (planned.steps.length === 1 ? planned.steps[0] : undefined) : planned.steps.find((s) => s.id === stepId);
    return sent === undefined ? { operationId: planned.operationId } : { operationId: sent.operationId, auth: sent.auth };
  };
}
