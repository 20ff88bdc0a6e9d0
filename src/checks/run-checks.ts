/** Running a list of checks over one exchange, isolating the ones that crash and bounding what they find. */
import type { Check, CheckContext, CheckFindings, CountingCheck } from '../model/check';
import type { Exchange } from '../model/http';
import { boundedPlaces, KEPT_PER_CHECK, placeFits, pointerPattern, violationKey, type OmittedViolations, type Violation } from '../model/violation';
import { commonPointer } from '../openapi/json-pointer';
import { cutWithSize, excerpt } from '../text/plain-text';
import { allChecks } from './registry';
import { cutPointer, POINTER_CHARS } from './support/cut-pointer';

/** A check that threw: a fault of the suite, reported apart so it never passes for a verdict. */
export interface CheckCrash {
  check: string;
  message: string;
}

export interface CheckRun {
  violations: Violation[];
  crashes: CheckCrash[];
  /** What was found beyond {@link KEPT_PER_CHECK} per check and severity: counted, not kept. */
  omitted: OmittedViolations[];
}


/** Last bounds on the text of a kept violation, whatever a check put there (checks excerpt received values themselves). */
export const VIOLATION_TEXT_LIMITS = Object.freeze({ title: 500, message: 2000, instancePath: POINTER_CHARS });

/**
 * `v` within {@link VIOLATION_TEXT_LIMITS}: how every kept violation leaves the checks, and how a
 * message the runner rewrites afterwards (runner/auth-order.ts, a story given its reading) is bounded again.
 */
export function boundedViolation(v: Violation): Violation {
  const { title, message, instancePath } = VIOLATION_TEXT_LIMITS;
  if (v.title.length <= title && v.message.length <= message && v.instancePath.length <= instancePath) return v;
  return { ...v, title: cutWithSize(v.title, title), message: cutWithSize(v.message, message), instancePath: cutPointer(v.instancePath, instancePath) };
}

/**
 * An omission's pointer bounded as a kept violation's is. Its places come bounded from the check
 * (response-schema cuts each before its pattern, as a kept one is cut here): cutting a cut one
 * again would make it another place.
 */
function boundedOmitted(o: OmittedViolations): OmittedViolations {
  return { ...o, instancePath: cutPointer(o.instancePath, VIOLATION_TEXT_LIMITS.instancePath) };
}

function isCounting(check: Check): check is CountingCheck {
  return typeof (check as Partial<CountingCheck>).runCounted === 'function';
}

/** A bucket's listed places: each once, and how many characters they hold (placeFits). */
interface ListedPlaces {
  seen: Set<string>;
  chars: number;
}

/**
 * Adds `more` to the bucket's omission: counts summed, pointers narrowed to the one they share, and
 * for errors their places joined as unionPlaces does (a baseline compares a failure by them),
 * through a set per bucket: a check past its 20 may find a million more, one place each.
 */
function addOmitted(over: Map<string, OmittedViolations>, places: Map<string, ListedPlaces>, bucket: string, more: OmittedViolations): void {
  const group = over.get(bucket);
  if (group === undefined) {
    const first: OmittedViolations = { ...more };
    if (more.places !== undefined) {
      const listed = boundedPlaces(more.places);
      places.set(bucket, { seen: new Set(listed.places), chars: listed.places.reduce((n, p) => n + p.length, 0) });
      first.places = listed.places;
      if (listed.placesCut === true || more.placesCut === true) first.placesCut = true;
      else delete first.placesCut;
    }
    over.set(bucket, first);
    return;
  }
  group.count += more.count;
  group.instancePath = commonPointer(group.instancePath, more.instancePath);
  const listed = places.get(bucket);
  if (group.places === undefined || listed === undefined) return;
  if (more.places === undefined) {
    // One side's places unknown: all of them are (the baseline then says it cannot show them).
    delete group.places;
    delete group.placesCut;
    places.delete(bucket);
    return;
  }
  if (more.placesCut === true) group.placesCut = true;
  for (const place of more.places) {
    if (listed.seen.has(place)) continue;
    // As boundedPlaces: the first place that does not fit (in number or in characters) ends the list.
    if (group.placesCut === true || !placeFits(group.places.length, listed.chars, place)) {
      group.placesCut = true;
      break;
    }
    listed.seen.add(place);
    listed.chars += place.length;
    group.places.push(place);
  }
}

/**
 * Runs every check; one that throws is recorded as a crash and the others still run, as in
 * Schemathesis, so one bug in the suite does not hide the target's real breaches. Identical
 * violations (same {@link violationKey}) are kept once, in first-seen order. Of each check's
 * distinct violations, the first {@link KEPT_PER_CHECK} errors and warnings are kept; the rest are
 * counted exactly in `omitted` with the pointer they share. This is the one place a result's
 * violations are capped: every report renders what it keeps and says what it counted.
 */
export function runChecks(exchange: Exchange, context: CheckContext, checks: readonly Check[] = allChecks): CheckRun {
  const violations: Violation[] = [];
  const crashes: CheckCrash[] = [];
  const seen = new Set<string>();
  // Keyed by the violation's check and severity: one Check may report under several ids (rules).
  const kept = new Map<string, number>();
  const over = new Map<string, OmittedViolations>();
  const overPlaces = new Map<string, ListedPlaces>();
  for (const check of checks) {
    let found: CheckFindings;
    try {
      found = isCounting(check) ? check.runCounted(exchange, context, KEPT_PER_CHECK) : { violations: check.run(exchange, context), omitted: [] };
    } catch (error) {
      crashes.push({ check: check.id, message: excerpt(error instanceof Error ? error.message : String(error), 500) });
      continue;
    }
    for (const raw of found.violations) {
      const violation = boundedViolation(raw);
      const key = violationKey(violation);
      if (seen.has(key)) continue;
      seen.add(key);
      const bucket = JSON.stringify([violation.check, violation.severity]);
      const count = kept.get(bucket) ?? 0;
      if (count < KEPT_PER_CHECK) {
        kept.set(bucket, count + 1);
        violations.push(violation);
        continue;
      }
      // An error's place (bounded above, as a kept one's), so the omission lists where each one was.
      const places = violation.severity === 'error' ? { places: [pointerPattern(violation.instancePath)] } : {};
      addOmitted(over, overPlaces, bucket, { check: violation.check, severity: violation.severity, count: 1, instancePath: violation.instancePath, ...places });
    }
    // What a counting check counted itself is distinct by construction: added as it is, its pointers bounded.
    for (const omitted of found.omitted) addOmitted(over, overPlaces, JSON.stringify([omitted.check, omitted.severity]), boundedOmitted(omitted));
  }
  const omitted = [...over.values()];
  return { violations, crashes, omitted };
}
