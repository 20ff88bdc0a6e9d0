/**
 * Zavu's own hosts, which write-safety refuses --mock-target against and which a report must not
 * advise --mock-target for: the run's settings and its reports judge a target by the same rule.
 */

/** Zavu's own domain: the contract's server (specs/*.openapi.yaml `servers`: https://api.zavu.dev) is under it. */
export const ZAVU_DOMAIN = 'zavu.dev';

/** Whether the host is Zavu's own (zavu.dev or a name under it), in any case, with or without the root's trailing dot. */
export function isZavuHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.+$/, '');
  return host === ZAVU_DOMAIN || host.endsWith(`.${ZAVU_DOMAIN}`);
}

/** Whether a report's target (a base URL) is on Zavu's own hosts; a target that is no URL is not. */
export function isZavuTarget(target: string): boolean {
  try {
    return isZavuHost(new URL(target).hostname);
  } catch {
    return false;
  }
}
