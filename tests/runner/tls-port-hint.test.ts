/**
 * An http:// base URL to a port that speaks TLS: every plain request is closed unanswered, and the
 * run stopped saying "a proxy, a firewall or a server that refuses these requests?". One TLS
 * handshake, asked only then, tells the scheme is the fault, and the line names the URL likely meant.
 */
import { httpsTargetFor, speaksTls, withTlsPortHint } from '../../src/runner/tls-port-hint';
import { closedPort, startScriptedServer, startTlsAlertServer, startTlsOnlyServer } from '../support/misbehaving-servers';

test('a port that speaks TLS is told apart from a plain HTTP one and from one nothing listens on', async () => {
  const tls = await startTlsOnlyServer();
  const plain = await startScriptedServer((_req, res) => res.end());
  try {
    expect(await speaksTls(tls.baseUrl, 2000)).toBe(true);
    expect(await speaksTls(plain.baseUrl, 2000)).toBe(false);
    expect(await speaksTls(`http://127.0.0.1:${await closedPort()}`, 2000)).toBe(false);
  } finally {
    await Promise.all([tls.close(), plain.close()]);
  }
});

test('a silent stop of an http:// target whose port speaks TLS names the https:// URL first, the stop line kept after it', async () => {
  const tls = await startTlsOnlyServer();
  try {
    const why = `${tls.baseUrl}/api accepted connections but answered none of the first 3 requests (the last: reset, ECONNRESET: socket hang up): is it the API, and up? (…)`;
    const https = tls.baseUrl.replace('http:', 'https:');
    expect(await withTlsPortHint(why, 'reset', `${tls.baseUrl}/api`, 2000)).toBe(`the port answers TLS (HTTPS?); is the target ${https}/api? (${why})`);
    // Timed out or refused: no handshake is tried, the line stays as it was.
    expect(await withTlsPortHint(why, 'timeout', `${tls.baseUrl}/api`, 2000)).toBe(why);
    // An https:// target is the preflight's to judge: never asked again.
    expect(await withTlsPortHint(why, 'reset', `${https}/api`, 2000)).toBe(why);
  } finally {
    await tls.close();
  }
});

test('the default port stays the one the user meant: http:// without a port is port 80, named as such', () => {
  expect(httpsTargetFor('http://api.example/base')).toBe('https://api.example:80/base');
  expect(httpsTargetFor('http://127.0.0.1:4010')).toBe('https://127.0.0.1:4010');
});

test.each([
  ['unrecognized_name, a strict-SNI server\'s refusal', 112],
  ['unsupported_extension', 110],
  ['handshake_failure', 40],
  ['protocol_version', 70],
])('a handshake refused with the alert %s still shows TLS on the port', async (_, alert) => {
  // OpenSSL names most received alerts "…_ALERT_…", but some not (ERR_SSL_TLSV1_UNRECOGNIZED_NAME):
  // every one is a TLS server's answer all the same.
  const refusing = await startTlsAlertServer(alert);
  try {
    expect(await speaksTls(refusing.baseUrl, 2000)).toBe(true);
  } finally {
    await refusing.close();
  }
});
