/**
 * package.json's allowScripts: npm 11 lists every dependency whose install script it has no decision
 * for after each install, and npm 12 skips such scripts by default. Each dependency of the lock with
 * an install script is decided here, and denied: the three the lock holds today only fetch or build a
 * fallback for a prebuilt binary that comes as an optional package anyway (and nothing but the npm
 * registry may be reached at install). A new dependency with an install script fails this test until
 * someone decides.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/run-cli';

interface LockEntry { hasInstallScript?: boolean }

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

/** The names of the locked packages that carry an install script ("node_modules/a/node_modules/@s/b" → "@s/b"). */
function withInstallScripts(): string[] {
  const names = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript === true)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
  return [...new Set(names)].sort();
}

test('every locked dependency with an install script is decided in allowScripts, and denied', () => {
  const decided = manifest.allowScripts ?? {};
  const scripted = withInstallScripts();
  expect(scripted.length).toBeGreaterThan(0);
  for (const name of scripted) expect({ name, allowed: decided[name] }).toEqual({ name, allowed: false });
});

test('allowScripts names no package the lock no longer holds with an install script', () => {
  expect(Object.keys(manifest.allowScripts ?? {}).sort()).toEqual(withInstallScripts());
});
