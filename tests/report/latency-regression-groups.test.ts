/**
 * A slowed route is one finding: the latency regressions of cases that send one request (an
 * operation to one sender) are said once, with the median of their p95s, before the others;
 * conformance.json's list of cases stays as it was.
 */
import type { CaseResult, ConformanceReport, HttpMethod, StepResult } from '../../src/model';
import { formatCurl } from '../../src/reproduce/format-curl';
import { caseRequestKey, groupLatencyRegressions, REGRESSION_GROUP_MIN, requestKey } from '../../src/report/latency-regression-groups';
import { renderConsole } from '../../src/report/render-console';
import { renderMarkdown } from '../../src/report/render-markdown';
import { renderHtml } from '../../src/report/render-html';
import { renderJson } from '../../src/report/render-json';
import { report, result } from './fixtures';

const READ = 'GET /v1/senders/{senderId}/whatsapp-sync';
const ORIGIN = 'http://127.0.0.1:8080';

/** The curl the suite writes for a request (src/reproduce/format-curl.ts). */
function curlOf(method: HttpMethod, path: string, base = ORIGIN): string {
  return formatCurl({ method, url: `${base}${path}`, path, headers: { accept: 'application/json' }, authVariant: 'valid' });
}

function readCase(id: string, sender: string): CaseResult {
  return result({ id: `getWhatsAppSyncStatus/${id}`, scenario: id, curl: curlOf('GET', `/v1/senders/${sender}/whatsapp-sync`) });
}

function step(id: string, sender: string, overrides: Partial<StepResult> = {}): StepResult {
  return { id, operationId: 'getWhatsAppSyncStatus', operation: READ, status: 'passed', durationMs: 10, curl: curlOf('GET', `/v1/senders/${sender}/whatsapp-sync`), ...overrides };
}

describe('requestKey: the request a case sends, in the contract\'s words', () => {
  it('is the operation with the sender the curl sent, behind any base path; no key for another method, spelling or a hostile id', () => {
    expect(requestKey(READ, curlOf('GET', '/v1/senders/snd_coex_active/whatsapp-sync'))).toBe('GET /v1/senders/snd_coex_active/whatsapp-sync');
    expect(requestKey(READ, curlOf('GET', '/v1/senders/snd_a/whatsapp-sync?zvc=1', 'https://api.example/base'))).toBe('GET /v1/senders/snd_a/whatsapp-sync');
    expect(requestKey(READ, curlOf('HEAD', '/v1/senders/snd_a/whatsapp-sync'))).toBeUndefined();
    expect(requestKey(READ, curlOf('GET', '/v1/senders/snd_a/whatsapp-sync/'))).toBeUndefined();
    expect(requestKey(READ, curlOf('GET', '/v1/%73enders/snd_a/whatsapp-sync'))).toBeUndefined();
    expect(requestKey(READ, curlOf('GET', '/v1/senders/%3Cscript%3E/whatsapp-sync'))).toBeUndefined();
    expect(requestKey(READ, curlOf('GET', '/v1/senders/../whatsapp-sync'))).toBeUndefined();
    expect(requestKey(READ, undefined)).toBeUndefined();
  });

  it('keys a sequence only when every step it sent is that one request', () => {
    const sequence = (steps: StepResult[]): CaseResult => {
      const { curl: _curl, ...rest } = result();
      return { ...rest, steps };
    };
    expect(caseRequestKey(sequence([step('a', 'snd_x'), step('b', 'snd_x'), step('c', 'snd_y', { notSent: true })]))).toBe('GET /v1/senders/snd_x/whatsapp-sync');
    expect(caseRequestKey(sequence([step('a', 'snd_unknown'), step('b', 'snd_x')]))).toBeUndefined();
  });
});

describe('latency regressions of one request, said once', () => {
  /** 22 cases reading snd_coex_active, each ~100 ms slower, their p95s a little different; 2 others. */
  const slowed = Array.from({ length: 22 }, (_, i) => readCase(`slow-${String(i).padStart(2, '0')}`, 'snd_coex_active'));
  const others = [readCase('alone', 'snd_coex_fresh'), result({ id: 'getWhatsAppSyncStatus/trailing', scenario: 'trailing', curl: curlOf('GET', '/v1/senders/snd_coex_active/whatsapp-sync/') })];
  const regressions = [
    ...slowed.map((r, i) => ({ id: r.id, baselineP95: 5 + i * 0.5, p95: 150 + i })),
    { id: others[0]!.id, baselineP95: 2, p95: 80 },
    { id: others[1]!.id, baselineP95: 10, p95: 45 },
  ].sort((a, b) => b.p95 / b.baselineP95 - a.p95 / a.baselineP95);
  const withDiff: ConformanceReport = {
    ...report([...slowed, ...others]),
    baseline: { baseline: { file: 'prev/conformance.json', startedAt: '2025-01-01T03:04:05.000Z', target: 'https://api.zavu.example' }, newFailures: [], fixed: [], stillFailing: [], newlySkipped: [], latencyRegressions: regressions },
  };

  it('groups them by request, with the medians of the cases, and keeps the others in their order', () => {
    const { groups, rest } = groupLatencyRegressions(regressions, withDiff.results);
    expect(groups).toEqual([{ request: 'GET /v1/senders/snd_coex_active/whatsapp-sync', ids: regressions.filter((r) => r.id.includes('slow-')).map((r) => r.id), baselineP95: 10.25, p95: 160.5 }]);
    expect(rest.map((r) => r.id)).toEqual([others[0]!.id, others[1]!.id]);
  });

  it('the console, summary.md and conformance.html say the slowed request first, once; conformance.json keeps every case', () => {
    const line = 'GET /v1/senders/snd_coex_active/whatsapp-sync: 22 cases slower, p95 ~10.3 → ~160.5 ms (median of the cases)';
    const consoleText = renderConsole(withDiff);
    expect(consoleText).toContain(`  latency regressions: ${line}; getWhatsAppSyncStatus/alone (p95 2 ms → 80 ms, +3900 %); getWhatsAppSyncStatus/trailing (p95 10 ms → 45 ms, +350 %)\n`);
    expect(consoleText).toContain('24 latency regressions');
    // summary.md escapes "~" (strikethrough in GitHub's Markdown).
    expect(renderMarkdown(withDiff)).toContain('latency regressions: `GET /v1/senders/snd_coex_active/whatsapp-sync`: 22 cases slower, p95 \\~10.3 → \\~160.5 ms (median of the cases), `getWhatsAppSyncStatus/alone`');
    const html = renderHtml(withDiff);
    expect(html).toContain('<h3>Latency regressions (24)</h3>\n<ul class="regression-groups"><li><code>GET /v1/senders/snd_coex_active/whatsapp-sync</code>: 22 cases slower, p95 ~10.3 → ~160.5 ms (median of the cases)</li></ul>');
    // Every case's row still, in conformance.html and conformance.json.
    for (const r of regressions) expect(html).toContain(`<td><code>${r.id}</code></td>`);
    const json = JSON.parse(renderJson(withDiff)) as ConformanceReport;
    expect(json.baseline?.latencyRegressions).toEqual(regressions);
  });

  it('says nothing more when no two regressions share a request', () => {
    const two = { ...withDiff, baseline: { ...withDiff.baseline!, latencyRegressions: regressions.filter((r) => !r.id.includes('slow-') || r.id.endsWith('-00')) } };
    expect(groupLatencyRegressions(two.baseline.latencyRegressions, two.results).groups).toEqual([]);
    expect(renderConsole(two)).not.toContain('cases slower');
    expect(renderHtml(two)).not.toContain('regression-groups');
  });
});

/**
 * REGRESSION_GROUP_MIN at its bound: two cases slowed on one request are already that request's
 * finding, said once; one is said as it was.
 */
describe('regression groups at their bounds', () => {
  const readCase = (id: string, sender: string): CaseResult => {
    const path = `/v1/senders/${sender}/whatsapp-sync`;
    return result({ id: `getWhatsAppSyncStatus/${id}`, scenario: id, curl: formatCurl({ method: 'GET', url: `http://127.0.0.1:8080${path}`, path, headers: { accept: 'application/json' }, authVariant: 'valid' }) });
  };

  describe('a request is said once from two cases', () => {
    const results = [readCase('a', 'snd_x'), readCase('b', 'snd_x'), readCase('c', 'snd_y')];
    const regressions = [
      { id: 'getWhatsAppSyncStatus/a', baselineP95: 10, p95: 120 },
      { id: 'getWhatsAppSyncStatus/c', baselineP95: 10, p95: 115 },
      { id: 'getWhatsAppSyncStatus/b', baselineP95: 12, p95: 110 },
    ];

    it('groups the two of snd_x, keeps the one of snd_y', () => {
      expect(REGRESSION_GROUP_MIN).toBe(2);
      const { groups, rest } = groupLatencyRegressions(regressions, results);
      expect(groups).toEqual([{ request: 'GET /v1/senders/snd_x/whatsapp-sync', ids: ['getWhatsAppSyncStatus/a', 'getWhatsAppSyncStatus/b'], baselineP95: 11, p95: 115 }]);
      expect(rest.map((r) => r.id)).toEqual(['getWhatsAppSyncStatus/c']);
    });
  });

  describe('requestKey with two path parameters', () => {
    const curl = (path: string): string => formatCurl({ method: 'GET', url: `http://127.0.0.1:8080${path}`, path, headers: {}, authVariant: 'valid' });

    it('keys only when every parameter is a plain id', () => {
      expect(requestKey('GET /v1/senders/{senderId}/items/{itemId}', curl('/v1/senders/snd_a/items/it_1'))).toBe('GET /v1/senders/snd_a/items/it_1');
      expect(requestKey('GET /v1/senders/{senderId}/items/{itemId}', curl('/v1/senders/snd_a/items/%3Cscript%3E'))).toBeUndefined();
    });
  });

  describe('groups come most cases first, then by the larger rise', () => {
    it('orders three groups', () => {
      const results = ['x1', 'x2', 'y1', 'y2', 'z1', 'z2', 'z3'].map((id) => readCase(id, `snd_${id[0]!}`));
      const r = (id: string, baselineP95: number, p95: number) => ({ id: `getWhatsAppSyncStatus/${id}`, baselineP95, p95 });
      // x: ×10, y: ×3, z: ×2 but three cases (their p95s given out of order).
      const regressions = [r('x1', 10, 100), r('x2', 10, 100), r('y1', 10, 30), r('y2', 10, 30), r('z1', 10, 20), r('z2', 14, 28), r('z3', 12, 24)];
      const { groups } = groupLatencyRegressions([...regressions].reverse(), results);
      expect(groups.map((g) => g.request)).toEqual(['z', 'x', 'y'].map((s) => `GET /v1/senders/snd_${s}/whatsapp-sync`));
      // The medians of three, whatever order the cases come in.
      expect(groups[0]).toMatchObject({ baselineP95: 12, p95: 24 });
    });
  });
});
