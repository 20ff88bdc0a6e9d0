/**
 * A case's result with every form of the API key removed from its text, before it is recorded for
 * the reports or thrown to Jest. Checks quote what the target sent (a body excerpt, a header), and
 * a target may echo the credentials it received, the valid key or a form the wrong-credential
 * cases derived from it (case-changed, cut short, appended to): none may reach a report or a log.
 */
import type { CaseResult, ConformanceReport } from '../model';
import { DataError } from '../model/errors';
import { keyShapedWords } from '../model/http';
import { withNamedEvidence } from '../model/violation';

/**
 * Fields the suite writes from its own data (operations, contract, plan), never from what a target
 * sent: a short key that is also a word ("sync", "token", "Sender") must not rename a case, its
 * operation or a check, or the reports lose the result (a case id no longer found, an operation
 * label no longer the contract's). Coverage holds contract site keys and documented enum values only.
 */
const SUITE_OWNED = new Set(['id', 'operationId', 'operation', 'scenario', 'family', 'description', 'status', 'check', 'checks', 'severity', 'step', 'failedStep', 'exchangeId', 'schemaPath', 'coverage']);

/** Every string inside `value`, passed through `text`, except in suite-owned fields; other values as they are. */
function mapStrings(value: unknown, text: (s: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, text));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SUITE_OWNED.has(k) ? v : mapStrings(v, text)]));
  }
  return value;
}

/**
 * A function that scrubs results of these keys (the key, the other project's key; '' ignored) and
 * of the credentials a target sent (received-tokens), which go with or without a key: a replay run
 * without ZAVU_API_KEY reads a recording that may be older or foreign, holding JWTs or tokens.
 * `keys` may be the textScrubber of them a caller also scrubs single texts with: each key's patterns
 * are built once, not once a scrubber (~7 ms a key, and a replay may scrub a hundred).
 */
export function resultScrubber(keys: string | readonly string[] | TextScrub): (result: CaseResult) => CaseResult {
  const scrub = valueScrubber(keys);
  // The message and a violation's evidence words are scrubbed apart: a key-shaped run across the
  // words' edge is redacted in the message as a whole while the words keep their part, and a report
  // whose shownBy names words its message lacks is refused before it is written
  // (report-consistency.ts). So the field goes, the finding stays: the digest loses only the grouping
  // of that one reading (failure-digest.ts), as a merge drops it.
  return (result) => withNamedEvidence(scrub(result) as CaseResult);
}

/**
 * The same for any value the reports take from outside the suite (a baseline's diff, a recording's
 * target): every string but the suite's own fields, every form of each key removed.
 */
export function valueScrubber(keys: string | readonly string[] | TextScrub): (value: unknown) => unknown {
  const text = typeof keys === 'function' ? keys : textScrubber(typeof keys === 'string' ? [keys] : keys);
  return (value) => mapStrings(value, text);
}

/** What a text is scrubbed by (textScrubber). */
export type TextScrub = (text: string) => string;

/**
 * What redacts every form of each of `keys` (empty ones ignored) in a text, and what the target
 * sent that its shape or name shows a credential (a JWT, a value under a sensitive name, a URL's
 * token): only the key's forms need a key, so a run without one scrubs the rest all the same.
 */
export function textScrubber(keys: readonly string[]): TextScrub {
  // Built on first use, not when asked for: the CLI asks for one at start-up (for its signal
  // handler's line), and a run that never scrubs, or stops by its settings, never loads the module.
  let scrub: ((text: string) => string) | undefined;
  return (text) => {
    if (scrub === undefined) {
      const { createScrubber } = require('../recording/scrub') as typeof import('../recording/scrub');
      scrub = createScrubber(keys.filter((key) => key !== '')).text;
    }
    return scrub(text);
  };
}

/** The words shaped like a Zavu key in what `error` says: its message, and every line of a DataError past the first. */
export function errorKeyShapedWords(error: Error): string[] {
  const lines = error instanceof DataError ? error.problems.map((p) => p.line) : [];
  return [...new Set([error.message, ...lines].flatMap(keyShapedWords))];
}

/**
 * `error` without the keys, in its message and its stack (and a DataError's every line), changed in place: it stays of its class
 * (an AbortError, a UsageError: callers tell them apart by class and name), and a thrown value that
 * is no Error is returned as it is. What an error that stops a run goes through before any line,
 * summary.md or rejection shows it. The file paths of a refusal of the file system too (`path`,
 * `dest`): the NOT RUN line names the file from them (fileSystemProblem), and a folder named after
 * the key put it in summary.md and junit.xml.
 */
export function scrubError(error: unknown, keys: readonly string[]): unknown {
  if (!(error instanceof Error)) return error;
  const scrub = textScrubber(keys);
  const message = scrub(error.message);
  if (error.stack !== undefined) error.stack = scrub(error.stack);
  if (message !== error.message) error.message = message;
  // Every line of a DataError, not only the first its message holds: the CLI prints them all, a library caller reads them.
  if (error instanceof DataError) Object.assign(error, { problems: error.problems.map((p) => ({ ...p, file: scrub(p.file), line: scrub(p.line) })) });
  const paths = error as Error & Record<'path' | 'dest', unknown>;
  for (const field of ['path', 'dest'] as const) {
    const path = paths[field];
    const scrubbed = typeof path === 'string' ? scrub(path) : path;
    if (scrubbed !== path) paths[field] = scrubbed;
  }
  return error;
}

/**
 * The parts of a report the user named rather than the suite wrote, without the key: a baseline
 * (another run's report, whose target or case ids may hold it) and the history store's path. The
 * results are scrubbed case by case already. Not the whole report: a key that is also a word the
 * suite writes ("replay", a year) would blank its modes and dates. Changes `report` in place.
 */
export function scrubUserNamed(report: ConformanceReport, hide: (value: unknown) => unknown): ConformanceReport {
  if (report.baseline !== undefined) report.baseline = hide(report.baseline) as typeof report.baseline;
  if (report.history !== undefined) report.history = { ...report.history, store: hide(report.history.store) as string };
  return report;
}
