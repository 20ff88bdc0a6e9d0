/**
 * The WhatsApp sync model the predictions read: each part's lifecycle in the contract's order, and
 * which states may still move on by themselves (a live sandbox keeps syncing between two requests).
 */
import { isRecord } from '../openapi/is-record';

/** Lifecycle of each part, in order; the two terminal states of history are both "after syncing". */
export const LIFECYCLE: Readonly<Record<string, readonly string[]>> = {
  history: ['not_requested', 'pending', 'syncing', 'completed', 'rejected'],
  contacts: ['not_requested', 'pending', 'syncing', 'completed'],
};

export const SYNC_PARTS = Object.keys(LIFECYCLE);

/** A part's state: in flight ones may advance on their own, others stay as they are. */
export function reachableFrom(part: string, status: string): string[] {
  const order = LIFECYCLE[part] ?? [];
  if (status !== 'pending' && status !== 'syncing') return [status];
  const index = order.indexOf(status);
  return index === -1 ? [status] : order.slice(index);
}

/** The states a part may show right after a start that was accepted: pending, or later. */
export function afterStart(part: string): string[] {
  return (LIFECYCLE[part] ?? []).slice(1);
}

/** The `sync` object of a parsed 200/202 body, when it has one. */
export function syncOf(body: unknown): Record<string, unknown> | undefined {
  return isRecord(body) && isRecord(body['sync']) ? body['sync'] : undefined;
}

/** `sync[part]` fields, when present. */
export function partOf(sync: Record<string, unknown>, part: string): { status?: unknown; canSync?: unknown; requestedAt?: unknown; completedAt?: unknown } {
  const value = sync[part];
  return isRecord(value) ? value : {};
}
