/**
 * The replay transport: answers each request with the exchange recorded for the same case, so every
 * check re-runs offline, against today's contract, on yesterday's responses. Nothing is sent.
 */
import type { Exchange, HttpRequest } from '../model';
import type { LoadedEntry, LoadedRecording } from '../recording/read-recordings';
import type { Transport } from './transport';

export { recordedCases, type RecordedCase } from '../recording/recorded-cases';

interface Candidate {
  source: string;
  entry: LoadedEntry;
}

/** Splits "/a/b?q" into its path segments and its query. */
function split(path: string): { segments: string[]; query: string } {
  const queryAt = path.indexOf('?');
  return { segments: (queryAt < 0 ? path : path.slice(0, queryAt)).split('/'), query: queryAt < 0 ? '' : path.slice(queryAt) };
}

/**
 * Whether the recorded path answers the path sent now. Exact match, with one tolerance: a case
 * whose id is its bare scenario id (planCases adds "[senderId]" only when a scenario expands over
 * several fixtures) may target a sender chosen per run, such as the random unknown-sender id. For
 * such a case, same scenario, the paths may differ in exactly one segment (the sender id) and
 * nothing else. Expanded cases carry the sender in their id, so their path must match exactly.
 */
function pathMatches(entry: LoadedEntry, path: string): boolean {
  const recorded = entry.exchange.request.path;
  if (recorded === path) return true;
  if (entry.caseId !== entry.scenario) return false;
  const a = split(recorded);
  const b = split(path);
  if (a.query !== b.query || a.segments.length !== b.segments.length) return false;
  return a.segments.filter((segment, i) => segment !== b.segments[i]).length === 1;
}

export class ReplayTransport implements Transport {
  private readonly byCase = new Map<string, Candidate[]>();
  private readonly served = new Map<string, string>();
  private readonly used = new Set<Candidate>();

  /** Entries are offered in the order of `recordings`, then of each file's entries. */
  constructor(recordings: readonly LoadedRecording[]) {
    for (const recording of recordings) {
      for (const entry of recording.entries) {
        const list = this.byCase.get(entry.caseId) ?? [];
        list.push({ source: `${recording.file}#${entry.index}`, entry });
        this.byCase.set(entry.caseId, list);
      }
    }
  }

  async send(request: HttpRequest, exchangeId: string): Promise<Exchange> {
    const matches = (this.byCase.get(exchangeId) ?? []).filter(
      ({ entry }) => entry.exchange.request.method === request.method && entry.authVariant === request.authVariant && pathMatches(entry, request.path),
    );
    // A case sent twice (a retry) gets the next recorded attempt while there is one, then the last again.
    const match = matches.find((candidate) => !this.used.has(candidate)) ?? matches.at(-1);
    if (!match) {
      const message = `no recorded exchange for ${exchangeId} (${request.method} ${request.path}, auth ${request.authVariant})`;
      return { id: exchangeId, request, error: { kind: 'other', message }, startedAt: new Date().toISOString(), durationMs: 0 };
    }
    this.used.add(match);
    this.served.set(exchangeId, match.source);
    const recorded = match.entry.exchange;
    // The request as sent now (with today's headers), the outcome and timing as recorded.
    const exchange: Exchange = { id: exchangeId, request, startedAt: recorded.startedAt, durationMs: recorded.durationMs };
    if (recorded.response) exchange.response = recorded.response;
    if (recorded.error) exchange.error = recorded.error;
    if (recorded.retries) exchange.retries = recorded.retries;
    return exchange;
  }

  /** "<file>#<entry index>" of the entry last served for this exchange. */
  sourceOf(exchangeId: string): string | undefined {
    return this.served.get(exchangeId);
  }
}
