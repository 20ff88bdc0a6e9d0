/**
 * Whether the target serves each operation's route at all. A mock half-written (the read done,
 * the starts not yet) or an API under another path answers every request of an operation with its
 * router's 404, with the key and without credentials alike. Each case then rightly fails, but its
 * status story reads the 404 as the API's own (checks/support/status-story.ts: "the sender was
 * looked up before authenticating", "ZAVU_SENDER_SYNCABLE …: the target does not know this
 * sender"), though the read before the start found that very sender: a 404 body in the documented
 * Error shape is all a single answer shows. Only the run sees that no answer of the operation was
 * anything else, and a served route refuses a request without credentials with 401 first. So the
 * run says that once (report/run-warnings.ts), the likely cause above the cases' own readings.
 * Only when one of those 404s, with the key, was to a sender another answer found (2xx): a served
 * route that looks the sender up before it authenticates (a fault its cases rightly name) answers
 * every unknown id 404 with the key and without, and a shard or an --operation run may send it
 * nothing else.
 *
 * Fed every answer, as AnswerTally is (watch-answers.ts: one wrapper for both): a finding about the run.
 */
import type { Exchange, HttpMethod, HttpRequest } from '../model';
import { isSuccessStatus } from '../model/http';

/** Answers of an operation, all 404 (or 405, 501), before the run says so: as NO_JSON_AFTER, fewer tells too little. */
export const NO_ROUTE_AFTER = 3;

/**
 * The statuses of a route not served: a router's 404; 405, the path routed for other methods only
 * (a mock that wrote the start as a GET, a framework's catch-all); 501, a generated server stub's
 * answer to an operation not implemented yet. A served route answers a request without credentials
 * 401 first, whatever the id, so none of them is a served route's answer to it.
 */
const NOT_SERVED: ReadonlySet<number> = new Set([404, 405, 501]);

/**
 * A request too large for the server's parser (414, 431): node:http and most fronts answer it
 * before any router sees the path (a negative input's long id), so it tells nothing of the route,
 * served or not: counted as another status, it hid a half-written node:http mock's unserved starts.
 */
const REFUSED_BEFORE_ROUTING: ReadonlySet<number> = new Set([414, 431]);

/** What the run tells of an operation: its method and path template, by its operationId. */
export interface RoutedOperation {
  operationId: string;
  method: HttpMethod;
  pathTemplate: string;
}

/** An operation all of whose answers were 404 (or 405, 501): its id, "POST /v1/…", how many answers, and which of those statuses, ascending. */
export interface UnroutedOperation {
  operationId: string;
  route: string;
  answers: number;
  statuses: number[];
}

export interface Unrouted {
  routes: UnroutedOperation[];
  /** Whether every answer of the run, to any path, was a 404: then the base URL is the likelier cause. */
  every404: boolean;
}

interface Seen {
  answers: number;
  other: boolean;
  statuses: Set<number>;
  /** Whether one of those answers, to a request with the key, was to a path whose parameters a 2xx answer with the key named (or to a template without any). */
  known: boolean;
  /** The parameters of its other such answers, while no 2xx has named them yet (at most KEPT_IDS). */
  pending: Set<string>;
  withKey: boolean;
  withoutCredentials: boolean;
}

/**
 * The template as a pattern on the whole of a request's path, a query after it. A request's path
 * is the filled template as sent, the base URL's own path not in it (transport/build-request.ts:
 * only its URL has it), so the pattern is anchored at both ends: matched at the end alone, a
 * template that is another's tail (`/contacts`, `…/whatsapp-sync/contacts`), or a query that
 * holds one, took that operation's answers.
 */
function pathPattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\\?\{[^{}]+\\?\}/g, '([^/?#]+)')}(?:\\?.*)?$`, 's');
}

/**
 * Distinct path parameters kept, of 2xx answers and of answers waiting for one: the configured
 * senders are a handful; past the bound (a long negative-input property's ids), no more are kept.
 */
const KEPT_IDS = 256;

/** How much of the template is its own text, not a parameter: of two templates a path matches, the one with more is its operation (`/senders/me` before `/senders/{senderId}`). */
function literalLength(template: string): number {
  return template.replace(/\{[^{}]+\}/g, '').length;
}

export class RouteTally {
  private readonly routes: { operation: RoutedOperation; pattern: RegExp; seen: Seen }[];
  private non404 = false;
  /** The path parameters (joined by "/") of the answers 2xx to a request with the key: what the target knows. */
  private readonly found = new Set<string>();
  /** The plan's order of the operations, in which the warning names them. */
  private readonly order: ReadonlyMap<string, number>;

  constructor(operations: readonly RoutedOperation[]) {
    // Most literal first, so `match` gives a path the operation that names it most closely, whatever the plan's order.
    this.routes = operations
      .map((operation) => ({ operation, pattern: pathPattern(operation.pathTemplate), seen: { answers: 0, other: false, statuses: new Set<number>(), known: !operation.pathTemplate.includes('{'), pending: new Set<string>(), withKey: false, withoutCredentials: false } }))
      .sort((a, b) => literalLength(b.operation.pathTemplate) - literalLength(a.operation.pathTemplate));
    this.order = new Map(operations.map((operation, index) => [operation.operationId, index] as const));
  }

  note(exchange: Exchange): void {
    const response = exchange.response;
    if (response === undefined || REFUSED_BEFORE_ROUTING.has(response.status)) return;
    if (response.status !== 404) this.non404 = true;
    const matched = this.match(exchange.request);
    // A path the target answered 2xx with the key names what it knows: the read of a sender the start then could not find.
    if (isSuccessStatus(response.status) && exchange.request.authVariant === 'valid' && matched !== undefined && this.found.size < KEPT_IDS) this.found.add(matched.ids);
    if (matched === undefined) return;
    const { seen, ids } = matched;
    seen.answers += 1;
    if (NOT_SERVED.has(response.status)) {
      seen.statuses.add(response.status);
      // With the key only: another project's key is answered 404 for a sender of this one, as it should be.
      if (exchange.request.authVariant === 'valid' && this.found.has(ids)) seen.known = true;
      else if (exchange.request.authVariant === 'valid' && !seen.known && seen.pending.size < KEPT_IDS) seen.pending.add(ids);
    } else seen.other = true;
    if (exchange.request.authVariant === 'valid') seen.withKey = true;
    if (exchange.request.authVariant === 'none') seen.withoutCredentials = true;
  }

  /**
   * The operation a request is of, by its own method (a probe's GET, HEAD or OPTIONS on a start's
   * path is not the start's answer) and path, and the path's parameters as sent, joined by "/".
   */
  private match(request: HttpRequest): { seen: Seen; ids: string } | undefined {
    for (const route of this.routes) {
      if (route.operation.method !== request.method) continue;
      const groups = route.pattern.exec(request.path);
      if (groups !== null) return { seen: route.seen, ids: groups.slice(1).join('/') };
    }
    return undefined;
  }

  /**
   * The operations answered NO_ROUTE_AFTER times or more, every time 404 (or 405, 501), with the key and without
   * credentials (a served route answers the latter 401, whatever the id), one with the key to a
   * sender the target knows (another answer 2xx with the key named it), or any when no answer of the run
   * was other than 404 (nothing known: a base URL's prefix left out); undefined when none was.
   * Without the known sender, a served route that looks a sender up before it authenticates (a
   * fault its cases name) answers a shard's or an --operation run's unknown ids so too.
   */
  unrouted(): Unrouted | undefined {
    const knows = (seen: Seen): boolean => seen.known || !this.non404 || [...seen.pending].some((ids) => this.found.has(ids));
    const routes = this.routes
      .filter(({ seen }) => !seen.other && seen.answers >= NO_ROUTE_AFTER && seen.withKey && seen.withoutCredentials && knows(seen))
      .sort((a, b) => (this.order.get(a.operation.operationId) ?? 0) - (this.order.get(b.operation.operationId) ?? 0))
      .map(({ operation, seen }) => ({ operationId: operation.operationId, route: `${operation.method} ${operation.pathTemplate}`, answers: seen.answers, statuses: [...seen.statuses].sort((a, b) => a - b) }));
    return routes.length === 0 ? undefined : { routes, every404: !this.non404 };
  }
}
