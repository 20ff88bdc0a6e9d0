/**
 * The run's warnings (today: bytes the target sent on an idle kept-alive connection, an answer no
 * request asked for) are said once, one line each, by conformance.json (checked by the schema),
 * the console, summary.md and conformance.html, inert in each; never in junit.xml and never in
 * the exit code (a warning fails nothing); a merge keeps each shard's, named by its shard.
 */
import { readFileSync } from 'node:fs';
import type { RunWarning } from '../../src/model';
import { assembleReport, exitCodeOf } from '../../src/runner/assemble-report';
import { renderConsole } from '../../src/report/render-console';
import { renderMarkdown } from '../../src/report/render-markdown';
import { renderHtml } from '../../src/report/render-html';
import { renderJunit } from '../../src/report/render-junit';
import { renderJson } from '../../src/report/render-json';
import { REPORT_SCHEMA_PATH, validateReport } from '../../src/report/report-schema';
import { assertConsistent } from '../../src/report/report-consistency';
import { mergeReports } from '../../src/shard/merge-reports';
import { nearTimeoutWarning, noRouteWarning, RUN_WARNING_LIMITS, stoppedAnsweringWarning, unaskedBytesWarning } from '../../src/report/run-warnings';
import { clone, failedResult, result, runInfo } from './fixtures';

/** A warning whose excerpt holds what a hostile target could have put there, as a report read from disk may (the renderers cannot count on the transport's escaping). */
const hostile: RunWarning = { kind: 'unasked-bytes', message: 'the target sent bytes on an idle kept-alive connection, first "HTTP/1.1 200 OK\u001b[2J<script>alert(1)</script>"' };
const results = [result(), failedResult];
const warned = assembleReport(runInfo, results, { allowFlaky: false, runWarnings: [hostile] });
const plain = assembleReport(runInfo, results, { allowFlaky: false });

test('the line says what was seen, how often, and the first bytes, and that a 408 before a close is not counted', () => {
  const once = unaskedBytesWarning({ count: 1, excerpt: 'HTTP/1.1 500 Smuggled\\r\\n' });
  expect(once.kind).toBe('unasked-bytes');
  expect(once.message).toMatch(/^the target sent bytes on an idle kept-alive connection while no request was outstanding, first "HTTP\/1\.1 500 Smuggled\\r\\n": /);
  expect(once.message).toContain('408');
  expect(unaskedBytesWarning({ count: 3, excerpt: 'x' }).message).toContain('idle kept-alive connections (3 connections)');
  // The sign does not say which answer was the unasked one: the line does not claim that no answer was misread.
  expect(once.message).toMatch(/the suite reused no connection after it, though the answer just before it on that connection may itself have been one no request asked for/);
});

test('conformance.json keeps runWarnings, the schema checks it; none, no field; the exit code is the same with or without one', () => {
  expect(warned.runWarnings).toEqual([hostile]);
  const json = JSON.parse(renderJson(warned)) as unknown;
  expect(validateReport(json).runWarnings).toEqual([hostile]);
  expect(() => assertConsistent(warned)).not.toThrow();
  expect(() => validateReport({ ...clone(warned), runWarnings: [{ kind: 'something-else', message: 'x' }] })).toThrow(/runWarnings\/0\/kind/);
  expect(() => validateReport({ ...clone(warned), runWarnings: [{ kind: 'unasked-bytes' }] })).toThrow(/must have required property 'message'/);
  expect(plain.runWarnings).toBeUndefined();
  expect(assembleReport(runInfo, results, { allowFlaky: false, runWarnings: [] }).runWarnings).toBeUndefined();
  expect(exitCodeOf(warned, { allowFlaky: false })).toBe(exitCodeOf(plain, { allowFlaky: false }));
  const passing = [result()];
  expect(exitCodeOf(assembleReport(runInfo, passing, { allowFlaky: false, runWarnings: [hostile] }), { allowFlaky: false })).toBe(0);
});

test('console: one line, its escape sequence shown, not obeyed', () => {
  const text = renderConsole(warned);
  const lines = text.split('\n').filter((line) => line.includes('idle kept-alive connection'));
  expect(lines).toEqual(['warning (fails nothing): the target sent bytes on an idle kept-alive connection, first "HTTP/1.1 200 OK\\u001b[2J<script>alert(1)</script>"']);
  expect(text).not.toContain('\u001b');
  expect(renderConsole(plain)).not.toContain('warning (fails nothing)');
});

test('summary.md and conformance.html: one line each, the markup inert; junit.xml: not a test, not a failure', () => {
  const md = renderMarkdown(warned);
  const mdLines = md.split('\n').filter((line) => line.includes('idle kept-alive connection'));
  expect(mdLines).toHaveLength(1);
  expect(mdLines[0]).toMatch(/^\*\*Warning\*\* \(fails nothing\): /);
  expect(md).not.toContain('<script>');
  expect(md).not.toContain('\u001b');
  // After what failed (the first screen is the failures' and their curl), before the counts.
  expect(md.indexOf('**Warning**')).toBeGreaterThan(md.indexOf('**Failures**'));
  expect(md.indexOf('**Warning**')).toBeLessThan(md.indexOf('| operation |'));
  expect(renderMarkdown(plain)).not.toContain('**Warning**');
  const html = renderHtml(warned);
  expect(html.match(/idle kept-alive connection/g)).toHaveLength(1);
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).not.toContain('<script>');
  expect(html).not.toContain('\u001b');
  expect(renderHtml(plain)).not.toContain('run-warnings');
  expect(renderJunit(warned)).toBe(renderJunit(plain));
});

test('a merge of shards keeps each shard\'s warnings, in shard order, each named by its shard', () => {
  const shard = (index: number, warnings: RunWarning[]) => assembleReport({ ...runInfo, shard: `${index}/3` }, index === 1 ? [result()] : index === 2 ? [failedResult] : [], { allowFlaky: false, runWarnings: warnings });
  const other: RunWarning = { kind: 'unasked-bytes', message: 'another' };
  const merged = mergeReports([shard(1, [hostile]), shard(2, []), shard(3, [other])]);
  expect(merged.runWarnings).toEqual([
    { kind: 'unasked-bytes', message: `shard 1/3: ${hostile.message}` },
    { kind: 'unasked-bytes', message: 'shard 3/3: another' },
  ]);
  expect(mergeReports([shard(1, []), shard(2, []), shard(3, [])]).runWarnings).toBeUndefined();
});

test('a merge of more shards with a warning than a report holds (the schema\'s 100) keeps the first 99 and says how many more, and is written', () => {
  const count = 150;
  const line = unaskedBytesWarning({ count: 2, excerpt: 'HTTP/1.1 200 OK\\r\\n' });
  const shards = Array.from({ length: count }, (_, i) => assembleReport({ ...runInfo, shard: `${i + 1}/${count}` }, i === 0 ? [result()] : [], { allowFlaky: false, runWarnings: [line] }));
  const merged = mergeReports(shards);
  expect(merged.runWarnings).toHaveLength(100);
  expect(merged.runWarnings?.[98]).toEqual({ kind: 'unasked-bytes', message: `shard 99/${count}: ${line.message}` });
  expect(merged.runWarnings?.[99]).toEqual({ kind: 'unasked-bytes', message: `… and 51 more run warnings, from shards 100/${count} to ${count}/${count}, not repeated here (each in its shard's own conformance.json)` });
  const report = assembleReport(merged.runInfo, merged.results, { allowFlaky: false, runWarnings: merged.runWarnings ?? [] });
  expect(() => validateReport(JSON.parse(renderJson(report)))).not.toThrow();
});

test('a shard\'s warning as long as a report allows is still one after the merge names its shard: cut, not a merged report the schema refuses', () => {
  const longest: RunWarning = { kind: 'unasked-bytes', message: 'x'.repeat(1100) };
  const shards = [1, 2].map((index) => assembleReport({ ...runInfo, shard: `${index}/2` }, index === 1 ? [result()] : [], { allowFlaky: false, runWarnings: index === 1 ? [longest] : [] }));
  expect(() => validateReport(JSON.parse(renderJson(shards[0]!)))).not.toThrow();
  const merged = mergeReports(shards);
  expect(merged.runWarnings?.[0]?.message).toMatch(/^shard 1\/2: x+…$/);
  expect(merged.runWarnings?.[0]?.message.length).toBe(1100);
  const report = assembleReport(merged.runInfo, merged.results, { allowFlaky: false, runWarnings: merged.runWarnings ?? [] });
  expect(() => validateReport(JSON.parse(renderJson(report)))).not.toThrow();
});

test('the limits are the schema\'s own', () => {
  const schema = JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as { properties: { runWarnings: { maxItems: number } }; definitions: { RunWarning: { properties: { message: { maxLength: number } } } } };
  expect(schema.properties.runWarnings.maxItems).toBe(RUN_WARNING_LIMITS.count);
  expect(schema.definitions.RunWarning.properties.message.maxLength).toBe(RUN_WARNING_LIMITS.messageChars);
});

// An operation added as data (README "What a new operation costs"): the every-404 hint gives the
// path the run asked, not the shipped WhatsApp Sync one the target was never sent.
test("the no-route line's every-404 hint names the run's own operation path, whatever operation it is", () => {
  const { message } = noRouteWarning({ routes: [{ operationId: 'getSender', route: 'GET /v1/senders/{senderId}', answers: 3, statuses: [404] }], every404: true });
  expect(message).toContain("The suite appends the operations' paths to it (/v1/senders/{senderId}…)");
  expect(message).not.toContain('whatsapp-sync');
});

test('a target that stopped answering too near the run\'s end to be lost: a headline of its own label in every report but junit.xml, the exit code as without it', () => {
  const line = stoppedAnsweringWarning({ why: 'http://127.0.0.1:9 answered none of the last 18 requests of the run, 2 of them sent as a client sends them: <b>…</b>' });
  expect(line.kind).toBe('stopped-answering');
  const stopped = assembleReport(runInfo, results, { allowFlaky: false, runWarnings: [line] });
  expect(validateReport(JSON.parse(renderJson(stopped)) as unknown).runWarnings).toEqual([line]);
  expect(exitCodeOf(stopped, { allowFlaky: false })).toBe(exitCodeOf(plain, { allowFlaky: false }));
  const text = renderConsole(stopped);
  expect(text.split("\n")).toContain(`STOPPED ANSWERING? ${line.message}`);
  expect(text).not.toContain('UPSTREAM DOWN?');
  expect(text).toMatch(/^failing \(each above\): .*; the target may have stopped answering before the run ended \(see the top\)/m);
  expect(text).not.toContain('warning (fails nothing)');
  expect(renderMarkdown(stopped)).toContain('**Stopped answering?** `http://127.0.0.1:9` answered none of the last 18 requests of the run, 2 of them sent as a client sends them: \\<b\\>');
  expect(renderHtml(stopped)).toContain('<p class="stopped-answering"><strong>Stopped answering?</strong> <span class="message">http://127.0.0.1:9 answered none of the last 18 requests of the run, 2 of them sent as a client sends them: &lt;b&gt;…&lt;/b&gt;</span></p>');
  expect(renderJunit(stopped)).not.toContain('answered none of the last');
});

test('answers near --timeout: a warning where the others are (not a headline: it caused no failure), in every report but junit.xml, the schema taking its kind, the exit code as without it', () => {
  const line = nearTimeoutWarning({ answers: 37, cases: 12, percent: 80, timeoutMs: 1000, slowest: { ms: 996.9, method: 'GET', path: '/v1/senders/snd_<b>x</b>/whatsapp-sync', caseId: 'getWhatsAppSyncStatus/coexistence[snd_<b>x</b>]' } }, (text) => text);
  expect(line.kind).toBe('near-timeout');
  const near = assembleReport(runInfo, results, { allowFlaky: false, runWarnings: [line] });
  expect(validateReport(JSON.parse(renderJson(near)) as unknown).runWarnings).toEqual([line]);
  expect(exitCodeOf(near, { allowFlaky: false })).toBe(exitCodeOf(plain, { allowFlaky: false }));
  const text = renderConsole(near);
  expect(text.split('\n').filter((l) => l.includes('near the timeout'))).toEqual([`warning (fails nothing): ${line.message}`]);
  expect(text).not.toMatch(/see the top/);
  const md = renderMarkdown(near);
  expect(md.split('\n').filter((l) => l.includes('near the timeout'))).toHaveLength(1);
  expect(md.indexOf('near the timeout')).toBeGreaterThan(md.indexOf('**Failures**'));
  const html = renderHtml(near);
  expect(html.match(/near the timeout/g)).toHaveLength(1);
  expect(html).not.toContain('<b>x</b>');
  expect(renderJunit(near)).toBe(renderJunit(plain));
});
