/** Writes the report files of a run: conformance.json, conformance.html and summary.md. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ConformanceReport } from '../model';
import { atomicWriteFile } from './atomic-write';
import { renderHtml } from './render-html';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { validateReport } from './report-schema';
import { summarize } from './summarize';

/** File names inside the reports folder, in the order they are written. */
export const REPORT_FILES = {
  json: 'conformance.json',
  html: 'conformance.html',
  markdown: 'summary.md',
} as const;

/**
 * A summary that disagrees with its results would make runs incomparable (DESIGN principle 9),
 * and the schema cannot see it, so it is checked here as the other half of "an invalid report is
 * a bug".
 */
function assertSummaryMatches(report: ConformanceReport): void {
  const expected = summarize(report.results);
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    if (report.summary[key] !== expected[key]) {
      throw new Error(`conformance report is inconsistent (a bug in the suite): /summary/${key} is ${report.summary[key]}, the results count ${expected[key]}`);
    }
  }
}

/**
 * Validates `report`, then writes the three report files into `dir` (created if needed), each
 * atomically. Everything is rendered before the first write, so a renderer bug writes nothing.
 * Returns the written paths. Throws for an invalid report without touching `dir`.
 */
export async function writeReports(dir: string, report: ConformanceReport): Promise<string[]> {
  validateReport(report);
  assertSummaryMatches(report);
  const contents: [string, string][] = [
    [REPORT_FILES.json, renderJson(report)],
    [REPORT_FILES.html, renderHtml(report)],
    [REPORT_FILES.markdown, renderMarkdown(report)],
  ];
  await fs.mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of contents) {
    const file = path.join(dir, name);
    await atomicWriteFile(file, text);
    written.push(file);
  }
  return written;
}
