/**
 * The run's warnings by check and place: a gateway that adds `requestId`, `path` and `timestamp`
 * to every body raises hundreds of correct `undocumented-properties` warnings, one per answer and
 * property. A reviewer needs the three places and how widely each was seen, once; the per-case
 * lines stay in the per-case sections. conformance.json keeps it (`warningDigest`), and the
 * console, summary.md and conformance.html show it from the same function.
 */
import type { CaseResult, Violation, WarningDigestEntry, WarningPlace } from '../model';
import { answerKey, pointerPattern } from '../model/violation';
import { groupDigits } from './omitted';
import { truncate } from '../text/plain-text';

/** Places kept per check (`placeCount` has them all) and case ids kept per place. */
export const DIGEST_LIMITS = { placesPerCheck: 20, firstCases: 3 } as const;

interface PlaceTally {
  pointer: string;
  schema: string | undefined;
  under: boolean;
  warnings: number;
  answers: Set<string>;
  cases: Set<string>;
  firstCases: string[];
}

interface CheckTally {
  check: string;
  warnings: number;
  /** answerKey of each: a case's single exchange, a step of a sequence, a copy of a step sent several times at once. */
  answers: Set<string>;
  cases: Set<string>;
  places: Map<string, PlaceTally>;
}

/** What the digest reads of a warning, kept or only counted. */
type Finding = Pick<Violation, 'check' | 'instancePath' | 'step' | 'copy'>;

/** The longest schema name a place keeps (the report schema's bound): a contract's names, not a target's, but bounded all the same. */
const SCHEMA_CHARS = 200;

/** "Error" of "Error.json#" or "Error.json#/properties/code": the document a schemaPath is in, without ".json". */
function schemaOf(schemaPath: string | undefined): string | undefined {
  if (schemaPath === undefined) return undefined;
  const document = schemaPath.slice(0, schemaPath.indexOf('#') < 0 ? schemaPath.length : schemaPath.indexOf('#')).replace(/\.json$/, '');
  return document === '' ? undefined : truncate(document, SCHEMA_CHARS);
}

function tally(checks: Map<string, CheckTally>, result: CaseResult, finding: Finding, schema: string | undefined, under: boolean, count: number): void {
  const { check } = finding;
  let entry = checks.get(check);
  if (entry === undefined) {
    entry = { check, warnings: 0, answers: new Set(), cases: new Set(), places: new Map() };
    checks.set(check, entry);
  }
  // Counted-only warnings name their step and copy as the kept ones do: a copy's 20 kept and 5
  // counted are one answer, two copies' are two.
  const answer = answerKey(result.id, finding);
  entry.warnings += count;
  entry.answers.add(answer);
  entry.cases.add(result.id);
  const pattern = pointerPattern(finding.instancePath);
  const key = JSON.stringify([pattern, schema ?? null, under]);
  let place = entry.places.get(key);
  if (place === undefined) {
    place = { pointer: pattern, schema, under, warnings: 0, answers: new Set(), cases: new Set(), firstCases: [] };
    entry.places.set(key, place);
  }
  place.warnings += count;
  place.answers.add(answer);
  if (!place.cases.has(result.id)) {
    place.cases.add(result.id);
    if (place.firstCases.length < DIGEST_LIMITS.firstCases) place.firstCases.push(result.id);
  }
}

/** Most warnings first; ties by the text, so the digest is the same for the same results. */
function byWarnings<T extends { warnings: number }>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => b.warnings - a.warnings || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

function placeOf(place: PlaceTally): WarningPlace {
  return {
    pointer: place.pointer,
    ...(place.schema !== undefined ? { schema: place.schema } : {}),
    ...(place.under ? { under: true as const } : {}),
    warnings: place.warnings,
    answers: place.answers.size,
    cases: place.cases.size,
    firstCases: place.firstCases,
  };
}

/**
 * Every warning of `results` (kept and counted-only alike, so the numbers add up to the summary's)
 * by check, then by place; undefined when there is none. A place is a pointer in one schema, when
 * the warnings name it (undocumented-properties does): a gateway's `foo` on the status and on Error
 * is two places the contract would declare it, not one. Counted-only warnings lie somewhere under
 * the pointer they share: they are a place of their own, marked `under`.
 */
export function warningDigestOf(results: readonly CaseResult[]): WarningDigestEntry[] | undefined {
  const checks = new Map<string, CheckTally>();
  for (const result of results) {
    for (const v of result.violations) if (v.severity === 'warning') tally(checks, result, v, schemaOf(v.schemaPath), false, 1);
    for (const o of result.omittedViolations ?? []) if (o.severity === 'warning') tally(checks, result, o, undefined, true, o.count);
  }
  if (checks.size === 0) return undefined;
  return [...checks.values()].sort(byWarnings((c) => c.check)).map((entry) => {
    const places = [...entry.places.values()].sort(byWarnings((p) => JSON.stringify([p.pointer, p.schema ?? null, p.under])));
    return {
      check: entry.check,
      warnings: entry.warnings,
      answers: entry.answers.size,
      cases: entry.cases.size,
      placeCount: places.length,
      places: places.slice(0, DIGEST_LIMITS.placesPerCheck).map(placeOf),
    };
  });
}

/**
 * "/requestId", "/foo in Error", "under /sync" or "(the answer as a whole)": a place in words, the
 * pointer as received (the caller escapes it). A warning at no pointer is of the whole answer (a
 * header it lacks, its status); "(not in the body)" read as a riddle in summary.md.
 */
export function placeText(place: WarningPlace): string {
  if (place.pointer === '') return place.under === true ? '(the body)' : '(the answer as a whole)';
  return `${place.under === true ? `under ${place.pointer}` : place.pointer}${schemaText(place, (name) => name)}`;
}

/**
 * The title of the first case's warning at a place of the whole answer ("A 401 with no
 * WWW-Authenticate challenge"), or undefined: "(the answer as a whole)" says where, not what, and a
 * mock's author read `auth-challenge ×97` without learning which header to add. A place in the
 * body names itself by its pointer, and a counted-only one kept no title. One check's warnings at
 * one place may carry several titles (a 401 with no challenge, another with no Bearer one), or one
 * title with other numbers (a status, a count per case): how many others follows, so the first is
 * not read as every answer's. As received (a
 * title may name a target's status or header): the caller escapes and cuts it.
 */
export function wholeAnswerTitle(results: readonly CaseResult[], check: string, place: WarningPlace): string | undefined {
  if (place.pointer !== '' || place.under === true) return undefined;
  const atPlace = (v: Violation): boolean => v.severity === 'warning' && v.check === check && v.instancePath === '' && schemaOf(v.schemaPath) === place.schema;
  const first = results.find((r) => r.id === place.firstCases[0])?.violations.find(atPlace)?.title;
  if (first === undefined) return undefined;
  const titles = new Set<string>();
  for (const result of results) for (const v of result.violations) if (atPlace(v)) titles.add(v.title);
  // A title that carries a case's counts ("Time budget reached: 34 of 370 inputs tried") differs from
  // case to case in its numbers alone (a status too): the same warning with other numbers, not other titles.
  const kinds = new Set([...titles].map(numbersAside));
  const others = kinds.size - 1;
  const otherNumbers = titles.size - kinds.size;
  const said = [...(others > 0 ? [`+${others} other ${others === 1 ? 'title' : 'titles'}`] : []), ...(otherNumbers > 0 ? [`+${otherNumbers} with other numbers`] : [])];
  return said.length === 0 ? first : `${first} (${said.join(', ')})`;
}

/** A title with its numbers set aside: what tells one warning's kind from another's. */
function numbersAside(title: string): string {
  return title.replace(/\d+/g, '#');
}

/** " in Error": the schema of a place that names one, written by `name` (a code span, an HTML code element); else nothing. */
export function schemaText(place: Pick<WarningPlace, 'schema'>, name: (schema: string) => string): string {
  return place.schema === undefined ? '' : ` in ${name(place.schema)}`;
}

/** Warnings and places a digest entry does not list (beyond its 20 largest), or undefined. */
export function unlistedPlaces(entry: WarningDigestEntry, shown: number = entry.places.length): { places: number; warnings: number } | undefined {
  const listed = entry.places.slice(0, shown);
  const places = entry.placeCount - listed.length;
  if (places <= 0) return undefined;
  return { places, warnings: entry.warnings - listed.reduce((sum, p) => sum + p.warnings, 0) };
}

/** "379 answers" with the digits grouped, as every count of a report. */
function counted(n: number, noun: string): string {
  return `${groupDigits(n)} ${n === 1 ? noun : `${noun}s`}`;
}

/**
 * "379 answers, 141 cases", or "1,200 warnings in 4 answers, 2 cases" when a place was seen more
 * than once in an answer (an array's elements, counted-only warnings): the numbers every renderer shows.
 */
export function placeCounts(place: Pick<WarningPlace, 'warnings' | 'answers' | 'cases'>): string {
  const where = `${counted(place.answers, 'answer')}, ${counted(place.cases, 'case')}`;
  return place.warnings === place.answers ? where : `${counted(place.warnings, 'warning')} in ${where}`;
}

/** "2 places in 379 answers, 141 cases": one check's line. */
export function entryCounts(entry: WarningDigestEntry): string {
  return `${counted(entry.placeCount, 'place')} in ${counted(entry.answers, 'answer')}, ${counted(entry.cases, 'case')}`;
}
