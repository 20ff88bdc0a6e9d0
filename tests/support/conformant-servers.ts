/**
 * The catalogue of unusual but conformant servers: the reference server with one choice the
 * contract allows and the reference itself does not make. The suite must pass each of them
 * (exit 0, nothing failed): a false alarm here is the suite's bug, not the target's.
 */
import type { ResponseFault } from '../../src/reference-server';
import { editJsonBody, type JsonObject } from './fault-builders';

export interface ConformantServer {
  /** Stable kebab-case name, used in test titles. */
  name: string;
  /** The unusual choice, in words, and why the contract allows it. */
  description: string;
  /** Extra CLI flags of the run (e.g. --allow-writes). */
  args?: string[];
  fault: ResponseFault;
}

/** The same instant as an RFC 3339 "…Z" date-time, spelled with a +05:30 offset and milliseconds. */
export function respelledInstant(text: string): string {
  const shifted = new Date(Date.parse(text) + 330 * 60_000).toISOString();
  return `${shifted.slice(0, 23)}+05:30`;
}

export const CONFORMANT_SERVERS: readonly ConformantServer[] = [
  {
    name: 'start-202-spells-requested-at-otherwise',
    description: "a start's 202 spells requestedAt with an offset and milliseconds, the read after it in UTC: the same instant (RFC 3339 date-time), so the read agrees",
    args: ['--allow-writes'],
    fault: editJsonBody(
      (context) => context.planned.status === 202,
      (body) => {
        for (const part of ['history', 'contacts']) {
          const state = (body['sync'] as JsonObject)[part] as JsonObject;
          if (typeof state['requestedAt'] === 'string' && state['status'] === 'pending') state['requestedAt'] = respelledInstant(state['requestedAt']);
        }
      },
    ),
  },
];
