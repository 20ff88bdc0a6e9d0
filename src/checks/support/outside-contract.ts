/**
 * Answers a scenario tolerates without them being the contract's answer: a status it accepts only
 * as a warning (`warnOn`: a front proxy's 400, 414 or 431, a redirect of a path that left its
 * segment), any 4xx to a request that may match no documented operation (`anyClientError`), and
 * a redirect of another spelling of the path to the same resource (`redirectToSame`).
 * Such an answer usually comes from something in front of the API — a proxy, a router — so its
 * status and body are not the contract's to judge: the status is reported once, by
 * status-code-expected, and the checks of the status and the body say nothing about it.
 */
import type { Exchange, HttpResponse } from '../../model/http';
import type { ResolvedExpectation } from '../../model/scenario';
import { comparablePath } from '../../text/uri-path';
import { frontRefusal } from './front-refusal';

const isClientError = (status: number): boolean => status >= 400 && status < 500;

/** The redirects a router answers another spelling of a path with (303 would turn a POST into a GET). */
export const REDIRECTS: readonly number[] = [301, 302, 307, 308];

/** Where a redirect (one of REDIRECTS) sends the request, resolved against it, when that is on the origin the request went to. */
export function sameOriginRedirect(exchange: Exchange): URL | undefined {
  const response = exchange.response;
  const location = response?.headers['location'];
  if (response === undefined || location === undefined || !REDIRECTS.includes(response.status)) return undefined;
  try {
    const sent = new URL(exchange.request.url);
    const target = new URL(location, sent);
    return target.origin === sent.origin ? target : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A redirect the expectation takes as a router's answer (redirectToSame): to the same resource
 * spelled otherwise (or to the path asked in lower case), on the same origin, with the same query. Statically any such redirect; when a
 * model bound the status, only the one the unknown id got (routerAnswer, the same status).
 */
export function redirectToSame(exchange: Exchange, expect: ResolvedExpectation): boolean {
  const target = expect.redirectToSame === true ? sameOriginRedirect(exchange) : undefined;
  if (target === undefined || exchange.response === undefined) return false;
  if (expect.routerAnswer === true ? exchange.response.status !== expect.status : expect.anyClientError !== true) return false;
  const sentPath = basePath(exchange) + exchange.request.path;
  const at = sentPath.indexOf('?');
  const [path, query] = at === -1 ? [sentPath, ''] : [sentPath.slice(0, at), sentPath.slice(at)];
  // Not to itself (a loop), and to nowhere else: another path or query is not this resource.
  if (target.search !== query || target.pathname === path) return false;
  // Or to the path in lower case, where a path in other capitals was asked: a rule that lower-cases
  // every path, or a router's canonical spelling, which lower-cases its fixed segments and keeps the id as asked.
  return comparablePath(target.pathname) === comparablePath(path) || (path !== path.toLowerCase() && lowered(comparablePath(target.pathname), comparablePath(path)));
}

/**
 * The base URL's own path ("/api" of --base-url https://host/api), which the request went to before
 * the operation's path (request.path) and which a router's Location holds: the URL is the base URL
 * joined with request.path. Only the base URL is parsed, never the path as sent (a URL parser would
 * resolve its dot segments).
 */
function basePath(exchange: Exchange): string {
  const { url, path } = exchange.request;
  if (!url.endsWith(path)) return '';
  try {
    const pathname = new URL(url.slice(0, url.length - path.length)).pathname;
    return pathname === '/' ? '' : pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** Whether `target` is `asked` with the letters of some segments lowered, and nothing else changed. */
function lowered(target: string, asked: string): boolean {
  const to = target.split('/');
  const from = asked.split('/');
  return to.length === from.length && to.every((segment, i) => segment === from[i] || segment === from[i]?.toLowerCase());
}

/** The status the scenario expects, one it also accepts, or any 4xx when the expectation allows it. */
export function statusAccepted(status: number, expect: ResolvedExpectation): boolean {
  if (status === expect.status || expect.alsoAccept?.includes(status) === true) return true;
  return expect.anyClientError === true && isClientError(status);
}

/**
 * True when the answer is tolerated but is not the contract's (see above): the body checks and
 * status-code-documented stay silent. An accepted status of a request that reached the API (the
 * usual case) is judged in full.
 */
export function outsideContract(status: number, expect: ResolvedExpectation): boolean {
  if (expect.anyClientError === true && isClientError(status)) return true;
  // The router's answer the status was predicted from, given again: its body is the router's too.
  if (expect.routerAnswer === true && status === expect.status) return true;
  return expect.warnOn?.includes(status) === true && !statusAccepted(status, expect);
}

/**
 * The response a check of the status's documentation or of the body judges: none when no response
 * came, or when the answer is tolerated from outside the contract (a proxy's 431, a router's 404),
 * or is a front's page refusing the request's credentials (front-refusal: status-code-expected
 * warns of it). Every such check starts here, so none can forget the rule.
 */
export function judgedResponse(exchange: Exchange, expect: ResolvedExpectation): HttpResponse | undefined {
  const response = exchange.response;
  if (response === undefined || outsideContract(response.status, expect) || redirectToSame(exchange, expect)) return undefined;
  return frontRefusal(exchange) === undefined ? response : undefined;
}

/** The statuses an expectation accepts, in words: "404 or 400", "404 or any 4xx". */
export function acceptedText(expect: Pick<ResolvedExpectation, 'status' | 'alsoAccept' | 'anyClientError' | 'redirectToSame'>): string {
  const redirect = expect.redirectToSame === true && expect.anyClientError === true ? ['a redirect to the same path spelled otherwise'] : [];
  return [expect.status, ...(expect.alsoAccept ?? []), ...(expect.anyClientError === true ? ['any 4xx'] : []), ...redirect].join(' or ');
}
