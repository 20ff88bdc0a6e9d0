/**
 * A nightly run with --history killed outright (SIGKILL: no handler runs, nothing appended) and
 * the next night's run in the same reports folder: the next run takes over the dead run's lock and
 * appends its night, as did not finish, before its own; the history command and the run's own
 * reports show that night as a gap that did not finish, not as absent, a pass or a failure.
 * The kill comes once the target holds the run's first request open: the run is surely mid-flight.
 */
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readHistory } from '../../src/history/read-history';
import { startReferenceServer } from '../../src/reference-server';
import { serverEnv } from '../support/conformance-run';
import { startScriptedServer } from '../support/misbehaving-servers';
import { runCli, spawnCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

test('a run killed with SIGKILL mid-run is in the history as a night that did not finish, once, between the nights around it', async () => {
  const reference = await startReferenceServer();
  // One target for every night (its URL is the target the store names): it holds requests open
  // while `holding`, the killed night's, and otherwise hands each to the reference server.
  let holding = false;
  let arrive: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const front = await startScriptedServer((req, res) => {
    if (holding) return arrive();
    const upstream = request(`${reference.baseUrl}${req.url ?? ''}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.once('error', () => res.destroy());
    req.pipe(upstream);
  });
  const cwd = scratchDir('zvc-killed-night-');
  const store = join(cwd, 'history.jsonl');
  const args = ['--base-url', front.baseUrl, '--history', store, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'];
  const env = serverEnv(reference);
  try {
    expect((await runCli('conformance-main.js', args, { cwd, env })).code).toBe(0);

    holding = true;
    const killed = spawnCli('conformance-main.js', args, { cwd, env });
    try {
      await arrived;
      killed.child.kill('SIGKILL');
      expect((await killed.ended).signal).toBe('SIGKILL');
    } finally {
      killed.child.kill('SIGKILL');
    }
    holding = false;
    // Nothing of the killed night in the store: no handler ran.
    expect(readHistory(store)).toHaveLength(1);

    const next = await runCli('conformance-main.js', args, { cwd, env });
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/^note: the run that started at .* did not finish/m);
    expect(next.stdout).toMatch(new RegExp(`^history: recorded in .*history\\.jsonl the night started at \\S+ as did not finish \\(its run was killed or lost\\): a gap in the trends of ${front.baseUrl.replace(/[.]/g, '\\.')}\n`, 'm'));
    expect(next.stdout).toMatch(/^history: appended to .*history\.jsonl \(2 runs of .* and 1 night not run\)/m);

    const records = readHistory(store).map((r) => r.record);
    expect(records.map((r) => (r.stopped?.unfinished === true ? 'did not finish' : r.stopped === undefined ? 'judged' : 'not run'))).toEqual(['judged', 'did not finish', 'judged']);
    const dead = records[1]!;
    expect(dead.stopped?.reason).toMatch(new RegExp(`^the run \\(pid ${killed.child.pid} on .+\\) left its reports folder's lock behind, taken over by the run started at ${records[2]!.run.startedAt}: killed or lost, no exit code$`));
    expect(Date.parse(dead.run.startedAt)).toBeGreaterThan(Date.parse(records[0]!.run.finishedAt));
    expect(Date.parse(dead.run.startedAt)).toBeLessThan(Date.parse(records[2]!.run.startedAt));
    // The run's own reports show the gap, this run's verdict untouched by it.
    expect(readFileSync(join(cwd, 'reports', 'summary.md'), 'utf8')).toContain('did not finish: the run (pid');
    const report = JSON.parse(readFileSync(join(cwd, 'reports', 'conformance.json'), 'utf8')) as { history: { runs: { notRun?: { unfinished?: boolean } }[] } };
    expect(report.history.runs.map((r) => r.notRun?.unfinished === true)).toEqual([false, true, false]);

    const shown = await runCli('zavu-conformance-main.js', ['history', '--history', store], { cwd });
    expect(shown.code).toBe(0);
    expect(shown.stdout.split('\n').filter((line) => line.includes('did not finish: the run (pid'))).toHaveLength(1);
    expect(shown.stdout).not.toContain('exit 137');
    // The night after appends no second record of it.
    expect((await runCli('conformance-main.js', args, { cwd, env })).code).toBe(0);
    expect(readHistory(store).filter((r) => r.record.stopped !== undefined)).toHaveLength(1);
    expect(readFileSync(store, 'utf8')).not.toContain(reference.apiKey);
  } finally {
    await front.close();
    await reference.close();
  }
}, 120_000);
