/** The suite hands results and recorded entries to the CLI as JSON Lines; this reads them back. */
import { existsSync, readFileSync } from 'node:fs';

/** Every non-blank line parsed; a file that was never written (no case ran) is an empty list. */
export function readJsonLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
