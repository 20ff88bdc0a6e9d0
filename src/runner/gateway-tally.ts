/**
 * Whether the target's upstream went down behind its front mid-run: a mock's process died behind
 * nginx, a live deploy went away behind its gateway. The front still answers, so the target guard
 * (transport/target-guard.ts) sees answers and never calls the target lost; every request after
 * gets the front's 502, 503 or 504, an HTML or plain-text page of its own, and every case fails on
 * it (not-a-server-error, 159 answers in 159 cases) with no line saying the one cause.
 *
 * The answers are the target's real answers, and each is judged as it ever was: verdicts and exit
 * codes stay. The run goes on sending too: a gateway error comes back at once, so, unlike a silent
 * target whose every request waits out --timeout, nothing is saved by stopping, and a front that
 * recovers (a restart behind it) has its later answers judged. This only finds the row, once, for
 * the reports' headline (report/run-warnings.ts: `upstream-down`), and, as it is found, for the
 * progress line a reader watching the run sees (suite/progress-reporter.ts), which says the API
 * answering again after it too: the headline, decided once every answer is in, stays the verdict.
 *
 * Not a gateway error: an answer in the contract's JSON error form (text/answer-form.ts), whatever
 * its status. That is the API speaking (a contract that documents a 503 with Retry-After answers
 * it so), judged by the checks, and it ends a row as any API answer does. Nor before the target
 * answered as the API at all: a run whose every answer is a front's page has the wrong base URL or
 * a front down from the start, which no-json-answer says (runner/answer-tally.ts).
 *
 * Fed every answer, as AnswerTally is (watch-answers.ts).
 */
import type { Exchange } from '../model';
import type { UpstreamDown } from '../report/run-warnings';
import { seenOf, type Seen } from './gateway-answer';

/**
 * Gateway errors in a row, after an answer as the API, that make the headline: the target guard's
 * LOST_AFTER, for the same reason. One or two are a flaky front (a pool member restarting, a
 * request that hit an upstream timeout) and each fails its own case; five in a row, with no API
 * answer between them, is a front with nothing behind it.
 */
export const UPSTREAM_DOWN_AFTER = 5;

/** "502 ×37, 504 ×2": most frequent first, equal counts by status. */
function ranked(statuses: ReadonlyMap<number, number>): string {
  return [...statuses]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([status, count]) => `${status} ×${count}`)
    .join(', ');
}

/** The earliest sent of a row's answers (the first answered of those sent in one millisecond), or undefined for none. */
function earliest(row: readonly Seen[]): Seen | undefined {
  return row.reduce<Seen | undefined>((first, seen) => (first === undefined || seen.startedAt < first.startedAt ? seen : first), undefined);
}

/**
 * How answers are taken: `as-answered`, in the order they come (a live or record run, whose
 * requests at --concurrency 1 are answered in the order sent, and whose stragglers at more are
 * told by when they were sent); `sent-order`, kept and taken in the order their requests were sent,
 * once every one is in (a replay: it plays the recorded cases in its own plan's order, which may
 * not be the recorded run's (a role's senders listed in another order), and a row found in the
 * order played named a request the recorded run sent after its row had begun).
 */
type GatewayTallyOrder = 'as-answered' | 'sent-order';

/** Finds the first row of UPSTREAM_DOWN_AFTER gateway errors after an answer as the API, and counts what came after it. */
export class GatewayTally {
  private answeredAsApi = false;
  /** The row in progress, as answered (at --concurrency not always as sent: its first is the earliest sent). */
  private row: Seen[] = [];
  /**
   * When the latest-sent answer that broke a row was sent: a gateway error to a request sent before
   * it (a straggler, answered late) was no part of a row after it, as it is none in the order sent.
   */
  private brokeAt: string | undefined;
  /** Where the row began, and when its first request was sent (stragglers are told by it). */
  private onset: (UpstreamDown['at'] & { startedAt: string; caseId: string }) | undefined;
  private firstForm = '';
  private readonly statuses = new Map<number, number>();
  private gatewayAnswers = 0;
  private apiAnswersAfter = 0;
  private readonly casesAfter = new Set<string>();
  /**
   * When each case's first request was sent, answered or not: a case begun before the row (a
   * sequence whose first step the API answered, a retry of an unanswered request, a request
   * answered 429 and sent again once the row had begun) is not counted as one judged on the
   * front's answers, though its later requests got them. With the exchange it was, the first
   * answered of those stamped alike: a case's requests are sent one after another (a sequence's
   * steps), so one of the row's first's case answered before it in its millisecond was sent before it.
   */
  private readonly firstSent = new Map<string, { sent: string; exchangeId: string }>();
  /** The row's statuses as it was found ("502 ×5"), for the progress line said then. */
  private rowStatuses = '';
  /** The first answer as the API to a request sent from the row's first on: the upstream back, maybe for a while. */
  private back: UpstreamDown['at'] | undefined;
  /** `sent-order`'s answers not yet taken. */
  private readonly kept: Seen[] = [];

  constructor(private readonly order: GatewayTallyOrder = 'as-answered') {}

  note(exchange: Exchange): void {
    const seen = seenOf(exchange);
    if (this.order === 'sent-order') this.kept.push(seen);
    else this.take(seen);
  }

  /** `sent-order`'s answers, taken in the order sent (a stable sort: a tie keeps the order played). */
  private settle(): void {
    if (this.kept.length === 0) return;
    const sorted = this.kept.splice(0).sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
    for (const seen of sorted) this.take(seen);
  }

  private take(seen: Seen): void {
    const begun = this.firstSent.get(seen.caseId);
    if (begun === undefined || seen.firstSentBy < begun.sent) this.firstSent.set(seen.caseId, { sent: seen.firstSentBy, exchangeId: seen.at.exchangeId });
    // No answer at all is the target guard's to judge; it neither starts nor ends a row.
    if (seen.kind === 'none') return;
    const gateway = seen.kind === 'gateway';
    // At --concurrency answers come back out of order, and a row is of the requests as sent (ISO
    // times, compared as text; a tie counts as after), as a replay finds it (`sent-order`): its
    // first is the earliest sent, not the first answered, and an answer to one sent before it (a
    // slow one, answered before the front went down) says nothing of the front since.
    if (this.onset !== undefined) {
      if (!gateway && seen.startedAt < this.onset.startedAt) return;
      this.casesAfter.add(seen.caseId);
      if (gateway) this.countGateway(seen);
      else if (seen.kind === 'api') {
        this.apiAnswersAfter += 1;
        this.back ??= seen.at;
      }
      return;
    }
    if (!gateway) {
      // Any other answer breaks a row (a front that answers other than with its gateway error has
      // something behind it, or is not in front of one), but only the API's own starts the watch.
      if (seen.kind === 'api') this.answeredAsApi = true;
      // It breaks the row at its place in the order sent: those sent after it stay a row's start.
      if (this.brokeAt === undefined || seen.startedAt > this.brokeAt) this.brokeAt = seen.startedAt;
      this.row = this.row.filter((inRow) => inRow.startedAt > seen.startedAt);
      return;
    }
    if (!this.answeredAsApi || (this.brokeAt !== undefined && seen.startedAt < this.brokeAt)) return;
    this.row.push(seen);
    if (this.row.length < UPSTREAM_DOWN_AFTER) return;
    const first = earliest(this.row);
    if (first === undefined) return;
    this.onset = { ...first.at, startedAt: first.startedAt, caseId: first.caseId };
    this.firstForm = first.form;
    for (const inRow of this.row) {
      this.casesAfter.add(inRow.caseId);
      this.countGateway(inRow);
    }
    this.rowStatuses = ranked(this.statuses);
    this.row = [];
  }

  /**
   * The row as it was found, at once, for the progress line (suite/progress-reporter.ts): not the
   * verdict on it, which upstreamDown gives once every answer is in (the API may come back). None
   * in `sent-order`, which finds it only once every answer is in: what it found in the order played
   * would not be what the recorded run saw.
   */
  rowFound(): Pick<UpstreamDown, 'at' | 'after' | 'statuses' | 'form'> | undefined {
    if (this.order === 'sent-order' || this.onset === undefined) return undefined;
    const { startedAt: _sent, caseId: _case, ...at } = this.onset;
    return { at, after: UPSTREAM_DOWN_AFTER, statuses: this.rowStatuses, form: this.firstForm };
  }

  /** The request whose answer was the first as the API after the row began, once there was one (as rowFound, none in `sent-order`). */
  apiBackAt(): UpstreamDown['at'] | undefined {
    return this.order === 'sent-order' ? undefined : this.back;
  }

  private countGateway(seen: Seen): void {
    const status = seen.status;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    this.gatewayAnswers += 1;
  }

  /**
   * The row, once it was seen; else undefined. Not when the API answered more often than the front
   * after the row began: that was a burst, not an upstream gone (nginx's limit_req answers its own
   * 503 page at --concurrency 8, a pool member restarts), and its few cases fail on their own lines;
   * "failures are likely this one cause" would overstate it.
   */
  upstreamDown(): UpstreamDown | undefined {
    this.settle();
    if (this.onset === undefined || this.apiAnswersAfter > this.gatewayAnswers) return undefined;
    const { startedAt: rowStart, caseId: rowCase, ...at } = this.onset;
    // A tie in the clock's millisecond counts as begun after, as it counts in the row; but not the
    // row's first's own case when another of its requests was first in that millisecond (firstSent).
    const begunAfter = [...this.casesAfter].filter((caseId) => {
      const first = this.firstSent.get(caseId);
      if (first === undefined || first.sent > rowStart) return true;
      return first.sent === rowStart && (caseId !== rowCase || first.exchangeId === at.exchangeId);
    });
    return {
      at,
      after: UPSTREAM_DOWN_AFTER,
      statuses: ranked(this.statuses),
      form: this.firstForm,
      gatewayAnswers: this.gatewayAnswers,
      apiAnswersAfter: this.apiAnswersAfter,
      casesAfter: begunAfter.length,
    };
  }
}
