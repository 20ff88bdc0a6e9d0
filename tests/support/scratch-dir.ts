/**
 * Scratch directories for tests: each is a fresh mkdtemp folder under the OS temp dir, and every
 * one a test file made is removed after that file's tests (Jest loads support modules once per
 * test file, so the afterAll below is registered once per file that imports this, directly or not).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const made: string[] = [];

/** A fresh empty directory, removed after the current test file. */
export function scratchDir(prefix = 'zvc-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh scratch directory holding `files` (path relative to it → contents); returns the directory. */
export function scratchTree(files: Record<string, string>, prefix = 'zvc-'): string {
  const root = scratchDir(prefix);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Every file under `dir`, recursively (for leak checks over everything a run wrote). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Removes every scratch directory made so far. */
export function removeScratchDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

// Outside Jest (no afterAll) the caller owns the folders; inside, they never outlive the file.
if (typeof afterAll === 'function') afterAll(removeScratchDirs);

/** Fails naming every file under `dir` whose text holds `secret`: what no report, recording or cache may carry. */
export function expectNoFileHolds(dir: string, secret: string): void {
  const holding = filesUnder(dir).filter((file) => readFileSync(file, 'utf8').includes(secret));
  expect(holding).toEqual([]);
}
