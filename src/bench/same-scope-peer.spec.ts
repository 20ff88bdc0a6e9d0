/**
 * The bench's peer of the same scope: a pactum + mocha gate that sends what a conformance run
 * sends, in its order, and checks what such a gate checks of each answer: its status (the one the
 * run got from the embedded server) and, for a documented status, pactum's JSON Schema check of
 * the body against the contract's component schema (schemas/components). Every other check of the
 * suite (undocumented properties, headers, predictions, the negative inputs' bounds…) it leaves
 * out, and the requests pactum cannot send as written (a path its URL handling would rewrite or
 * refuse: `..`, a lone `%`, a `\`) are not sent: it does less than the run, never more, so a ratio
 * against it flatters the peer. It answers the team's question of a peer of the same scope with a
 * figure (README, Speed). The requests come from the file ZVC_PEER_REQUESTS (sent-requests.ts
 * writes it from a run of the same command); the embedded server is started afresh with the keys
 * that run used (its own, and the other project's), so each answer is the one the run got.
 * Run: `ZVC_PEER_REQUESTS=file mocha dist/bench/same-scope-peer.spec.js`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { request, spec } from 'pactum';
import { apiKeyProblem, startReferenceServer, type ReferenceServer } from '../reference-server';
import { PEER_REQUESTS_ENV, sendableAsWritten } from './peer-gate';
import type { SentRequest } from './sent-requests';

// mocha's globals, as its CLI provides them (@types/mocha would clash with Jest's in this project's typecheck).
declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => PromiseLike<unknown>) => void;
declare const before: (body: () => Promise<void>) => void;
declare const after: (body: () => Promise<void>) => void;

const file = process.env[PEER_REQUESTS_ENV];
if (file === undefined) throw new Error(`${PEER_REQUESTS_ENV}: name the file of the requests to send (npm run bench writes it)`);
const sent = (JSON.parse(readFileSync(file, 'utf8')) as SentRequest[]).filter((r) => r.status !== undefined);

/** The contract's component schemas with their references to each other written in place, as pactum takes one schema. */
function componentSchemas(): Map<string, object> {
  const dir = resolve(__dirname, '../../schemas/components');
  const raw = new Map(readdirSync(dir).filter((name) => name.endsWith('.json')).map((name) => [name, JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown] as const));
  const inline = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(inline);
    if (typeof value !== 'object' || value === null) return value;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') return inline(raw.get(ref));
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '$id' && key !== '$schema').map(([key, inner]) => [key, inline(inner)]));
  };
  return new Map([...raw.keys()].map((name) => [name.replace(/\.json$/, ''), inline(raw.get(name)) as object]));
}

const schemas = componentSchemas();

/** The documented body of an answer (the contract's responses), or none to check. */
function schemaOf(r: SentRequest): object | undefined {
  if (r.method === 'HEAD') return undefined;
  if (r.method === 'GET' && r.status === 200) return schemas.get('WhatsAppSyncStatusResponse');
  if (r.method === 'POST' && r.status === 202) return schemas.get('WhatsAppSyncStartResponse');
  return r.status === 400 || r.status === 401 || r.status === 404 ? schemas.get('Error') : undefined;
}

/**
 * The keys the run's server knew: its own key, the token of its first success, then the other
 * project's, a token it answered with a success or a 404 (a read-only run reads only the key's own
 * senders with it, each answered as an unknown id: no success); the suite's well-formed unknown key
 * is answered 401 every time, so it is neither.
 */
function keysOf(requests: readonly SentRequest[]): { apiKey: string; otherProjectApiKey?: string } {
  const tokensOf = (known: (status: number) => boolean): string[] =>
    requests
      .filter((r) => r.status !== undefined && known(r.status) && r.headers['authorization']?.startsWith('Bearer ') === true)
      .map((r) => r.headers['authorization']?.slice('Bearer '.length) ?? '')
      // A credentials variant a server may take too (padded with spaces) is not a key of its own.
      .filter((token) => apiKeyProblem(token) === undefined);
  const [apiKey] = tokensOf((status) => status >= 200 && status < 300);
  if (apiKey === undefined) throw new Error(`${file}: no request answered with a success, so no key to start the server with`);
  const [otherProjectApiKey] = [...new Set(tokensOf((status) => (status >= 200 && status < 300) || status === 404))].filter((token) => token !== apiKey);
  return { apiKey, ...(otherProjectApiKey !== undefined ? { otherProjectApiKey } : {}) };
}

describe('the run\'s requests, each with its status and documented schema', () => {
  let server: ReferenceServer;

  before(async () => {
    server = await startReferenceServer(keysOf(sent));
    request.setBaseUrl(server.baseUrl);
  });
  after(() => server.close());

  sent.forEach((r, i) => {
    if (!sendableAsWritten(r.path)) return;
    it(`${i + 1} ${r.method} ${r.path} → ${r.status}`, () => {
      const { host: _host, ...headers } = r.headers;
      const expected = spec().withMethod(r.method).withPath(r.path).withHeaders(headers).expectStatus(r.status ?? 0);
      const schema = schemaOf(r);
      return schema === undefined ? expected : expected.expectJsonSchema(schema);
    });
  });
});
