/**
 * The Coverage section of conformance.html: the four totals (and the --min-coverage verdict, and
 * the history window's accumulation when present), then per operation what its answers showed:
 * statuses, error examples, enum values, optional properties. Seen items are marked, unseen ones
 * muted, so a reader spots the gaps. Every name is escaped (the spec is input too).
 */
import type { CoverageKey, CoverageReport, OperationCoverage } from '../model';
import { escapeHtml as h, table } from './html-text';
import { shownJsonText } from '../text/plain-text';
import { COVERAGE_LABELS, coverageFailure, figureText, windowSentence } from './coverage-text';

/** A list of items, each marked seen (✓) or not (✗, muted). */
function marks(items: readonly { label: string; seen: boolean }[]): string {
  return items.map((i) => (i.seen ? `<span class="good">✓ ${h(i.label)}</span>` : `<span class="muted">✗ ${h(i.label)}</span>`)).join(' ');
}

function totalsTable(coverage: CoverageReport): string {
  const rules = new Map((coverage.minimum?.rules ?? []).map((r) => [r.key, r] as const));
  const windowTotals = coverage.window?.totals;
  const head = `<tr><th>figure</th><th class="num">this run</th>${windowTotals ? `<th class="num">over ${coverage.window?.runs} runs</th>` : ''}<th>--min-coverage</th></tr>`;
  const rows = (Object.keys(COVERAGE_LABELS) as CoverageKey[]).map((key) => {
    const rule = rules.get(key);
    const verdict = rule === undefined ? '' : `<span class="${rule.met ? 'good' : 'bad'}">${rule.met ? 'met' : 'unmet'}: ≥ ${rule.min}%</span>`;
    const windowCell = windowTotals ? `<td class="num">${h(figureText(windowTotals[key]))}</td>` : '';
    return `<tr><td>${h(COVERAGE_LABELS[key])}</td><td class="num${rule?.met === false ? ' mismatch' : ''}">${h(figureText(coverage.totals[key]))}</td>${windowCell}<td>${verdict}</td></tr>`;
  });
  return table(head, rows);
}

function operationBlock(op: OperationCoverage): string {
  const statuses = marks(op.statuses.documented.map((s) => ({ label: s, seen: op.statuses.seen.includes(s) })));
  const undocumented = op.statuses.undocumented > 0 ? ` <span class="bad">${op.statuses.undocumented} undocumented</span>` : '';
  const examples = op.errorExamples.documented.length === 0 ? '<span class="muted">none documented</span>' : marks(op.errorExamples.documented.map((e) => ({ label: `${e.status} ${e.name}`, seen: op.errorExamples.matched.includes(`${e.status} ${e.name}`) })));
  const rows = [
    `<tr><td>statuses</td><td>${statuses}${undocumented}</td></tr>`,
    `<tr><td>error examples</td><td>${examples}</td></tr>`,
    ...op.enums.map((e) => {
      const outside = e.outside > 0 ? ` <span class="bad">${e.outside} outside the enum</span>` : '';
      return `<tr><td><code>${h(e.path)}</code> (${h(e.status)})</td><td>${marks(e.allowed.map((v) => ({ label: shownJsonText(v), seen: e.seen.includes(v) })))}${outside}</td></tr>`;
    }),
    ...op.optional.map((o) => `<tr><td><code>${h(o.path)}</code> (${h(o.status)}, optional)</td><td>present ${o.present} · absent ${o.absent}${o.nullable ? ` · null ${o.null}` : ''}</td></tr>`),
  ];
  const unwalked = op.unwalked > 0 ? ` ${op.unwalked} not walked (not JSON, too large or too complex).` : '';
  return `<h3>${h(op.operation)} <code>${h(op.operationId)}</code></h3>\n<p>${op.exchanges} answers observed.${unwalked}</p>\n${table('<tr><th>what</th><th>documented, seen or not</th></tr>', rows)}`;
}

/** The section, when the report has coverage; empty otherwise. */
export function coverageSection(coverage: CoverageReport | undefined): string {
  if (coverage === undefined) return '';
  const failure = coverageFailure(coverage);
  const window = windowSentence(coverage, 50);
  return [
    '<section class="coverage" id="coverage">',
    '<h2>Coverage</h2>',
    '<p>What the target\'s answers covered of the contract (the negative-input property\'s answers are not counted). Enum values count once per enum definition, however many operations answer with it.</p>',
    failure === undefined ? '' : `<p class="bad">${h(failure)}</p>`,
    window === undefined ? '' : `<p>${h(window)}</p>`,
    totalsTable(coverage),
    ...coverage.operations.map(operationBlock),
    '</section>',
  ].filter((part) => part !== '').join('\n');
}
