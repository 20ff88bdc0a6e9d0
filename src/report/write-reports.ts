/** Writes the report files of a run: conformance.json, conformance.html, summary.md, junit.xml and certificate.json. */
import * as path from 'node:path';
import { atomicWriteFile, removeOrphanedTemps, type AtomicWriteFs } from '../files/atomic-write';
import { makeDirs } from '../files/make-dirs';
import type { ConformanceReport } from '../model';
import { UsageError } from '../model/errors';
import { renderHtml } from './render-html';
import { renderCertificateJson, renderJson } from './render-json';
import { renderJunit } from './render-junit';
import { renderMarkdown } from './render-markdown';
import { assertConsistent } from './report-consistency';
import { REPORT_FILES, reportFilesObstacle } from './report-files';
import { validateReport } from './report-schema';
import type { VerdictOptions } from './summarize';

/**
 * Validates `report` (schema, then consistency), then writes the report files into `dir` (created
 * if needed): conformance.json, conformance.html, summary.md, junit.xml, and certificate.json when
 * the report has a certificate. Everything is rendered before the first write, so a renderer bug
 * writes nothing. Returns the written paths. Throws for an invalid report without touching `dir`.
 * `options`: as the run was judged (see verdict()). `io`: the filesystem calls of each atomic
 * write, for tests. `signal`: a run from code aborted by its caller stops here, its write under way
 * leaving no temp file and nothing renamed after (WriteAbortedError); the files before it are new,
 * and the caller's NOT RUN takes them back.
 *
 * Each file is written atomically (temp file, then rename), the set is not: when a write fails,
 * the files before it are already new, that file and the ones after it keep their previous
 * content, and the error is rethrown.
 */
export async function writeReports(dir: string, report: ConformanceReport, options: VerdictOptions = {}, io?: AtomicWriteFs, signal?: AbortSignal): Promise<string[]> {
  validateReport(report);
  assertConsistent(report);
  const contents: [string, string][] = [
    [REPORT_FILES.json, renderJson(report)],
    [REPORT_FILES.html, renderHtml(report, options)],
    [REPORT_FILES.markdown, renderMarkdown(report, options)],
    [REPORT_FILES.junit, renderJunit(report, options)],
  ];
  // Already validated: the report schema's Certificate is certificate.schema.json's definition.
  if (report.certificate !== undefined) contents.push([REPORT_FILES.certificate, renderCertificateJson(report.certificate)]);
  makeDirs(dir);
  const obstacle = reportFilesObstacle(dir);
  if (obstacle !== undefined) throw new UsageError(obstacle);
  removeOrphanedTemps(dir, Object.values(REPORT_FILES));
  const written: string[] = [];
  for (const [name, text] of contents) {
    const file = path.join(dir, name);
    await atomicWriteFile(file, text, io, signal);
    written.push(file);
  }
  return written;
}
