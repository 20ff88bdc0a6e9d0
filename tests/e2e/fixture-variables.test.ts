/**
 * A fixture id the target does not know is named by the variable that holds it: a mock author who
 * set ZAVU_SENDER_NO_WABA=snd_zz (a sender the mock never seeded) read "check the configured sender
 * id" among eight such variables. The 404 alone says the id may be wrong, so the variable is named
 * whether or not the answer's body is the documented Error; the key never is.
 */
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { forward, passOn } from '../support/reference-proxy';
import { startScriptedServer } from '../support/misbehaving-servers';

/** The no-waba read's failure message, against a plain node:http mock in front of the reference server. */
async function noWabaRead(answer404: 'reference' | 'plain-text'): Promise<{ message: string; out: string; key: string }> {
  const server = await startReferenceServer();
  const front = await startScriptedServer((req, res) => {
    // The mock's own 404 for an id it does not know: a router's plain text, not the documented Error.
    if (answer404 === 'plain-text' && (req.url ?? '').startsWith('/v1/senders/snd_zz/')) res.writeHead(404, { 'content-type': 'text/plain' }).end('Cannot GET');
    else forward(server, req).then((answer) => passOn(res, answer), () => res.destroy());
  });
  try {
    const run = await runConformanceCli(['--base-url', front.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1'], { ...serverEnv(server), ZAVU_SENDER_NO_WABA: 'snd_zz' });
    const result = run.report?.results.find((r) => r.id === 'getWhatsAppSyncStatus/no-waba');
    expect(result?.status).toBe('failed');
    const message = result?.violations.find((v) => v.check === 'status-code-expected')?.message ?? '';
    return { message, out: `${run.stdout}${run.stderr}`, key: server.apiKey };
  } finally {
    await front.close();
    await server.close();
  }
}

test('a configured sender the target answers 404 with its documented Error: the story names the variable and the id', async () => {
  const { message, out, key } = await noWabaRead('reference');
  expect(message).toContain('ZAVU_SENDER_NO_WABA "snd_zz": the target does not know this sender (404): check the id; if it is right, the target answers this kind of sender 404 where the contract refuses it with 400');
  expect(out).toContain('ZAVU_SENDER_NO_WABA "snd_zz": the target does not know this sender (404)');
  expect(out).not.toContain(key);
});

test('a 404 that is not the documented Error: no cause is read from its body, but the variable is still named', async () => {
  const { message, out, key } = await noWabaRead('plain-text');
  expect(message).toContain('not the documented Error for this operation: no cause can be read from it; the 404 alone says ZAVU_SENDER_NO_WABA "snd_zz" may hold an id the target does not know');
  expect(out).toContain('ZAVU_SENDER_NO_WABA "snd_zz" may hold an id the target does not know');
  expect(out).not.toContain(key);
});
