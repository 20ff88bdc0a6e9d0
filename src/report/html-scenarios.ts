/**
 * The Scenarios part of conformance.html: one table per operation, its rows under a header row per
 * family, a sequence's steps listed under its case.
 */
import type { CaseResult } from '../model';
import { formatDuration } from '../text/plain-text';
import { caseIdWithin, type OperationGroup } from './group-results';
import { escapeHtml as h, statusBadge, table } from './html-text';
import { isFailingStatus, shortCounts, summarize } from './summarize';
import { acceptedNote, compareStatus, copiesNote, expectedText, headThenTimeout, statusAccepted } from './status-text';

const COLUMNS = 6;

/** A status cell: the received status, red when it is not the expected one and was not accepted in its place; "—" for none. */
function receivedCell(of: Pick<CaseResult, 'expectedStatus' | 'receivedStatus' | 'expectedAs' | 'headStatus'>, accepted: boolean): string {
  const status = compareStatus(of, accepted);
  if (status.kind === 'no-response') return '—';
  if (status.kind === 'head-only') return `<span class="mismatch" title="timeout after the head">${headThenTimeout(status.head)}</span>`;
  if (status.kind === 'accepted') return `<span title="${h(acceptedNote(of))}">${status.received}</span>`;
  return status.kind === 'mismatch' ? `<span class="mismatch">${status.received}</span>` : String(status.received);
}

/**
 * The steps of a sequence in order: id, operation, expected and received status, and verdict.
 * `failedStep` is marked, since the case's violations are that step's.
 */
export function stepsList(result: Pick<CaseResult, 'steps' | 'failedStep' | 'status' | 'violations' | 'omittedViolations'>): string {
  const items = (result.steps ?? []).map((step) => {
    const expected = expectedText(step) ?? '—';
    const mark = step.id === result.failedStep ? ' class="failed-step"' : '';
    // Copies sent at once: each copy's status (status-text's words), not the accepted one's alone.
    const statuses = step.receivedStatuses === undefined ? `expected ${h(expected)}, received ${receivedCell(step, statusAccepted(result, step))}` : h(copiesNote(step));
    return `<li${mark}><code>${h(step.id)}</code> ${h(step.operation)} · ${statuses} ${statusBadge(step.status)}</li>`;
  });
  return `<ol class="steps">${items.join('')}</ol>`;
}

function row(result: CaseResult, anchor: string): string {
  const id = `<code>${h(caseIdWithin(result))}</code>`;
  // Failed, error and flaky rows link to their detail section below the tables.
  const idCell = isFailingStatus(result.status) ? `<a href="#${h(anchor)}">${id}</a>` : id;
  const reason = result.skipReason === undefined ? '' : `<div class="reason">Skipped: ${h(result.skipReason)}</div>`;
  const steps = result.steps === undefined ? '' : stepsList(result);
  return `<tr><td>${idCell}</td><td>${h(result.description)}${reason}${steps}</td>` +
    `<td class="num">${h(expectedText(result) ?? '—')}</td><td class="num">${receivedCell(result, statusAccepted(result))}</td>` +
    `<td>${statusBadge(result.status)}</td>` +
    `<td class="num">${result.status === 'skipped' ? '—' : formatDuration(result.durationMs)}</td></tr>`;
}

function operationTable(group: OperationGroup, anchorOf: (result: CaseResult) => string): string {
  const head = '<tr><th>id</th><th>description</th><th class="num">expected</th><th class="num">received</th><th>status</th><th class="num">duration</th></tr>';
  const rows = group.families.flatMap((family) => [
    `<tr class="family"><th colspan="${COLUMNS}">${h(family.family)} <span class="muted">— ${h(family.title)}</span></th></tr>`,
    ...family.results.map((result) => row(result, anchorOf(result))),
  ]);
  const counts = group.results.length === 0 ? 'no cases in this run' : shortCounts(summarize(group.results));
  return `<h3><code>${h(group.operation)}</code> <span class="muted">${h(group.operationId)} · ${h(counts)}</span></h3>
${table(head, rows)}`;
}

/** The section: per operation a heading with its counts and a table of its cases, grouped by family. */
export function scenariosSection(groups: readonly OperationGroup[], anchorOf: (result: CaseResult) => string): string {
  return `<section class="scenarios">\n<h2>Scenarios</h2>\n${groups.map((g) => operationTable(g, anchorOf)).join('\n')}\n</section>`;
}
