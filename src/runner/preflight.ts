/**
 * Can the target be reached at all? One TCP (and TLS) handshake, no HTTP request: it separates
 * "the server is down" (exit 3) from "the server answers wrongly" (exit 1) before any case runs.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { UnreachableCode, UnreachableError } from '../model/errors';
import { classifyError } from '../transport/classify-error';
import { systemErrorCode } from '../transport/system-error-code';
import { displayTarget } from '../config/run-config';
import { proxyHint } from './proxy-hint';

/** `env`: where the proxy variables a user may expect to be used are read (process.env by default). */
export function preflight(baseUrl: string, timeoutMs: number, env: Readonly<Record<string, string | undefined>> = process.env): Promise<void> {
  const url = new URL(baseUrl);
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (secure ? 443 : 80));
  const limit = Math.min(timeoutMs, 10_000);
  return new Promise((resolvePromise, reject) => {
    const socket: Socket = secure
      ? // SNI names a host, never an IP address (RFC 6066; Node warns on stderr otherwise).
        tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }), ALPNProtocols: ['http/1.1'] }, () => done())
      : netConnect({ host, port }, () => done());
    const timer = setTimeout(() => fail(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), limit);
    function done(): void {
      clearTimeout(timer);
      socket.destroy();
      resolvePromise();
    }
    function fail(error: unknown): void {
      clearTimeout(timer);
      socket.destroy();
      const cause = classifyError(error, limit);
      const reason = cause.kind === 'timeout' ? `no connection within ${limit} ms` : `${cause.kind}: ${cause.message}`;
      // The likely fix first, then the error it is read from: a CI log or a NOT RUN line cut short keeps the fix.
      const code = systemErrorCode(error) ?? UnreachableCode.noSystemCode;
      const own = cause.kind === 'connection-refused' ? refusedHint() : untrustedCertificateHint(code) || plainHttpHint(cause.message);
      const proxied = proxyHint(cause.kind, baseUrl, env);
      const hint = [own, proxied].filter((words) => words !== '').join('; ');
      reject(new UnreachableError(`target ${displayTarget(baseUrl)} is unreachable${hint === '' ? ` (${reason})` : `: ${hint} (${reason})`}`, code, cause.kind));
    }
    socket.once('error', fail);
  });

  /**
   * A refused connection is the target's host with nothing listening on that port: most often a
   * server not started yet, or started on another port (a mock's own default). Node's
   * "connect ECONNREFUSED" alone reads as the suite's network trouble, so the line says what to check.
   */
  function refusedHint(): string {
    // url.hostname keeps an IPv6 address in its brackets ([::1]), so host:port reads as one.
    return `nothing accepts connections on ${url.hostname}:${port}; is the server started, and listening on that port?`;
  }

  /**
   * OpenSSL's "wrong version number" (or "packet length too long", "http request") is what a TLS
   * handshake reads when the port answers plain HTTP: the scheme is wrong, not the server. The
   * OpenSSL line alone sends people after certificates and proxies, so the line names the URL likely meant.
   */
  function plainHttpHint(message: string): string {
    if (!secure || !/wrong[ _]version[ _]number|packet[ _]length[ _]too[ _]long|http[ _]request/i.test(message)) return '';
    const plain = new URL(baseUrl);
    plain.protocol = 'http:';
    // Keep the port the user named: https's default 443 becomes explicit, or http would mean 80.
    if (url.port === '') plain.port = '443';
    return `the port answers without TLS (plain HTTP?); is the target ${displayTarget(plain.href)}?`;
  }
}

/** OpenSSL's verdicts on a chain that ends in no CA Node trusts: a self-signed certificate, or a private CA's. */
const UNTRUSTED_CHAIN = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_UNTRUSTED']);

/**
 * "self-signed certificate" alone leaves a staging or mock owner to search for a way past it, and
 * the first found turns every check off (NODE_TLS_REJECT_UNAUTHORIZED=0): the line names the way
 * that keeps the check, Node's own NODE_EXTRA_CA_CERTS. Empty for any other code.
 */
export function untrustedCertificateHint(code: string): string {
  if (!UNTRUSTED_CHAIN.has(code)) return '';
  return "its certificate is not signed by a CA this machine trusts (self-signed, or a private CA); give that CA's certificate as NODE_EXTRA_CA_CERTS=/path/to/ca.pem (which keeps the check on)";
}
