/**
 * The first interruption's clean-up is not cut short by a second signal: a process ended half-way
 * through it left part of the old verdict. Each case is a child process that signals itself.
 */
import { requireBuilt, runInChild } from '../support/in-child';

/** Runs `body` in a node process with onFirstSignal in scope; its stdout and how it ended. */
const child = (body: string) => runInChild(`const { onFirstSignal } = ${requireBuilt('cli/cli-support.js')};\n${body}`);

/** A synchronous wait: the clean-up of a real interruption is synchronous file work. */
const BUSY = 'const until = Date.now() + 300; while (Date.now() < until) {}';

test('a second signal during the first one\'s handler is held off until the handler returns', () => {
  const ran = child(`
    onFirstSignal(['SIGUSR2'], () => { process.kill(process.pid, 'SIGUSR2'); ${BUSY} process.stdout.write('cleaned up'); });
    process.kill(process.pid, 'SIGUSR2');
    setTimeout(() => process.stdout.write(' and lived on'), 100);`);
  expect(ran.signal).toBeNull();
  expect(ran.stdout).toBe('cleaned up and lived on');
});

test('after the handler returns, a second signal ends the process at once, as node does by default', () => {
  const ran = child(`
    onFirstSignal(['SIGUSR2'], () => process.stdout.write('handled'));
    process.kill(process.pid, 'SIGUSR2');
    setTimeout(() => process.kill(process.pid, 'SIGUSR2'), 50);
    setTimeout(() => process.stdout.write(' never'), 2000);`);
  expect(ran.signal).toBe('SIGUSR2');
  expect(ran.stdout).toBe('handled');
});
