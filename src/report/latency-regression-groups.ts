/**
 * Latency regressions that share one request, said once. A slowed route (one sender's read held
 * 100 ms by a proxy, a cold cache on one account) slows every case that sends it: listed one per
 * case, by ratio (byRegression), they read as 22 unrelated regressions whose order is set by the
 * noise in each case's previous p95. "GET /v1/senders/snd_coex_active/whatsapp-sync: 22 cases
 * slower, p95 ~10 → ~157 ms (median of the cases)" says what they share; the others follow as
 * before. Derived where shown, from the run's results: conformance.json's `latencyRegressions`
 * stays the list of cases it was.
 *
 * The request a case is keyed by is the contract's: its operation's method and path template, the
 * path parameter filled with the value the suite sent (a sender id from the fixtures, never text
 * a target sent), read back from the case's own curl (src/reproduce/format-curl.ts writes it).
 * Only a case whose every request is that one request has a key: a sequence that reads one sender
 * and starts another, a path spelled otherwise (a trailing slash, an encoded letter, a query), a
 * parameter that is not a plain id (a hostile one) have none, and stay among the others.
 */
import type { BaselineDiff, CaseResult } from '../model';
import { escapeRegex } from '../text/escape-regex';

export type LatencyRegression = BaselineDiff['latencyRegressions'][number];

/** Regressions of one request, the cases' p95s summed up by their medians. */
export interface LatencyRegressionGroup {
  /** "GET /v1/senders/snd_coex_active/whatsapp-sync". */
  request: string;
  /** Its cases, in the order of the regressions (byRegression). */
  ids: string[];
  /** The median of the cases' baseline p95s, and of tonight's. */
  baselineP95: number;
  p95: number;
}

/** Cases a request needs to be said once: two cases slowed alike are already one route's. */
export const REGRESSION_GROUP_MIN = 2;

/** A path parameter's value the key takes: a plain id (the fixtures' sender ids); anything else is no key. */
const PLAIN_ID = /^[A-Za-z0-9_~-][A-Za-z0-9_.~-]{0,63}$/;

const PATH_AS_IS = "--path-as-is '";

/** The method and path (query left out) of the first request of a curl the suite wrote; undefined when it is not of that form. */
function curlRequest(curl: string): { method: string; path: string } | undefined {
  const method = / -X ([A-Z]+) /.exec(curl)?.[1] ?? (/^(?:\{ )?curl -sS -I /.test(curl) ? 'HEAD' : undefined);
  // The last: the URL ends the curl (a concurrent step's copies all send the same one).
  const at = curl.lastIndexOf(PATH_AS_IS);
  if (method === undefined || at < 0) return undefined;
  const rest = curl.slice(at + PATH_AS_IS.length);
  const end = rest.indexOf("'");
  // The URL as sent (--path-as-is): its path not normalised, so "/a/../b" is not "/b".
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#']*(\/[^?#]*)?(?:[?#].*)?$/i.exec(end < 0 ? '' : rest.slice(0, end))?.[1];
  return path === undefined ? undefined : { method, path };
}

/**
 * "GET /v1/senders/snd_coex_active/whatsapp-sync": the operation label ("METHOD template") with its
 * parameters as the curl sent them, when the curl sent that method to that template (a base path
 * before it allowed) with plain ids; undefined otherwise.
 */
export function requestKey(operation: string, curl: string | undefined): string | undefined {
  if (curl === undefined) return undefined;
  const space = operation.indexOf(' ');
  const method = operation.slice(0, space);
  const template = operation.slice(space + 1);
  const sent = curlRequest(curl);
  if (space <= 0 || sent === undefined || sent.method !== method) return undefined;
  const names: string[] = [];
  const pattern = template.split(/(\{[^}]+\})/).map((part) => {
    const name = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (name === undefined) return escapeRegex(part);
    names.push(name);
    return '([^/]+)';
  }).join('');
  const values = new RegExp(`${pattern}$`).exec(sent.path)?.slice(1);
  if (values === undefined || !values.every((v) => PLAIN_ID.test(v))) return undefined;
  let i = 0;
  return `${method} ${template.replace(/\{[^}]+\}/g, () => values[i++] ?? '')}`;
}

/** The one request every exchange of a case sent, or undefined (see the file's comment). */
export function caseRequestKey(result: CaseResult): string | undefined {
  if (result.steps === undefined) return requestKey(result.operation, result.curl);
  const sent = result.steps.filter((step) => step.notSent !== true);
  const keys = new Set(sent.map((step) => requestKey(step.operation, step.curl)));
  const [key] = keys;
  return keys.size === 1 ? key : undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The regressions of a request sent by REGRESSION_GROUP_MIN cases or more, most cases first (then
 * the larger rise of the medians, then the request), and the rest in their order (byRegression).
 */
export function groupLatencyRegressions(regressions: readonly LatencyRegression[], results: readonly CaseResult[]): { groups: LatencyRegressionGroup[]; rest: LatencyRegression[] } {
  const byId = new Map(results.map((r) => [r.id, r] as const));
  const keyed = new Map<string, LatencyRegression[]>();
  for (const regression of regressions) {
    const result = byId.get(regression.id);
    const key = result === undefined ? undefined : caseRequestKey(result);
    if (key === undefined) continue;
    keyed.set(key, [...(keyed.get(key) ?? []), regression]);
  }
  const groups = [...keyed].filter(([, members]) => members.length >= REGRESSION_GROUP_MIN).map(([request, members]) => ({
    request,
    ids: members.map((m) => m.id),
    baselineP95: median(members.map((m) => m.baselineP95)),
    p95: median(members.map((m) => m.p95)),
  }));
  const rise = (g: LatencyRegressionGroup): number => (g.baselineP95 > 0 ? g.p95 / g.baselineP95 : Number.POSITIVE_INFINITY);
  groups.sort((a, b) => b.ids.length - a.ids.length || (rise(a) !== rise(b) ? (rise(a) > rise(b) ? -1 : 1) : a.request < b.request ? -1 : a.request > b.request ? 1 : 0));
  const grouped = new Set(groups.flatMap((g) => g.ids));
  return { groups, rest: regressions.filter((r) => !grouped.has(r.id)) };
}

/** "~10 → ~157 ms": a median, to a tenth of a millisecond. */
function approx(ms: number): string {
  return `~${Math.round(ms * 10) / 10}`;
}

/** "22 cases slower, p95 ~10 → ~157 ms (median of the cases)": what a group's line says after its request. */
export function latencyGroupText(group: LatencyRegressionGroup): string {
  return `${group.ids.length} cases slower, p95 ${approx(group.baselineP95)} → ${approx(group.p95)} ms (median of the cases)`;
}
