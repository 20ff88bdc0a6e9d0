/**
 * A gateway in front of a conformant API that adds `requestId`, `path` and `timestamp` to every
 * error body: each extra property is a correct `undocumented-properties` warning, one per answer,
 * and the run is still conformant. The reviewer reads them as three places seen in N answers,
 * once, in the console, summary.md, conformance.html and conformance.json; per case they stay in
 * the per-case sections.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startScriptedServer } from '../support/misbehaving-servers';
import { forward } from '../support/reference-proxy';

const EXTRA = ['/path', '/requestId', '/timestamp'];

test('a gateway that adds three properties to every error body: three places in the digest, once in every output', async () => {
  const server = await startReferenceServer();
  let stamped = 0;
  const gateway = await startScriptedServer((req, res) => {
    forward(server, req).then(
      (up) => {
        const json = String(up.headers['content-type'] ?? '').includes('json') && up.status >= 400 && req.method !== 'HEAD';
        const parsed: unknown = json ? JSON.parse(up.body) : undefined;
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return void res.writeHead(up.status, up.headers).end(up.body);
        stamped += 1;
        const body = JSON.stringify({ ...parsed, requestId: `req_${stamped}`, path: req.url ?? '', timestamp: new Date(0).toISOString() });
        res.writeHead(up.status, up.headers).end(body);
      },
      (error: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`gateway: ${error.message}`),
    );
  });
  try {
    const run = await runConformanceCli(['--base-url', gateway.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1'], serverEnv(server));
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const report = run.report;
    if (report === undefined) throw new Error('no conformance.json');
    const [entry, ...others] = report.warningDigest ?? [];
    expect(others).toEqual([]);
    expect(entry?.check).toBe('undocumented-properties');
    expect(entry?.places.map((p) => p.pointer).sort()).toEqual(EXTRA);
    // Every error body is judged by Error: each place names it, as the schema the contract would declare the property in.
    expect(entry?.places.map((p) => p.schema)).toEqual(['Error', 'Error', 'Error']);
    // Every stamped answer that a check judged raised all three: each place was seen in as many answers as the check.
    const answers = entry?.answers ?? 0;
    expect(answers).toBeGreaterThan(10);
    expect(answers).toBeLessThanOrEqual(stamped);
    for (const place of entry?.places ?? []) expect({ pointer: place.pointer, answers: place.answers, warnings: place.warnings }).toEqual({ pointer: place.pointer, answers, warnings: answers });
    expect(entry?.warnings).toBe(report.summary.warnings);

    // The console: the three places once each, not one line per answer.
    const place = entry?.places.find((p) => p.pointer === '/requestId');
    const first = place?.firstCases[0] ?? '';
    expect(run.stdout).toContain(`\n  undocumented-properties: 3 places in ${answers} answers, ${entry?.cases} cases\n`);
    expect(run.stdout).toContain(`\n    /requestId in Error: ${answers} answers, ${place?.cases} cases (first ${first})\n`);
    expect(run.stdout.match(/\/requestId/g)).toHaveLength(1);
    expect(run.stdout).toMatch(/\nconformance: \d+ passed, 0 failed, 0 skipped, 0 errors \(\d+ warnings\)\n/);

    const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
    expect(summary).toContain(`\n  - \`undocumented-properties\`: 3 places in ${answers} answers, ${entry?.cases} cases — `);
    expect(summary).toContain(`\`/requestId\` in \`Error\` (${answers} answers, ${place?.cases} cases, first \`${first}\`)`);
    expect(summary.split('\n').length).toBeLessThan(50);

    const html = readFileSync(join(run.reportsDir, 'conformance.html'), 'utf8');
    const table = html.slice(html.indexOf('<h3>Where</h3>'), html.indexOf('<h3>Per case</h3>'));
    for (const pointer of EXTRA) expect(table).toContain(`<td><code>${pointer}</code> in <code>Error</code></td><td>${answers}</td><td>${answers}</td>`);
    // Per case they stay where they were: the list under the table names each answer's.
    expect(html.split('<h3>Per case</h3>')[1]?.match(/at <code>\/requestId<\/code>/g)).toHaveLength(answers);
  } finally {
    await gateway.close();
    await server.close();
  }
});
