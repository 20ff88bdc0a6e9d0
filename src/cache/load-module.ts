/**
 * Loads cached CommonJS source (ajv standalone validators) as a module, without touching require's
 * cache of real files. Its require()s resolve from the package's node_modules. Anything that does
 * not load (a damaged entry) is undefined, so callers compile instead.
 */
type ModuleCtor = { new (id: string): { paths: string[]; _compile(code: string, file: string): void; exports: unknown }; _nodeModulePaths(dir: string): string[] };

/** The module's exported function (or its `default`), or undefined when it does not load. */
export function loadCachedFunction<T extends (...args: never[]) => unknown>(source: string, filename: string): T | undefined {
  try {
    const Module = require('node:module') as ModuleCtor;
    const mod = new Module(filename);
    mod.paths = Module._nodeModulePaths(__dirname);
    mod._compile(source, filename);
    const exported = mod.exports as { default?: unknown } | undefined;
    const candidate = typeof exported === 'function' ? exported : exported?.default;
    return typeof candidate === 'function' ? (candidate as T) : undefined;
  } catch {
    return undefined;
  }
}
