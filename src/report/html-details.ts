/** The parts of conformance.html below the table: one section per failed case, then warnings. */
import type { CaseResult, WarningDigestEntry } from '../model';
import { groupBySeverity, type ViolationGroup } from './group-violations';
import { groupDigits, omittedLine, omittedOf } from './omitted';
import { stepsList } from './html-scenarios';
import { escapeHtml as h, statusBadge, table } from './html-text';
import { escapeControl, truncate } from '../text/plain-text';
import { placeText, schemaText, unlistedPlaces, wholeAnswerTitle } from './warning-digest';
import { compareStatus, expectedText, failingStep, statusAccepted } from './status-text';
import { knownArticleNote, NONE_KNOWN, type KnownFailures } from './known-failures';
import { cutByTargetLoss } from '../model/result';

function countNote(group: ViolationGroup): string {
  return group.count > 1 ? ` <span class="count">(×${group.count})</span>` : '';
}

function violationBlock(group: ViolationGroup): string {
  const v = group.violation;
  // A location only when there is one: "" also means "not about the body" (a status code), so
  // calling it "(whole body)" would point the reader at the wrong thing.
  const instancePath = v.instancePath === '' ? '' : `<dt>instancePath</dt><dd><code>${h(escapeControl(v.instancePath))}</code></dd>`;
  const schemaPath = v.schemaPath === undefined ? '' : `<dt>schemaPath</dt><dd><code>${h(v.schemaPath)}</code></dd>`;
  const step = v.step === undefined ? '' : `<dt>step</dt><dd><code>${h(v.step)}</code></dd>`;
  const where = step + instancePath + schemaPath === '' ? '' : `\n<dl class="info">${step}${instancePath}${schemaPath}</dl>`;
  return `<div class="violation">
<h4><code>${h(v.check)}</code> <span class="badge badge-${v.severity === 'error' ? 'failed' : 'warning'}">${h(v.severity)}</span> ${h(v.title)}${countNote(group)}</h4>${where}
<pre>${h(v.message)}</pre>
</div>`;
}

/**
 * The console's statusNote decision in page wording: a right status must not read as a mismatch.
 * For a sequence, the failing step's statuses, and the step named.
 */
function statusLine(result: CaseResult): string {
  const step = failingStep(result);
  const of = step ?? result;
  const at = step === undefined ? '' : ` at step <code>${h(step.id)}</code> (${h(step.operation)})`;
  const words = expectedText(of);
  const expected = words === undefined ? '' : `<strong>${h(words)}</strong>`;
  if (step?.notSent === true) return `<p>Not sent${at}: its expected answer could not be predicted</p>`;
  const status = compareStatus(of, statusAccepted(result, step));
  if (status.kind === 'no-response') return `<p>No response${at}${expected === '' ? '' : ` (expected status ${expected})`}</p>`;
  if (status.kind === 'head-only') return `<p>Timeout after the head (status <strong>${status.head}</strong>)${at}${expected === '' ? '' : `, expected status ${expected}`}</p>`;
  if (status.kind === 'as-expected') return `<p>Status ${expected} as expected${at}</p>`;
  // With the statuses accepted in words, "in place of 200 or 400 or 404" would read as if 404 were not among them.
  if (status.kind === 'accepted') return `<p>Status <strong>${status.received}</strong> ${of.expectedAs === undefined ? `accepted in place of ${expected}` : `accepted (expected ${expected})`}${at}</p>`;
  const received = `received <strong>${status.received}</strong>`;
  return `<p>${expected === '' ? `Received <strong>${status.received}</strong>` : `Expected status ${expected}, ${received}`}${at}</p>`;
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
  // Cut short by the loss of the target: one line pointing at its cause, said once at the top (no steps, no curl never sent).
  if (cutByTargetLoss(result)) {
    return `<article class="case status-${result.status}" id="${h(anchor)}">
<h3><code>${h(result.id)}</code> ${statusBadge(result.status)}</h3>
<p>Not sent: the target was lost mid-run (see "Target lost" at the top)</p>
</article>`;
  }
  const { errors } = groupBySeverity(result.violations);
  const crash = result.errorMessage === undefined ? '' : `<h4>Error inside the suite</h4>\n<pre>${h(result.errorMessage)}</pre>`;
  const reproduce = result.curl === undefined ? '' : `<h4>Reproduce with:</h4>\n<pre>${h(result.curl)}</pre>`;
  const steps = result.steps === undefined ? '' : `<h4>Steps</h4>\n${stepsList(result)}\n`;
  return `<article class="case status-${result.status}" id="${h(anchor)}">
<h3><code>${h(result.id)}</code> ${statusBadge(result.status)}</h3>
<p>${h(result.operation)} — ${h(result.description)}</p>
${statusLine(result)}
${steps}${extra}${crash}
${errors.map(violationBlock).join('\n')}
${omittedOf(result, 'error').map((o) => `<p class="omitted">${h(omittedLine(o))}</p>`).join('\n')}
${reproduce}
${provenance(result)}
</article>`;
}

/**
 * Sections for every failed and error result, in report order; empty when there are none.
 * `anchors`: caseAnchors(results); `known`: the known failures (known-failures.ts) and their words. Headed "Failure details": the short "Failures" list is at the top.
 */
export function failureSections(results: readonly CaseResult[], anchors: readonly string[], known: KnownFailures = NONE_KNOWN): string {
  // A known failure's section says so under its status, as the list above does: a reader who
  // jumped here from a CI link must not take it for what failed the run.
  const note = (result: CaseResult): string => (known.ids.has(result.id) ? `<p class="known">${h(knownArticleNote(known, result.id))}</p>\n` : '');
  const sections = results
    .map((result, index) => (result.status === 'failed' || result.status === 'error' ? caseSection(result, anchors[index] ?? '', note(result)) : ''))
    .filter((s) => s !== '');
  if (sections.length === 0) return '';
  return `<section class="failure-details">\n<h2>Failure details (${sections.length})</h2>\n${sections.join('\n')}\n</section>`;
}

/** A pointer or case id a target chose, cut for a table cell (the per-case list below shows it whole). */
const DIGEST_CELL_CHARS = 200;

/**
 * "Where": one row per check and place (at most 20 places a check, the rest counted on a row of
 * its own), above the per-case list, so a reviewer sees three gateway properties before the
 * hundreds of lines they make: the report's own warningDigest, as conformance.json has it.
 */
function digestTable(results: readonly CaseResult[], digest: readonly WarningDigestEntry[] | undefined): string {
  if (digest === undefined) return '';
  const cell = (text: string): string => h(truncate(text, DIGEST_CELL_CHARS));
  const rows = digest.flatMap((entry) => {
    const places = entry.places.map((place) => {
      const title = wholeAnswerTitle(results, entry.check, place);
      const where = place.pointer === '' ? `${cell(placeText(place))}${title === undefined ? '' : `: ${cell(escapeControl(title))}`}` : `${place.under === true ? 'under ' : ''}<code>${cell(escapeControl(place.pointer))}</code>${schemaText(place, (name) => `<code>${cell(name)}</code>`)}`;
      const first = place.firstCases.map((id) => `<code>${cell(id)}</code>`).join(', ');
      const more = place.cases > place.firstCases.length ? ', …' : '';
      return `<tr><td><code>${h(entry.check)}</code></td><td>${where}</td><td>${groupDigits(place.warnings)}</td><td>${groupDigits(place.answers)}</td><td>${groupDigits(place.cases)}</td><td>${first}${more}</td></tr>`;
    });
    const rest = unlistedPlaces(entry);
    if (rest !== undefined) places.push(`<tr class="omitted"><td><code>${h(entry.check)}</code></td><td>… and ${groupDigits(rest.places)} more ${rest.places === 1 ? 'place' : 'places'}</td><td>${groupDigits(rest.warnings)}</td><td></td><td></td><td>not in the digest (it keeps the ${entry.places.length} largest): each in the per-case list below</td></tr>`);
    return places;
  });
  const head = '<tr><th>check</th><th>where (array indexes as *)</th><th>warnings</th><th>answers</th><th>cases</th><th>first cases</th></tr>';
  return `<h3>Where</h3>\n${table(head, rows, 'warning-digest')}\n<h3>Per case</h3>\n`;
}

/** Warnings of all results, shown apart and lighter: they do not fail the run. `digest`: the report's warningDigest. */
export function warningsSection(results: readonly CaseResult[], digest?: readonly WarningDigestEntry[]): string {
  const items: string[] = [];
  let total = 0; // raw count, so the heading agrees with the banner's warning count
  for (const result of results) {
    for (const group of groupBySeverity(result.violations).warnings) {
      total += group.count;
      const v = group.violation;
      const step = v.step === undefined ? '' : ` in step <code>${h(v.step)}</code>`;
      const where = `${step}${v.instancePath === '' ? '' : ` at <code>${h(escapeControl(v.instancePath))}</code>`}`;
      items.push(`<li><code>${h(result.id)}</code> · <code>${h(v.check)}</code> ${h(v.title)}${where}${countNote(group)}<pre>${h(v.message)}</pre></li>`);
    }
    for (const omitted of omittedOf(result, 'warning')) {
      total += omitted.count;
      items.push(`<li class="omitted"><code>${h(result.id)}</code> · ${h(omittedLine(omitted))}</li>`);
    }
  }
  if (items.length === 0) return '';
  return `<section class="warnings">\n<h2>Warnings (${total})</h2>\n<p>Suspicions the contract allows; they do not fail the run.</p>\n${digestTable(results, digest)}<ul>\n${items.join('\n')}\n</ul>\n</section>`;
}
