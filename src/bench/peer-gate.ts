/**
 * How the bench runs its peer (peer-gate.spec.ts): mocha's own CLI on the compiled spec, in a
 * fresh process, as an engineer runs a hand-written gate. Shared by the bench and its test, so
 * the test proves the very command the bench times.
 */
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** The spec's six requests, one `it` each: the passing count a working peer prints. */
export const PEER_GATE_REQUESTS = 6;

export function peerGateCommand(): { command: string; args: string[] } {
  return { command: process.execPath, args: [require.resolve('mocha/bin/mocha.js', { paths: [root] }), join(root, 'dist/bench/peer-gate.spec.js')] };
}
