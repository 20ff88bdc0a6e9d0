/** The Baseline and Certificate sections of conformance.html. */
import type { BaselineDiff, CaseResult, Certificate, FamilyVerdict, HistoryFigures } from '../model';
import { excerpt, formatMs, plural } from '../text/plain-text';
import { escapeHtml as h, table } from './html-text';
import { baselineHeadline, baselineRunText, certificateDetail, legacyIdsSentence, newFailureNotes, notTested, partialByDesign, renamedCasesSentence, unseenSuccessNotes, withoutDataNote } from './regression-text';
import { isFailingStatus } from './summarize';
import { groupLatencyRegressions, latencyGroupText } from './latency-regression-groups';

/** A case id, linked to its detail section when it has one (failed, error and flaky cases do). */
function caseLink(id: string, results: readonly CaseResult[], anchors: readonly string[]): string {
  const index = results.findIndex((r) => r.id === id);
  const status = results[index]?.status;
  const anchor = anchors[index];
  const detailed = status !== undefined && isFailingStatus(status);
  return detailed && anchor !== undefined ? `<a href="#${h(anchor)}"><code>${h(id)}</code></a>` : `<code>${h(id)}</code>`;
}

function idList(title: string, ids: readonly string[], results: readonly CaseResult[], anchors: readonly string[], className = '', notes: ReadonlyMap<string, string> = new Map()): string {
  if (ids.length === 0) return '';
  const items = ids.map((id) => `<li>${caseLink(id, results, anchors)}${notes.has(id) ? ` <span class="muted">(${h(notes.get(id)!)})</span>` : ''}</li>`).join('');
  return `<h3${className === '' ? '' : ` class="${className}"`}>${h(title)} (${ids.length})</h3>\n<ul>${items}</ul>`;
}

/**
 * Every case's row, and above them the requests several cases share said once (what a slowed route
 * looks like): "GET /v1/senders/snd_coex_active/whatsapp-sync: 22 cases slower, …".
 */
function regressionsTable(diff: BaselineDiff, results: readonly CaseResult[]): string {
  if (diff.latencyRegressions.length === 0) return '';
  const { groups } = groupLatencyRegressions(diff.latencyRegressions, results);
  const shared = groups.length === 0 ? '' : `\n<ul class="regression-groups">${groups.map((g) => `<li><code>${h(g.request)}</code>: ${h(latencyGroupText(g))}</li>`).join('')}</ul>`;
  const rows = diff.latencyRegressions.map((r) => {
    const change = r.baselineP95 > 0 ? `+${Math.round(((r.p95 - r.baselineP95) / r.baselineP95) * 100)} %` : 'new';
    return `<tr><td><code>${h(r.id)}</code></td><td class="num">${formatMs(r.baselineP95)}</td><td class="num mismatch">${formatMs(r.p95)}</td><td class="num">${change}</td></tr>`;
  });
  return `<h3>Latency regressions (${rows.length})</h3>${shared}
${table('<tr><th>case</th><th class="num">baseline p95</th><th class="num">p95</th><th class="num">change</th></tr>', rows)}`;
}

/**
 * The comparison with the --baseline report, new failures first: they are why a nightly job turns
 * red. `anchors`: caseAnchors(results), for links to the detail sections.
 */
export function baselineSection(diff: BaselineDiff | undefined, results: readonly CaseResult[], anchors: readonly string[], history?: HistoryFigures, allowFlaky = false): string {
  if (diff === undefined) return '';
  // The same notes as the console and summary.md: new by name only, flaky in this run, or failing on earlier runs too.
  const notes = newFailureNotes(diff, results, history, allowFlaky);
  const renamed = renamedCasesSentence(diff);
  const from = `<code>${h(diff.baseline.file)}</code> (${h(diff.baseline.target)}, ${h(baselineRunText(diff, history))})`;
  const legacy = legacyIdsSentence(diff);
  const parts = [
    `<p>Compared with ${from}: <strong>${h(baselineHeadline(diff, results, allowFlaky))}</strong></p>`,
    legacy === '' ? '' : `<p class="muted">${h(legacy)}</p>`,
    renamed === '' ? '' : `<p class="muted">${h(renamed)}</p>`,
    idList('New failures', diff.newFailures, results, anchors, 'bad', notes),
    idList('Fixed', diff.fixed, results, anchors, 'good'),
    idList('Still failing', diff.stillFailing, results, anchors),
    idList('Newly skipped', diff.newlySkipped, results, anchors),
    idList('Missing from this run', diff.missing ?? [], results, anchors),
    idList('Not in the baseline', diff.added ?? [], results, anchors),
    regressionsTable(diff, results),
  ];
  return `<section class="baseline" id="baseline">\n<h2>Baseline</h2>\n${parts.filter((p) => p !== '').join('\n')}\n</section>`;
}

function familyRow(f: FamilyVerdict): string {
  const core = f.core ? '' : ' <span class="muted">(optional)</span>';
  // Said beside the counts: these cases failed in the run, yet are not this family's failures.
  const shape = f.responseShape === undefined ? '' : ` <span class="muted">(${h(plural(f.responseShape, 'case'))} failed only by the response shape: on the response shape line)</span>`;
  const exposed = f.internalErrorExposed === undefined ? '' : ` <span class="muted">(${h(plural(f.internalErrorExposed, 'case'))} failed only by an exposed internal error: on the internal error exposed line)</span>`;
  // A family every case of which was skipped is "not tested" in the line above the table
  // (regression-text.ts certificateDetail); its row says so too, not "not-applicable" beneath it.
  // The badge's style stays the verdict's, which certificate.json keeps.
  const shown = notTested(f) ? 'not tested' : f.verdict;
  return `<tr><td><code>${h(f.family)}</code>${core} ${h(f.title)}${shape}${exposed}</td><td><span class="badge cert-${f.verdict}">${h(shown)}</span></td>` +
    `<td class="num">${f.passed}</td><td class="num">${f.failed}</td><td class="num">${f.notJudged}</td><td class="num">${f.skipped}</td></tr>`;
}

function levelBadge(level: Certificate['level']): string {
  return `<span class="badge level-${level}">${h(level.toUpperCase())}</span>`;
}

/**
 * Characters of each note on a success never seen: it quotes case ids and skip reasons (a
 * fixture's sender id, someone's choice), each already cut; the whole note is cut again here.
 */
const UNSEEN_NOTE_CHARS = 1000;

/**
 * The certificate: its level, then per operation its level and one row per family that has cases
 * in it (also in certificate.json). Optional families are marked: only core ones decide "full".
 * Below the table, why an operation is PARTIAL for a success never seen (unseenSuccessNotes), as
 * the console and summary.md say it: "200 never seen" alone sends a reader to guess; or why the
 * whole certificate is PARTIAL by design (partialByDesign: only write-safety skips), so a reviewer
 * of the page does not take a live run's limit for a forgotten fixture; and the spec's operations
 * the suite has no data for (withoutDataNote), which nothing certifies. `results` are the run's, in
 * the report's order (the notes read the skips there, in the console's order).
 */
export function certificateSection(certificate: Certificate | undefined, results: readonly CaseResult[] = []): string {
  if (certificate === undefined) return '';
  const head = '<tr><th>family</th><th>verdict</th><th class="num">passed</th><th class="num">failed</th><th class="num">not judged</th><th class="num">skipped</th></tr>';
  const rows = certificate.operations.flatMap((op) => [
    `<tr class="operation"><th colspan="6"><code>${h(op.operation)}</code> <span class="muted">${h(op.operationId)}</span> ${levelBadge(op.level)} <span class="muted">${h(certificateDetail(op, results))}</span></th></tr>`,
    ...op.families.map(familyRow),
  ]);
  const byDesign = partialByDesign(certificate, results);
  const withoutData = withoutDataNote(certificate.specOperationsWithoutData);
  const notes = [...(byDesign === '' ? [] : [byDesign]), ...unseenSuccessNotes(certificate, results), ...(withoutData === '' ? [] : [withoutData])].map((note) => `<li>${h(excerpt(note, UNSEEN_NOTE_CHARS))}</li>`);
  // Said where it bears: a run with no skip has no level it made partial.
  const skippedAny = certificate.operations.some((op) => op.families.some((f) => f.skipped > 0));
  const cases = certificate.casesSha256 === undefined ? '' : ` · cases sha256 ${certificate.casesSha256.slice(0, 12)}…`;
  const what = `${certificate.target} · ${certificate.mode} · spec ${certificate.specVersion} (sha256 ${certificate.specSha256.slice(0, 12)}…) · suite ${certificate.suiteVersion}${certificate.suiteBuild === undefined ? '' : ` build ${certificate.suiteBuild}`}${cases} · ${certificate.date}`;
  return `<section class="certificate">
<h2>Certificate: ${levelBadge(certificate.level)}</h2>
<p>${h(certificateDetail(certificate, results))} over ${plural(certificate.operations.length, 'operation')}.${skippedAny ? ' Skipped cases never certify: they make the level partial.' : ''}</p>
${table(head, rows)}
${notes.length === 0 ? '' : `<ul class="certificate-notes">${notes.join('')}</ul>\n`}<p class="muted">${h(what)}</p>
</section>`;
}
