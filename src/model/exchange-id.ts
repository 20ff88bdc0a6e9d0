/**
 * Exchange ids: how the suite names each request it sends, and how the case it belongs to is read
 * back from one. A case's own request is "<case>"; a step of a sequence "<case>#<step>"; a
 * negative input "<case>#<n>"; a copy of a concurrent step "<case>#<step>@<copy>". The recording,
 * the replay, the transport and the reports all read ids this way, so it lives here, below them all.
 */

/**
 * The exchange id of copy `copy` (1-based) of a concurrent step: "<case>#<step>@<copy>". Each copy
 * is a request of its own, recorded and replayed once, so a recording's rule that a request appears
 * at most --repeat times still refuses a real duplicate. "@" is in no scenario or step id.
 */
export function concurrentCopyId(exchangeId: string, copy: number): string {
  return `${exchangeId}@${copy}`;
}

/** Where "<case>#<step>" splits, or -1 for a case's own exchange. */
function stepSeparatorAt(exchangeId: string): number {
  const open = exchangeId.indexOf('[');
  const first = exchangeId.indexOf('#');
  if (first === -1 || open === -1 || first < open) return first;
  const close = exchangeId.indexOf(']#', open);
  return close === -1 ? -1 : close + 1;
}

/**
 * The case an exchange id belongs to: "<case>#<step>" is a step of a sequence. Scenario and step
 * ids have no "#", "[" or "]"; a case over a fixture ends in "[<value>]", and a witness step too,
 * and a value (a configured sender id) may hold a "#": the case part ends at the "]" before the
 * step's "#" when it has a value, else at the first "#".
 */
export function caseOfExchange(exchangeId: string): { caseId: string; step?: string } {
  const hash = stepSeparatorAt(exchangeId);
  return hash === -1 ? { caseId: exchangeId } : { caseId: exchangeId.slice(0, hash), step: exchangeId.slice(hash + 1) };
}

/**
 * Whether an exchange id is one of case `caseId`'s: the case's own, a step's or negative input's
 * ("#"), or a copy's ("@"). Asked with the case in hand, so a prefix settles it: a "#" in the
 * case's fixture value is part of `caseId` itself.
 */
export function exchangeOfCase(exchangeId: string, caseId: string): boolean {
  return exchangeId === caseId || exchangeId.startsWith(`${caseId}#`) || exchangeId.startsWith(`${caseId}@`);
}
