/**
 * Node's http and https ignore HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY, and the suite sends
 * every request directly. Behind a proxy that is the only way out, an unreachable target then reads
 * as the target's fault: the line names the variable the user set (never its value, which may carry
 * user:password@) and says it was not used. Loopback and hosts NO_PROXY exempts are direct anyway.
 */

/** Where a proxy variable would not apply even for a client that honours it. */
function direct(host: string, noProxy: string | undefined): boolean {
  if (host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)) return true;
  return (noProxy ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.replace(/:\d+$/, '').replace(/^\*?\./, '').toLowerCase())
    .some((entry) => entry === '*' || (entry !== '' && (host === entry || host.endsWith(`.${entry}`))));
}

/** "HTTPS_PROXY is set, but the suite uses no proxy: …", or '' when no proxy variable applies to the target. */
export function proxyHint(baseUrl: string, env: Readonly<Record<string, string | undefined>>): string {
  const url = new URL(baseUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (direct(host, env['NO_PROXY'] ?? env['no_proxy'])) return '';
  const scheme = url.protocol === 'https:' ? 'HTTPS' : 'HTTP';
  const variable = [`${scheme}_PROXY`, `${scheme.toLowerCase()}_proxy`, 'ALL_PROXY', 'all_proxy'].find((name) => (env[name] ?? '') !== '');
  return variable === undefined ? '' : `${variable} is set, but the suite uses no proxy: it connects to ${host} directly`;
}
