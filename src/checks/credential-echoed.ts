/**
 * "credential-echoed": no answer holds a credential the run knows (the API key, the other
 * project's key, the well-formed unknown key the suite sends), in any form the scrubber knows it
 * by: as is, case-changed, one of the wrong credentials the auth cases derive from it (cut short,
 * its checksum or prefix changed), percent-encoded, JSON-escaped, base64, hex, or a long piece of
 * it. Looked for in every header (name and value) and in the body: in each string of a JSON body
 * as parsed (so `\u005f` escapes hide nothing, and a JSON text inside a string is searched as the
 * text it is), in the text of any other.
 *
 * A credential in an answer ends up wherever answers go: logs, caches, proxies, browser tools
 * (CWE-200, CWE-532). Echoing back the credential the request itself sent (a debug field with the
 * Authorization header) is a warning: nothing is shown that the caller did not have, but the key
 * reaches every log on the way back. Showing one the request did not send (the valid key to a
 * request without credentials or with another key) is an error: a leak of the key itself.
 *
 * Runs on the bytes as received, before results are scrubbed; its messages name the credential,
 * the form and the place (a header's name, a JSON pointer), never a value: a place that would
 * show a form of a credential (a member named by the key) is not named.
 */
import { countingCheck, mayHold, type CheckFindings, type CountingCheck, type CredentialForm, type KnownCredential } from '../model/check';
import type { Exchange, HttpResponse } from '../model/http';
import { OMITTED_PLACES_KEPT, pointerPattern, type OmittedViolations, type Severity, type Violation } from '../model/violation';
import { appendPointer, commonPointer } from '../openapi/json-pointer';
import { excerpt } from '../text/plain-text';
import { structureProblem } from './support/json-structure';
import { parseJsonBody } from './support/parsed-body';

const NONE: CheckFindings = { violations: [], omitted: [] };

/** Between the texts searched as one: no form matches it (a credential is visible ASCII, a tab at most), so no match spans two texts. */
const SEPARATOR = '\u0000';

/** JSON texts inside strings are looked into this deep at most ("escaped up to four times", as the scrubber reads them). */
const NESTED_DEPTH = 4;

/** A form's label in words: "the API key, base64-encoded". */
const FORM_WORDS: Readonly<Record<string, string>> = {
  verbatim: 'as is',
  'case-changed': "with its letters' case changed",
  derived: 'as one of the wrong credentials the suite derives from it (cut short, case-changed, its last characters or its prefix changed)',
  'percent-encoded': 'percent-encoded',
  'JSON-escaped': 'JSON-escaped',
  escaped: 'with its characters escaped (\\u, %XX or &#…; escapes)',
  base64: 'base64-encoded',
  base64url: 'base64url-encoded',
  hex: 'hex-encoded',
  'UTF-16': 'in UTF-16 (a NUL beside each character)',
  partial: 'in part (a long piece of it)',
  interleaved: 'with something unseen between its characters (a zero-width space, a soft hyphen)',
};

/** Where a text searched lies in the answer. */
type Spot =
  | { kind: 'header-name' }
  | { kind: 'header'; name: string }
  | { kind: 'body-text' }
  /** A string value of a JSON body, at `pointer`. */
  | { kind: 'value'; pointer: string }
  /** A member's name, in the object at `pointer`. */
  | { kind: 'name'; pointer: string };

/** Which credential (by index) a text holds, and in which form. */
interface Hit {
  text: number;
  credential: number;
  form: CredentialForm;
}

/** A global copy of a pattern: the search goes through every match with lastIndex. */
function globalOf(pattern: RegExp): RegExp {
  return pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
}

/** Whether `text` holds `form` anywhere (search ignores and keeps lastIndex). */
const holds = (text: string, form: CredentialForm): boolean => mayHold(form, text) && text.search(form.pattern) >= 0;

/**
 * How many characters of texts are joined for one search. A chunk, not all of them: the join of
 * every text copied the whole body once more (a 16 MiB gzip bomb's text, or 300,000 strings of a
 * JSON body), 20–35 MiB more at peak on the bench's hostile targets; a text longer than this is
 * searched as it is, with no copy.
 */
const CHUNK_CHARS = 1 << 20;

/**
 * The texts that hold each credential, with the first form (in the credential's order, the most
 * specific) each holds it in: one pass of each form over chunks of the texts joined, so the work is
 * the texts' length times the forms, whatever their number. After a match the search goes on at
 * the next text: a text is named once per credential.
 */
function search(texts: readonly string[], credentials: readonly KnownCredential[]): Hit[] {
  const hits: Hit[] = [];
  for (let first = 0; first < texts.length; ) {
    // The texts from `first` while they fit in a chunk (the first always: a long one alone).
    let end = first + 1;
    let size = (texts[first] ?? '').length;
    while (end < texts.length && size + SEPARATOR.length + (texts[end] ?? '').length <= CHUNK_CHARS) {
      size += SEPARATOR.length + (texts[end] ?? '').length;
      end += 1;
    }
    searchChunk(texts, first, end, credentials, hits);
    first = end;
  }
  return hits.sort((a, b) => a.text - b.text || a.credential - b.credential);
}

/** {@link search} over texts[first, end), joined by SEPARATOR (which no form matches): the hits pushed to `hits`. */
function searchChunk(texts: readonly string[], first: number, end: number, credentials: readonly KnownCredential[], hits: Hit[]): void {
  const starts: number[] = [];
  let at = 0;
  for (let i = first; i < end; i += 1) {
    starts.push(at);
    at += (texts[i] ?? '').length + SEPARATOR.length;
  }
  const joined = end - first === 1 ? (texts[first] ?? '') : texts.slice(first, end).join(SEPARATOR);
  const textAt = (index: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  credentials.forEach((credential, c) => {
    const found = new Set<number>();
    for (const form of credential.forms) {
      if (!mayHold(form, joined)) continue;
      const pattern = globalOf(form.pattern);
      pattern.lastIndex = 0;
      for (let match = pattern.exec(joined); match !== null; match = pattern.exec(joined)) {
        const text = textAt(match.index);
        if (!found.has(text)) {
          found.add(text);
          hits.push({ text: first + text, credential: c, form });
        }
        // On to the next text: this one is named already (and a match is never empty, but this also moves past one).
        pattern.lastIndex = starts[text + 1] ?? joined.length + 1;
      }
      pattern.lastIndex = 0;
    }
  });
}

/**
 * Every string of a parsed JSON value, a member's name before its value, in one order, without
 * recursion; with where each lies when `pointers` is set (the second pass, only when one holds a
 * credential: a body of 300,000 strings builds no pointer for a search that finds nothing).
 */
function walkStrings(value: unknown, pointers: boolean, visit: (text: string, spot: Spot) => void): void {
  const nowhere: Spot = { kind: 'value', pointer: '' };
  if (typeof value === 'string') visit(value, nowhere);
  if (typeof value !== 'object' || value === null) return;
  const stack: { node: object; pointer: string }[] = [{ node: value, pointer: '' }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop() as { node: object; pointer: string };
    const isArray = Array.isArray(node);
    const keys = isArray ? undefined : Object.keys(node);
    const size = keys === undefined ? (node as unknown[]).length : keys.length;
    for (let i = 0; i < size; i += 1) {
      const key = keys === undefined ? i : (keys[i] ?? '');
      if (typeof key === 'string') visit(key, pointers ? { kind: 'name', pointer } : nowhere);
      const child = (node as Record<string | number, unknown>)[key];
      const at = pointers ? appendPointer(pointer, key) : '';
      if (typeof child === 'string') visit(child, pointers ? { kind: 'value', pointer: at } : nowhere);
      else if (typeof child === 'object' && child !== null) stack.push({ node: child, pointer: at });
    }
  }
}

/** The texts of an answer, headers first (each name, then its value), then the body's. */
function answerTexts(response: HttpResponse): { texts: string[]; headerSpots: Spot[]; body: unknown; bodyIsJson: boolean } {
  const texts: string[] = [];
  const headerSpots: Spot[] = [];
  for (const [name, value] of Object.entries(response.headers)) {
    texts.push(name, value);
    headerSpots.push({ kind: 'header-name' }, { kind: 'header', name });
  }
  // The parse every check shares (bounded: a truncated or too complex body is read as text).
  const parsed = parseJsonBody(response);
  if (parsed.ok) {
    walkStrings(parsed.value, false, (text) => texts.push(text));
    return { texts, headerSpots, body: parsed.value, bodyIsJson: true };
  }
  if (response.bodyText !== '') texts.push(response.bodyText);
  return { texts, headerSpots, body: undefined, bodyIsJson: false };
}

/** The spots of the texts `wanted` names, by index (texts past the headers are the body's). */
function spotsOf(wanted: ReadonlySet<number>, headerSpots: readonly Spot[], body: unknown, bodyIsJson: boolean): Map<number, Spot> {
  const spots = new Map<number, Spot>();
  headerSpots.forEach((spot, i) => {
    if (wanted.has(i)) spots.set(i, spot);
  });
  if (!bodyIsJson) {
    if (wanted.has(headerSpots.length)) spots.set(headerSpots.length, { kind: 'body-text' });
    return spots;
  }
  let index = headerSpots.length;
  walkStrings(body, true, (_text, spot) => {
    if (wanted.has(index)) spots.set(index, spot);
    index += 1;
  });
  return spots;
}

/** A pointer as the names it goes through, unescaped: what a credential in a member's name would show in. */
const pointerNames = (pointer: string): string => pointer.replace(/~1/g, '/').replace(/~0/g, '~');

/** Whether showing `text` (a place) would show a form of any credential. */
function showsCredential(text: string, credentials: readonly KnownCredential[]): boolean {
  return credentials.some((credential) => credential.forms.some((form) => holds(text, form)));
}

/**
 * Where inside a string that is itself a JSON text the form lies: the pointers, one per level
 * ("/auth"), or none when the string is no JSON text or the form is not in one of its strings
 * alone. Bounded: the string is parsed only when it holds the form, NESTED_DEPTH levels at most.
 */
function innerPointers(text: string, form: CredentialForm, credentials: readonly KnownCredential[], depth = 0): string[] {
  if (depth >= NESTED_DEPTH) return [];
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return [];
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return [];
  }
  if (structureProblem(value) !== undefined) return [];
  let found: { text: string; spot: Spot } | undefined;
  walkStrings(value, true, (inner, spot) => {
    if (found === undefined && holds(inner, form)) found = { text: inner, spot };
  });
  if (found === undefined || found.spot.kind === 'header-name' || found.spot.kind === 'header' || found.spot.kind === 'body-text') return [];
  const pointer = found.spot.pointer;
  if (showsCredential(pointerNames(pointer), credentials)) return [];
  const at = pointer === '' ? '(its root)' : excerpt(pointer, 200);
  if (found.spot.kind === 'name') return [`${at} (in a member's name)`];
  return [at, ...innerPointers(found.text, form, credentials, depth + 1)];
}

/** Where the credential is, in words; undefined when naming the place would show it (the member's name above it is named instead). */
function placeWords(spot: Spot, text: string, form: CredentialForm, credentials: readonly KnownCredential[]): { words: string; pointer: string } | undefined {
  switch (spot.kind) {
    case 'header-name':
      return { words: "in a header's name (not shown: it holds the credential)", pointer: '' };
    case 'header':
      if (showsCredential(spot.name, credentials)) return undefined;
      return { words: `in its ${excerpt(spot.name, 80)} header`, pointer: '' };
    case 'body-text':
      return { words: 'in its body (read as text: it is not JSON)', pointer: '' };
    case 'name':
      if (showsCredential(pointerNames(spot.pointer), credentials)) return undefined;
      return { words: `in its body, in the name of a member of the ${spot.pointer === '' ? 'body itself' : `object at ${excerpt(spot.pointer, 200)}`}`, pointer: spot.pointer };
    case 'value': {
      if (showsCredential(pointerNames(spot.pointer), credentials)) return undefined;
      const inner = innerPointers(text, form, credentials);
      const nested = inner.length === 0 ? '' : `, a JSON text in a string, at ${inner.join(', in the JSON text there, at ')}`;
      // A pointer is made of the target's names: cut and escaped as any received text is.
      return { words: `in its body at ${spot.pointer === '' ? '(the root)' : excerpt(spot.pointer, 200)}${nested}`, pointer: spot.pointer };
    }
  }
}

/**
 * A place that cannot be named (a name on the way to it holds a credential): said to be hidden, not
 * left out. Another credential there is still a finding: the other project's key under a member
 * named by the request's own key is a leak (an error), whatever the warning for the name says.
 */
function hiddenPlace(spot: Spot): { words: string; pointer: string } {
  if (spot.kind === 'header' || spot.kind === 'header-name') return { words: 'in the value of a header whose name is not shown (it holds a credential)', pointer: '' };
  return { words: 'in its body, at a place not shown (a member name on the way to it holds a credential)', pointer: '' };
}

/** Whether the request carried this credential, in any of its forms, in any of its headers (the Authorization the auth cases vary). */
function sentBy(exchange: Exchange, credential: KnownCredential): boolean {
  const sent = Object.values(exchange.request.headers).join(SEPARATOR);
  return credential.forms.some((form) => holds(sent, form));
}

function violationOf(status: number, credential: KnownCredential, form: CredentialForm, where: string, sent: boolean): Violation & { severity: Severity } {
  const how = FORM_WORDS[form.label] ?? `in its ${form.label} form`;
  const severity: Severity = sent ? 'warning' : 'error';
  const title = sent ? `The ${status} echoes back ${credential.name} the request sent` : `The ${status} shows ${credential.name}, which the request did not send`;
  // Short: a summary cuts a long message in what was received, and the place and the form are there.
  const why = sent ? "this one is the request's own, echoed back, and it reaches every log, cache and proxy on the way (CWE-532)" : 'the request did not send this one, so the answer leaks it (CWE-200)';
  return {
    check: 'credential-echoed',
    severity,
    title,
    message: `Received: a ${status} holding ${credential.name}, ${how}, ${where} / Expected: no credential in an answer: ${why}`,
    instancePath: '',
  };
}

export const credentialEchoedCheck: CountingCheck = countingCheck({
  id: 'credential-echoed',
  title: 'No answer holds a credential (the API key, in any form; the one the request sent)',
  runCounted(exchange, context, keep) {
    const response = exchange.response;
    const credentials = context.credentials ?? [];
    if (response === undefined || credentials.length === 0) return NONE;
    const { texts, headerSpots, body, bodyIsJson } = answerTexts(response);
    const hits = search(texts, credentials);
    if (hits.length === 0) return NONE;
    const spots = spotsOf(new Set(hits.map((hit) => hit.text)), headerSpots, body, bodyIsJson);
    const sent = credentials.map((credential) => sentBy(exchange, credential));
    const violations: Violation[] = [];
    const kept = { error: 0, warning: 0 };
    // Credentials (by index) already reported at a place named: one whose place is hidden by its own name above it is said there.
    const named = new Set<number>();
    const over = new Map<Severity, OmittedViolations>();
    for (const hit of hits) {
      const spot = spots.get(hit.text);
      const credential = credentials[hit.credential];
      if (spot === undefined || credential === undefined) continue;
      const severity: Severity = sent[hit.credential] === true ? 'warning' : 'error';
      if (kept[severity] >= keep) {
        // Counted, not described: where it lies, and for errors the place (as run-checks counts them).
        const pointer = spot.kind === 'value' || spot.kind === 'name' ? spot.pointer : '';
        const safe = showsCredential(pointerNames(pointer), credentials) ? '' : pointer;
        const group = over.get(severity);
        if (group === undefined) over.set(severity, { check: 'credential-echoed', severity, count: 1, instancePath: safe, ...(severity === 'error' ? { places: [pointerPattern(safe)] } : {}) });
        else {
          group.count += 1;
          group.instancePath = commonPointer(group.instancePath, safe);
          const place = pointerPattern(safe);
          if (group.places !== undefined && !group.places.includes(place)) {
            if (group.places.length < OMITTED_PLACES_KEPT) group.places.push(place);
            else group.placesCut = true;
          }
        }
        continue;
      }
      const shown = placeWords(spot, texts[hit.text] ?? '', hit.form, credentials);
      // Hidden by its own name above it (named, said once there); hidden by another credential's name: still said.
      if (shown === undefined && named.has(hit.credential)) continue;
      const place = shown ?? hiddenPlace(spot);
      if (shown !== undefined) named.add(hit.credential);
      kept[severity] += 1;
      violations.push({ ...violationOf(response.status, credential, hit.form, place.words, sent[hit.credential] === true), instancePath: place.pointer });
    }
    return { violations, omitted: [...over.values()] };
  },
});
