/**
 * Jest's globalSetup for the project's own tests: refuses a dist/ older than src/. The end-to-end
 * tests run the built CLI and `requireBuilt` snippets load dist/, so `npx jest` after an edit to
 * src/ without `npm run build` would test the code before the edit and pass or fail for the wrong
 * reason. `npm test` builds first, so this only speaks when a developer skipped the build.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { shownAndRest } from '../../src/text/shown-and-rest';

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

/** The one line a stale build is refused with, or undefined when `root`'s dist/ is fresh. */
export function staleBuildLine(root: string): string | undefined {
  const stale = staleBuiltFiles(join(root, 'src'), join(root, 'dist'));
  if (stale.length === 0) return undefined;
  const { shown, rest } = shownAndRest(stale.map((file) => `src/${file}`), 1);
  const named = `${shown.join(' and ')}${rest > 0 ? ` (and ${rest} more)` : ''}`;
  return `dist/ is older than ${named}: run \`npm run build\` first (\`npm test\` does)`;
}

/**
 * Writes the line and exits rather than throwing: Jest prints a thrown globalSetup error with its
 * own prefix and a stack trace, which buries the one thing to do (build) under frames of Jest.
 * The root is Jest's rootDir, the folder jest.config.ts sits in.
 */
export default function requireFreshBuild(globalConfig: { rootDir: string }): void {
  const line = staleBuildLine(globalConfig.rootDir);
  if (line === undefined) return;
  process.stderr.write(`${line}\n`);
  process.exit(1);
}
