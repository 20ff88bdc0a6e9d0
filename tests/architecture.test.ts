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

/** The src/ folder a relative import from `file` lands in ('' for src/ itself). */
function targetFolder(file: string, specifier: string): string {
  const target = relative(src, resolve(file, '..', specifier));
  return target.includes(sep) ? (target.split(sep)[0] ?? '') : '';
}

const table = allowedImports();

test('ARCHITECTURE.md names every folder of src/, and every folder it names exists', () => {
  const folders = readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory()).sort();
  expect([...table.keys()].sort()).toEqual(folders);
  for (const allowed of table.values()) for (const folder of allowed) expect(folders).toContain(folder);
});

test('every import of src/ follows the layers', () => {
  const breaches: string[] = [];
  for (const file of tsFiles(src)) {
    const own = relative(src, file).split(sep)[0] ?? '';
    if (!table.has(own)) continue; // src/package-root.ts
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from |require\(|import\()'(\.{1,2}\/[^']+)'/g)) {
      const folder = targetFolder(file, match[1] ?? '');
      if (folder === '' || folder === own) continue;
      if (!table.get(own)?.has(folder)) breaches.push(`${relative(root, file)} imports ${match[1]} (${own} may not import ${folder})`);
    }
  }
  expect(breaches).toEqual([]);
});

test('the rule has teeth: an upward import is a breach', () => {
  // transport once imported the runner's plan; the table forbids it.
  expect(table.get('transport')?.has('runner')).toBe(false);
  expect(table.get('checks')?.has('transport')).toBe(false);
});
