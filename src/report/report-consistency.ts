/**
 * What the report schema cannot see: agreement between parts of a report. A summary that disagrees
 * with its results would make runs incomparable (DESIGN principle 9); a case of an operation or a
 * family the run does not declare, or an id that is not "operationId/…", would be grouped, certified
 * and diffed wrongly. Every report is checked before it is written, like the schema, so an
 * inconsistent report is a bug in the suite and never a file.
 */
import type { ConformanceReport } from '../model';
import { namesItsEvidence } from '../model/violation';
import { summarize } from './summarize';
import { truncationOf } from './omitted';
import { warningDigestOf } from './warning-digest';
import { failureDigestFor } from './failure-digest';
import { targetLostFor } from './target-lost';
import { keptRunNotes } from './run-notes';

function fail(reason: string): never {
  throw new Error(`conformance report is inconsistent (a bug in the suite): ${reason}`);
}

/** Throws an Error naming the first disagreement; returns quietly for a consistent report. */
export function assertConsistent(report: ConformanceReport): void {
  const expected = summarize(report.results);
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    if (report.summary[key] !== expected[key]) fail(`/summary/${key} is ${report.summary[key]}, the results count ${expected[key]}`);
  }
  // A report that left violations out must say so at the top, and only then.
  const truncation = truncationOf(report.results, report.truncation?.keptPerCheck ?? 0);
  if (JSON.stringify(truncation) !== JSON.stringify(report.truncation)) {
    fail(`/truncation is ${JSON.stringify(report.truncation) ?? 'absent'}, the results' omittedViolations give ${JSON.stringify(truncation) ?? 'none'}`);
  }
  // The notes as a run keeps them: each once, one line, cut; a list the console would have said otherwise is a bug.
  const notes = report.runInfo.notes;
  if (notes !== undefined && JSON.stringify(keptRunNotes(notes)) !== JSON.stringify(notes)) fail('/runInfo/notes are not each once, on one line and cut (report/run-notes.ts keptRunNotes)');
  const operations = new Map(report.runInfo.operations.map((op) => [op.operationId, op.operation] as const));
  const families = new Set(report.runInfo.families.map((f) => f.id));
  report.results.forEach((result, i) => {
    const at = `/results/${i}`;
    if (!result.id.startsWith(`${result.operationId}/`)) fail(`${at}/id ${JSON.stringify(result.id)} does not start with its operationId ${JSON.stringify(`${result.operationId}/`)}`);
    const label = operations.get(result.operationId);
    if (label === undefined) fail(`${at}/operationId ${JSON.stringify(result.operationId)} is not in /runInfo/operations`);
    if (label !== result.operation) fail(`${at}/operation ${JSON.stringify(result.operation)} is not the label of ${result.operationId} in /runInfo/operations (${JSON.stringify(label)})`);
    if (!families.has(result.family)) fail(`${at}/family ${JSON.stringify(result.family)} is not in /runInfo/families`);
    if (result.failedStep !== undefined && !(result.steps ?? []).some((step) => step.id === result.failedStep)) {
      fail(`${at}/failedStep ${JSON.stringify(result.failedStep)} is not one of its steps`);
    }
    // The evidence a reading names is words of its message: the failure digest sets them aside by the field.
    const unnamed = result.violations.findIndex((v) => !namesItsEvidence(v));
    if (unnamed >= 0) fail(`${at}/violations/${unnamed}/shownBy/words are not in its message`);
  });
  // After the results' own checks (a wrong id would also change the digest's case ids: the id is the cause).
  // The digest is the results' warnings regrouped: one that disagrees would point a reviewer at the wrong places.
  const digest = warningDigestOf(report.results);
  if (JSON.stringify(digest) !== JSON.stringify(report.warningDigest)) {
    if (report.warningDigest === undefined) fail('/warningDigest is absent, though the results have warnings');
    fail(digest === undefined ? '/warningDigest is present, though the results have no warning' : `/warningDigest is not the results' warnings by check and place`);
  }
  // Likewise the faults: a digest that disagrees would name a fault the cases below do not show, or miscount it.
  const faults = failureDigestFor(report);
  if (JSON.stringify(faults) !== JSON.stringify(report.failureDigest)) {
    if (report.failureDigest === undefined) fail('/failureDigest is absent, though a fault was seen in several failing cases');
    fail(faults === undefined ? '/failureDigest is present, though no fault was seen in several failing cases' : `/failureDigest is not the failing cases' errors by fault`);
  }
  // The loss's count is of the results: a headline that miscounts the cases it cut short would mislead.
  const lost = targetLostFor(report, report.targetLost);
  if (lost !== undefined && JSON.stringify(lost) !== JSON.stringify(report.targetLost)) fail(`/targetLost says ${report.targetLost?.notJudged ?? 0} cases not judged (first ${report.targetLost?.firstCase ?? 'none'}), the results ${lost.notJudged} (first ${lost.firstCase ?? 'none'})`);
}
