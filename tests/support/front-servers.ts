/**
 * Servers in front of a reference server that behave like real deployments the suite must judge
 * fairly: a proxy that refuses oversized headers with a bare 400, a framework router that answers
 * plain text before the API sees the request, and lookups that reach a real sender from a
 * near-miss. Each either answers itself or forwards (possibly to a rewritten path) and passes the
 * reference server's answer on. 127.0.0.1 and an ephemeral port; close() leaves the upstream running.
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReferenceServer } from '../../src/reference-server';
import { startScriptedServer, type MisbehavingServer } from './misbehaving-servers';
import { forward, passOn } from './reference-proxy';

/** What the front does with one request: answer it, or forward it to this path. */
export type FrontDecision = { answer: (res: ServerResponse) => void } | { path: string };
export type Front = (req: IncomingMessage, path: string) => FrontDecision;

export function startFront(upstream: ReferenceServer, front: Front): Promise<MisbehavingServer> {
  return startScriptedServer((req, res) => {
    const decision = front(req, req.url ?? '/');
    if ('answer' in decision) return decision.answer(res);
    forward(upstream, req, decision.path).then(
      (answer) => passOn(res, answer),
      (error: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`front: ${error.message}`),
    );
  });
}

const plain = (status: number, text: string) => (res: ServerResponse) => res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);

/** The sender segment of a sender path, and the path with another segment in its place. */
function senderSegment(path: string): { segment: string; replace: (segment: string) => string } | undefined {
  const match = /^(\/v1\/senders\/)([^/?#]*)(.*)$/s.exec(path);
  if (match === null) return undefined;
  const [, head = '', segment = '', tail = ''] = match;
  return { segment, replace: (next) => `${head}${next}${tail}` };
}

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** nginx's answer to a header past its buffers: 400, no body, no Content-Type. Everything else passes. */
export const bareProxy400ForLongHeaders: Front = (req, path) =>
  (req.headers.authorization ?? '').length > 8192 ? { answer: (res) => res.writeHead(400).end() } : { path };

/**
 * A framework in front of the API: its router answers a plain-text 404 for an empty segment, its
 * auth middleware a plain-text 401 without credentials and a plain-text 400 for "Bearer " with
 * nothing after it — all before any sender is looked up.
 */
export const plainTextFramework: Front = (req, path) => {
  if (senderSegment(path)?.segment === '') return { answer: plain(404, 'Not Found') };
  const authorization = req.headers.authorization;
  if (authorization === undefined) return { answer: plain(401, 'Unauthorized') };
  if (authorization.trim() === 'Bearer') return { answer: plain(400, 'Bad Request: malformed Authorization header') };
  return { path };
};

/**
 * A lookup that decodes the id twice and drops ";params" (as servlet containers do), so a
 * near-miss reaches the real sender; and a query layer that crashes on a quote.
 */
export const sloppyLookup: Front = (_req, path) => {
  const sender = senderSegment(path);
  if (sender === undefined) return { path };
  const id = decode(decode(sender.segment));
  if (id.includes("'")) return { answer: (res) => res.writeHead(500, { 'content-type': 'application/json' }).end('{"code":"internal","message":"unterminated quoted string"}') };
  const looked = id.split(';')[0] ?? id;
  return { path: sender.replace(encodeURIComponent(looked)) };
};

/** A lookup that ignores letter case: "SND_COEX_ACTIVE" is served as snd_coex_active. */
export const caseInsensitiveLookup: Front = (_req, path) => {
  const sender = senderSegment(path);
  return { path: sender === undefined ? path : sender.replace(sender.segment.toLowerCase()) };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * A service whose sender ids are UUIDs: it authenticates first, then answers an id of any other
 * shape with a 400 of its own before any lookup (as a framework's path validation does), and looks
 * UUIDs up in its own table: one per seeded sender, forwarded as that sender; any other UUID as an
 * id the reference server does not know. `uuidOf` gives a seeded sender's UUID for the environment.
 */
export function uuidSenderIds(upstream: Pick<ReferenceServer, 'apiKey'>, seeded: readonly string[]): { front: Front; uuidOf: (id: string) => string } {
  const uuids = new Map<string, string>(seeded.map((id) => [id, randomUUID()]));
  const byUuid = new Map([...uuids].map(([id, uuid]) => [uuid, id] as const));
  const front: Front = (req, path) => {
    const sender = senderSegment(path);
    if (sender === undefined) return { path };
    const id = decode(sender.segment);
    const known = byUuid.get(id);
    // Authentication first: without the key the reference server answers, whatever the id.
    if (req.headers.authorization !== `Bearer ${upstream.apiKey}`) return { path: known === undefined ? path : sender.replace(known) };
    if (!UUID.test(id)) {
      return { answer: (res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"invalid_sender_id","message":"senderId must be a UUID"}') };
    }
    return { path: sender.replace(known ?? `snd_unknown_${id}`) };
  };
  return { front, uuidOf: (id) => uuids.get(id) ?? id };
}

/**
 * A lookup in a SQL Server column of a `*_CS_AI` collation (case-sensitive, accent- and
 * width-insensitive) compared with `=`, which ignores trailing spaces (SQL-92 padding):
 * "snd_cóex_active", its full-width form and "snd_coex_active " are served as snd_coex_active; the
 * project check comes after the lookup, so another project's sender, however spelled, stays unknown.
 */
export function accentAndWidthInsensitiveLookup(seeded: readonly string[]): Front {
  const fold = (id: string): string => id.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ +$/, '');
  return (_req, path) => {
    const sender = senderSegment(path);
    if (sender === undefined) return { path };
    const id = decode(sender.segment);
    const found = seeded.find((candidate) => candidate !== id && fold(candidate) === fold(id));
    return { path: found === undefined ? path : sender.replace(encodeURIComponent(found)) };
  };
}

/**
 * A lookup that trims the id (String.prototype.trim, as a framework's input sanitiser does) before
 * finding it among the key's own senders: " snd_coex_active" and "snd_coex_active\t" are served as
 * snd_coex_active; the project check comes after, so another project's sender stays unknown.
 */
export function trimmingLookup(seeded: readonly string[]): Front {
  return (_req, path) => {
    const sender = senderSegment(path);
    if (sender === undefined) return { path };
    const id = decode(sender.segment);
    const trimmed = id.trim();
    return { path: trimmed !== id && seeded.includes(trimmed) ? sender.replace(encodeURIComponent(trimmed)) : path };
  };
}

/** A web application firewall's refusal: 403 with its own HTML page, before the API sees the request. */
const WAF_REFUSAL: ReturnType<Front> = { answer: (res) => res.writeHead(403, { 'content-type': 'text/html' }).end('<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center></body></html>\n') };

/**
 * A web application firewall in front of the API (AWS WAF's Core rule set, NoUserAgent_HEADER, whose
 * default action is Block): a request without a User-Agent is refused 403 with the WAF's own HTML
 * before the API sees it. RFC 9110 §10.1.5: "A user agent SHOULD send a User-Agent header field in
 * each request"; every browser, curl and the official SDK do. Requests with one pass unchanged.
 */
export const wafRefusesRequestsWithoutUserAgent: Front = (req, path) =>
  req.headers['user-agent'] === undefined || req.headers['user-agent'].trim() === ''
    ? WAF_REFUSAL
    : { path };

/**
 * A web application firewall's managed rules on the URI path (SQL injection, cross-site scripting,
 * template and command injection, path traversal: AWS WAF's SQLi and Core rule sets, Cloudflare's
 * OWASP ruleset): a request whose decoded path looks like an attack is refused 403 with the WAF's
 * own HTML page before the API sees it, whatever the credentials. Every other request passes.
 */
export const wafBlocksInjectionLookingPaths: Front = (req, path) => {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // a malformed escape: the path as written
  }
  return /'|<|>|\bselect\b|\bunion\b|\{\{|\$\{|\$\(|\.\.\/|--/i.test(decoded)
    ? WAF_REFUSAL
    : { path };
};

/**
 * A front that answers 411 to a POST, PUT or PATCH framed by neither Content-Length nor
 * Transfer-Encoding (IIS: "HTTP Error 411. The request must be chunked or have a content length";
 * Google's front end: "POST requests require a Content-length header"). The suite's bodiless starts
 * carry Content-Length: 0 (node:http's framing); `curl -X POST` without data sends neither.
 */
export const lengthRequiredForUnframedWrites: Front = (req, path) =>
  ['POST', 'PUT', 'PATCH'].includes(req.method ?? '') && req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined
    ? { answer: plain(411, 'Length Required') }
    : { path };

/**
 * A WAF's bot rules (AWS WAF Bot Control's HTTP-library category, Cloudflare's bot fight mode): a
 * User-Agent naming an HTTP library (curl, python-requests, Go-http-client) is refused 403 with
 * the WAF's page, one the team allowed (here the suite's own) passes.
 */
export const wafBlocksHttpLibraryAgents: Front = (req, path) =>
  /^(?:curl|python-requests|Go-http-client)\//i.test(req.headers['user-agent'] ?? '') ? WAF_REFUSAL : { path };

/** nginx's page for a request it refused itself, as its error pages read ("<status> <reason>" centred, then "nginx"). */
const nginxPage = (status: number, reason: string): string => `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/**
 * nginx with its own status on the wire for a header past large_client_header_buffers (8k by
 * default): 494 "Request Header Too Large", which it sends as 400 unless an error_page for 494
 * keeps it, with nginx's HTML page. Everything else passes.
 */
export const nginx494ForLongHeaders: Front = (req, path) =>
  (req.headers.authorization ?? '').length > 8192
    ? { answer: (res) => res.writeHead(494, { 'content-type': 'text/html', server: 'nginx' }).end(nginxPage(494, 'Request Header Too Large')) }
    : { path };

/**
 * A front that reads a header field as ASCII or UTF-8 and refuses one that is neither (Kestrel,
 * under ASP.NET Core and YARP: "Malformed request: invalid headers"), before any route: Kestrel
 * with its bare 400 (no body, `Server: Kestrel`), or an edge before it with an HTML 400 page of
 * its own. node:http hands the field's bytes on as latin1, so they are read back so. Everything
 * else passes.
 */
export function headerBytesRefusingFront(page: 'kestrel' | 'html'): Front {
  const refuse = (res: ServerResponse): void => {
    if (page === 'kestrel') res.writeHead(400, { 'content-length': '0', server: 'Kestrel' }).end();
    else res.writeHead(400, { 'content-type': 'text/html' }).end(nginxPage(400, 'Bad Request'));
  };
  return (req, path) => (Object.values(req.headers).some((value) => typeof value === 'string' && !isUtf8(Buffer.from(value, 'latin1'))) ? { answer: refuse } : { path });
}

/**
 * A front that refuses a URL over 8 KB with a page of its own (nginx's large_client_header_buffers
 * 8k: 414; a CDN or load balancer with a limit of its own: a 400 or 414), before any route.
 * Everything else passes.
 */
export function urlLimitFront(status: 400 | 414): Front {
  const reason = status === 414 ? 'Request-URI Too Large' : 'Bad Request';
  return (_req, path) => (path.length > 8192 ? { answer: (res) => res.writeHead(status, { 'content-type': 'text/html', server: 'nginx' }).end(nginxPage(status, reason)) } : { path });
}
