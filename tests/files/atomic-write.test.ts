import { promises as fs, readdirSync, renameSync as realRenameSync, writeFileSync as realWriteFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { atomicWriteFile, atomicWriteFileSync, removeOrphanedTemps, WriteAbortedError, type AtomicWriteFs, type AtomicWriteFsSync } from '../../src/files/atomic-write';
import { fileSystemProblem } from '../../src/files/make-dirs';
import { requireBuilt, runInChild } from '../support/in-child';

/** What Node throws when a write to a file descriptor finds the disk full: a code, and no path. */
const diskFull = (): Error => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

let dir: string;
let target: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atomic-write-'));
  target = path.join(dir, 'conformance.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const realIo: AtomicWriteFs = { open: fs.open, rename: fs.rename, rm: fs.rm };

describe('atomicWriteFile', () => {
  it('creates the file, then replaces it, leaving no temp file', async () => {
    await atomicWriteFile(target, 'first');
    await atomicWriteFile(target, 'second');
    expect(await readFile(target, 'utf8')).toBe('second');
    expect(await readdir(dir)).toEqual(['conformance.json']);
  });

  it('keeps the previous file intact and removes the temp file when the rename fails', async () => {
    await writeFile(target, 'previous report');
    const io: AtomicWriteFs = { ...realIo, rename: () => Promise.reject(new Error('EXDEV: simulated rename failure')) };
    await expect(atomicWriteFile(target, 'new report', io)).rejects.toThrow('simulated rename failure');
    expect(await readFile(target, 'utf8')).toBe('previous report');
    expect(await readdir(dir)).toEqual(['conformance.json']);
  });

  it('keeps the previous file intact and removes the half-written temp file when writing fails midway', async () => {
    await writeFile(target, 'previous report');
    const io: AtomicWriteFs = {
      ...realIo,
      open: async (...args: Parameters<typeof fs.open>) => {
        const handle = await fs.open(...args);
        // Writes half, then fails like a full disk would.
        handle.writeFile = async (data) => {
          await fs.appendFile(args[0], String(data).slice(0, 3));
          throw new Error('ENOSPC: simulated full disk');
        };
        return handle;
      },
    };
    await expect(atomicWriteFile(target, 'new report', io)).rejects.toThrow('simulated full disk');
    expect(await readFile(target, 'utf8')).toBe('previous report');
    expect(await readdir(dir)).toEqual(['conformance.json']);
  });

  it('a full disk names the file it refused: the line that reports it says which (a write on a descriptor names none)', async () => {
    const io: AtomicWriteFs = {
      ...realIo,
      open: async (...args: Parameters<typeof fs.open>) => {
        const handle = await fs.open(...args);
        handle.writeFile = async () => {
          throw diskFull();
        };
        return handle;
      },
    };
    const error: unknown = await atomicWriteFile(target, 'new report', io).catch((e: unknown) => e);
    expect(fileSystemProblem(error)).toBe(`${target}: no space left on the device (ENOSPC)`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('an error that names its own file keeps it', async () => {
    const renameError = Object.assign(new Error('EACCES: permission denied, rename'), { code: 'EACCES', path: '/somewhere/.tmp', dest: '/somewhere/else' });
    const io: AtomicWriteFs = { ...realIo, rename: () => Promise.reject(renameError) };
    const error: unknown = await atomicWriteFile(target, 'x', io).catch((e: unknown) => e);
    expect(error).toBe(renameError);
    expect(fileSystemProblem(error)).toBe('/somewhere/else: permission denied (EACCES)');
  });

  it('leaves no file at all when the first write of a new file fails', async () => {
    const io: AtomicWriteFs = { ...realIo, rename: () => Promise.reject(new Error('simulated')) };
    await expect(atomicWriteFile(target, 'x', io)).rejects.toThrow('simulated');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('atomicWriteFileSync', () => {
  const realSync: AtomicWriteFsSync = { writeFileSync: (fd, data) => realWriteFileSync(fd, data), renameSync: realRenameSync };

  it('creates the file, then replaces it, leaving no temp file', async () => {
    atomicWriteFileSync(target, 'first');
    atomicWriteFileSync(target, 'second');
    expect(await readFile(target, 'utf8')).toBe('second');
    expect(await readdir(dir)).toEqual(['conformance.json']);
  });

  it('keeps the previous file intact and removes the temp file when the rename fails', async () => {
    await writeFile(target, 'previous');
    const io: AtomicWriteFsSync = { ...realSync, renameSync: () => { throw new Error('EXDEV: simulated rename failure'); } };
    expect(() => atomicWriteFileSync(target, 'new', io)).toThrow('simulated rename failure');
    expect(await readFile(target, 'utf8')).toBe('previous');
    expect(await readdir(dir)).toEqual(['conformance.json']);
  });

  it('keeps the previous file intact and removes the half-written temp file when writing fails midway', async () => {
    await writeFile(target, 'previous');
    const io: AtomicWriteFsSync = {
      ...realSync,
      writeFileSync: (fd, data) => {
        realWriteFileSync(fd, String(data).slice(0, 2));
        throw new Error('ENOSPC: simulated full disk');
      },
    };
    expect(() => atomicWriteFileSync(target, 'new content', io)).toThrow('simulated full disk');
    expect(await readFile(target, 'utf8')).toBe('previous');
    expect(await readdir(dir)).toEqual(['conformance.json']);
  });

  it('a full disk names the file it refused', () => {
    const io: AtomicWriteFsSync = {
      ...realSync,
      writeFileSync: () => {
        throw diskFull();
      },
    };
    let error: unknown;
    try {
      atomicWriteFileSync(target, 'new content', io);
    } catch (e) {
      error = e;
    }
    expect(fileSystemProblem(error)).toBe(`${target}: no space left on the device (ENOSPC)`);
  });
});

describe('removeOrphanedTemps', () => {
  it("removes the temp files a killed writer left of the named files, and no running writer's, nor anything else", async () => {
    // A process id no process has: beyond the kernel's default pid_max.
    const gone = '4194399';
    const names = [`.conformance.json.${gone}.a1b2c3d4e5f6.tmp`, `.summary.md.${gone}.0123456789ab.tmp`, `.conformance.json.${process.pid}.a1b2c3d4e5f6.tmp`, `.notes.txt.${gone}.a1b2c3d4e5f6.tmp`, 'conformance.json'];
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const name of names) {
      await writeFile(path.join(dir, name), 'x');
      await utimes(path.join(dir, name), hourAgo, hourAgo);
    }
    // A dead pid's file written just now may be a writer in another pid namespace: it stays.
    const fresh = `.summary.md.${gone}.fedcba987654.tmp`;
    await writeFile(path.join(dir, fresh), 'x');
    removeOrphanedTemps(dir, ['conformance.json', 'summary.md']);
    expect((await readdir(dir)).sort()).toEqual([`.conformance.json.${process.pid}.a1b2c3d4e5f6.tmp`, `.notes.txt.${gone}.a1b2c3d4e5f6.tmp`, fresh, 'conformance.json']);
  });

  it("keeps a dead pid's file written just now under a caller's faked Date (2099, a run from code under fake timers): its age is real time's", async () => {
    const fresh = '.summary.md.4194399.fedcba987654.tmp';
    await writeFile(path.join(dir, fresh), 'x');
    jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'], now: Date.UTC(2099, 0, 1) });
    try {
      removeOrphanedTemps(dir, ['summary.md']);
    } finally {
      jest.useRealTimers();
    }
    expect(await readdir(dir)).toEqual([fresh]);
  });

  it('does nothing for a folder that is not there', () => {
    expect(() => removeOrphanedTemps(path.join(dir, 'missing'), ['conformance.json'])).not.toThrow();
  });
});

describe("atomicWriteFile's signal: a run from code aborted by its caller", () => {
  it('an abort while the temp file is open removes it, renames nothing, and rejects (the process goes on: later writes still work)', async () => {
    await writeFile(target, 'previous report');
    const controller = new AbortController();
    // The abort comes once the temp file is there, before anything is written to it.
    const io: AtomicWriteFs = {
      ...realIo,
      open: async (...args: Parameters<typeof fs.open>) => {
        const handle = await fs.open(...args);
        controller.abort();
        return handle;
      },
    };
    const renamed: string[] = [];
    const watched: AtomicWriteFs = { ...io, rename: (from, to) => (renamed.push(String(to)), fs.rename(from, to)) };
    await expect(atomicWriteFile(target, 'new report', watched, controller.signal)).rejects.toMatchObject({ name: 'WriteAbortedError', target, renamed: false });
    expect(renamed).toEqual([]);
    expect(await readFile(target, 'utf8')).toBe('previous report');
    expect(await readdir(dir)).toEqual(['conformance.json']);
    // Already aborted: nothing is opened.
    await expect(atomicWriteFile(target, 'new report', realIo, controller.signal)).rejects.toBeInstanceOf(WriteAbortedError);
    expect(await readdir(dir)).toEqual(['conformance.json']);
    await atomicWriteFile(target, 'next run');
    expect(await readFile(target, 'utf8')).toBe('next run');
  });

  it('an abort during the rename rejects saying the target was replaced, so the caller takes it back; no temp file', async () => {
    const controller = new AbortController();
    const io: AtomicWriteFs = {
      ...realIo,
      rename: async (from, to) => {
        await fs.rename(from, to);
        controller.abort();
      },
    };
    await expect(atomicWriteFile(target, 'new report', io, controller.signal)).rejects.toMatchObject({ name: 'WriteAbortedError', renamed: true });
    expect(await readdir(dir)).toEqual(['conformance.json']);
  });
});

describe('stopWrites', () => {
  /** A fresh copy of the module: stopWrites stops every write of the module it is called on, for good. */
  const fresh = (): typeof import('../../src/files/atomic-write') => {
    let loaded: typeof import('../../src/files/atomic-write') | undefined;
    jest.isolateModules(() => {
      loaded = require('../../src/files/atomic-write') as typeof import('../../src/files/atomic-write');
    });
    if (loaded === undefined) throw new Error('atomic-write did not load');
    return loaded;
  };
  /** A few turns of the event loop: what a settled write would have done by then, it has. */
  const turns = async (): Promise<void> => {
    for (let i = 0; i < 5; i += 1) await new Promise((resolveTurn) => setImmediate(resolveTurn));
  };
  /** Whether `promise` has settled (after a few turns). */
  const settled = async (promise: Promise<unknown>): Promise<boolean> => {
    let done = false;
    promise.then(
      () => (done = true),
      () => (done = true),
    );
    await turns();
    return done;
  };
  /** An open that waits for `gate` (its file created only then): a stop that comes while it is pending. */
  const gatedOpen = (gate: Promise<void>): AtomicWriteFs['open'] => async (...args: Parameters<typeof fs.open>) => {
    await gate;
    return fs.open(...args);
  };

  it('removes the temp file of a write under way, which then never renames it nor settles; the target keeps its content', async () => {
    const aw = fresh();
    await writeFile(target, 'previous report');
    let opened: () => void = () => undefined;
    const isOpen = new Promise<void>((resolveOpen) => (opened = resolveOpen));
    let resume: () => void = () => undefined;
    const held = new Promise<void>((resolveHeld) => (resume = resolveHeld));
    // The stop comes after the temp file is there, before anything is written to it.
    const io: AtomicWriteFs = {
      ...realIo,
      open: async (...args: Parameters<typeof fs.open>) => {
        const handle = await fs.open(...args);
        opened();
        await held;
        return handle;
      },
    };
    const write = aw.atomicWriteFile(target, 'new report', io);
    await isOpen;
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
    aw.stopWrites();
    expect(await readdir(dir)).toEqual(['conformance.json']);
    resume();
    await aw.writesSettled(60_000);
    expect(await settled(write)).toBe(false);
    expect(await readFile(target, 'utf8')).toBe('previous report');
    expect(await readdir(dir)).toEqual(['conformance.json']);
  });

  it('a write whose open was pending at the stop removes the file the open then creates; writesSettled waits for that', async () => {
    const aw = fresh();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolveGate) => (release = resolveGate));
    const write = aw.atomicWriteFile(target, 'new report', { ...realIo, open: gatedOpen(gate) });
    aw.stopWrites();
    let done = false;
    const waited = aw.writesSettled(60_000).then(() => (done = true));
    await turns();
    expect(done).toBe(false);
    release();
    await waited;
    expect(await readdir(dir)).toEqual([]);
    expect(await settled(write)).toBe(false);
  });

  it('a write whose rename was under way at the stop does not settle: what awaited it (the next report, the verdict) does not follow', async () => {
    const aw = fresh();
    const io: AtomicWriteFs = {
      ...realIo,
      rename: async (from, to) => {
        await fs.rename(from, to);
        // The stop comes once the rename is done, before the write hears of it.
        aw.stopWrites();
      },
    };
    const write = aw.atomicWriteFile(target, 'new report', io);
    await aw.writesSettled(60_000);
    expect(await settled(write)).toBe(false);
    expect(await readdir(dir)).toEqual(['conformance.json']);
  });

  it('a write started after the stop opens nothing (an open in flight at the exit could leave its file) and never settles; a synchronous write (NOT RUN) still does', async () => {
    const aw = fresh();
    aw.stopWrites();
    const opened: string[] = [];
    const write = aw.atomicWriteFile(target, 'new report', { ...realIo, open: (...args: Parameters<typeof fs.open>) => (opened.push(String(args[0])), fs.open(...args)) });
    expect(await settled(write)).toBe(false);
    expect(opened).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
    aw.atomicWriteFileSync(target, 'NOT RUN');
    expect(await readFile(target, 'utf8')).toBe('NOT RUN');
  });

  it('a write stopped while its open was pending writes nothing into the file the open then creates, and one stopped while writing does not flush: a stopping process does no more I/O than it must', async () => {
    const aw = fresh();
    /** What each write does to its file after its open, and a hook run once its data is written. */
    const traced = (gate: Promise<void>, calls: string[], afterWrite: () => void = () => undefined): AtomicWriteFs => ({
      ...realIo,
      open: async (...args: Parameters<typeof fs.open>) => {
        await gate;
        const handle = await fs.open(...args);
        const writeFile = handle.writeFile.bind(handle);
        const sync = handle.sync.bind(handle);
        handle.writeFile = async (data) => {
          calls.push('write');
          await writeFile(data);
          afterWrite();
        };
        handle.sync = async () => {
          calls.push('sync');
          await sync();
        };
        return handle;
      },
    });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolveGate) => (release = resolveGate));
    const pending: string[] = [];
    void aw.atomicWriteFile(target, 'new report', traced(gate, pending));
    aw.stopWrites();
    release();
    await aw.writesSettled(60_000);
    expect(pending).toEqual([]);

    const other = fresh();
    const writing: string[] = [];
    void other.atomicWriteFile(target, 'new report', traced(Promise.resolve(), writing, () => other.stopWrites()));
    await other.writesSettled(60_000);
    expect(writing).toEqual(['write']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a write whose rename fails because the stop removed its temp file (ENOENT) does not reject: the failure is the stop\'s, and what awaited the write does not follow', async () => {
    const aw = fresh();
    const io: AtomicWriteFs = {
      ...realIo,
      rename: async () => {
        // The stop comes while the rename is under way and takes the temp file first.
        aw.stopWrites();
        throw Object.assign(new Error('ENOENT: no such file or directory, rename'), { code: 'ENOENT' });
      },
    };
    const write = aw.atomicWriteFile(target, 'new report', io);
    await aw.writesSettled(60_000);
    expect(await settled(write)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('writesSettled leaves no timer behind once the writes have settled: a process that goes on is not held for the bound', async () => {
    const aw = fresh();
    const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolveGate) => (release = resolveGate));
    const write = aw.atomicWriteFile(target, 'x', { ...realIo, open: gatedOpen(gate) });
    const waited = aw.writesSettled(30_000);
    release();
    await write;
    await waited;
    expect(timers()).toBe(before);
  });

  it('a write that has settled leaves no exit listener behind: a process that writes many reports does not pile them up', async () => {
    const aw = fresh();
    const before = process.listenerCount('exit');
    await aw.atomicWriteFile(target, 'first');
    await Promise.all([aw.atomicWriteFile(target, 'second'), aw.atomicWriteFile(path.join(dir, 'summary.md'), 'third')]);
    expect(process.listenerCount('exit')).toBe(before);
  });

  it('writesSettled resolves at once with no write under way, and after its bound when one hangs', async () => {
    const aw = fresh();
    await aw.writesSettled(60_000);
    void aw.atomicWriteFile(target, 'x', { ...realIo, open: gatedOpen(new Promise<void>(() => undefined)) });
    await aw.writesSettled(0);
  });

  it('a process that exits while a write is under way (past writesSettled\'s bound) takes its temp file with it', () => {
    // The open has created the file and hangs; the process exits meanwhile.
    const script = `const { promises: fsp } = require('node:fs');
const aw = ${requireBuilt('files/atomic-write.js')};
const io = { open: async (...args) => { await fsp.open(...args); return new Promise(() => undefined); }, rename: fsp.rename, rm: fsp.rm };
void aw.atomicWriteFile(${JSON.stringify(target)}, 'x', io);
const wait = setInterval(() => { require('node:fs').readdirSync(${JSON.stringify(dir)}).length > 0 && (clearInterval(wait), process.exit(0)); }, 5);`;
    const child = runInChild(script);
    expect(child.status).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});
