/**
 * A message over a line's bound, cut in its Received part first, so the line still says what was
 * due: "Received: 400 (refused instead of not found: for another project's sender, a 400 tells …"
 * cut at the end lost "Expected: 404", the half a reviewer needs. Every renderer that cuts a
 * violation's message or a fault's shape to a line cuts it so (summary.md, the console, the HTML).
 */
import { oneLine, truncate } from '../text/plain-text';

/** Where a violation's message turns from what was received to what was due (model/violation.ts); its last one is the suite's own. */
export const EXPECTED = ' / Expected: ';

/** What the Received part keeps at the least when a line is cut for the Expected part. */
const RECEIVED_MIN_CHARS = 40;

/**
 * `message` as it is when it fits in `max`; else on one line, its Received part cut to make room
 * for the Expected part. The last " / Expected: " is the suite's own (the target's text, quoted in
 * the Received part, may hold those words too). A message without one is left for the caller's cut.
 */
export function expectedKept(message: string, max: number): string {
  const flat = oneLine(message);
  if (flat.length <= max) return message;
  const split = flat.lastIndexOf(EXPECTED);
  if (split < 0) return message;
  const received = flat.slice(0, split);
  const expected = flat.slice(split);
  const room = Math.max(RECEIVED_MIN_CHARS, max - expected.length);
  return received.length <= room ? message : `${truncate(received, room)}${expected}`;
}
