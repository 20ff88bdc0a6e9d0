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
 *
 * A transport wrapper, as AnswerTally is: a finding about the run, from every answer it got.
 */
import type { Exchange, HttpMethod, HttpRequest } from '../model';
import type { SendOptions, Transport } from '../transport/transport';

/** Answers of an operation, all 404, before the run says so: as NO_JSON_AFTER, fewer tells too little. */
export const NO_ROUTE_AFTER = 3;

/** What the run tells of an operation: its method and path template, by its operationId. */
export interface RoutedOperation {
  operationId: string;
  method: HttpMethod;
  pathTemplate: string;
}

/** An operation all of whose answers were 404: its id, "POST /v1/…" and how many answers. */
export interface UnroutedOperation {
  operationId: string;
  route: string;
  answers: number;
}

export interface Unrouted {
  routes: UnroutedOperation[];
  /** Whether every answer of the run, to any path, was a 404: then the base URL is the likelier cause. */
  every404: boolean;
}

interface Seen {
  answers: number;
  other: boolean;
  withKey: boolean;
  withoutCredentials: boolean;
}

/** The template as a pattern on the end of a request's path (a base URL's prefix before it), a query after it. */
function pathPattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped.replace(/\\?\{[^{}]+\\?\}/g, '[^/?#]+')}(?:\\?.*)?$`);
}

export class RouteTally {
  private readonly routes: { operation: RoutedOperation; pattern: RegExp; seen: Seen }[];
  private non404 = false;

  constructor(operations: readonly RoutedOperation[]) {
    this.routes = operations.map((operation) => ({ operation, pattern: pathPattern(operation.pathTemplate), seen: { answers: 0, other: false, withKey: false, withoutCredentials: false } }));
  }

  note(exchange: Exchange): void {
    const response = exchange.response;
    if (response === undefined) return;
    if (response.status !== 404) this.non404 = true;
    const seen = this.seenFor(exchange.request);
    if (seen === undefined) return;
    seen.answers += 1;
    if (response.status !== 404) seen.other = true;
    if (exchange.request.authVariant === 'valid') seen.withKey = true;
    if (exchange.request.authVariant === 'none') seen.withoutCredentials = true;
  }

  /** The operation a request is of: its own method (a probe's GET, HEAD or OPTIONS on a start's path is not the start's answer) and path. */
  private seenFor(request: HttpRequest): Seen | undefined {
    return this.routes.find((r) => r.operation.method === request.method && r.pattern.test(request.path))?.seen;
  }

  /**
   * The operations answered NO_ROUTE_AFTER times or more, every time 404, with the key and without
   * credentials (a served route answers the latter 401, whatever the id); undefined when none was.
   */
  unrouted(): Unrouted | undefined {
    const routes = this.routes
      .filter(({ seen }) => !seen.other && seen.answers >= NO_ROUTE_AFTER && seen.withKey && seen.withoutCredentials)
      .map(({ operation, seen }) => ({ operationId: operation.operationId, route: `${operation.method} ${operation.pathTemplate}`, answers: seen.answers }));
    return routes.length === 0 ? undefined : { routes, every404: !this.non404 };
  }

  /** `inner`, each answer it gets noted here. */
  watch(inner: Transport): Transport {
    return {
      send: async (request: HttpRequest, exchangeId: string, options?: SendOptions): Promise<Exchange> => {
        const exchange = await inner.send(request, exchangeId, options);
        this.note(exchange);
        return exchange;
      },
      ...(inner.sourceOf !== undefined ? { sourceOf: (exchangeId: string) => inner.sourceOf?.(exchangeId) } : {}),
    };
  }
}
