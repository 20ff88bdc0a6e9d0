/**
 * Jest's globalSetup for the project's own tests: refuses a dist/ older than src/. The end-to-end
 * tests run the built CLI and `requireBuilt` snippets load dist/, so `npx jest` after an edit to
 * src/ without `npm run build` would test the code before the edit and pass or fail for the wrong
 * reason. `npm test` builds first, so this only speaks when a developer skipped the build.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Source files (relative to `srcDir`) whose built .js in `distDir` is missing or older than they are. */
export function staleBuiltFiles(srcDir: string, distDir: string): string[] {
  const stale: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const rel = relative(srcDir, path);
        const built = statSync(join(distDir, rel.replace(/\.ts$/, '.js')), { throwIfNoEntry: false });
        if (built === undefined || built.mtimeMs < statSync(path).mtimeMs) stale.push(rel);
      }
    }
  };
  walk(srcDir);
  return stale.sort();
}

export default function requireFreshBuild(): void {
  const root = join(__dirname, '..', '..');
  const stale = staleBuiltFiles(join(root, 'src'), join(root, 'dist'));
  if (stale.length > 0) {
    const more = stale.length > 1 ? ` (and ${String(stale.length - 1)} more)` : '';
    throw new Error(`dist/ is older than src/${stale[0] ?? ''}${more}: run \`npm run build\` first (\`npm test\` does)`);
  }
}
