/**
 * The process title that hides a key given on the command line (cli-support hideKeysFromProcessList).
 * The title overwrites the memory of argv itself, and Linux cuts it to that length: so no word of it
 * grows, or the command's tail is lost (`--host 127.0` shown for 127.0.0.1); and a short key (a
 * mock's "k" or "sync") is hidden where it stands as a value, never as letters inside other words,
 * which it would garble (`--api-[REDA`, `moc[REDACTED]`).
 */
const MARKER = '[REDACTED]';

/** What replaces `value`: the marker, or '*' where the marker would be longer than what it hides. */
function marker(value: string): string {
  return value.length >= MARKER.length ? MARKER : '*';
}

/**
 * `words` (the command line as started: node, its flags, the script, the arguments) joined by spaces,
 * every key of `keys` hidden: the value of each --api-key, any word that is a key, and a key as long as
 * the marker or longer inside any word (a key-shaped word in a URL). Never longer than the words joined.
 */
export function redactedCommandLine(words: readonly string[], keys: readonly string[]): string {
  const given = keys.filter((key) => key !== '');
  const long = given.filter((key) => key.length >= MARKER.length);
  return words
    .map((word, i) => {
      if (i > 0 && words[i - 1] === '--api-key' && word !== '') return marker(word);
      if (word.startsWith('--api-key=') && word.length > '--api-key='.length) return `--api-key=${marker(word.slice('--api-key='.length))}`;
      if (given.includes(word)) return marker(word);
      return long.reduce((text, key) => text.split(key).join(MARKER), word);
    })
    .join(' ');
}
