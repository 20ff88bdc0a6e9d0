/**
 * XML text and attribute values as junit.xml carries them, and the junit.xml of a run that stopped
 * before its verdict (NOT RUN). Here, apart from render-junit, because a NOT RUN is written from a
 * signal's handler and must not load the renderers (report-files.ts says why).
 */
import { escapeControl } from '../text/plain-text';

/**
 * Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab, newline and carriage
 * return; lone surrogates; U+FFFE and U+FFFF). They are dropped: a reader would reject the file.
 * (escapeControl shows all of them as escapes before this drop: what is left of them is none; the
 * drop is the last guard, should that set ever shrink.)
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/**
 * Text content: control and invisible format characters as visible escapes, as in every other
 * report (CI pages show these messages; a bidi override would reorder them), markup characters
 * escaped; "\r" too, or a parser would turn "\r\n" into "\n".
 */
export function xmlText(value: string): string {
  return escapeControl(value, { keepLines: true }).replace(NOT_XML, '').replace(/[&<>\r]/g, (c) => XML_ESCAPES[c] ?? c);
}

/** An attribute value: also quotes, and whitespace as references, which attribute normalization would flatten. */
export function xmlAttr(value: string): string {
  return escapeControl(value, { keepLines: true }).replace(NOT_XML, '').replace(/[&<>"'\t\n\r]/g, (c) => XML_ESCAPES[c] ?? c);
}

/** The root element's head, as every junit.xml of the suite begins: how its own file is told from another tool's (report-files.ts). */
export const JUNIT_ROOT_NAME = 'zavu-conformance';

/**
 * junit.xml when no case was judged: one suite of one test case, `not-run`, in <error> with the
 * reason (`line`: the scrubbed, bounded line summary.md shows). Without it the file is simply
 * gone, and a CI reporter that requires one (dorny/test-reporter's fail-on-empty, Jenkins' junit
 * step without allowEmptyResults) fails with "no test report files were found", hiding the reason;
 * one that allows none (allowEmptyResults) goes green. An <error> is red in every reader (Jenkins,
 * dorny/test-reporter and action-junit-report count it as failed). The test case's name never
 * holds the reason, so a CI tool tracks one test "not-run" across nights. `verdict`: what follows
 * "Exit code N: ", as summary.md says it (a merge's names the shards that did not run). `more`:
 * the lines after the reason summary.md lists (a DataError's other problems), one a line of the text.
 */
export function renderNotRunJunit(line: string, exitCode: number, verdict = 'no case was judged, so there is no verdict.', notes: readonly string[] = [], more: readonly string[] = []): string {
  const counts = 'tests="1" failures="0" errors="1"';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${JUNIT_ROOT_NAME}" ${counts} time="0">`,
    `  <testsuite name="not-run" ${counts} skipped="0" time="0">`,
    '    <testcase classname="not-run" name="not-run: the run stopped before its verdict" time="0">',
    `      <error message="${xmlAttr(line)}" type="not-run">${xmlText(`${[line, ...more].join('\n')}\n\nExit code ${exitCode}: ${verdict}${notes.map((note) => `\n\nnote: ${note}`).join('')}`)}</error>`,
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
