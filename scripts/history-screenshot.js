#!/usr/bin/env node
/**
 * Renders the README's pictures of the HTML History and Coverage sections in Debian's chromium,
 * through the suite's own figures and renderer (dist/, so run `npm run build` first):
 * - docs/history-section.png: a month of made-up but plausible nights (fixed seed, so the picture
 *   is reproducible) for eight cases of a real report;
 * - docs/coverage-section.png: a real read-only run against the embedded server whose only
 *   coexistence sender is `active` (a staging project that never shows the other states),
 *   accumulated over two such nights.
 * Usage: node scripts/history-screenshot.js [HISTORY.png [COVERAGE.png]]
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { chromium } = require('playwright-core');
const root = resolve(__dirname, '..');
const { readReportFile } = require(join(root, 'dist/report/read-report.js'));
const { renderHtml } = require(join(root, 'dist/report/render-html.js'));
const { recordOf } = require(join(root, 'dist/history/history-record.js'));
const { deriveFigures } = require(join(root, 'dist/history/derive-figures.js'));
const { summarize } = require(join(root, 'dist/report/summarize.js'));
const { latencyStats } = require(join(root, 'dist/repeat/latency.js'));

const { runConformance, startReferenceServer } = require(join(root, 'dist/library/index.js'));
const { accumulateCoverage, storedCoverage } = require(join(root, 'dist/coverage/index.js'));

const out = resolve(process.argv[2] ?? join(root, 'docs/history-section.png'));
const coverageOut = resolve(process.argv[3] ?? join(root, 'docs/coverage-section.png'));
const real = readReportFile(join(root, 'tests/baseline/fixtures/conformance-operations.json'), 'fixture');
const results = real.results.filter((r) => r.family !== 'negative-inputs').slice(0, 8);

// A small fixed-seed generator (mulberry32): the same picture every time.
let seed = 20261202;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Night n: case 2 fails from night 24 on, case 5 flips now and then, latency creeps up. */
function nightReport(n) {
  const startedAt = new Date(Date.UTC(2026, 10, n, 2, 0, 0)).toISOString();
  const nightResults = results.map((r, i) => {
    const failed = (i === 2 && n >= 24) || (i === 5 && random() < 0.3);
    const durationMs = Math.round(40 + n * 1.5 + random() * 25 + i * 3);
    return { ...r, status: failed ? 'failed' : 'passed', durationMs, violations: failed ? [{ check: 'status-code-expected', severity: 'error', title: 'x', message: 'x', instancePath: '' }] : [], latency: undefined, attempts: undefined };
  });
  return {
    runInfo: { ...real.runInfo, target: 'https://api.zavu.dev', startedAt, finishedAt: startedAt, latencyBudgetMs: 120 },
    summary: summarize(nightResults),
    results: nightResults,
    latency: latencyStats(nightResults.map((r) => r.durationMs)),
  };
}

async function main() {
  const nights = Array.from({ length: 30 }, (_, i) => nightReport(i + 1));
  const current = nights.pop();
  const history = deriveFigures(nights.map((r) => recordOf(r)), { store: '.zavu/history.jsonl', target: 'https://api.zavu.dev', window: 30, latencyBudgetMs: 120, flakyLimit: 0.5 }, recordOf(current));
  const html = renderHtml({ ...current, history });
  const server = await startReferenceServer();
  let tonight;
  let earlier;
  try {
    const narrow = { operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, env: {}, baseUrl: server.baseUrl, apiKey: server.apiKey, senders: { ...server.senders, coexistence: ['snd_coex_active'] } };
    tonight = (await runConformance(narrow)).report;
    earlier = (await runConformance(narrow)).report;
  } finally {
    await server.close();
  }
  const coverage = { ...tonight.coverage, window: accumulateCoverage(tonight.coverage, [storedCoverage(earlier.coverage)]) };
  const coverageHtml = renderHtml({ ...tonight, coverage });
  const profile = mkdtempSync(join(tmpdir(), 'zvc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.ZAVU_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1140, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.locator('#history').screenshot({ path: out });
    await page.setContent(coverageHtml, { waitUntil: 'load' });
    await page.locator('#coverage').screenshot({ path: coverageOut });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(`${out}\n${coverageOut}\n`);
}

main().catch((error) => {
  process.stderr.write(`history-screenshot: ${error.message.split('\n')[0]}\n`);
  process.exit(2);
});
