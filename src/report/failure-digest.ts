/**
 * The run's failures by check and message shape: a target whose every JSON answer starts with a
 * byte order mark fails `json-body` once per answer, and a reviewer reading 121 failure lines
 * cannot tell one fault from many. One line per fault ("json-body: … byte order mark … — 121
 * answers, 40 cases") on top of the per-case list says it is one. Computed once where the report
 * is assembled and kept in conformance.json (`failureDigest`, checked against the results before a
 * report is written), so the console, summary.md and conformance.html show the same faults.
 *
 * The grouping must never merge two faults: only what a target varies from answer to answer is set
 * aside (the text it sent, quoted after "Received:", numbers: a count, an array index, the status
 * the contract documents, and ids); the check, the place (array indexes aside), the schema rule and
 * every other word of the suite's message stay in the key, but a scenario's own reason for the
 * status it expects (SCENARIO_REASON_CHECKS: that status stays) and the configured variables a wrong
 * status's diagnosis names (FIXTURE_VARIABLES, as the ids they hold). Setting aside too little only
 * splits a fault in two lines, which the per-case list shows anyway.
 *
 * What a line shows is not all of its key: the statuses the contract documents ("Expected: one of
 * the documented statuses 202, 400, 401, 404") are set aside only for grouping (a byte order mark
 * on a 200 and on a 404 is one fault); when every error of the line expected the same ones, they
 * are shown (they are the contract's words, not the target's: what the target sent stays "…",
 * unless every error of the line quoted the same text, which is then shown: withSharedQuote).
 * And a title or place in the key is not in the line: the operations the fault was seen in are,
 * so the contacts start's line and the history start's, alike but for the operation the title
 * names, read apart.
 *
 * The order is the reader's: the first line is read as the problem. A body or header judged on an
 * answer whose status was wrong is judged against a response that was not due (a 200 `{}` for an
 * unknown sender fails "missing sync" as the 404 it should have been never would), so a fault is
 * ranked by its answers whose status was right, the status faults by all of theirs: the checks'
 * own order (status before framing before content, checks/registry.ts) applied across cases.
 */
import type { CaseResult, ConformanceReport, FailureDigest, FailureGroup, Violation } from '../model';
import { groupResults } from './group-results';
import { groupDigits } from './omitted';
import { EXCERPT_LENGTH, escapeControl, escapeSeparator, plural, truncate } from '../text/plain-text';
import { answerKey, pointerPattern, withoutEvidence } from '../model/violation';
import { EXPECTED } from './expected-kept';

export type { FailureGroup } from '../model';

/** Faults kept in the report (`faultCount` has them all): more than any renderer shows, few enough to stay small. */
export const FAILURE_DIGEST_LIMIT = 20;

/** How much of a message is read: messages are bounded where they are made; this bounds the work whatever a caller passes. */
const SHAPE_CHARS = 4000;

/**
 * A decimal number (304.5, not the parts of a version 0.2.0), or a word with a digit in it (a
 * number, an index, an id): read by setAside. A decimal is one figure, as a whole number is: read as
 * two words, a p95 of 307.2 ms and one of 313 ms were two faults.
 */
const NUMBERED_WORD = /(?<![\d.])\d+\.\d+(?![\d.])|[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*/g;

/** A decimal number, as NUMBERED_WORD reads one. */
const DECIMAL = /^\d+\.\d+$/;

/**
 * What follows a whole number that makes it a figure, not a status: a unit of time ("p95 412 ms").
 * Kept as a status, a latency budget's p95 split one slowed route into a line per millisecond.
 * Read in FIGURE_WINDOW characters after the number, one more than it can match: the unit's word
 * must end inside them (with `\b` at the window's edge, "500  msg" read as 500 ms, no status).
 */
const FIGURE_AFTER = /^\s{0,3}m?s(?![A-Za-z0-9_])/;

/** The longest FIGURE_AFTER match (3 spaces and "ms"), and the character after it. */
const FIGURE_WINDOW = 6;

/**
 * A number (a count, an index, a documented status) or an id (8 characters or more with a digit) as
 * "…"; a short name with a digit ("p0", "v2") is a different property or version, and stays. In what
 * the target did (`received`), a status code stays too: a 200 where a 401 was due is another fault
 * than a 500.
 */
function setAside(text: string, received: boolean, keepNumbers = false): string {
  const status = (word: string, end: number): boolean => received && /^[1-5]\d\d$/.test(word) && !FIGURE_AFTER.test(text.slice(end, end + FIGURE_WINDOW));
  const number = (word: string, end: number): boolean => !keepNumbers && (DECIMAL.test(word) || (/^\d+$/.test(word) && !status(word, end)));
  return text.replace(NUMBERED_WORD, (word: string, at: number) => (number(word, at + word.length) || word.length >= 8 ? '…' : word));
}

/**
 * What may follow a JSON excerpt's last quote and is still the target's: a last value that is no
 * string (`:null`, `:false`, `:3`) and closing brackets. A missing property's response-schema fault
 * quotes the object that lacks it, whose last value varies from answer to answer ('…"completedAt":null}}',
 * '…"canSync":false}}'): kept, one fault read as three lines. Anchored and linear: each step eats a character.
 */
const JSON_TAIL = /^(?:\s*:\s*(?:null|true|false|-?\d[\d.eE+-]*)|\s*[}\],])*/;

/**
 * The target's text and the moment a request left, quoted in the suite's own Expected part: a time
 * judged against the answer's Date header names that header ("the answer's own Date header ("Sat,
 * 05 Dec 2026 22:03:10 GMT")", "the answer's Date header "x" is no HTTP date") or the suite's clock
 * as it sent the request ("(\"2026-12-05T22:03:10.120Z\"; …"), or an instant the run saw before
 * (`the instant "…"` a 202 reported, which the read after it must agree with; `no earlier than "…"`,
 * the read before a start). Each differs from answer to answer as what was Received does: kept, one
 * canned time read as a line per weekday and millisecond, and set aside as numbers, the suite's own
 * tolerance and RFC went with it ("give or take … seconds").
 */
const QUOTED_MOMENT = /((?:Date header \(?|sent the request \(|the instant |no earlier than )")(?:[^"\\]|\\.)*"/g;

/**
 * What a reading of "401 was due"'s evidence is set aside as: which exchange shows it varies from
 * operation to operation, and whether it is the operation's own or another's ("going by another
 * operation") is where the run found it, not another fault. A violation names those words itself
 * (Violation.shownBy, set where the reading is made), so they are set aside as a whole before the
 * quotes are: its quoted id is the first quote of the story, and from it to the last quote (the
 * documented refusal's message) took the refusal's name along, no_waba and not_coexistence one fault.
 * Whether it was refused or served stays ("authentication after", "not enforced").
 */
const SHOWN_ASIDE = ' (…)';

/**
 * The same evidence as an older suite wrote it, without `shownBy`, found by its words: a merge by
 * this suite of shards an older one wrote computes their digest again, and without this the quoted
 * id would take the refusal's name along (no_waba and not_coexistence one fault). Frozen: readings
 * made now carry the field, so a change of their words needs no change here.
 */
const LEGACY_READING_SHOWN_BY = /(?:, going by another operation)? \("[^"]*", sent [^()"]*\)| \((?:no request of this run sent [^()"]* was refused 401, and )?"[^"]*" was served[^()"]*\)/g;

/**
 * `v` with the evidence its reading names (shownBy) set aside in its message; as it is without one.
 * Looked for only where messageShape reads (SHAPE_CHARS, and the words' length for one that starts
 * there): a report's field is anyone's, and one character's words split over a message of 200 MB
 * were that much work. A field whose words the message does not hold there (a report edited by hand)
 * names nothing: dropped, so the message is read by its older words (LEGACY_READING_SHOWN_BY), never
 * with no evidence set aside at all, whose quoted id would take the refusal's name along.
 */
function readingAside(v: Violation): Violation {
  const words = v.shownBy?.words;
  if (words === undefined) return v;
  const read = v.message.slice(0, SHAPE_CHARS + words.length);
  if (words === '' || !read.includes(words)) return withoutEvidence(v);
  // split/join: the words are matched as they are, never as a pattern.
  return { ...v, message: `${read.split(words).join(SHOWN_ASIDE)}${v.message.slice(read.length)}` };
}

/** How messageShape reads `v`'s message (readingAside's): by its older words only when it does not name its evidence itself. */
function shapeOptions(v: Violation, expectedStatuses = false): ShapeOptions {
  return { expectedStatuses, legacyReadings: v.shownBy === undefined };
}

interface ShapeOptions {
  /** Keep the Expected part's statuses (see the top). */
  expectedStatuses?: boolean;
  /** Set aside a reading's evidence by its words (LEGACY_READING_SHOWN_BY): a message of an older report; true unless said. */
  legacyReadings?: boolean;
}

/** What messageShape writes for the excerpt it sets aside: a line showing it says the texts differed. */
const SET_ASIDE_QUOTE = '"…"';

/**
 * The message with what a target varies set aside: in its "Received: …" part, from the first to the
 * last double quote (the excerpt of what was sent, which may hold quotes of its own) and a JSON
 * excerpt's tail after it (JSON_TAIL), then numbers and ids (setAside). What the suite says about
 * the text (a byte order mark, a parse error named) stays: "(it starts with a byte order mark …)"
 * follows the quote.
 */
export function messageShape(message: string, options: ShapeOptions = {}): string {
  return shapeOf(messageParts(message, options), options);
}

/** messageShape of a message already read (messageParts): the digest reads each error's once for its shapes and its quote. */
function shapeOf({ before, quote, after, expected, split }: MessageParts, options: ShapeOptions): string {
  const quoted = quote === undefined ? before : `${before}${SET_ASIDE_QUOTE}${after}`;
  // Shown (expectedStatuses): the suite's own numbers kept, the statuses and a tolerance ("within
  // 15 minutes") alike, only while every error of the line has the same (the tally drops a shown
  // shape that differs); an id (8 characters or more) stays set aside.
  return `${setAside(quoted, split >= 0)}${setAside(expected.replace(QUOTED_MOMENT, '$1…"'), false, options.expectedStatuses === true)}`.replace(/\s+/g, ' ').trim();
}

interface MessageParts {
  /** The Received part before its excerpt (no double quote in it), or the whole Received part when it quotes none. */
  before: string;
  /** The excerpt of what was sent, from its first to its last double quote, and a JSON excerpt's tail (JSON_TAIL): what the shape shows as "…". */
  quote: string | undefined;
  /** The Received part after the excerpt: the suite's words on it. */
  after: string;
  /** From the last " / Expected: " on ('' without one): the suite's own part. */
  expected: string;
  split: number;
}

/** `message` read as messageShape reads it: its first SHAPE_CHARS, a reading's evidence set aside by its older words unless told (legacyReadings). */
function messageParts(message: string, options: ShapeOptions): MessageParts {
  const text = message.slice(0, SHAPE_CHARS);
  // The last " / Expected: ": the suite's own part comes after anything the target sent.
  const split = text.lastIndexOf(EXPECTED);
  const received = split < 0 ? text : text.slice(0, split);
  const expected = split < 0 ? '' : text.slice(split);
  const read = options.legacyReadings === false ? received : received.replace(LEGACY_READING_SHOWN_BY, SHOWN_ASIDE);
  const first = read.indexOf('"');
  const last = read.lastIndexOf('"');
  if (first < 0 || last <= first) return { before: read, quote: undefined, after: '', expected, split };
  const rest = read.slice(last + 1);
  const tail = JSON_TAIL.exec(rest)?.[0] ?? '';
  return { before: read.slice(0, first), quote: `${read.slice(first, last + 1)}${tail}`, after: rest.slice(tail.length), expected, split };
}

/**
 * The longest excerpt a fault line shows as what every answer of the fault sent (sharedQuote): a
 * check's excerpt is cut where it is made (describeValue, EXCERPT_LENGTH), this bounds one a
 * report edited by hand holds, and messages of several quotes.
 */
const SHARED_QUOTE_CHARS = EXCERPT_LENGTH;

/**
 * The excerpt every error of a fault quoted, as its line shows it in place of "…": a target that
 * answered "status": "suspended" to all 72 reads read `Received: "…"`, the one value a reviewer
 * needs hidden. Inert and bounded as every target text: its controls, bidi and look-alike spaces
 * escaped (the message's own escapes stay as they are), the "/" of a " / Expected: " in it escaped
 * as describeValue does (the line's Expected part is its last one, the suite's), cut to
 * SHARED_QUOTE_CHARS. It holds no key: the results the digest reads were scrubbed of every form of
 * it (runner/scrub-result.ts) before any report was assembled, and a cut of a scrubbed text holds
 * none either.
 */
function sharedQuote(quote: string): string {
  const shown = truncate(escapeSeparator(escapeControl(quote)), SHARED_QUOTE_CHARS);
  // A target that sent "…" itself on every answer (a mock's placeholder): shown as it came, its line
  // read as texts that differed. JSON's own escape of it is the same text, and no placeholder.
  return shown === SET_ASIDE_QUOTE ? '"\\u2026"' : shown;
}

/** `shape` with its excerpt's "…" (its first double quote: none comes before it, see messageParts) as `quote`, which every error of its fault sent. */
function withSharedQuote(shape: string, quote: string | undefined): string {
  const at = shape.indexOf('"');
  if (quote === undefined || !shape.startsWith(SET_ASIDE_QUOTE, at)) return shape;
  return `${shape.slice(0, at)}${sharedQuote(quote)}${shape.slice(at + SET_ASIDE_QUOTE.length)}`;
}

/**
 * The checks of an answer's status: an error of one in an answer makes that answer's other errors
 * judged against a status that was not due (the report layer may not import checks: their ids).
 */
const STATUS_CHECKS: ReadonlySet<string> = new Set(['not-a-server-error', 'status-code-expected', 'status-code-documented']);

/**
 * Whether error `v` was judged on an answer whose status was a fault too (`wrongStatus`: the case's
 * answers with a status error). A repeated case's violations are the union of its repeats', so the
 * status fault and this one may be of two repeats: one answered 503, four a 200 missing its sync.
 * A repeat's errors are of one answer (a sequence stops at its first failing step), so with repeats
 * it holds only when each repeat that had this check had a status error too.
 */
function onWrongStatus(result: CaseResult, v: Violation, wrongStatus: ReadonlySet<string>): boolean {
  if (STATUS_CHECKS.has(v.check) || !wrongStatus.has(answerKey(result.id, v))) return false;
  const attempts = result.attempts ?? [];
  if (attempts.length < 2) return true;
  return attempts.filter((a) => a.checks.includes(v.check)).every((a) => a.checks.some((check) => STATUS_CHECKS.has(check)));
}

interface Tally {
  /** keyOf of every violation of it. */
  key: string;
  group: FailureGroup;
  /** answerKey of each (model/violation.ts): a case's request, a step, a copy of a step sent several times at once. */
  answers: Set<string>;
  cases: Set<string>;
  operations: Set<string>;
  /** The shape with the Expected part's statuses kept, while every error of the group has the same one. */
  shown: string | undefined;
  /** A wrong status's shown shape with the configured variables set aside (shownAside), while every error of the group has the same one. */
  aside: string | undefined;
  /** The excerpt its shape sets aside as "…" (messageParts), while every error of the group quoted the same (see withSharedQuote). */
  quote: string | undefined;
  /** Per case: the result, and its answers (steps, copies) with the fault. */
  perCase: Map<string, { result: CaseResult; answers: Set<string> }>;
  /** Its answers that had a status fault too (none for a status fault). */
  wrongStatus: Set<string>;
}

/**
 * With --repeat, what the counts above are of: a combined case keeps each violation once however
 * many repeats saw it (combine-attempts.ts, unionViolations), so `answers` is of distinct answers,
 * and a route answering 502 on all 5 repeats of 24 cases read "24 answers in 24 cases". Each repeat
 * keeps the checks that failed in it (Attempt.checks), not which of a check's errors: an attempt
 * with an error of the fault's check had this fault only when the case has no other error of that
 * check (none kept, none only counted) and had it in one answer (a sequence's errors may lie in
 * other steps on other repeats), and only for a check each repeat judges (a latency budget judges
 * them together). When every case of the fault is such, `repeatAnswers` counts its
 * answers over every repeat, exactly; else only `repeats` is said, for the counts to read as of
 * distinct answers. Both from the results alone, so a merge of shards computes the same.
 */
function overRepeats(tally: Tally): Pick<FailureGroup, 'repeats' | 'repeatAnswers'> {
  const cases = [...tally.perCase.values()];
  const repeats = Math.max(...cases.map((c) => c.result.attempts?.length ?? 1));
  if (repeats < 2) return {};
  let repeatAnswers = 0;
  for (const { result, answers } of cases) {
    const attempts = result.attempts ?? [];
    const alone = answers.size === 1 &&
      result.violations.every((v) => v.severity !== 'error' || v.check !== tally.group.check || keyOf(v) === tally.key) &&
      !(result.omittedViolations ?? []).some((o) => o.severity === 'error' && o.check === tally.group.check);
    // A case with the fault had it in one repeat at least: when none of its repeats' checks has it,
    // the check was judged over the repeats together (a latency budget, on their combined p95), and
    // the repeats say nothing of its answers.
    const seen = attempts.filter((a) => a.checks.includes(tally.group.check)).length;
    if (!alone || seen === 0) return { repeats };
    repeatAnswers += seen;
  }
  return { repeats, repeatAnswers };
}

/**
 * Checks whose message ends with the scenario's reason for its expectation ("Expected: 401 because
 * only the bearer scheme is documented"): each case has its own, so a server that checks no
 * credentials read as 25 faults of one case each, and the digest's only line was a fault of 2
 * cases. What the target did (the status and what it suggests) and what was expected stay in the
 * key (the expected status too, which messageShape sets aside of other checks: with the reason
 * gone, a 422 where 400 was due and a 422 where 404 was due were one fault); the reason is the
 * case's, in its own line below.
 */
const SCENARIO_REASON_CHECKS: ReadonlySet<string> = new Set(['status-code-expected']);

const BECAUSE = ' because ';

/**
 * The message without the scenario's reason: cut before the Expected part's first " because ", so
 * the line ends with the status expected ("Expected: 401"). A line ending "because …" was read on a
 * red run as a reason cut off; each case's reason is on its own line below.
 */
function withoutScenarioReason(v: Violation): string {
  if (!SCENARIO_REASON_CHECKS.has(v.check)) return v.message;
  const expected = v.message.lastIndexOf(EXPECTED);
  const because = expected < 0 ? -1 : v.message.indexOf(BECAUSE, expected);
  return because < 0 ? v.message : v.message.slice(0, because);
}

/**
 * The configured variables a wrong status's diagnosis names ('ZAVU_SENDER_COEXISTENCE "…": the
 * target does not know this sender', 'ZAVU_SENDER_COEXISTENCE and ZAVU_SENDER_NOT_ACTIVE "…"' for a
 * value two of them hold): the suite's own words for where a case's id came from, as varied from
 * case to case as the id itself (set aside already). Kept in the key, a server answering every read
 * 404 read as two faults, the second left out of summary.md as "1 more fault".
 */
const FIXTURE_VARIABLES = /\bZAVU_[A-Z0-9_]+(?: and ZAVU_[A-Z0-9_]+)*/g;

/** Names of configured variables set aside as "ZAVU_SENDER_…", in the Received part only (the suite's diagnosis; the scenario's words after it stay). */
function withoutFixtureVariables(shape: string): string {
  const split = shape.lastIndexOf(EXPECTED);
  const received = split < 0 ? shape : shape.slice(0, split);
  return `${received.replace(FIXTURE_VARIABLES, (names) => (names.startsWith('ZAVU_SENDER_') ? 'ZAVU_SENDER_…' : 'ZAVU_…'))}${split < 0 ? '' : shape.slice(split)}`;
}

/**
 * A wrong status's line as shown when its cases' diagnoses name other variables: theirs set aside
 * (each case's line names its own). undefined for other checks: their differing lines fall back to
 * the statuses set aside too (see the top).
 */
function shownAside(v: Violation, shown: string): string | undefined {
  return SCENARIO_REASON_CHECKS.has(v.check) ? withoutFixtureVariables(shown) : undefined;
}

/** The message as the key reads it: a scenario's reason and the variables its diagnosis names set aside, its expected status then kept (SCENARIO_REASON_CHECKS). */
function keyShape(v: Violation): string {
  return SCENARIO_REASON_CHECKS.has(v.check) ? withoutFixtureVariables(messageShape(withoutScenarioReason(v), shapeOptions(v, true))) : messageShape(v.message, shapeOptions(v));
}

/** The fault `finding` is of: its reading's evidence set aside by its own field (readingAside), never in the key. */
function keyOf(finding: Violation): string {
  const v = readingAside(finding);
  return JSON.stringify([v.check, pointerPattern(v.instancePath), v.schemaPath === undefined ? null : pointerPattern(v.schemaPath), messageShape(v.title), keyShape(v)]);
}

/**
 * The failing cases' errors grouped by fault, most answers whose status was right first (a status
 * fault's are all of its answers; see the top), then most answers, then most failures, then by
 * check and shape, so the same results give the same lines. Only faults seen in two cases or more:
 * a fault of one case is its line in the list already.
 */
export function failureDigestOf(results: readonly CaseResult[]): FailureGroup[] {
  const tallies = new Map<string, Tally>();
  for (const result of results) {
    // Flaky and crashed cases have lines of their own kind (outcomes, "not judged"), not grouped here.
    if (result.status !== 'failed') continue;
    const wrongStatus = new Set(result.violations.filter((v) => v.severity === 'error' && STATUS_CHECKS.has(v.check)).map((v) => answerKey(result.id, v)));
    for (const finding of result.violations) {
      if (finding.severity !== 'error') continue;
      const key = keyOf(finding);
      const v = readingAside(finding);
      let tally = tallies.get(key);
      const message = withoutScenarioReason(v);
      // Read once: the parts do not depend on expectedStatuses, only on what the shapes keep of them.
      const parts = messageParts(message, shapeOptions(v));
      const shown = shapeOf(parts, shapeOptions(v, true));
      const aside = shownAside(v, shown);
      const quote = parts.quote;
      if (tally === undefined) {
        const place = pointerPattern(v.instancePath);
        tally = { key, group: { check: v.check, ...(place === '' ? {} : { place }), shape: shapeOf(parts, shapeOptions(v)), failures: 0, answers: 0, cases: 0, firstCase: result.id, operations: [] }, answers: new Set(), cases: new Set(), operations: new Set(), shown, aside, quote, perCase: new Map(), wrongStatus: new Set() };
        tallies.set(key, tally);
      }
      if (tally.shown !== shown) tally.shown = undefined;
      if (tally.aside !== aside) tally.aside = undefined;
      if (tally.quote !== quote) tally.quote = undefined;
      tally.operations.add(result.operationId);
      tally.group.failures += 1;
      const answer = answerKey(result.id, v);
      tally.answers.add(answer);
      if (onWrongStatus(result, v, wrongStatus)) tally.wrongStatus.add(answer);
      tally.cases.add(result.id);
      const inCase = tally.perCase.get(result.id) ?? { result, answers: new Set<string>() };
      inCase.answers.add(answer);
      tally.perCase.set(result.id, inCase);
    }
  }
  const text = (g: FailureGroup): string => `${g.check}\n${g.shape}\n${g.place ?? ''}`;
  const own = (g: FailureGroup): number => g.answers - (g.wrongStatusAnswers ?? 0);
  return [...tallies.values()]
    .filter((t) => t.cases.size > 1)
    .map((t) => ({ ...t.group, shape: withSharedQuote(t.shown ?? t.aside ?? t.group.shape, t.quote), answers: t.answers.size, cases: t.cases.size, operations: [...t.operations], ...overRepeats(t), ...(t.wrongStatus.size === 0 ? {} : { wrongStatusAnswers: t.wrongStatus.size }) }))
    .sort((a, b) => own(b) - own(a) || b.answers - a.answers || b.failures - a.failures || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}

/**
 * How many faults the failed cases' errors are, as the digest tells them apart (keyOf), those seen
 * in one case only included: what the headline counts ("9 failed cases (1 fault, 15 violations)"),
 * where "15 violations" alone read as fifteen problems. Over the errors kept in full: one only
 * counted (omittedViolations) is of a check and case that kept 20 of its own, and has no message to
 * key it by. Never fewer than the faults there are (the grouping never merges two), at times more
 * (one fault's answers told apart by a word the target varies).
 */
export function faultCountOf(results: readonly CaseResult[]): number {
  const keys = new Set<string>();
  for (const result of results) {
    if (result.status !== 'failed') continue;
    for (const v of result.violations) if (v.severity === 'error') keys.add(keyOf(v));
  }
  return keys.size;
}

/**
 * The faults the heading counts ("3 failed cases (4 faults, …)") that the digest leaves out, each
 * seen in one case only: a By fault list of one line under a heading of 4 faults read as three
 * faults gone missing. 0 when there is no digest (no By fault list to speak of them).
 */
export function faultsSeenOnce(results: readonly CaseResult[], digest: FailureDigest | undefined): number {
  return digest === undefined ? 0 : Math.max(0, faultCountOf(results) - digest.faultCount);
}

/** "1 fault seen in one case", "3 faults seen in one case each": faultsSeenOnce's count in words. */
export function seenOnce(count: number): string {
  return count === 1 ? '1 fault seen in one case' : `${plural(count, 'fault')} seen in one case each`;
}

/**
 * The report's failure digest, as conformance.json keeps it: failureDigestOf over the cases in the
 * order every report lists them (so "first" is the first of them a reader meets below), the
 * first FAILURE_DIGEST_LIMIT in the digest's order kept; undefined when no fault was seen in two cases.
 */
export function failureDigestFor(report: Pick<ConformanceReport, 'runInfo' | 'results'>): FailureDigest | undefined {
  const groups = failureDigestOf(groupResults(report).flatMap((group) => group.results));
  return groups.length === 0 ? undefined : { faultCount: groups.length, faults: groups.slice(0, FAILURE_DIGEST_LIMIT) };
}

/**
 * "failed cases only, 4 flaky cases not counted", or '' when the run has no flaky case: what every
 * view says beside the digest, which counts failed cases only (a flaky case has its outcomes line).
 * Without it a night of intermittent 503s read "top fault: not-a-server-error, 3 answers in 2
 * cases" while six cases had them, four of them flaky: a part of the fault shown as its whole.
 */
export function digestScope(results: readonly CaseResult[]): string {
  const flaky = results.filter((r) => r.status === 'flaky').length;
  return flaky === 0 ? '' : `failed cases only, ${plural(flaky, 'flaky case')} not counted`;
}

/** "in startWhatsAppContactsSync", "in getWhatsAppSyncStatus, startWhatsAppHistorySync": what tells two alike lines apart. */
export function failureGroupOperations(group: FailureGroup): string {
  return group.operations === undefined || group.operations.length === 0 ? '' : `in ${group.operations.join(', ')}`;
}

/**
 * "121 answers in 40 cases", or "130 failures in 121 answers, 40 cases" when an answer had it more
 * than once (a step repeated). With --repeat: "120 answers in 24 cases over 5 repeats" when the
 * answers over every repeat are known (FailureGroup.repeatAnswers), else the counts of distinct
 * answers, said to be so ("…, counted once over 5 repeats").
 */
export function failureGroupCounts(group: FailureGroup): string {
  return `${answerCounts(group)}${wrongStatusNote(group)}`;
}

/**
 * Faults of a request that got no answer the suite could read (reset, refused, timed out, past a
 * bound): counted as requests. "17 answers in 17 cases" of 17 resets read as a target that answered
 * wrongly, when a mock's process had gone down behind a proxy that still took each connection.
 */
const NO_ANSWER_CHECKS: ReadonlySet<string> = new Set(['transport-error', 'timeout']);

/** Whether a fault's counts are of requests (NO_ANSWER_CHECKS), not answers: conformance.html's cell says so in the answers column. */
export function countsRequests(group: Pick<FailureGroup, 'check'>): boolean {
  return NO_ANSWER_CHECKS.has(group.check);
}

function answerCounts(group: FailureGroup): string {
  const n = (count: number, noun: string): string => `${groupDigits(count)} ${count === 1 ? noun : `${noun}s`}`;
  const sent = countsRequests(group) ? 'request' : 'answer';
  if (group.repeats !== undefined && group.repeatAnswers !== undefined) return `${n(group.repeatAnswers, sent)} in ${n(group.cases, 'case')} over ${group.repeats} repeats`;
  const once = group.repeats === undefined ? '' : `, counted once over ${group.repeats} repeats`;
  if (group.failures === group.answers) return `${n(group.answers, sent)} in ${n(group.cases, 'case')}${once}`;
  return `${n(group.failures, 'failure')} in ${n(group.answers, sent)}, ${n(group.cases, 'case')}${once}`;
}

/**
 * ", 34 with a wrong status" (", each with a wrong status" when all): why a fault of 46 answers is
 * listed below a wrong status of 20 (failureDigestOf ranks by the answers whose status was right).
 * Of distinct answers, as `answers` is. '' for a status fault or one with no such answer.
 */
export function wrongStatusNote(group: FailureGroup): string {
  const wrong = group.wrongStatusAnswers;
  if (wrong === undefined || wrong === 0) return '';
  if (wrong >= group.answers) return ', each with a wrong status';
  // Beside answers counted over every repeat (repeatAnswers), a count of distinct ones says so: "20 answers …, 1 with a wrong status" reads as 1 of 20.
  if (group.repeats !== undefined && group.repeatAnswers !== undefined) return `, ${groupDigits(wrong)} of its ${groupDigits(group.answers)} distinct answers with a wrong status`;
  return `, ${groupDigits(wrong)} with a wrong status`;
}
