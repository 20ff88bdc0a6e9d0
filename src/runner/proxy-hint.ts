/**
 * Node's http and https ignore HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY, and the suite sends
 * every request directly. Behind a proxy that is the only way out, an unreachable target then reads
 * as the target's fault: the line names the variable the user set (never its value, which may carry
 * user:password@) and says it was not used. Loopback and hosts NO_PROXY exempts are direct anyway.
 */
import { BlockList, isIP } from 'node:net';
import type { TransportErrorKind } from '../model';

/**
 * One NO_PROXY entry as curl reads it: a name matches itself and the names under it (a leading "."
 * or "*." adds nothing), an address matches itself and a CIDR range its addresses; an IPv6 address
 * bare or in brackets, a port after it ignored; case and a trailing dot make no difference.
 */
function exempts(entry: string, host: string): boolean {
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(entry);
  // A bare IPv6 address ends in ":<digits>" too: only a form that is no address loses a port.
  const name = bracketed?.[1] ?? (isIP(entry.split('/')[0] ?? '') === 6 ? entry : entry.replace(/:\d+$/, ''));
  const [address = '', bits] = name.split('/');
  const family = isIP(address);
  if (family !== 0) {
    if (isIP(host) === 0) return false;
    const range = new BlockList();
    const type = family === 6 ? 'ipv6' : 'ipv4';
    try {
      if (bits === undefined) range.addAddress(address, type);
      else range.addSubnet(address, Number(bits), type);
      return range.check(host, isIP(host) === 6 ? 'ipv6' : 'ipv4');
    } catch {
      return false;
    }
  }
  const domain = name.replace(/^\*?\./, '').replace(/\.$/, '');
  return domain !== '' && (host === domain || host.endsWith(`.${domain}`));
}

/** Where a proxy variable would not apply even for a client that honours it. */
function direct(host: string, noProxy: string): boolean {
  const name = host.replace(/\.$/, '');
  // 127.0.0.0/8, ::1 and 127.x written as an IPv4-mapped IPv6 address (the URL parser's ::ffff:7f00:1).
  if (name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name) || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(name)) return true;
  const entries = noProxy.split(/[\s,]+/).map((entry) => entry.toLowerCase()).filter((entry) => entry !== '');
  return entries.some((entry) => entry === '*' || exempts(entry, name));
}

/**
 * "HTTPS_PROXY is set, but the suite uses no proxy: …", or '' when no proxy variable applies to the
 * target, or the failure is TLS: a handshake that began reached something (an intercepting front's
 * certificate has its own line, NODE_EXTRA_CA_CERTS).
 */
export function proxyHint(failure: TransportErrorKind, baseUrl: string, env: Readonly<Record<string, string | undefined>>): string {
  if (failure === 'tls') return '';
  const url = new URL(baseUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  // Both spellings: curl reads no_proxy first, Go NO_PROXY, and an empty one must not hide the other.
  if (direct(host, `${env['NO_PROXY'] ?? ''},${env['no_proxy'] ?? ''}`)) return '';
  const scheme = url.protocol === 'https:' ? 'HTTPS' : 'HTTP';
  const variable = [`${scheme}_PROXY`, `${scheme.toLowerCase()}_proxy`, 'ALL_PROXY', 'all_proxy'].find((name) => (env[name] ?? '') !== '');
  return variable === undefined ? '' : `${variable} is set, but the suite uses no proxy: it connects to ${host} directly`;
}
