/** A breach (or a suspicion, for warnings) found by one check in one exchange. */
export type Severity = 'error' | 'warning';

export interface Violation {
  /** Id of the check that found it, e.g. "response-schema". */
  check: string;
  severity: Severity;
  /** One short line, e.g. "Response body does not match the Error schema". */
  title: string;
  /** Human text in the form "Received: … / Expected: …". */
  message: string;
  /** JSON Pointer into the response body ("" for the whole body or non-body breaches). */
  instancePath: string;
  /** JSON Pointer into the schema, for schema breaches. */
  schemaPath?: string;
  /** The step of a sequence that saw it. */
  step?: string;
  /**
   * The copy (1-based) of a concurrent step's request whose answer it is of, set where the copies
   * are judged (runner/execute-case.ts); absent for a request sent once. The digests count each copy
   * as an answer of its own by it ({@link answerKey}), never by the message's words.
   */
  copy?: number;
  /**
   * The exchange a refined reading of "401 was due" names as its evidence (runner/auth-order.ts,
   * through checks/support/status-story.ts): set where the reading is made, so the failure digest
   * sets its words aside by this field, never by reading the message. Absent for every other
   * violation, and in a report of an older suite (report/failure-digest.ts reads those, and one whose
   * words its message does not hold, by their words).
   */
  shownBy?: ReadingEvidence;
}

/** Which exchange of the run shows a reading, and the words of the message that say so. */
export interface ReadingEvidence {
  /** The exchange id, as the message quotes it (bounded and escaped: the suite's excerpt). */
  exchange: string;
  /** Whether it is an exchange of this violation's operation or of another (the reading then an inference). */
  operation: 'this' | 'another';
  /**
   * The message's words that name it, exactly as written there: where the run found the evidence,
   * which varies from operation to operation and is no other fault. What the digest sets aside.
   */
  words: string;
}

/**
 * Whether `v`'s evidence field names words its message holds (true with no field): what the suite
 * writes (runner/auth-order.ts drops the field when a cut took its words), what a report is checked
 * for before it is written, and what a merge keeps of a shard edited by hand (the field of one that
 * does not is dropped there, as the failure digest drops it: it names nothing).
 */
export function namesItsEvidence(v: Pick<Violation, 'message' | 'shownBy'>): boolean {
  return v.shownBy === undefined || (v.shownBy.words !== '' && v.message.includes(v.shownBy.words));
}

/** `v` without its evidence field: what is kept of a violation whose field names nothing. */
export function withoutEvidence(v: Violation): Violation {
  const { shownBy: _namesNothing, ...rest } = v;
  return rest;
}

/**
 * `result` with the evidence field of each violation that does not name its words
 * ({@link namesItsEvidence}) dropped, the finding, its message, kept; `result` itself when every
 * one does. Where a result's text changed after the field was set: its keys scrubbed
 * (runner/scrub-result.ts), a shard edited by hand merged (shard/merge-reports.ts).
 */
export function withNamedEvidence<R extends { violations: Violation[] }>(result: R): R {
  if (result.violations.every(namesItsEvidence)) return result;
  return { ...result, violations: result.violations.map((v) => (namesItsEvidence(v) ? v : withoutEvidence(v))) };
}

/**
 * When two violations are "the same breach": same check, same place in the body, same schema rule
 * and same message. The message is part of it because ajv reports every missing property of an
 * object as `required` at the same instancePath and schemaPath; only the message tells them apart.
 * Severity and title are left out: for one check on one case they follow from the rest (a caller
 * that must not rely on that adds them, as combine-attempts does). run-checks (dedup),
 * report/group-violations (×N) and repeat/combine-attempts all build on this one key.
 */
export function violationKey(violation: Violation): string {
  return JSON.stringify([violation.check, violation.step ?? null, violation.instancePath, violation.schemaPath ?? null, violation.message]);
}

/**
 * Violations kept in full per check, severity and exchange (checks/run-checks.ts caps there).
 * Twenty show any pattern a reader needs; the 300,000th undeclared property adds nothing but
 * megabytes to every report. Here, in the model, so the report assembly can state the cap without
 * loading the checks (a counting check is handed the number and spares itself the rest).
 */
export const KEPT_PER_CHECK = 20;

/**
 * Violations one check found in one exchange beyond the ones a result keeps in full (see
 * checks/run-checks.ts): counted exactly, not kept, so a body with 300,000 extra properties makes
 * a report of 20 warnings and this line, not of 300,000 warnings.
 */
export interface OmittedViolations {
  check: string;
  severity: Severity;
  /** How many distinct violations were left out (in addition to the ones kept). */
  count: number;
  /** The JSON Pointer every omitted one lies at or under ("" when they have nothing more in common). */
  instancePath: string;
  /** The step of a sequence that saw them. */
  step?: string;
  /** The copy of a concurrent step's request whose answer they are of, as {@link Violation.copy}. */
  copy?: number;
  /**
   * Errors only: every distinct place of the omitted ones (instancePath with array indexes as `*`,
   * {@link pointerPattern}), in the order found, at most {@link OMITTED_PLACES_KEPT}. A baseline
   * compares faults by check and place (baseline/failure-faults.ts): with the places, a failure
   * whose kept 20 differ from last night's (the same errors found in another order) is still
   * shown to be the same one. Absent in a report of an older suite: the places are then unknown.
   */
  places?: string[];
  /**
   * There were more distinct places than `places` lists (more than {@link OMITTED_PLACES_KEPT}, or
   * more characters than {@link OMITTED_PLACES_CHARS}): `places` is not all of them.
   */
  placesCut?: true;
}

/**
 * Distinct places an error omission lists (OmittedViolations.places). Generous: a known failure
 * with up to this many places of one check in one answer is compared exactly; a place is a pattern
 * (array indexes as `*`), so a million wrong items of an array are one. Bounded, as every report is.
 */
export const OMITTED_PLACES_KEPT = 200;

/**
 * Characters an error omission's places may hold in all: as many as its check's 20 kept pointers
 * (20 × the 1,000 a pointer is cut at). A place comes from the answer (a key of a map, a flag the
 * unknown id's answer named), so a hostile target could fill all 200 with 1,000 characters each, 6
 * bytes apiece once JSON-escaped: 1.2 MB per check and step of every case, a full run's
 * conformance.json 4.7 MB → 45 MB. A real answer's places are short ("/sync/history/status"), so
 * 200 of them fit; past it the list is cut (placesCut), which a baseline reads as "cannot tell":
 * the gate errs red, never green.
 */
export const OMITTED_PLACES_CHARS = 20_000;

/** True when `place` may join a list of `listed` places holding `chars` characters (both bounds above). */
export function placeFits(listed: number, chars: number, place: string): boolean {
  return listed < OMITTED_PLACES_KEPT && chars + place.length <= OMITTED_PLACES_CHARS;
}

/**
 * Distinct places (in the order given, first seen first) as an omission lists them: the first ones
 * that fit {@link placeFits}, and `placesCut` when any is left out. The first that does not fit ends
 * the list, so it stays "the first found", not a selection of the short ones.
 */
export function boundedPlaces(places: Iterable<string>): Required<Pick<OmittedViolations, 'places'>> & Pick<OmittedViolations, 'placesCut'> {
  const kept: string[] = [];
  let chars = 0;
  for (const place of new Set(places)) {
    if (!placeFits(kept.length, chars, place)) return { places: kept, placesCut: true };
    kept.push(place);
    chars += place.length;
  }
  return { places: kept };
}

/** A JSON Pointer array index (RFC 6901: `0` or digits without a leading zero). */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * "copy 2 of 3: ", before each finding of a concurrent step's copy: the step's copies are sent at
 * once under the one step, so a finding says which answer it is of (two copies' timeouts, or a
 * 202 and a 500, read apart). Words for the reader only: the digests count by `copy`, which a
 * target's text cannot set.
 */
export function copyPrefix(copy: number, copies: number): string {
  return `copy ${copy} of ${copies}: `;
}

/**
 * The answer of case `caseId` a finding (kept or only counted) is of, as the digests count answers:
 * its step (null for a case of one request) and its copy (null for a request sent once), so two
 * starts sent at once are two answers, and a copy's counted findings are of the answer its kept ones are.
 */
export function answerKey(caseId: string, finding: Pick<Violation, 'step' | 'copy'>): string {
  return JSON.stringify([caseId, finding.step ?? null, finding.copy ?? null]);
}

/**
 * Every array index as `*`: `/items/3/x` and `/items/7/x` are one place, the same property of
 * every element. Without the body the pointer went through, an object key of digits ("2024") reads
 * as an index too; the digests then merge such keys, while each case's own lines keep them exact.
 * Here, beside the keys, as the checks (omitted places), the digests and the baseline share it.
 */
export function pointerPattern(pointer: string): string {
  return pointer
    .split('/')
    .map((token, i) => (i > 0 && ARRAY_INDEX.test(token) ? '*' : token))
    .join('/');
}

/**
 * The places of two error omissions of one check together: distinct, first seen first, bounded by
 * {@link boundedPlaces}. Unknown (undefined) when either side's are: an older report's, or a
 * check that does not list them. How repeats join them (combine-attempts); run-checks joins one
 * exchange's the same way, through a set, as it may add a million one by one.
 */
export function unionPlaces(a: Pick<OmittedViolations, 'places' | 'placesCut'>, b: Pick<OmittedViolations, 'places' | 'placesCut'>): Pick<OmittedViolations, 'places' | 'placesCut'> {
  if (a.places === undefined || b.places === undefined) return {};
  const joined = boundedPlaces([...a.places, ...b.places]);
  const cut = a.placesCut === true || b.placesCut === true || joined.placesCut === true;
  return { places: joined.places, ...(cut ? { placesCut: true as const } : {}) };
}

/**
 * Omissions that describe the same overflow (same check, severity, step, copy and place); repeats
 * combine on it. The copy is in it: two copies of a concurrent step are two answers of one repeat,
 * whose counts add up, where the same copy in another repeat is the same overflow seen again.
 */
export function omittedKey(omitted: OmittedViolations): string {
  return JSON.stringify([omitted.check, omitted.severity, omitted.step ?? null, omitted.copy ?? null, omitted.instancePath]);
}
