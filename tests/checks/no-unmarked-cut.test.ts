/**
 * A guard over every check in the registry: whatever a check quotes of an answer that echoes the API
 * key, once through the scrubber the reports use, shows no piece of the key. The scrubber finds
 * a key whole, and the head a cut left of it only where the cut is marked with "…"
 * (recording/cut-pieces.ts): a check that cut received text with a bare slice would put the head
 * of the key in every report. The answers echo the key (as is, in hex, in base64 at each alignment)
 * in every place a check reads (JSON values and names, raw text, header values and names, a
 * challenge, a Location, a stack trace, a transport error), at offsets around every bound the
 * checks cut at, so a cut lands inside the key wherever a check cuts. Iterating the registry,
 * a new check is covered the day it is registered. Failures name lengths and check ids, never the key.
 */
import { allChecks } from '../../src/checks/registry';
import { runChecks, VIOLATION_TEXT_LIMITS } from '../../src/checks/run-checks';
import type { Check, CheckContext } from '../../src/model/check';
import type { Exchange, HttpResponse } from '../../src/model/http';
import { knownCredentials } from '../../src/runner/known-credentials';
import { valueScrubber } from '../../src/runner/scrub-result';
import { EXCERPT_LENGTH } from '../../src/text/plain-text';
import { context, exchange, jsonResponse, response, syncBody } from './support/exchange-factory';

const PREFIX = 'zv_test_';
const apiKey = `${PREFIX}Q7mK2pX9vR4tL8wN3bH6jD1fG5sZ0cYa`;
const otherProjectKey = `${PREFIX}0a9b8c7d6e5f40312a3b4c5d6e7f8091`;
const unknownKey = `${PREFIX}d00dfeedd00dfeedd00dfeedd00dfeed`;
const credentials = knownCredentials({ apiKey, otherProjectKey, unknownKey });
// What suite-engine scrubs every case result with before any report sees it.
const scrub = valueScrubber([apiKey, otherProjectKey]);

/** A piece of the secret this long (past the public prefix) is a leak; of an encoded form, this long. */
const SECRET_PIECE = 8;
const ENCODED_PIECE = 12;

/** One echoed form of the key, and the index from which its characters depend on the secret alone. */
interface Echo {
  label: string;
  text: string;
  secretFrom: number;
  /** Hex and the secret are matched in any case (a target may echo either); base64 is case-sensitive. */
  anyCase: boolean;
}

/** base64 of `lead` bytes then the key: its characters from ceil((lead + prefix) × 8 / 6) on encode the secret alone. */
function base64Echo(lead: string, alphabet: 'base64' | 'base64url'): Echo {
  const text = Buffer.from(lead + apiKey).toString(alphabet);
  return { label: `${alphabet} after ${lead.length} byte(s)`, text, secretFrom: Math.ceil(((lead.length + PREFIX.length) * 8) / 6), anyCase: false };
}

const echoes: readonly Echo[] = [
  { label: 'as is', text: apiKey, secretFrom: PREFIX.length, anyCase: true },
  { label: 'hex', text: Buffer.from(apiKey).toString('hex'), secretFrom: PREFIX.length * 2, anyCase: true },
  base64Echo('', 'base64'),
  base64Echo('x', 'base64'),
  base64Echo('>>', 'base64url'),
];

/** Every piece of the secret (or of an encoded form's secret part) long enough to count as a leak; an any-case form's in lower case. */
const forbidden = new Map<number, Set<string>>();
for (const echo of echoes) {
  const length = echo.label === 'as is' ? SECRET_PIECE : ENCODED_PIECE;
  const secret = echo.text.slice(echo.secretFrom);
  const pieces = forbidden.get(length) ?? new Set<string>();
  for (let i = 0; i + length <= secret.length; i += 1) {
    const piece = secret.slice(i, i + length);
    pieces.add(echo.anyCase ? piece.toLowerCase() : piece);
  }
  forbidden.set(length, pieces);
}

/** The length of the longest forbidden piece found in `text` (0 when none): a length, never the piece. */
function leakIn(text: string): number {
  let found = 0;
  for (const [length, pieces] of forbidden) {
    for (let i = 0; i + length <= text.length; i += 1) {
      const piece = text.slice(i, i + length);
      if (pieces.has(piece) || pieces.has(piece.toLowerCase())) found = Math.max(found, length);
    }
  }
  return found;
}

/** Every string inside a value (what the reports print of a check's run: titles, messages, pointers, crashes, omissions). */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) stringsOf(item, out);
  return out;
}

/**
 * The bounds the checks and run-checks cut received text at: the excerpts' (60 to 200), a title's,
 * a pointer's, a message's. A future check's cut at one of these is caught wherever its value
 * stands in what it cuts: each sweep starts 110 characters before the bound.
 */
const BOUNDS = [...new Set([60, 80, 100, 120, EXCERPT_LENGTH, VIOLATION_TEXT_LIMITS.title, VIOLATION_TEXT_LIMITS.instancePath, VIOLATION_TEXT_LIMITS.message])];

/** Filler lengths from 110 before each bound to 6 past it, every `step`. */
const sweep = (step: number): number[] => [...new Set(BOUNDS.flatMap((bound) => Array.from({ length: Math.floor(116 / step) + 1 }, (_, i) => Math.max(0, bound - 110 + i * step))))].sort((a, b) => a - b);

/**
 * The key as is needs a fine step: the scrubber's partial form (any 20 of its 40 characters) takes
 * a head of 12 or more secret characters, so an unmarked cut leaks only when it leaves 8 to 11 of
 * them, a window of 4 fillers. An encoded form has no partial form: a cut leaves 12 or more
 * characters of its secret part over a window of 20 fillers or more, which a step of 7 meets.
 */
const fillersOf = (echo: Echo): number[] => (echo.label === 'as is' ? sweep(2) : sweep(7));

/** What the target sends around the echo: filler no form of the key holds ("." is in no base64, hex or key alphabet). */
const around = (filler: number, echo: string): string => `${'.'.repeat(filler)}${echo}${'.'.repeat(24)}`;

/** One place an answer can carry received text in, and the expectation under which checks read it there. */
interface Carrier {
  name: string;
  build(payload: string): { exchange: Exchange; context: CheckContext };
}

const withCredentials = (ctx: CheckContext): CheckContext => ({ ...ctx, credentials });
const answered = (outcome: HttpResponse, ctx: CheckContext = context()): { exchange: Exchange; context: CheckContext } => ({ exchange: exchange(outcome), context: withCredentials(ctx) });
const because = 'the guard';

const carriers: readonly Carrier[] = [
  { name: 'an undeclared JSON property', build: (p) => answered(jsonResponse(200, { ...syncBody, debug: p })) },
  { name: 'a JSON text inside a string', build: (p) => answered(jsonResponse(200, { ...syncBody, debug: JSON.stringify({ request: { authorization: p } }) })) },
  {
    name: 'a value outside an enum, asserted on',
    build: (p) => answered(jsonResponse(200, { sync: { ...syncBody.sync, status: p } }), context({ assert: [{ check: 'body-assertion', pointer: '/sync/status', equals: 'active', because }] })),
  },
  { name: 'a JSON member name', build: (p) => answered(jsonResponse(200, { ...syncBody, [p]: 1, sync: { ...syncBody.sync, [p]: true } })) },
  { name: 'a repeated JSON member name', build: (p) => answered(response(200, `{"sync":${JSON.stringify(syncBody.sync)},${JSON.stringify(p)}:1,${JSON.stringify(p)}:2}`, { 'content-type': 'application/json' })) },
  { name: "an Error's message", build: (p) => answered(jsonResponse(400, { code: 'bad_request', message: p }), context({ status: 400, examples: ['no_waba'] })) },
  { name: "an Error's code, in an unexpected status", build: (p) => answered(jsonResponse(404, { code: p, message: 'Sender not found' }), context({ status: 400, examples: ['no_waba'] })) },
  { name: 'a body that is not JSON', build: (p) => answered(response(200, `${p} is not JSON`, { 'content-type': 'application/json' })) },
  { name: 'bytes that are not UTF-8', build: (p) => answered({ status: 200, headers: { 'content-type': 'application/json' }, bodyText: `\uFFFD${p}`, notUtf8: true }) },
  { name: 'a Java stack trace', build: (p) => answered(response(500, `java.lang.IllegalStateException: ${p}\n\tat com.zavu.Auth.check(Auth.java:42)\n`, { 'content-type': 'text/plain' })) },
  { name: 'a .NET stack trace', build: (p) => answered(response(500, `boom\n   at Zavu.Auth.Check() in /src/${p}.cs:line 42\n`, { 'content-type': 'text/plain' })) },
  { name: 'a stack trace in JSON', build: (p) => answered(jsonResponse(500, { code: 'internal', message: 'failed', stack: `System.InvalidOperationException: ${p}\n   at Zavu.Auth.Check(String key)` })) },
  { name: 'a WWW-Authenticate', build: (p) => answered(jsonResponse(401, { code: 'unauthorized', message: 'no' }, { 'www-authenticate': `Basic realm="${p}"` }), context({ status: 401 })) },
  { name: 'a Location', build: (p) => answered(response(302, '', { location: `/login?next=${p}` })) },
  { name: 'a Retry-After', build: (p) => answered(jsonResponse(429, { code: 'rate_limited', message: p }, { 'retry-after': p })) },
  { name: 'a Content-Type', build: (p) => answered(response(200, JSON.stringify(syncBody), { 'content-type': `text/html; charset=${p}` })) },
  // A page where 401 was due: status-code-expected names its media type (checks/support/not-the-api.ts).
  { name: "a Content-Type's media type, where 401 was due", build: (p) => answered(response(200, '<html></html>', { 'content-type': `text/${p}` }), context({ status: 401 })) },
  { name: 'a Cache-Control', build: (p) => answered(jsonResponse(200, syncBody, { 'cache-control': `public, max-age=60, ${p}`, expires: p })) },
  { name: 'an Expires without Cache-Control', build: (p) => answered(jsonResponse(200, syncBody, { expires: p })) },
  { name: 'an Allow on a 405', build: (p) => answered(jsonResponse(405, { code: 'method_not_allowed', message: p }, { allow: p }), context({ status: 405 })) },
  { name: 'a header value', build: (p) => answered(jsonResponse(200, syncBody, { 'x-debug': p })) },
  { name: 'a header name', build: (p) => answered(jsonResponse(200, syncBody, { [`x-${p}`.toLowerCase()]: 'v' })) },
  {
    name: 'a Date header judged by an assertion',
    build: (p) => answered(jsonResponse(200, syncBody, { date: p }), context({ assert: [{ check: 'body-assertion', pointer: '/sync/history/requestedAt', nearResponseDate: 1000, because }] })),
  },
  { name: 'a Content-Encoding of a body too large', build: (p) => answered({ status: 200, headers: { 'content-type': 'application/json', 'content-encoding': p }, bodyText: `{"debug":"${p}`, truncated: { limitBytes: 16, receivedBytes: 8, crossed: 'decoded' } }) },
  ...(['other', 'timeout'] as const).map(
    (kind): Carrier => ({ name: `a transport error (${kind})`, build: (p) => ({ exchange: exchange({ kind, message: `socket said ${p}` }), context: withCredentials(context()) }) }),
  ),
];

/**
 * Checks that never quote what they received (they count, or name a form without its value): no
 * carrier makes them quote the echo, so the sweep has nothing of theirs to reach. A check that
 * starts quoting received text leaves this list or fails the first test.
 */
const NEVER_QUOTES: ReadonlyMap<string, string> = new Map([
  ['rate-limited', 'counts the retries and their statuses'],
  ['not-a-server-error', 'states the status'],
  ['status-code-documented', 'states the status and the documented ones'],
  ['allow-on-405', 'says the header is missing'],
  ['body-too-complex', "states the body's size and which limit it crossed"],
  ['credential-echoed', 'names the credential, its form and its place, never its value'],
  ['accepted-message-not-refusal', 'quotes the documented refusal it matched, never the message received'],
]);

/** The longest piece of the key `check` quotes, before any scrubbing, of an answer `carrier` builds for `payload`. */
function quoted(check: Check, carrier: Carrier, payload: string): number {
  const { exchange: ex, context: ctx } = carrier.build(payload);
  return Math.max(0, ...stringsOf(runChecks(ex, ctx, [check])).map(leakIn));
}

/**
 * The carriers `check` quotes the echo from: the key as is and in hex, at no filler (a cut of any
 * length shows its head) and after a filler past every bound (a check that quotes only a long
 * value's end). Only these are swept: a check that quotes nothing of a carrier cuts nothing of it,
 * and the sweep stays a second, not a minute.
 */
function quotingCarriers(check: Check): Carrier[] {
  const probes = [0, Math.max(...BOUNDS) + 10].flatMap((filler) => [echoes[0], echoes[1]].map((echo) => around(filler, (echo as Echo).text)));
  return carriers.filter((carrier) => probes.some((payload) => quoted(check, carrier, payload) > 0));
}

describe('no check quotes an echoed key through an unmarked cut', () => {
  it('finds, for every check of the registry, a carrier it quotes the echo from, but for the checks that never quote', () => {
    const silent = allChecks.filter((check) => quotingCarriers(check).length === 0).map((check) => check.id);
    expect(silent.sort()).toEqual([...NEVER_QUOTES.keys()].sort());
  });

  it.each(allChecks.map((check) => [check.id, check] as const))('%s', (_id, check) => {
    const leaks: string[] = [];
    let runs = 0;
    for (const carrier of quotingCarriers(check)) {
      for (const echo of echoes) {
        for (const filler of fillersOf(echo)) {
          const { exchange: ex, context: ctx } = carrier.build(around(filler, echo.text));
          // As the runner runs it (bounded, crashes kept), then scrubbed as every report's result is.
          const run = runChecks(ex, ctx, [check]);
          runs += 1;
          const longest = Math.max(0, ...stringsOf(scrub(run)).map(leakIn));
          if (longest > 0) leaks.push(`${carrier.name}, the key ${echo.label}, after ${filler} filler characters: a piece of ${longest}+ characters`);
        }
      }
    }
    expect(runs === 0).toBe(NEVER_QUOTES.has(check.id));
    // Carriers, forms, offsets and lengths only: the key itself is never printed.
    expect(leaks.slice(0, 10)).toEqual([]);
  });
});
