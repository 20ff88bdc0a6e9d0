/**
 * A WWW-Authenticate challenge list as two 401s are compared by it: read as a client reads it
 * (RFC 9110 §11.6.1), so what says the same thing compares alike; the values a server chooses
 * (realm, scope, error) compared as sent, only what names the request in them set aside, and every
 * other value set aside whole.
 */
import { comparableMessage, withAskedIdAndMomentsSetAside } from './comparable-message';
import { listElements } from './header-list';
import { compareCodeUnits } from './plain-text';
import { namesARequest, REQUEST_WORDS } from './request-id-name';

/** The challenge parameters whose values say something of the resource: a realm, a scope, an error code. */
const TELLING_PARAMETERS = new Set(['realm', 'scope', 'error']);

/** A run of letters and digits inside a value: a request's or a trace's id when long and with a digit. */
const ALPHANUMERIC_RUN = /[A-Za-z0-9]+/g;
/** A run of the URL-safe base64 alphabet: a nanoid or a base64url id, its "-" and "_" inside it. */
const URL_SAFE_RUN = /[A-Za-z0-9_-]+/g;

/**
 * Whether a run of the URL-safe alphabet is a random id (a nanoid, 16 random bytes in base64url):
 * 16 characters or more, a capital and a small letter, and a digit or capitals strewn inside its
 * words (one character in four or more a capital after a letter). Read as runs of letters and
 * digits alone, "V1StGXR8_Z5jdHi6B-myT" left "myT" to tell two requests apart; one nanoid in 35
 * draws no digit ("VStGXRkZqjdHiBmyTwPaL"), and its capitals, one letter in two, are no words'.
 * Words a server joins ("zavu-production-eu-2026", "Acme-Corp-Project-Realm", "AcmeCorpProjectRealm")
 * lack a capital, or have one at each word's head only; with an acronym among them
 * ("AcmeCorpAPIRealm"), whose capitals count as strewn, they still read as words (isWordsAlone).
 */
function isRandomId(run: string): boolean {
  if (run.length < 16 || !/[a-z]/.test(run) || !/[A-Z]/.test(run)) return false;
  return /\d/.test(run) || ((run.match(/(?<=[A-Za-z])[A-Z]/g)?.length ?? 0) * 4 >= run.length && !isWordsAlone(run));
}

/** A name's pieces: an acronym ("API"), a word with its capital or none ("Realm", "acme"), or digits. */
const NAME_PIECE = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;

/**
 * Whether a run reads as words a server joined: every piece an acronym of two capitals or more, or a
 * word of two small letters or more with a vowel in them ("AcmeCorpAPIRealm": Acme, Corp, API, Realm).
 * Counted alone, an acronym's capitals passed for a nanoid's strewn ones, and a realm naming the
 * project ("AcmeCorpAPIRealm" for "ZavuProdAPIRealm") was set aside; a nanoid's letters fall into
 * pieces of one or two ("V", "St", "GX", "Rk") or vowel-free ones ("Jmg"). Of 100,000 nanoids drawn
 * without a digit, the capitals' count left about one in 20 kept (its letters mostly small), and this
 * reading one in 500 more: a rare false alarm on a realm that quotes a request, not a project's name missed.
 */
function isWordsAlone(run: string): boolean {
  return (run.match(NAME_PIECE) ?? []).every((piece) => /^[A-Z]{2,}$/.test(piece) || /^\d+$/.test(piece) || /^[A-Z]?(?=[a-z]*[aeiouy])[a-z]{2,}$/.test(piece));
}

/** One character of the vowel-free alphabet Kubernetes draws a pod's generated suffix from (its replica set's hash too). */
const POD_CHARACTER = '[bcdfghjklmnpqrstvwxz2456789]';

/**
 * What a server varies per machine or per request, found by its shape (not by a list of hosts, which
 * no deployment keeps to): a load balancer picks the machine, the region or the counter that answers
 * each request, so two 401s from one conformant server name different ones, and neither tells of the
 * sender. Set aside: a host named by its address (EC2's "ip-10-0-1-23", the dotted IPv4, an IPv6
 * address with a digit in it: "2001:db8::1"); a cloud region in any case (two letters or a continent,
 * a compass direction, a number: "us-east-1", "EU-WEST-1", "us-gov-west-1", GCP's "us-central1" and
 * "europe-west4"); a Kubernetes pod's generated suffix ("api-7d9f8b6c5-x2k4q": its replica set's
 * hash and its own, in the vowel-free alphabet Kubernetes draws them from); and, after a word naming
 * a request or a machine (NAMED_RUN), a request's id or a machine's counter (isCounter: "req-1",
 * "pod-7f9c", "node 3", "worker_12"). What stays is what a server names of itself or a tenant:
 * "zavu-2" and "zavu-7", a name after such a word that is no counter ("host acme", "node acme1": a
 * tenant's own host), a region's words out of that shape ("acme-west1"). Azure's regions
 * ("westeurope") are words, and stay.
 */
const MACHINE_OR_REQUEST: readonly RegExp[] = [
  /(?<![A-Za-z0-9.])(?:ip-\d{1,3}(?:-\d{1,3}){3}|\d{1,3}(?:\.\d{1,3}){3})(?![A-Za-z0-9])/gi,
  // IPv6: eight groups, or fewer around one "::"; a digit in it, so "dead::beef" stays words.
  /(?<![A-Za-z0-9:])(?=[0-9a-f:]*\d)(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?)(?![A-Za-z0-9:])/gi,
  /(?<![A-Za-z0-9])(?:[a-z]{2}|europe|asia|australia|africa|northamerica|southamerica)-(?:gov-)?(?:(?:north|south)(?:east|west)?|east|west|central)-?\d{1,2}(?![A-Za-z0-9])/gi,
  new RegExp(`(?<=-)${POD_CHARACTER}{9,10}-${POD_CHARACTER}{5}(?![A-Za-z0-9])`, 'g'),
];

/** A run of the pod suffix's alphabet alone, in any case: after a machine's word, a counter's. */
const POD_SUFFIX_ALONE = new RegExp(`^${POD_CHARACTER}+$`, 'i');

/**
 * Whether the run after such a word names a machine or a request, not a tenant: a digit in it; and,
 * after a machine's word, digits and hex alone ("3", "7f9c", "A3B2") or the vowel-free alphabet
 * Kubernetes draws a pod's suffix from ("x2k4q"). A machine may be a tenant's own: any run with a
 * digit read "node acme1" and "node zavu1" alike, and a project's name with a digit after one of
 * these words was set aside whole. After a request's word ("req-PPBqWA9"), a run with a digit is an id.
 */
function isCounter(word: string, run: string): boolean {
  if (!/\d/.test(run)) return false;
  // A word of NAMED_RUN that names a request, not a machine: what follows is an id however drawn.
  return namesARequest(word) || /^[0-9a-f]+$/i.test(run) || POD_SUFFIX_ALONE.test(run);
}

/**
 * A word naming a request or a machine, and the run after it: the run set aside when it is a
 * counter's (isCounter). Matched forward from the word, not looked behind from each run, so a
 * target's long run of letters is read once, not again from each of its letters.
 */
const NAMED_RUN = new RegExp(`(?<![A-Za-z0-9])(${REQUEST_WORDS}|pod|host|node|instance|worker|replica)([\\s_:=#-]*)([A-Za-z0-9]+)`, 'gi');

/**
 * A realm's, a scope's or an error code's value as two answers are compared by it. The server
 * chooses these, not each request: a realm names a protection space (RFC 9110 §11.5), RFC 6750
 * §3.1's error codes are a small fixed vocabulary ("invalid_token" and "insufficient_scope" tell a
 * bad key from one that may not see the sender). So the value is compared as sent, case included,
 * and not as a message, whose every word of 8 letters or more is blanked as a request id: that read
 * "zavu-production" and "acme-corp-project" alike, and let a realm name the project that owns a
 * sender. Set aside are only the id the request asked for, UUIDs and times (RFC 3339, HTTP-dates),
 * a run of letters and digits of 8 characters or more with a digit in it (a request or trace id, a
 * hex run, a time in seconds), and a nanoid's or base64url id's run, "-" and "_" in it (isRandomId):
 * a server whose realm quotes the request is no leak; and what names the machine, the region or the
 * counter that answered (MACHINE_OR_REQUEST, NAMED_RUN), which a load balancer varies per request. A
 * short or letters-only word stays: "zavu-2" and "zavu-7" are two realms. A scope is read as the set
 * of its tokens (comparableScope): the one value the RFCs make a list whose order says nothing.
 */
function comparableValue(name: string, value: string, path: string): string {
  // A random id first, whole: a word inside it ("request V1St…") would cut it into runs that stay.
  const randomAside = withAskedIdAndMomentsSetAside(value, path).replace(URL_SAFE_RUN, (run) => (isRandomId(run) ? '<n>' : run));
  const told = MACHINE_OR_REQUEST.reduce((text, pattern) => text.replace(pattern, '<n>'), randomAside)
    .replace(NAMED_RUN, (whole, word: string, separator: string, run: string) => (isCounter(word, run) ? `${word}${separator}<n>` : whole))
    .replace(ALPHANUMERIC_RUN, (run) => (run.length >= 8 && /\d/.test(run) ? '<n>' : run));
  return name === 'scope' ? comparableScope(told) : told;
}

/**
 * A scope as a client reads it: the set of its space-delimited tokens, sorted. RFC 6749 §3.3 (and
 * RFC 6750 §3's scope attribute) makes the order of scope tokens meaningless, and a server that
 * writes the scope from a set (a Go map, a Java HashSet) lists it in another order from answer to
 * answer: the same access range, no tell of a sender. Each token is still compared as sent, case
 * included (scope tokens are case-sensitive); a realm or an error code is no list, and keeps its order.
 */
function comparableScope(value: string): string {
  return [...new Set(value.split(/[ \t]+/).filter((token) => token !== ''))].sort().join(' ');
}

/** RFC 9110 §5.6.2's tchar: what a scheme or a parameter name is made of. */
const TOKEN = "[A-Za-z0-9_.!#$%&'*+^`|~-]+";
/** An auth-param (RFC 9110 §11.2): a name, "=", and a token or a quoted string (or what a target put there). */
const AUTH_PARAM = new RegExp(`^(${TOKEN})\\s*=\\s*([^]*)$`);
/** A challenge's start: its scheme, then its first parameter or its token68, if any. */
const CHALLENGE_START = new RegExp(`^(${TOKEN})(?:\\s+([^]*))?$`);

/** A parameter's value as a client reads it: a quoted string unquoted, its quoted-pairs resolved (RFC 9110 §5.6.4). */
function unquoted(value: string): string {
  const text = value.trim();
  if (!text.startsWith('"')) return text;
  return text.slice(1, text.endsWith('"') && text.length > 1 ? -1 : undefined).replace(/\\([^])/g, '$1');
}

/** One challenge: its scheme lower-cased, and its parameters (name lower-cased, value as read) or its token68. */
interface Challenge {
  scheme: string;
  parameters: [string, string][];
  token68?: string;
}

/**
 * A challenge list read as a client reads it (RFC 9110 §11.6.1): an element "scheme …" starts a
 * challenge, an element "name=value" is a parameter of the challenge before it.
 */
function readChallenges(value: string): Challenge[] {
  const challenges: Challenge[] = [];
  for (const element of listElements(value)) {
    const parameter = parameterOf(element);
    const last = challenges[challenges.length - 1];
    if (parameter !== undefined && last !== undefined && last.token68 === undefined) {
      last.parameters.push(parameter);
      continue;
    }
    const start = CHALLENGE_START.exec(element);
    // Not a challenge by the grammar: kept whole as one, as sent, so it is still compared. A scheme
    // is case-insensitive (RFC 9110 §11.1): "Bearer" on one route and "bearer" on another are one.
    const scheme = start === null ? element : (start[1] ?? '').toLowerCase();
    const rest = start?.[2];
    const first = rest === undefined ? undefined : parameterOf(rest);
    if (rest === undefined || first !== undefined) challenges.push({ scheme, parameters: first === undefined ? [] : [first] });
    else challenges.push({ scheme, parameters: [], token68: rest });
  }
  return challenges;
}

/** An auth-param's name (lower-cased) and value (as read), or undefined when the text is none. */
function parameterOf(text: string): [string, string] | undefined {
  const match = AUTH_PARAM.exec(text);
  return match === null ? undefined : [(match[1] ?? '').toLowerCase(), unquoted(match[2] ?? '')];
}

/**
 * The auth-schemes a WWW-Authenticate value names, lower-cased (RFC 9110 §11.1): read as a client
 * reads the list, so a "Bearer" inside a quoted value, or a parameter named so, is no challenge.
 */
export function challengeSchemes(value: string): string[] {
  return readChallenges(value).map(({ scheme }) => scheme);
}

/**
 * A WWW-Authenticate value as two answers' challenges are compared: the scheme and the parameter
 * names in any case (RFC 9110 §11.1, §11.2), the values of realm, scope and error compared as sent
 * but for what names the request in them (comparableValue), every other value (a nonce, an
 * error_description that quotes a request, resource_metadata's URL) set aside: an opaque value
 * differs from request to request, and a realm, scope or error code naming a project or telling a
 * sender from an unknown id is what tells two senders apart. Read as a client reads it, so that
 * what says the same thing compares alike: a scheme in any case, parameters in any order, their
 * names in any case, a value as a token or a quoted string (RFC 9110 §11.2), and challenges in any
 * order, in one field line or in several joined (§11.6.1, §5.3): a server that writes them from a
 * map (Go's, whose order changes from answer to answer) tells nothing by their order. A scheme, a
 * parameter's name, and a token68 or what is no challenge by the grammar, are made comparable as a
 * message is: opaque to a client, and "error_description" and "resource_metadata" read "<n>" alike.
 */
export function comparableChallenge(challenge: string, path: string): string {
  const told = readChallenges(challenge).map(({ scheme, parameters, token68 }) => {
    if (token68 !== undefined) return comparableMessage(`${scheme} ${token68}`, path);
    const shown = [...parameters]
      .sort(([a], [b]) => compareCodeUnits(a, b))
      .map(([name, value]) => `${comparableMessage(name, path)}=${TELLING_PARAMETERS.has(name) ? `"${comparableValue(name, value, path).replace(/["\\]/g, '\\$&')}"` : '<v>'}`);
    const named = comparableMessage(scheme, path);
    return shown.length === 0 ? named : `${named} ${shown.join(', ')}`;
  });
  return told.sort().join(', ');
}
