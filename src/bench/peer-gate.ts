/**
 * How the bench runs its peers (peer-gate.spec.ts, same-scope-peer.spec.ts): mocha's own CLI on
 * the compiled spec, in a fresh process, as an engineer runs a hand-written gate. Shared by the
 * bench and its test, so the test proves the very command the bench times.
 */
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** The spec's six requests, one `it` each: the passing count a working peer prints. */
export const PEER_GATE_REQUESTS = 6;

export function peerGateCommand(): { command: string; args: string[] } {
  return { command: process.execPath, args: [require.resolve('mocha/bin/mocha.js', { paths: [root] }), join(root, 'dist/bench/peer-gate.spec.js')] };
}

/** The variable that names the file of the requests the peer of the same scope sends. */
export const PEER_REQUESTS_ENV = 'ZVC_PEER_REQUESTS';

/** The peer of the same scope, sending the requests in `requestsFile` (written from captureRequests). */
export function sameScopePeerCommand(requestsFile: string): { command: string; args: string[]; env: Record<string, string> } {
  return {
    command: process.execPath,
    args: [require.resolve('mocha/bin/mocha.js', { paths: [root] }), join(root, 'dist/bench/same-scope-peer.spec.js')],
    env: { [PEER_REQUESTS_ENV]: requestsFile },
  };
}

/**
 * Whether pactum sends `path` byte for byte: a URL parser leaves it as it is and it decodes. The
 * peer of the same scope sends only those (pactum rewrites `..`, refuses a lone `%`, turns `\`
 * into `/`): it sends fewer requests than the run, never other ones.
 */
export function sendableAsWritten(path: string): boolean {
  try {
    decodeURI(path);
    const url = new URL(path, 'http://peer.invalid');
    return `${url.pathname}${url.search}` === path;
  } catch {
    return false;
  }
}
