/**
 * Anchor ids of the case sections in conformance.html. They come from the case id, not the
 * report index, so a link such as `conformance.html#case-unauthenticated` shared in a ticket
 * points at the same case in tomorrow's report even when cases were added or reordered.
 */
import { createHash } from 'node:crypto';
import type { CaseResult } from '../model';

/** "coexistence[snd_coex_active]" → "case-coexistence-snd_coex_active": ids hold "[", "#", spaces. */
function sanitized(id: string): string {
  const slug = id.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'case' : `case-${slug}`;
}

/** A short digest of the raw id: depends on that id alone, so it is as stable as the id. */
function digest(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 8);
}

/**
 * One anchor per result, parallel to `results`, unique within the page. Normally the sanitized
 * id; when distinct ids sanitize alike ("a[b]" and "a(b)") each gets a digest of its raw id, so
 * which one is listed first does not decide who keeps the plain name. A counter is the last
 * resort (the same id twice, or a digest clash) and only then depends on order.
 */
export function caseAnchors(results: readonly Pick<CaseResult, 'id'>[]): string[] {
  const idsPerBase = new Map<string, Set<string>>();
  for (const { id } of results) {
    const base = sanitized(id);
    const ids = idsPerBase.get(base) ?? new Set<string>();
    ids.add(id);
    idsPerBase.set(base, ids);
  }
  const used = new Set<string>();
  return results.map(({ id }) => {
    const base = sanitized(id);
    const shared = (idsPerBase.get(base)?.size ?? 0) > 1;
    const wanted = shared ? `${base}-${digest(id)}` : base;
    let anchor = wanted;
    for (let n = 2; used.has(anchor); n += 1) anchor = `${wanted}-${n}`;
    used.add(anchor);
    return anchor;
  });
}
