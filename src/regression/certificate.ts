/**
 * The certificate of a run: per scenario family, whether the target honours it. A mock server
 * author can publish it; a gate can require a level. Skips never certify (DESIGN principle 6).
 */
import type { CaseResult, Certificate, CertificationVerdict, ConformanceReport, ScenarioFamily } from '../model';
import { isFailingStatus } from './baseline-diff';

/** Every family, in the order certificates list them, whether or not the run had cases of it. */
export const CERTIFIED_FAMILIES: readonly ScenarioFamily[] = ['coexistence', 'no-waba', 'not-coexistence', 'authentication', 'not-found', 'negative-inputs'];

/**
 * The families a "full" certificate requires. negative-inputs is optional: a run that did not
 * include the hostile-input cases can still be full, but when they run they must pass.
 */
const CORE_FAMILIES: readonly ScenarioFamily[] = ['coexistence', 'no-waba', 'not-coexistence', 'authentication', 'not-found'];

type FamilyEntry = Certificate['families'][number];

function familyEntry(family: ScenarioFamily, results: readonly CaseResult[]): FamilyEntry {
  const mine = results.filter((r) => r.family === family);
  const passed = mine.filter((r) => r.status === 'passed').length;
  const failed = mine.filter((r) => isFailingStatus(r.status)).length;
  const skipped = mine.filter((r) => r.status === 'skipped').length;
  const verdict: CertificationVerdict = failed > 0 ? 'failed' : passed === 0 ? 'not-applicable' : 'certified';
  return { family, verdict, passed, failed, skipped };
}

/**
 * Certifies a run:
 * - a family is "failed" if any of its cases failed, errored or was flaky; "not-applicable" when
 *   it has no case or every case was skipped (fixture not configured); else "certified" (even
 *   with some skipped cases, which lower the level instead);
 * - the level is "failed" if any family failed; "full" when every core family is certified and
 *   no case of any family was skipped; else "partial".
 * The date is the run's finishedAt, so certifying the same report twice gives the same bytes.
 */
export function certify(report: ConformanceReport): Certificate {
  const info = report.runInfo;
  const families = CERTIFIED_FAMILIES.map((family) => familyEntry(family, report.results));
  const anyFailed = families.some((f) => f.verdict === 'failed');
  const coreCertified = families.every((f) => !CORE_FAMILIES.includes(f.family as ScenarioFamily) || f.verdict === 'certified');
  const anySkipped = families.some((f) => f.skipped > 0);
  const level: Certificate['level'] = anyFailed ? 'failed' : coreCertified && !anySkipped ? 'full' : 'partial';
  return {
    target: info.target,
    suiteVersion: info.suiteVersion,
    specVersion: info.specVersion,
    specSha256: info.specSha256,
    date: info.finishedAt,
    mode: info.mode,
    families,
    level,
  };
}
