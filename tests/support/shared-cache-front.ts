/**
 * A shared cache in front of a reference server (a CDN, a corporate proxy) that follows RFC 9111 as
 * far as the suite's requests need: it stores a GET's answer that says `public` with a max-age (the
 * only way an answer to a request with Authorization may be stored, §3.5), keyed on the URI and on
 * the request fields the answer's Vary names (§4.1); serves it, with Age, while fresh (§4.2); asks
 * the origin again when the request says `Cache-Control: no-cache` or `max-age=0` (§5.2.1.1,
 * §5.2.1.4); and invalidates the target URI, and the Location and Content-Location of the answer,
 * when an unsafe method gets a non-error answer (§4.4).
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { ReferenceServer } from '../../src/reference-server';
import { startScriptedServer, type MisbehavingServer } from './misbehaving-servers';
import { forward, passOn, type UpstreamAnswer } from './reference-proxy';

interface Stored {
  answer: UpstreamAnswer;
  storedAt: number;
  maxAgeS: number;
  vary: { name: string; value: string | undefined }[];
}

const directives = (value: string | string[] | undefined): Map<string, string | undefined> =>
  new Map(
    String(value ?? '')
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter((d) => d !== '')
      .map((d) => {
        const [name = '', argument] = d.split('=');
        return [name.trim(), argument?.trim()] as const;
      }),
  );

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** The URI path (and query) a Location or Content-Location names, on this origin. */
const pathOf = (reference: string | undefined, base: string): string | undefined => {
  if (reference === undefined) return undefined;
  try {
    const url = new URL(reference, base);
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
};

export function startSharedCache(upstream: ReferenceServer): Promise<MisbehavingServer & { hits(): number }> {
  const store = new Map<string, Stored[]>();
  let hits = 0;
  const fresh = (req: IncomingMessage, entry: Stored): boolean =>
    (Date.now() - entry.storedAt) / 1000 < entry.maxAgeS && entry.vary.every(({ name, value }) => header(req.headers, name) === value);
  return startScriptedServer((req, res) => {
    const url = req.url ?? '/';
    const asked = directives(req.headers['cache-control']);
    const revalidate = asked.has('no-cache') || asked.get('max-age') === '0' || (req.headers['cache-control'] === undefined && /no-cache/i.test(header(req.headers, 'pragma') ?? ''));
    if (req.method === 'GET' && !revalidate) {
      const entry = (store.get(url) ?? []).find((candidate) => fresh(req, candidate));
      if (entry !== undefined) {
        hits += 1;
        const age = Math.floor((Date.now() - entry.storedAt) / 1000);
        passOn(res, { ...entry.answer, headers: { ...entry.answer.headers, age: String(age) } });
        return;
      }
    }
    forward(upstream, req).then(
      (answer) => {
        if (req.method === 'GET') {
          const given = directives(answer.headers['cache-control']);
          const maxAgeS = Number(given.get('s-maxage') ?? given.get('max-age') ?? 0);
          const vary = String(answer.headers['vary'] ?? '').split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
          if (given.has('public') && !given.has('no-store') && !given.has('private') && !given.has('no-cache') && maxAgeS > 0 && !vary.includes('*')) {
            const entry: Stored = { answer, storedAt: Date.now(), maxAgeS, vary: vary.map((name) => ({ name, value: header(req.headers, name) })) };
            store.set(url, [entry, ...(store.get(url) ?? []).filter((other) => !entry.vary.every(({ name, value }) => other.vary.find((v) => v.name === name)?.value === value))]);
          }
        } else if (req.method !== 'HEAD' && req.method !== 'OPTIONS' && answer.status < 400) {
          // §4.4: an unsafe method's non-error answer invalidates its target, Location and Content-Location.
          const base = upstream.baseUrl;
          for (const path of [url, pathOf(header(answer.headers, 'location'), base), pathOf(header(answer.headers, 'content-location'), base)]) if (path !== undefined) store.delete(path);
        }
        passOn(res, answer);
      },
      (error: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`cache: ${error.message}`),
    );
  }).then((server) => Object.assign(server, { hits: () => hits }));
}
