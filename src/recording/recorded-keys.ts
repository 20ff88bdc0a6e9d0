/**
 * The words shaped like a Zavu key that recordings hold. A record run scrubs its own keys by value
 * before a byte reaches the disk, so a key left in a recording came from elsewhere: a hand edit,
 * another tool's or an older suite's file, a target echoing a key that was not the run's. A replay
 * has no key of its own to scrub by value (it sends none, and the machine replaying may set none),
 * so it scrubs these from every line and report, as a live run scrubs its own.
 */
import { keyShapedWords } from '../model/http';
import type { LoadedRecording } from './read-recordings';

/** Every key-shaped word in any string of `recordings` (answers, errors, the target, the log's fields), each once. */
export function recordedKeys(recordings: readonly LoadedRecording[]): string[] {
  const found = new Set<string>();
  // A stack, not recursion: what a recording was read into is shallow, but nothing here needs to rely on it.
  const pending: unknown[] = [...recordings];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      // Most strings hold no key: the cheap test first keeps a 16 MiB body from a regex scan of its own.
      if (value.includes('zv_')) for (const word of keyShapedWords(value)) found.add(word);
    } else if (typeof value === 'object' && value !== null) {
      // One by one: spread, an array of 100,000 entries would pass as many arguments and overflow the stack.
      for (const [name, inner] of Object.entries(value)) {
        if (!Array.isArray(value)) pending.push(name);
        pending.push(inner);
      }
    }
  }
  return [...found];
}
