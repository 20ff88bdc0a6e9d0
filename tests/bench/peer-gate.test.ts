import { spawnSync } from 'node:child_process';
import { PEER_GATE_REQUESTS, peerGateCommand } from '../../src/bench/peer-gate';

test('the bench\'s peer gate (pactum + mocha, six core requests) passes against the embedded reference server', () => {
  // The very command the bench times: a peer that fails would make the bench's ratio meaningless.
  const { command, args } = peerGateCommand();
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env['PATH'] ?? '' } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`${PEER_GATE_REQUESTS} passing`);
  expect(run.stdout).not.toMatch(/failing|pending/);
});
