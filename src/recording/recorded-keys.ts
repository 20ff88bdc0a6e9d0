/**
 * The words shaped like a Zavu key that recordings hold. A record run scrubs its own keys by value
 * before a byte reaches the disk, so a key left in a recording came from elsewhere: a hand edit,
 * another tool's or an older suite's file, a target echoing a key that was not the run's. A replay
 * has no key of its own to scrub by value (it sends none, and the machine replaying may set none),
 * so it scrubs these from every line and report, as a live run scrubs its own.
 */
import { RecordingError } from '../model/errors';
import { keyShapedWords } from '../model/http';
import type { LoadedRecording } from './read-recordings';

/**
 * A Zavu key is 40 characters. A longer word is scrubbed by its head: whatever key it starts with
 * goes with it, and the patterns of each key's forms (secret-forms.ts) stay of a key's size, where a
 * 10 MiB word would have made one of hundreds of millions of characters.
 */
const MAX_KEY_CHARS = 64;

/**
 * How many distinct words a replay scrubs by value. Each is a set of patterns that every string of
 * every result is searched with (~7 ms to build, ~0.05 ms a string each): 300 cost a replay seconds,
 * 10,000 minutes and gigabytes. No recording a run wrote holds one, so more than a few is a file not
 * to replay; scrubbing only some would let the rest through, so it is refused.
 */
export const MAX_RECORDED_KEYS = 100;

/**
 * Every key-shaped word in any string of `recordings` (answers, errors, the target, the log's fields), each once.
 * @throws RecordingError naming the file in which more than MAX_RECORDED_KEYS were found (never a key).
 */
export function recordedKeys(recordings: readonly LoadedRecording[]): string[] {
  const found = new Set<string>();
  for (const recording of recordings) {
    collect(recording, found);
    if (found.size > MAX_RECORDED_KEYS) {
      throw new RecordingError(`${recording.file}: holds more than ${MAX_RECORDED_KEYS} distinct words shaped like a Zavu key (zv_test_…, zv_live_…) with the recordings read before it; a record run writes none, so a replay does not scrub so many: remove them, or record again`, { path: recording.file });
    }
  }
  return [...found];
}

/** Adds the key-shaped words of `recording` to `found`, stopping once there are more than can be scrubbed. */
function collect(recording: LoadedRecording, found: Set<string>): void {
  // A stack, not recursion: what a recording was read into is shallow, but nothing here needs to rely on it.
  const pending: unknown[] = [recording];
  while (pending.length > 0 && found.size <= MAX_RECORDED_KEYS) {
    const value = pending.pop();
    if (typeof value === 'string') {
      // Most strings hold no key: the cheap test first keeps a 16 MiB body from a regex scan of its own.
      if (value.includes('zv_')) for (const word of keyShapedWords(value)) found.add(word.slice(0, MAX_KEY_CHARS));
    } else if (typeof value === 'object' && value !== null) {
      // One by one: spread, an array of 100,000 entries would pass as many arguments and overflow the stack.
      for (const [name, inner] of Object.entries(value)) {
        if (!Array.isArray(value)) pending.push(name);
        pending.push(inner);
      }
    }
  }
}
