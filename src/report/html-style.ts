/** The stylesheet inlined into conformance.html; the page must open offline, with no assets. */
export const HTML_STYLE = `
:root { color-scheme: light; --ok: #1a7f37; --bad: #cf222e; --err: #8250df; --skip: #9a6700; --flaky: #bc4c00; --muted: #57606a; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 0 16px 48px; color: #1f2328; }
h1, h2, h3, h4 { line-height: 1.25; }
h4 { margin: 12px 0 4px; }
code, pre { font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
.banner { border-radius: 8px; padding: 16px 20px; margin: 16px 0; color: #fff; }
.banner h1 { margin: 0 0 4px; font-size: 22px; }
.banner p { margin: 0; }
.verdict-conformant { background: var(--ok); }
.verdict-violations { background: var(--bad); }
.verdict-errors { background: var(--err); }
dl.info { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; }
dl.info dt { color: var(--muted); }
dl.info dd { margin: 0; word-break: break-all; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d0d7de; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
/* Numeric headers align with their numbers, so a column reads as one block. */
th.num, td.num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; color: #fff; }
.badge-passed { background: var(--ok); }
.badge-failed { background: var(--bad); }
.badge-error { background: var(--err); }
.badge-skipped { background: var(--skip); }
.badge-warning { background: #bf8700; }
.reason { color: var(--skip); font-style: italic; }
.mismatch { color: var(--bad); font-weight: 600; }
.case { border: 1px solid #d0d7de; border-left: 4px solid var(--bad); border-radius: 6px; padding: 4px 16px 12px; margin: 16px 0; }
.case.status-error { border-left-color: var(--err); }
.violation { margin: 8px 0 12px; }
.count { color: var(--muted); font-weight: normal; }
.omitted { color: var(--muted); font-style: italic; }
.warnings { color: var(--muted); }
.warnings pre { background: #fbfbfc; border-color: #eaeef2; color: var(--muted); }
.warnings li { margin-bottom: 8px; }
.badge-flaky { background: var(--flaky); }
.known { font-size: 12px; font-style: italic; }
.case.status-flaky { border-left-color: var(--flaky); }
table.attempts { width: auto; margin: 4px 0 8px; }
.muted { color: var(--muted); }
h3.bad { color: var(--bad); }
h3.good { color: var(--ok); }
.failure-list ul { padding-left: 20px; }
.failure-list li { margin-bottom: 4px; }
.failure-list .message { color: var(--muted); }
.cert-certified, .level-full { background: var(--ok); }
.cert-failed, .level-failed { background: var(--bad); }
.cert-not-applicable { background: var(--muted); }
.cert-not-judged { background: var(--err); }
.level-partial { background: var(--skip); }
tr.family th, tr.operation th { background: #fff; border-bottom: 2px solid #d0d7de; font-weight: 600; }
ol.steps { margin: 4px 0 0; padding-left: 20px; color: var(--muted); }
ol.steps li.failed-step { color: var(--bad); }
.coverage .good { color: var(--ok); }
.coverage .bad, p.bad, .failure-list .bad { color: var(--bad); font-weight: 600; }
.latency-chart { display: block; }
.latency-chart .bar-p50 { fill: #54aeff; }
.latency-chart .bar-p95 { fill: #0969da; }
.latency-chart .bar-p99 { fill: #0550ae; }
.latency-chart .bar-max { fill: #8c959f; }
.latency-chart .over { fill: var(--bad); }
.latency-chart .budget { stroke: var(--bad); stroke-width: 1.5; stroke-dasharray: 3 2; }
.history-charts { display: flex; flex-wrap: wrap; gap: 24px; }
.history-charts figure { margin: 0; }
.history-charts figcaption { color: var(--muted); font-size: 0.9em; }
.history-fail, .history-over { color: var(--bad); }
/* The nights judged under another contract, or by another build: said so the trends read right, no fault, so muted as the page's other asides. */
.history-new-contract, .history-new-build { color: var(--muted); font-style: italic; }
/* What each strip colour means: an aside too. */
.history-legend { color: var(--muted); font-size: 0.9em; }
.history-legend svg { display: inline-block; vertical-align: middle; }
/* The nights the run stopped before judging (NOT RUN): nothing judged, as an error case, so its colour, not a failure's. */
.history-not-run { color: var(--err); }
table.history-cases svg { display: block; }
table.history-cases .nowrap { white-space: nowrap; }
`;
