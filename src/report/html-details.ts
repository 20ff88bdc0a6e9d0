/** The parts of conformance.html below the table: one section per failed case, then warnings. */
import type { CaseResult } from '../model';
import { groupBySeverity, type ViolationGroup } from './group-violations';
import { compareStatus } from './status-text';
import { escapeHtml as h } from './text';

function countNote(group: ViolationGroup): string {
  return group.count > 1 ? ` <span class="count">(×${group.count})</span>` : '';
}

function violationBlock(group: ViolationGroup): string {
  const v = group.violation;
  // A location only when there is one: "" also means "not about the body" (a status code), so
  // calling it "(whole body)" would point the reader at the wrong thing.
  const instancePath = v.instancePath === '' ? '' : `<dt>instancePath</dt><dd><code>${h(v.instancePath)}</code></dd>`;
  const schemaPath = v.schemaPath === undefined ? '' : `<dt>schemaPath</dt><dd><code>${h(v.schemaPath)}</code></dd>`;
  const where = instancePath + schemaPath === '' ? '' : `\n<dl class="info">${instancePath}${schemaPath}</dl>`;
  return `<div class="violation">
<h4><code>${h(v.check)}</code> <span class="badge badge-${v.severity === 'error' ? 'failed' : 'warning'}">${h(v.severity)}</span> ${h(v.title)}${countNote(group)}</h4>${where}
<pre>${h(v.message)}</pre>
</div>`;
}

/** The console's statusNote decision in page wording: a right status must not read as a mismatch. */
function statusLine(result: CaseResult): string {
  const expected = `<strong>${result.expectedStatus}</strong>`;
  const status = compareStatus(result);
  if (status.kind === 'no-response') return `<p>No response (expected status ${expected})</p>`;
  if (status.kind === 'as-expected') return `<p>Status ${expected} as expected</p>`;
  return `<p>Expected status ${expected}, received <strong>${status.received}</strong></p>`;
}

function provenance(result: CaseResult): string {
  const items: string[] = [];
  // The exchange id is normally the case id, already in the heading; show it only when it adds something.
  if (result.exchangeId !== undefined && result.exchangeId !== result.id) items.push(`<dt>exchange</dt><dd><code>${h(result.exchangeId)}</code></dd>`);
  if (result.source !== undefined) items.push(`<dt>recording</dt><dd><code>${h(result.source)}</code></dd>`);
  return items.length > 0 ? `<dl class="info">${items.join('')}</dl>` : '';
}

/**
 * One failed, error or flaky result: its grouped error-severity violations and how to reproduce
 * it. `anchor`: its id from caseAnchors(). `extra` goes below the status line (the attempts table
 * of a flaky case).
 */
export function caseSection(result: CaseResult, anchor: string, extra = ''): string {
  const { errors } = groupBySeverity(result.violations);
  const crash = result.errorMessage === undefined ? '' : `<h4>Error inside the suite</h4>\n<pre>${h(result.errorMessage)}</pre>`;
  const reproduce = result.curl === undefined ? '' : `<h4>Reproduce with:</h4>\n<pre>${h(result.curl)}</pre>`;
  return `<article class="case status-${result.status}" id="${h(anchor)}">
<h3><code>${h(result.id)}</code> <span class="badge badge-${result.status}">${result.status}</span></h3>
<p>${h(result.operation)} — ${h(result.description)}</p>
${statusLine(result)}
${extra}${crash}
${errors.map(violationBlock).join('\n')}
${reproduce}
${provenance(result)}
</article>`;
}

/**
 * Sections for every failed and error result, in report order; empty when there are none.
 * `anchors`: caseAnchors(results). Headed "Failure details": the short "Failures" list is at the top.
 */
export function failureSections(results: readonly CaseResult[], anchors: readonly string[]): string {
  const sections = results
    .map((result, index) => (result.status === 'failed' || result.status === 'error' ? caseSection(result, anchors[index] ?? '') : ''))
    .filter((s) => s !== '');
  if (sections.length === 0) return '';
  return `<section class="failure-details">\n<h2>Failure details (${sections.length})</h2>\n${sections.join('\n')}\n</section>`;
}

/** Warnings of all results, shown apart and lighter: they do not fail the run. */
export function warningsSection(results: readonly CaseResult[]): string {
  const items: string[] = [];
  let total = 0; // raw count, so the heading agrees with the banner's warning count
  for (const result of results) {
    for (const group of groupBySeverity(result.violations).warnings) {
      total += group.count;
      const v = group.violation;
      const where = v.instancePath === '' ? '' : ` at <code>${h(v.instancePath)}</code>`;
      items.push(`<li><code>${h(result.id)}</code> · <code>${h(v.check)}</code> ${h(v.title)}${where}${countNote(group)}<pre>${h(v.message)}</pre></li>`);
    }
  }
  if (items.length === 0) return '';
  return `<section class="warnings">\n<h2>Warnings (${total})</h2>\n<p>Suspicions the contract allows; they do not fail the run.</p>\n<ul>\n${items.join('\n')}\n</ul>\n</section>`;
}
