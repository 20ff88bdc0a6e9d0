/**
 * An http:// base URL whose port speaks TLS (an HTTPS server, a TLS-only front). Such a server
 * closes each plain request unanswered, so the run stops as a silent target (target-guard.ts:
 * "accepted connections but answered none … a proxy, a firewall or a server that refuses these
 * requests?"), which sends its owner after the network, not the scheme. The converse, https:// to
 * a plain port, the preflight reads from OpenSSL's error; this one shows only when asked: one TLS
 * handshake to the same port, once the run has stopped so, never before (a plain server would log
 * it as a bad request on every run).
 */
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { UnreachableReason } from '../model/errors';
import { displayTarget } from '../config/run-config';

/** The silent stops a TLS port gives a plain request: closed unanswered, or bytes no HTTP parser reads (a TLS alert). */
const CLOSED_UNANSWERED: ReadonlySet<UnreachableReason> = new Set(['reset', 'other', 'parser-refused']);

/** The probe's own deadline: a handshake is one round trip or two. */
const PROBE_MS = 5000;

/**
 * Whether the base URL's host and port complete a TLS handshake, or answer one with a TLS alert (a
 * server that offers no cipher the client does still speaks TLS). The certificate is not checked:
 * only the protocol is asked about, and nothing is sent over the connection.
 */
export function speaksTls(baseUrl: string, timeoutMs: number): Promise<boolean> {
  const url = new URL(baseUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve) => {
    // SNI names a host, never an IP address (RFC 6066; Node warns on stderr otherwise).
    const socket = tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }), rejectUnauthorized: false }, () => done(true));
    const timer = setTimeout(() => done(false), Math.min(timeoutMs, PROBE_MS));
    function done(tls: boolean): void {
      clearTimeout(timer);
      socket.destroy();
      resolve(tls);
    }
    // OpenSSL names every alert the peer sent SSLV3_…, TLSV1_… or TLSV13_… (ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE), but
    // not each with "ALERT" (ERR_SSL_TLSV1_UNRECOGNIZED_NAME, a strict-SNI server's); a plain port gives "wrong version number" or a reset.
    socket.once('error', (error: NodeJS.ErrnoException) => done(/^ERR_SSL_(?:SSLV3|TLSV1|TLSV13)_/.test(error.code ?? '')));
  });
}

/** The https:// URL an http:// one likely meant, its port kept (http's default 80 made explicit). */
export function httpsTargetFor(baseUrl: string): string {
  const url = new URL(baseUrl);
  const secure = new URL(baseUrl);
  secure.protocol = 'https:';
  if (url.port === '') secure.port = '80';
  return displayTarget(secure.href);
}

/**
 * The silent stop's line, led by the likely fix when the target is http:// and its port speaks
 * TLS: a CI log or a NOT RUN line cut short keeps the fix. Any other stop, as it was.
 */
export async function withTlsPortHint(why: string, reason: UnreachableReason, baseUrl: string | undefined, timeoutMs: number): Promise<string> {
  if (baseUrl === undefined || new URL(baseUrl).protocol !== 'http:' || !CLOSED_UNANSWERED.has(reason)) return why;
  if (!(await speaksTls(baseUrl, timeoutMs))) return why;
  return `the port answers TLS (HTTPS?); is the target ${httpsTargetFor(baseUrl)}? (${why})`;
}
