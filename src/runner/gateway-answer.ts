/**
 * What one answer is to the gateway tally (gateway-tally.ts): a front's gateway error, the API's
 * own answer, another answer or none; and what the tally keeps of it, which is not its body.
 */
import type { Exchange } from '../model';
import { caseOfExchange } from '../model/exchange-id';
import type { UpstreamDown } from '../report/run-warnings';
import { jsonObjectBody, parseJsonBody } from '../checks/support/parsed-body';
import { answerForm, CONTRACT_ERROR_FORM } from '../text/answer-form';

/** What a proxy, load balancer or gateway answers when what is behind it failed, refused or timed out. */
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * A front's gateway error's form in the suite's words (answer-form.ts: bounded and inert), or
 * undefined for an answer that is none: not a 502, 503 or 504, or one in the contract's error form
 * (the API's own).
 */
function gatewayForm(exchange: Exchange): string | undefined {
  const response = exchange.response;
  if (response === undefined || !GATEWAY_STATUSES.has(response.status)) return undefined;
  const parsed = parseJsonBody(response);
  const form = answerForm(response.headers['content-type'], response.bodyText, parsed.ok ? parsed.value : undefined);
  return form.key === CONTRACT_ERROR_FORM ? undefined : form.words;
}

/**
 * Whether an answer is the API's own: a body of JSON, an object or an array, whatever its status
 * (the contract's error form, a sender, a list). Not any answer that is no gateway error: an edge's
 * HTML 404 page for a path it does not route, or a front's plain-text 429, come from a front that
 * may have had nothing behind it from the start, and a row after one alone is no-json-answer's to
 * say (a wrong base URL), not an upstream that went down mid-run.
 */
function apiAnswer(exchange: Exchange): boolean {
  return exchange.response !== undefined && jsonObjectBody(exchange.response);
}

/** What the tally keeps of an answer: what its rules read, not the answer's body. */
export interface Seen {
  /** The request, as the suite sent it. */
  at: UpstreamDown['at'];
  caseId: string;
  startedAt: string;
  /** When the request was first sent, at the latest: before the 429s retried (firstSentBy), else startedAt. */
  firstSentBy: string;
  /** A gateway error, the API's own answer, another answer, or none at all (the target guard's). */
  kind: 'gateway' | 'api' | 'other' | 'none';
  status: number;
  /**
   * A gateway error's form in the suite's words, for the row's first to be said; '' for any other
   * answer. Kept with the answer, not by its exchange id, which --repeat sends once a pass.
   */
  form: string;
}

/**
 * The latest the exchange's request can first have been sent: an exchange retried after 429s
 * (transport/retry-on-429.ts) is its last attempt's, sent once the waits were over, so its first
 * was sent at least their sum before (the earlier attempts' own times unknown, each 0 or more). A
 * wait the case's stop cut short was followed by no attempt, so it is not counted. A time that
 * is not one (a hand-edited recording) is left as it is.
 */
function firstSentBy(exchange: Exchange): string {
  const waited = (exchange.retries ?? []).reduce((sum, retry) => (retry.stopped === true ? sum : sum + retry.waitedMs), 0);
  const sent = Date.parse(exchange.startedAt);
  return waited === 0 || !Number.isFinite(sent) ? exchange.startedAt : new Date(sent - waited).toISOString();
}

export function seenOf(exchange: Exchange): Seen {
  const at = { method: exchange.request.method, path: exchange.request.path, exchangeId: exchange.id };
  const gateway = gatewayForm(exchange);
  const kind = exchange.response === undefined ? 'none' : gateway !== undefined ? 'gateway' : apiAnswer(exchange) ? 'api' : 'other';
  return { at, caseId: caseOfExchange(exchange.id).caseId, startedAt: exchange.startedAt, firstSentBy: firstSentBy(exchange), kind, status: exchange.response?.status ?? 0, form: gateway ?? '' };
}
