/**
 * What an unexpected status most likely means, given the one the scenario expected. Design
 * principle 5: "expected 401, got 404" is a security finding, not a number mismatch, and the
 * report should say so. But a cause is named only on evidence that the API itself answered (the
 * documented Error body, to the operation's path, not a "no route" error): a proxy's bare 400 or
 * a router's plain-text 404 says nothing about the API's order of checks, so then the story only
 * says what was seen. Returns undefined when the pair tells no particular story.
 */
import type { CheckContext } from '../../model/check';
import type { ReadingEvidence } from '../../model/violation';
import { KEY_FORMS, type AuthVariant, type Exchange, type HttpResponse } from '../../model/http';
import { excerpt, listed, withArticle } from '../../text/plain-text';
import { isSafeMethod } from '../../model/operation';
import { answeredByOperation, seenBody } from './answer-evidence';
import { documentedRefusal, documentedRefusalOfItsStatus } from './documented-refusal';
import { bodyMessage } from './parsed-body';
import { notTheApiStory } from './not-the-api';
import { resourceNoun } from './resource-noun';

export function statusStory(expected: number, exchange: Exchange & { response: HttpResponse }, context: Pick<CheckContext, 'operation' | 'schemas' | 'fixtures'> & Partial<Pick<CheckContext, 'expect'>>): string | undefined {
  const response = exchange.response;
  const received = response.status;
  // What the path names, in the operation's own words (operations are data): "sender" for the shipped ones.
  const noun = resourceNoun(context.operation);
  if (received >= 300 && received < 400) {
    const location = response.headers['location'];
    return `a redirect (not followed)${location === undefined ? '' : ` to ${excerpt(location)}`}`;
  }
  if (received === 429) {
    // The operation's own refusal, word for word, with the limiter's status: judged (checks/rate-limited.ts), and told as what it is.
    const refusal = documentedRefusal(response, context.operation);
    if (refusal !== undefined) {
      return `the documented ${refusal.status} refusal ${refusal.name} ("${excerpt(refusal.message, 100)}") sent as 429: clients take it for the platform's rate limit and retry it (the official SDK retries every 429) instead of reading the refusal`;
    }
    const retryAfter = response.headers['retry-after'];
    return `rate limited${retryAfter === undefined ? '' : ` (Retry-After: ${excerpt(retryAfter, 100)})`}: the case could not be judged`;
  }
  if (received >= 500) return 'a server error';
  // A page in the API's place (a wrong base URL's) is not told as the API serving the request.
  if (received >= 200 && received < 300) return notTheApiStory(expected, exchange, context.operation) ?? servedStory(expected, exchange.request.method, noun);
  // The refusal that was due, in its documented words, under another 4xx (a 403 or 422 "Sync is only
  // available for coexistence accounts"): only its status is wrong. Told as "the configured key is not
  // allowed to read this sender", a reviewer went after a key that was right. (A 404 has stories of its own;
  // so has another status where 404 was due, in any words: a sender that must look unknown told apart is a leak.)
  const due = expected === 401 || expected === 404 || received === 404 || received < 400 || received >= 500 ? undefined : documentedRefusal(response, context.operation);
  if (due !== undefined && due.status === expected) return refusalUnderAnotherStatus(due, received, context.expect?.examples, noun);
  // Every story below names a cause inside the API; without evidence, say what was seen instead.
  // A 404 to a request that named a configured fixture, where the sender must be found: the
  // variable that holds it is what to check, even when the answer's body tells nothing more.
  const unknownFixture = expected !== 404 && expected !== 401 && received === 404 ? fixtureNames(context.fixtures) : undefined;
  const cause = expected === 401 ? unauthenticatedStory(received, configuredSenderRefusedAs(received, exchange, context.fixtures, noun), refusedAs(received, response, context.operation, exchange.request.authVariant, noun), showsSender(response, context.operation), exchange.request.authVariant, noun) : authenticatedStory(expected, received, exchange.request.authVariant === 'valid', namedSender(context.fixtures, exchange.request.authVariant), noun, unknownFixture, saidIn(response));
  if (cause === undefined) return undefined;
  if (cause.needsEvidence && !answeredByOperation(exchange, context)) {
    const hint = unknownFixture === undefined ? '' : `; the 404 alone says ${unknownFixture} may hold an id the target does not know`;
    return `${seenBody(response)}, not the documented Error for this operation: no cause can be read from it${hint}`;
  }
  return received === 404 ? withQueryString(exchange.request.path, cause.text) : cause.text;
}

/**
 * A documented refusal of the status that was due, sent under another 4xx. "The refusal was due" only
 * when it is the row's own (its examples, when it names them): the not-coexistence row answered with
 * the no-WABA words has its reason wrong too, and told "its status is not" alone, its reader fixed a
 * status and left the sender (or the target's check of it) that gave the wrong reason.
 */
function refusalUnderAnotherStatus(due: { status: number; name: string; message: string }, received: number, rowExamples: readonly string[] | undefined, noun: string): string {
  const said = `the documented ${due.status} refusal ${due.name} ("${excerpt(due.message, SAID_CHARS)}") sent as ${received}`;
  if (rowExamples === undefined || rowExamples.length === 0 || rowExamples.includes(due.name)) return `${said}: the refusal was due, its status is not`;
  return `${said}, where ${listed(rowExamples.map((name) => excerpt(name, SAID_CHARS)), 'or')} was due: its reason is not the row's either (check that the configured ${noun} is the kind of ${noun} the row reads)`;
}

/** How much of a query string a story shows: the suite sends a few characters ("?zvc=1"). */
const QUERY_CHARS = 40;

/**
 * A 404 to a request whose path carries a query string: a hand-written router that matches the
 * request target whole (query included) answers it from its catch-all, the Error's shape and all,
 * which reads exactly as the cause the story would name without it ("looked up before
 * authenticating") and sent a mock's author to an order of checks that was right. What was seen
 * comes first, and the cause only as the other reading: the same request without the query string
 * answered 404 too is what tells them apart.
 */
function withQueryString(path: string, cause: string): string {
  const at = path.indexOf('?');
  if (at === -1) return cause;
  return `to the query string "${excerpt(path.slice(at), QUERY_CHARS)}": a route that does not match a path with a query string answers so, if the same request without it is not answered 404; else ${cause}`;
}

/** How much of a refusal's message a story quotes: the documented ones are under 70 characters. */
const SAID_CHARS = 100;

/** The message of a JSON error body, when it has one with words in it. */
function saidIn(response: HttpResponse): string | undefined {
  const message = bodyMessage(response);
  return message !== undefined && message.trim() !== '' ? message : undefined;
}

/** A configured sender id as a story shows it: the user's own config, but bounded and escaped whatever was pasted. */
const FIXTURE_CHARS = 64;

/** 'ZAVU_SENDER_NO_WABA "snd_zz"' (and more, comma-separated), or undefined when the request named no configured fixture. */
function fixtureNames(fixtures: CheckContext['fixtures']): string | undefined {
  if (fixtures === undefined || fixtures.length === 0) return undefined;
  return fixtures.map((f) => `${f.variable} "${excerpt(f.value, FIXTURE_CHARS)}"`).join(', ');
}

interface Cause {
  text: string;
  /** Whether the text claims something about the API that only its own answer can show. */
  needsEvidence: boolean;
}

/** A 2xx: the request was served, whoever answered, so the story needs no further evidence. */
function servedStory(expected: number, method: string, noun: string): string | undefined {
  if (expected === 401) return 'authentication not enforced: the request was served';
  if (expected === 404) return `${withArticle(noun)} id that must look unknown (no such ${noun}, or another project's) was answered as if it were the key's`;
  // A start's 2xx serves no status: it accepted a start (a sync already running, at its limit, or a sender that cannot sync).
  if (expected === 400 && !isSafeMethod(method)) return 'the start was accepted where the contract says it must be refused';
  // Any read's (operations are data): its name is the report's, its reason the row's "because".
  if (expected === 400) return `the read was served for ${withArticle(noun)} the contract says must be refused`;
  return undefined;
}

/**
 * A 404 where 401 was due, to a sender the run configures (the key's own, or the other project's): a
 * lookup before authenticating finds it (and answers 401 then), so the 404 says the credentials were
 * not refused, the sender looked up for a caller who does not own it (a mock's keys['constructor'], any
 * token taken for a project of its own), unless the id is wrong (the run cannot tell: said as the other
 * reading). Another project's sender exists as much as the key's own, so it
 * reads alike, named as that project's: "looked up before authenticating: ids can be enumerated" fits
 * an id no sender has, whose 404 only that lookup gives. Senders of both projects in one path (no one
 * owner to name), or no configured one: undefined.
 */
function configuredSenderRefusedAs(received: number, exchange: Exchange, fixtures: CheckContext['fixtures'], noun: string): string | undefined {
  if (received !== 404 || fixtures === undefined || fixtures.length === 0) return undefined;
  const hidden = fixtures.filter((f) => f.hidden === true).length;
  if (hidden !== 0 && hidden !== fixtures.length) return undefined;
  const [owner, reader] = hidden === 0 ? [`${withArticle(noun)} of the key's own project`, 'the key'] : [`the other project's ${noun}`, "the other project's key"];
  const [sent, them] = exchange.request.authVariant === 'none' ? ['a request without credentials was', 'it'] : ['these credentials were', 'them'];
  return `${sent} not refused: ${fixtureNames(fixtures) ?? ''} (configured as ${owner}) was looked up for ${them} and not found (404), as for a caller who does not own it (a lookup before authenticating would find it, and still answer 401), unless the target does not know the id at all (a lookup before authenticating answers such an id 404): if ${reader} cannot read it either, check the id`;
}

/**
 * A 400 where 401 was due that is one of the operation's documented refusals, named: a route that
 * checks no key refuses a wrong-credential start in_progress (a start without credentials began the
 * sync) as it refuses any, which "its connection state leaks" alone did not say. Both readings
 * first (CHECKED_OR_NO_AUTH), so the one the run shows takes their place at the story's head; a
 * changed form of the key (KEY_FORMS) has a third, the form taken for the key (CHECKED_KEY_OR_NO_AUTH).
 */
function refusedAs(received: number, response: HttpResponse, operation: CheckContext['operation'], auth: AuthVariant, noun: string): string | undefined {
  const refusal = received === 400 ? documentedRefusalOfItsStatus(response, operation) : undefined;
  if (refusal === undefined) return undefined;
  return `${KEY_FORMS.has(auth) ? checkedKeyOrNoAuth(noun) : checkedOrNoAuth(noun)}: refused as the documented ${refusal.status} ${refusal.name} ("${excerpt(refusal.message, 100)}") without valid credentials, so the ${noun}'s state leaks to unauthenticated callers`;
}

/**
 * The two readings of a 404 where 401 was due, to an id no configured sender has: one answer cannot
 * tell a lookup before authenticating from no authentication at all, as both answer it so. The run's
 * other answers can (runner/auth-order.ts): it puts one of the readings below in its place.
 */
export const lookupOrNoAuth = (noun: string): string => `the ${noun} was looked up before authenticating, or authentication is not enforced`;
export const LOOKUP_OR_NO_AUTH = lookupOrNoAuth('sender');

/** Likewise for a documented refusal where 401 was due: the sender's checks before authenticating, or none at all. */
export const checkedOrNoAuth = (noun: string): string => `the ${noun} was checked before authenticating, or authentication is not enforced`;
export const CHECKED_OR_NO_AUTH = checkedOrNoAuth('sender');

/**
 * Likewise, sent with the key itself in a changed form ("Token <key>", the key with a character
 * more): a target that reads the key leniently took it for the key, and refused its holder so.
 */
export const checkedKeyOrNoAuth = (noun: string): string => `the ${noun} was checked before authenticating, authentication is not enforced, or this changed form of the key was taken for the key`;
export const CHECKED_KEY_OR_NO_AUTH = checkedKeyOrNoAuth('sender');

/** A story naming both readings: its words (`both`), and what its first reading says came before authenticating. */
export interface TwoReadings {
  both: string;
  /** "authentication after <after>" */
  after: string;
  /** "only once it has <done>" */
  done: string;
}

/**
 * Every story of two readings the run's other answers may tell apart (runner/auth-order.ts). A 401
 * to the same changed form of the key rules out its being taken for the key, as it does no
 * authentication; a 2xx to one shows no "not enforced" (auth-order.ts), so only the first is given.
 */
export function twoReadings(noun: string): readonly TwoReadings[] {
  return [
    { both: lookupOrNoAuth(noun), after: 'lookup', done: `looked the ${noun} up` },
    { both: checkedOrNoAuth(noun), after: `the ${noun}'s checks`, done: `checked the ${noun}` },
    { both: checkedKeyOrNoAuth(noun), after: `the ${noun}'s checks`, done: `checked the ${noun}` },
  ];
}

export const TWO_READINGS = twoReadings('sender');

/** What a story of two readings names, read back from its words ("the agent was looked up before …"): the noun resourceNoun gave it, letters, digits and spaces, NOUN_LIMIT at most. */
const READING_NOUN = /\bthe ([\p{L}\p{N}][\p{L}\p{N} ]{0,60}?) was (?:looked up|checked) before authenticating, (?:or )?authentication is not enforced/u;

/** The story of two readings `message` tells, if any, in the words of the noun it names. */
export function twoReadingsIn(message: string): TwoReadings | undefined {
  const noun = READING_NOUN.exec(message)?.[1];
  return noun === undefined ? undefined : twoReadings(noun).find((story) => message.includes(story.both));
}

/*
 * The readings below lead with the words that tell them apart (and from LOOKUP_OR_NO_AUTH): a
 * summary.md line keeps only the head of a story when its Expected part is long.
 */

/**
 * An exchange id a reading names, in quotes: which exchange shows it varies from run to run and
 * operation to operation, so a reading carries it as a field of its own too (ReadingEvidence), which
 * the failure digest sets aside by.
 */
function quotedExchange(exchangeId: string): string {
  return `"${excerpt(exchangeId, 160)}"`;
}

/** A reading's words, and the exchange that shows it, with the part of the words that names it. */
export interface Reading {
  text: string;
  shownBy: ReadingEvidence;
}

/** `head` followed by `words` (the evidence's, naming `exchangeId`), as a Reading. */
function reading(head: string, exchangeId: string, operation: ReadingEvidence['operation'], words: string): Reading {
  return { text: `${head}${words}`, shownBy: { exchange: excerpt(exchangeId, 160), operation, words } };
}

/**
 * The first reading of `story`, when `refused` (an exchange id of the run), sent as the story's
 * request was (`sentSo`: "without credentials", "with these credentials"), was answered 401: the
 * target authenticates, after the lookup (or the sender's checks). `elsewhere`: `refused` is
 * another operation's, and this one's own showed nothing; said as an inference, since a gateway may
 * authenticate one path and the app behind another path not at all.
 */
export function authenticatedAfter(story: TwoReadings, refused: string, sentSo: string, elsewhere = false): Reading {
  const shown = quotedExchange(refused);
  const head = `authentication after ${story.after}`;
  return elsewhere
    ? reading(head, refused, 'another', `, going by another operation (${shown}, sent ${sentSo}, was refused 401 in this run; none of this operation's own was refused or served)`)
    : reading(head, refused, 'this', ` (${shown}, sent ${sentSo}, was refused 401 in this run: the target authenticates, but only once it has ${story.done})`);
}

/**
 * The second reading, when `served` (an exchange id of the run), sent so too, was answered 2xx: to
 * this operation, or, `noneRefused`, to any while no request of the run sent so was refused 401
 * (`operation`: whose exchange `served` is; the words are the same).
 */
export function authNotEnforced(served: string, sentSo: string, noneRefused: boolean, operation: ReadingEvidence['operation'] = 'this'): Reading {
  const shown = quotedExchange(served);
  return noneRefused
    ? reading('authentication not enforced', served, operation, ` (no request of this run sent ${sentSo} was refused 401, and ${shown} was served)`)
    : reading('authentication not enforced on this operation', served, operation, ` (${shown} was served ${sentSo})`);
}

/** Words of an answer's message that name the sender or its connection ("Sender not found", "no WhatsApp Business Account"). */
const SENDER_WORDS = /\b(?:senders?|whatsapp|waba|coexistence|business account)\b/i;

/**
 * Words of a refusal of the credentials ("Sender authentication failed", "invalid API key for this
 * sender's project"): a sender such a message names is whose key it is, not its state, so it shows
 * nothing of the sender. Told "inspected before authenticating", a target that refused the key
 * first (only with the wrong status) would be blamed for a leak it does not have.
 */
const CREDENTIAL_WORDS = /\b(?:api[ _-]?keys?|keys?|tokens?|credentials?|bearer|authenticat\w*|unauthori[sz]\w*|authori[sz]\w*)\b/i;

/** Characters of the message the words are looked for in: an error's message is a line, and a huge one is not scanned whole. */
const MESSAGE_READ = 400;

/**
 * Whether an answer shows something of the sender: a documented refusal (of any status: "Sender
 * not found" sent as 400), or a message (its head) naming the sender and no credentials. A 400
 * invalid_request "malformed authorization header" to "Basic <key>" shows only that the credentials
 * were refused 400 (RFC 6750 §3.1 allows it for a malformed request): told it leaked the sender's
 * state, its author looked for an order of checks that was right.
 */
function showsSender(response: HttpResponse, operation: CheckContext['operation']): boolean {
  if (documentedRefusal(response, operation) !== undefined || documentedRefusalOfItsStatus(response, operation) !== undefined) return true;
  const message = bodyMessage(response)?.slice(0, MESSAGE_READ);
  if (message === undefined) return false;
  return SENDER_WORDS.test(message) && !CREDENTIAL_WORDS.test(message);
}

/**
 * Stories for a request that should have been stopped at authentication (`configured`:
 * configuredSenderRefusedAs's reading of a 404; `refusal`: refusedAs's of a 400; `sender`: whether
 * the answer shows anything of the sender, showsSender).
 */
function unauthenticatedStory(received: number, configured: string | undefined, refusal: string | undefined, sender: boolean, auth: AuthVariant, noun: string): Cause | undefined {
  if (received === 404 && configured !== undefined) return { text: configured, needsEvidence: true };
  // A mock that checks no key at all answers an unknown id 404 as well: both causes, not only the order of checks.
  if (received === 404) return { text: `${lookupOrNoAuth(noun)}: ${noun} ids can be enumerated`, needsEvidence: true };
  if (received === 400 && refusal !== undefined) return { text: refusal, needsEvidence: true };
  if (received === 400 && sender) return { text: `the ${noun} was inspected before authenticating: its state leaks to unauthenticated callers`, needsEvidence: true };
  // Only the status is wrong: clients tell a missing or refused key by 401 (to ask for a new one).
  const sent = auth === 'none' ? 'a request without credentials was' : 'these credentials were';
  if (received === 400) return { text: `${sent} refused 400 rather than 401, the status a client's authentication handling keys on: the answer shows nothing of the ${noun}`, needsEvidence: true };
  // A statement about what the status means, true whoever sent it.
  if (received === 403) return { text: '403 means "authenticated but not allowed"; missing or invalid credentials call for 401', needsEvidence: false };
  return undefined;
}

/**
 * Whose configured sender the request named (CheckContext.fixtures), seen from the key it was sent
 * with: another project's, that key's own, or none the run knows of (`hidden`: another project's to the run's key). To the other
 * project's key (own-sender-other-project-key) the run key's own senders are another project's,
 * and its own (`hidden`) sender is its own: a 403 there says the sender exists as much.
 */
type NamedSender = 'another-project' | 'own' | undefined;

function namedSender(fixtures: CheckContext['fixtures'], sentWith: AuthVariant): NamedSender {
  if (fixtures === undefined || fixtures.length === 0) return undefined;
  const othersOf = (f: { hidden?: true }): boolean => (sentWith === 'other-project-key' ? f.hidden !== true : f.hidden === true);
  return fixtures.every(othersOf) ? 'another-project' : 'own';
}

/** Stories for an authenticated request that got a refusal it should not have. */
function authenticatedStory(expected: number, received: number, plainKey: boolean, named: NamedSender, noun: string, unknownFixture?: string, said?: string): Cause | undefined {
  // Only the configured key sent as documented can blame the key: "bearer <key>" refused is about the scheme.
  if (received === 401 && !plainKey) return undefined;
  if (received === 401) return { text: 'the configured key was rejected: check ZAVU_API_KEY and the target it belongs to', needsEvidence: true };
  // A sender that must look unknown (another project's) answered 403: the answer itself says it exists.
  // Said so only when the request named a configured sender of another project than the key's: to an id that names
  // none (the generated unknown id, a hostile one of the negative property; the embedded server's
  // seeded ids carry no fixture either), "confirms that it exists" would be false, and an edge that
  // refuses an id's characters with 403 answers so too.
  if (expected === 404 && received === 403) {
    if (named === 'another-project') return { text: `forbidden instead of not found: confirms that the ${noun} exists (another project's ${noun} must look exactly like an unknown one)`, needsEvidence: true };
    return { text: `forbidden instead of not found: for another project's ${noun}, a 403 confirms that it exists (it must look exactly like an unknown one); for an id that names no ${noun} (the generated unknown id, a hostile one), the id itself was refused 403 where the contract answers 404 (a front that refuses the id's characters answers so too)`, needsEvidence: true };
  }
  if (received === 403) return { text: `the configured key is not allowed to read this ${noun}`, needsEvidence: true };
  // Either a leak (another project's sender) or the suite's unknown id not of the target's shape
  // (README "The unknown id"): the story cannot tell which id it was, so it names both, as conditions.
  if (expected === 404 && received === 400) {
    return {
      text: `refused instead of not found: for another project's ${noun}, a 400 tells the caller it exists; for the generated unknown id, the target may refuse ids of a shape it never issues (then set ZAVU_SENDER_UNKNOWN to a well-formed id that names no ${noun})`,
      needsEvidence: false,
    };
  }
  if (expected >= 200 && expected < 300 && received === 400) {
    // What kind of sender the row reads is data (its "because", shown as Expected), not the engine's to say.
    // Its words too: a start refused for a body it wanted, or for a reason of its own, reads as "refused the sender" as well.
    const saying = said === undefined ? '' : `, saying "${excerpt(said, SAID_CHARS)}"`;
    return { text: `the target refused the ${noun}${saying}: check that the configured ${noun} is the kind of ${noun} the row reads (Expected says which)`, needsEvidence: true };
  }
  // A refusal by the sender's kind (no WABA, not coexistence, not active) sent as 404 is a common
  // handler bug (a nested lookup's NotFound let through), not only a wrong id: both are named.
  // Named by the variable that holds it when the run knows it (a live target's configuration).
  const unknown = unknownFixture === undefined ? `the ${noun} was not found: check the configured ${noun} id` : `${unknownFixture}: the target does not know this ${noun} (404): check the id`;
  if (expected === 400 && received === 404) return { text: `${unknown}; if it is right, the target answers this kind of ${noun} 404 where the contract refuses it with 400`, needsEvidence: true };
  if (expected !== 404 && received === 404) return { text: unknown, needsEvidence: true };
  return undefined;
}
