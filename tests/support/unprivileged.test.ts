/**
 * The helper the real permission tests stand on: its process is one the modes refuse (as root too),
 * and when that process cannot run the call, the test fails saying why, never passing for nothing.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modesRefuse, refusalAsUnprivileged, removeUnprivilegedScratch, unprivilegedScratch } from './unprivileged';

(modesRefuse ? test : test.skip)("a file of mode 000 is refused to the call's process, whoever runs the tests (root's test runs it as another user)", () => {
  const dir = unprivilegedScratch('zvc-unprivileged-');
  try {
    const file = join(dir, 'secret');
    writeFileSync(file, 'x');
    chmodSync(file, 0o000);
    expect(refusalAsUnprivileged(`require('node:fs').readFileSync(${JSON.stringify(file)})`, dir)).toMatchObject({ code: 'EACCES' });
  } finally {
    removeUnprivilegedScratch(dir);
  }
});

test('a call that throws nothing fails the test', () => {
  const dir = unprivilegedScratch('zvc-unprivileged-');
  try {
    expect(() => refusalAsUnprivileged('1', dir)).toThrow('1 threw nothing');
  } finally {
    removeUnprivilegedScratch(dir);
  }
});

test('a process that could not start fails the test with the reason it could not', () => {
  const dir = unprivilegedScratch('zvc-unprivileged-');
  try {
    // Its working folder gone: spawn's own error (ENOENT), which has no exit status to say.
    expect(() => refusalAsUnprivileged('1', join(dir, 'gone'))).toThrow(/could not start: .*ENOENT/);
  } finally {
    removeUnprivilegedScratch(dir);
  }
});

test('a folder of modes that shut out its owner is removed whole, by root or not', () => {
  const dir = unprivilegedScratch('zvc-unprivileged-');
  mkdirSync(join(dir, 'locked', 'inner'), { recursive: true });
  writeFileSync(join(dir, 'locked', 'inner', 'file'), 'x');
  chmodSync(join(dir, 'locked', 'inner', 'file'), 0o000);
  chmodSync(join(dir, 'locked', 'inner'), 0o000);
  chmodSync(join(dir, 'locked'), 0o000);
  removeUnprivilegedScratch(dir);
  expect(existsSync(dir)).toBe(false);
});
