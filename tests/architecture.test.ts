/**
 * The layers of ARCHITECTURE.md, enforced: every folder of src/ is in its table, and every import
 * of every file points to a folder its row allows. The table is the one source of truth.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const root = resolve(__dirname, '..');
const src = join(root, 'src');

/** folder → folders it may import, from the "The layers" table. */
function allowedImports(): Map<string, Set<string>> {
  const text = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');
  const section = text.slice(text.indexOf('## The layers'));
  const rows = [...section.matchAll(/^\| `([a-z-]+)` \| [^|]+ \| ([^|]+) \|$/gm)];
  const folders = rows.map((row) => row[1] ?? '');
  const table = new Map<string, Set<string>>();
  for (const [, folder = '', cell = ''] of rows) {
    const text = cell.trim();
    let allowed: string[];
    const except = /^every folder(?: above)? except (.+)$/.exec(text);
    if (except) {
      const excluded = [...(except[1] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
      const above = text.includes('above') ? folders.slice(0, folders.indexOf(folder)) : folders;
      allowed = above.filter((f) => f !== folder && !excluded.includes(f));
    } else {
      allowed = text === '—' ? [] : text.split(',').map((s) => s.trim());
    }
    table.set(folder, new Set(allowed));
  }
  return table;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The src/ folder a relative import from `file` lands in, its index ('../model') included; '' for src/package-root.ts. */
function targetFolder(file: string, specifier: string): string {
  const first = relative(src, resolve(file, '..', specifier)).split(sep)[0] ?? '';
  return table.has(first) ? first : '';
}

const table = allowedImports();

test('ARCHITECTURE.md names every folder of src/, and every folder it names exists', () => {
  const folders = readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory()).sort();
  expect([...table.keys()].sort()).toEqual(folders);
  for (const allowed of table.values()) for (const folder of allowed) expect(folders).toContain(folder);
});

/** The imports of one file (its path and text) that its folder's row does not allow. */
function breachesOf(file: string, text: string): string[] {
  const own = relative(src, file).split(sep)[0] ?? '';
  if (!table.has(own)) return []; // src/package-root.ts
  const breaches: string[] = [];
  for (const match of text.matchAll(/(?:from |require\(|import\()'(\.{1,2}\/[^']+)'/g)) {
    const folder = targetFolder(file, match[1] ?? '');
    if (folder === '' || folder === own) continue;
    if (!table.get(own)?.has(folder)) breaches.push(`${relative(root, file)} imports ${match[1]} (${own} may not import ${folder})`);
  }
  return breaches;
}

test('every import of src/ follows the layers', () => {
  expect(tsFiles(src).flatMap((file) => breachesOf(file, readFileSync(file, 'utf8')))).toEqual([]);
});

test('the rule has teeth: an upward import, static or lazy, is a breach; a downward one is not', () => {
  // transport once imported the runner's plan; the table forbids it.
  const transport = join(src, 'transport', 'create-transport.ts');
  expect(breachesOf(transport, "import type { RunPlan } from '../runner/run-plan';")).toEqual(['src/transport/create-transport.ts imports ../runner/run-plan (transport may not import runner)']);
  expect(breachesOf(join(src, 'checks', 'x.ts'), "const t = require('../transport/http-transport');")).toHaveLength(1);
  // A folder's index counts as the folder.
  expect(breachesOf(join(src, 'checks', 'x.ts'), "import { runConformance } from '../runner';")).toHaveLength(1);
  expect(breachesOf(transport, "import type { Exchange } from '../model';\nimport { x } from './retry-on-429';")).toEqual([]);
});
