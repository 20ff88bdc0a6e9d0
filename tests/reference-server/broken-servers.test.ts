/**
 * Guards the broken-server catalogue itself (tests/support/broken-servers.ts): every entry must
 * change the response of the case it names, in a way an independent oracle recognises as the
 * breach its expected check is about. The end-to-end run of the suite against these servers
 * lives elsewhere.
 */
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { BROKEN_SERVERS, startBrokenServer, type BrokenServer } from '../support/broken-servers';
import { caseRequests } from '../support/case-requests';
import { rawRequest, type RawResponse } from './raw-request';
import { schemaErrors } from './spec-schemas';

const ERROR_CHECKS = [
  'not-a-server-error',
  'status-code-expected',
  'status-code-documented',
  'shared-cache',
  'auth-challenge',
  'content-type',
  'json-body',
  'response-schema',
  'sync-is-coexistence',
  'in-flight-not-startable',
  'inactive-not-startable',
  'not-requested-has-no-times',
  'times-not-ahead',
  'body-assertion',
  'state-prediction',
  'timeout',
  'transport-error',
  'negative-inputs',
  'internal-error-exposed',
];
const DOCUMENTED_STATUSES = [200, 400, 401, 404];
const apiKey = `zv_test_${'5a'.repeat(16)}`;
/** The other project's key, the same on the reference and the broken server: a probe with it is the same request to both. */
const otherProjectApiKey = `zv_test_${'6b'.repeat(16)}`;

/** Does `broken` show the breach `check` is about, compared with the reference response? */
function showsBreach(check: string, broken: RawResponse, reference: RawResponse): boolean {
  const parsed = (): unknown => JSON.parse(broken.body);
  switch (check) {
    case 'not-a-server-error':
      return broken.status >= 500;
    case 'negative-inputs':
      // The ones catalogued under it: a spelling of another project's sender served, or a database's error shown.
      return broken.status === 200 || /SQLSTATE|syntax error at or near/.test(broken.body);
    case 'status-code-expected':
      return broken.status !== reference.status;
    case 'status-code-documented':
      return !DOCUMENTED_STATUSES.includes(broken.status);
    case 'shared-cache': {
      // Public or s-maxage (in Cache-Control or a CDN's own field), must-revalidate made fresh by Expires, any lifetime on an anonymous 401, or a surrogate's lifetime.
      const fields = `${String(broken.headers['cache-control'] ?? '')}, ${String(broken.headers['cdn-cache-control'] ?? '')}`;
      const surrogate = /\bmax-age=[1-9]/i.test(String(broken.headers['surrogate-control'] ?? '')) && !/\bprivate\b/i.test(String(broken.headers['cache-control'] ?? ''));
      return surrogate || /\b(public|s-maxage)\b/i.test(fields) || (/\bmust-revalidate\b/i.test(fields) && broken.headers['expires'] !== undefined) || (broken.status === 401 && /\bmax-age=[1-9]/i.test(fields));
    }
    case 'auth-challenge':
      // A 401 whose challenge is not the one the reference gives every id alike.
      return broken.status === 401 && broken.headers['www-authenticate'] !== reference.headers['www-authenticate'];
    case 'content-type':
      return !/^application\/json\s*(;|$)/i.test(String(broken.headers['content-type'] ?? ''));
    case 'json-body':
      return (() => { try { parsed(); return false; } catch { return true; } })();
    case 'response-schema':
      return schemaErrors(broken.status === 200 ? 'WhatsAppSyncStatusResponse' : 'Error', parsed()).length > 0;
    case 'sync-is-coexistence':
      return (parsed() as { sync?: { isCoexistence?: unknown } }).sync?.isCoexistence !== true;
    case 'in-flight-not-startable': {
      const sync = (parsed() as { sync?: Record<string, { status?: unknown; canSync?: unknown } | undefined> }).sync ?? {};
      return ['history', 'contacts'].some((part) => ['pending', 'syncing'].includes(String(sync[part]?.status)) && sync[part]?.canSync !== false);
    }
    case 'inactive-not-startable': {
      const sync = (parsed() as { sync?: { status?: unknown; history?: { canSync?: unknown }; contacts?: { canSync?: unknown } } }).sync;
      return sync !== undefined && sync.status !== 'active' && (sync.history?.canSync !== false || sync.contacts?.canSync !== false);
    }
    case 'not-requested-has-no-times': {
      const sync = (parsed() as { sync?: Record<string, { status?: unknown; requestedAt?: unknown; completedAt?: unknown } | undefined> }).sync ?? {};
      return ['history', 'contacts'].some((part) => sync[part]?.status === 'not_requested' && (typeof sync[part]?.requestedAt === 'string' || typeof sync[part]?.completedAt === 'string'));
    }
    case 'times-not-ahead': {
      const history = (parsed() as { sync?: { history?: { status?: unknown; requestedAt?: unknown; completedAt?: unknown } } }).sync?.history;
      const at = (value: unknown): number => (typeof value === 'string' ? Date.parse(value) : Number.NaN);
      const ahead = [history?.requestedAt, history?.completedAt].some((value) => at(value) > Date.now() + 3_600_000);
      const inFlight = ['pending', 'syncing'].includes(String(history?.status)) && at(history?.completedAt) > at(history?.requestedAt) + 300_000;
      return ahead || inFlight || (history?.status === 'completed' && at(history.completedAt) < at(history.requestedAt) - 1000);
    }
    case 'internal-error-exposed':
      // The ones catalogued under it: a framework's debug JSON, a PHP file and its line beside the Error (its "/" escaped or not), or the query and the database's URL in its details.
      return /\.php","line":\d+/.test(broken.body.replace(/\\\//g, '/')) || /"details":\{"query":"SELECT \* FROM senders WHERE id = .*"db":"postgres:\/\/app:secret@/.test(broken.body);
    case 'body-assertion':
      // The one read catalogued under it: the not-active sender read as active.
      return (parsed() as { sync?: { status?: unknown } }).sync?.status === 'active';
    case 'state-prediction': {
      // The reads catalogued under it: a 404 or 401 told apart from an unknown id's by its code, details, words or a member of its own (the reference answers them alike).
      const got = parsed() as { code?: unknown; details?: unknown; message?: unknown };
      const want = JSON.parse(reference.body) as { code?: unknown; details?: unknown; message?: unknown };
      return got.code !== want.code || (want.details === undefined && got.details !== undefined) || got.message !== want.message || Object.keys(got).some((name) => !Object.hasOwn(want, name));
    }
    default:
      return false;
  }
}

test('the catalogue has at least 16 entries with unique names and known checks and case ids', async () => {
  const names = BROKEN_SERVERS.map((entry) => entry.name);
  expect(names.length).toBeGreaterThanOrEqual(16);
  expect(new Set(names).size).toBe(names.length);
  const reference = await startReferenceServer({ apiKey, otherProjectApiKey });
  try {
    const caseIds = caseRequests(reference).map((probe) => probe.caseId);
    for (const entry of BROKEN_SERVERS) {
      expect({ name: entry.name, check: ERROR_CHECKS.includes(entry.expectedCheck) }).toEqual({ name: entry.name, check: true });
      if (entry.expectedCaseId !== undefined) expect(caseIds).toContain(entry.expectedCaseId);
      expect(entry.description.length).toBeGreaterThan(10);
    }
  } finally {
    await reference.close();
  }
});

describe.each(BROKEN_SERVERS.map((entry) => [entry.name, entry] as const))('broken server %s', (_name, entry: BrokenServer) => {
  let reference: ReferenceServer;
  let broken: ReferenceServer;
  beforeAll(async () => {
    [reference, broken] = await Promise.all([startReferenceServer({ apiKey, otherProjectApiKey }), startBrokenServer(entry, { apiKey, otherProjectApiKey })]);
  });
  afterAll(() => Promise.all([reference.close(), broken.close()]));

  test(`breaks the contract where it says (${entry.expectedCaseId ?? 'any case'}), as ${entry.expectedCheck} would see`, async () => {
    const probes = caseRequests(broken).filter((probe) => entry.expectedCaseId === undefined || probe.caseId === entry.expectedCaseId);
    const breaches: string[] = [];
    for (const probe of probes) {
      const [want, got] = await Promise.all([
        rawRequest(reference.baseUrl, probe.path, probe.authorization, probe.method),
        rawRequest(broken.baseUrl, probe.path, probe.authorization, probe.method),
      ]);
      const changed = got.status !== want.status || got.body !== want.body || (['content-type', 'cache-control', 'www-authenticate', 'surrogate-control'] as const).some((name) => got.headers[name] !== want.headers[name]);
      if (changed && showsBreach(entry.expectedCheck, got, want)) breaches.push(probe.caseId);
    }
    expect(breaches).not.toEqual([]);
  });
});
