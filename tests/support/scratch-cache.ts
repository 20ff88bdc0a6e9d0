/**
 * A fresh content-cache folder (ZAVU_CACHE_DIR) for each test of the file that calls this, the
 * variable restored after the file. The cache reads the variable at each use, so nothing else is
 * needed; returns the current test's folder.
 */
import { scratchDir } from './scratch-dir';

export function scratchCacheDirs(prefix: string): () => string {
  let dir = '';
  const previous = process.env['ZAVU_CACHE_DIR'];
  beforeEach(() => {
    dir = scratchDir(prefix);
    process.env['ZAVU_CACHE_DIR'] = dir;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env['ZAVU_CACHE_DIR'];
    else process.env['ZAVU_CACHE_DIR'] = previous;
  });
  return () => dir;
}
