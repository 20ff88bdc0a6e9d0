/**
 * Whether the target looks like a Zavu API at all. Every answer of this API is JSON (each status
 * the contract documents has a JSON body, and so do the refusals of a router in front of it), so
 * a run whose every answer is something else (a gateway's empty 404, a web site's index.html for
 * any path, a login page's redirect) most likely has the wrong --base-url: a path prefix left
 * out, the site's host in place of the API's. Its cases fail on it one by one, each rightly, and
 * the verdict stands; the run's warning (report/run-warnings.ts) says the likely cause once, so
 * the reviewer of forty failures is not left to work it out from them.
 *
 * Fed by a transport wrapper (watch-answers.ts) rather than a check: it is a finding about the run,
 * not about any one answer, and it needs every answer the run got, the negative property's too.
 */
import type { Exchange } from '../model';
import { jsonObjectBody } from '../checks/support/parsed-body';
import { labelledJson } from '../checks/content-type';

/** Answers, none JSON, before the run says so: fewer is too little to tell a wrong root from a few odd refusals. */
export const NO_JSON_AFTER = 3;

/** What the warning shows of the answers: how many, their statuses, and the first answer's media type. */
export interface NonJsonAnswers {
  answers: number;
  /** "status 404 ×31, 405 ×2", most frequent first, at most three; the rest counted as "…". */
  statuses: string;
  /** The first answer's media type when it reads as one (`text/html`), "no Content-Type", or "another Content-Type" (a target's text is not shown). */
  firstType: string;
  /**
   * The one origin the answers redirected to, when most were a 3xx with an absolute Location there
   * and none named another: a host that moved, or sends http:// to https:// (most, not all: a front
   * before it answers an oversized header 431 itself). Only the origin (URL-parsed, no path or
   * user-info), as the target sent it: the engine scrubs the run's keys out, then cuts and escapes it.
   */
  redirectedTo?: string;
}

/**
 * The other origin an absolute Location names; undefined for a relative one, one naming the target's
 * own origin (a framework's slash-appending redirect is often absolute: "give that origin" would name
 * the base URL's), one that does not parse, or one past any host's length.
 */
function locationOrigin(location: string | undefined, targetOrigin: string): string | undefined {
  if (location === undefined || !/^[a-z][a-z0-9+.-]*:\/\//i.test(location.trim())) return undefined;
  try {
    const origin = new URL(location.trim()).origin;
    return origin === 'null' || origin === targetOrigin || origin.length > 300 ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** A media type as the warning may show it: a plain type/subtype, short; anything else a target sent is not repeated. */
function shownType(header: string | undefined): string {
  if (header === undefined || header.trim() === '') return 'no Content-Type';
  const essence = (header.split(/[;,]/)[0] ?? '').trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]{1,40}\/[a-z0-9!#$&^_.+-]{1,40}$/.test(essence) ? `Content-Type ${essence}` : 'another Content-Type';
}

/**
 * Whether an answer says anything of the target's media type: not a HEAD's nor a 204's or 304's,
 * which carry no body (RFC 9112 §6.3), nor an OPTIONS probe's, whose answer is the server's and not
 * the operation's (execute-case.ts judges neither's body). A conformant API labels none of them
 * JSON, so a run of DELETEs answered 204, or of probes alone, would otherwise read as a wrong root.
 */
function carriesOperationBody(exchange: Exchange): boolean {
  const method = exchange.request.method;
  const status = exchange.response?.status;
  return method !== 'HEAD' && method !== 'OPTIONS' && status !== 204 && status !== 304;
}

/** Counts the answers a run got, and whether any was JSON (labelled so, or a JSON object or array labelled otherwise). Shared by the cases' and the property's transports. */
export class AnswerTally {
  private answers = 0;
  private json = false;
  private readonly statuses = new Map<number, number>();
  private firstType: string | undefined;
  /** The redirects' one origin so far; null once a redirect named another. */
  private redirectedTo: string | undefined | null;
  private redirects = 0;
  private readonly targetOrigin: string;

  /** `baseUrl`: the run's target, whose own origin a Location naming it is not another. */
  constructor(baseUrl: string) {
    this.targetOrigin = new URL(baseUrl).origin;
  }

  note(exchange: Exchange): void {
    const response = exchange.response;
    if (response === undefined || this.json) return;
    const header = response.headers['content-type'];
    // JSON labelled otherwise counts too: an API that labels its JSON text/plain or text/html (a
    // framework's default for a string it was handed) is the right target, mislabelled, and each
    // case fails content-type for it; "is the base URL the API's root?" above that sent a reviewer
    // to check a base URL that was right.
    if ((header !== undefined && labelledJson(header)) || jsonObjectBody(response)) {
      this.json = true;
      return;
    }
    // One labelled JSON still counts, above: a HEAD's answer carries its GET's Content-Type.
    if (!carriesOperationBody(exchange)) return;
    this.answers += 1;
    this.statuses.set(response.status, (this.statuses.get(response.status) ?? 0) + 1);
    this.firstType ??= shownType(header);
    const origin = response.status >= 300 && response.status < 400 ? locationOrigin(response.headers['location'], this.targetOrigin) : undefined;
    if (origin !== undefined && this.redirectedTo !== null) {
      this.redirectedTo = this.redirectedTo === undefined || this.redirectedTo === origin ? origin : null;
      this.redirects += 1;
    }
  }

  /** The run's answers when there were NO_JSON_AFTER or more and none was JSON; else undefined. */
  nonJson(): NonJsonAnswers | undefined {
    if (this.json || this.answers < NO_JSON_AFTER) return undefined;
    const ranked = [...this.statuses].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    // The status first and named so, the count after it: "405 × 404" read as a status 405 to a mock author whose 405 answers were all 404s.
    const shown = ranked.slice(0, 3).map(([status, count]) => `${status} ×${count}`);
    return { answers: this.answers, statuses: `status ${shown.join(', ')}${ranked.length > 3 ? ', …' : ''}`, firstType: this.firstType ?? 'no Content-Type', ...(typeof this.redirectedTo === 'string' && this.redirects * 2 > this.answers ? { redirectedTo: this.redirectedTo } : {}) };
  }
}
