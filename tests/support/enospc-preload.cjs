/**
 * A full disk without a file system of its own (mounting a small tmpfs needs root, and a mount a
 * killed test leaves behind outlives it): preloaded into a CLI child with NODE_OPTIONS=--require,
 * it makes every write to a file whose path matches ZVC_TEST_ENOSPC fail as Node's own write does
 * on a full disk (ENOSPC, errno -28, syscall write). Both ways the suite writes: a FileHandle's
 * write (atomic writes of reports, recordings) and writeSync on a descriptor (the history append).
 */
'use strict';
const fs = require('node:fs');

const pattern = new RegExp(process.env.ZVC_TEST_ENOSPC ?? '(?!)');

function enospc() {
  const error = new Error('ENOSPC: no space left on device, write');
  Object.assign(error, { code: 'ENOSPC', errno: -28, syscall: 'write' });
  return error;
}

const open = fs.promises.open;
fs.promises.open = async function openFull(file, ...rest) {
  const handle = await open.call(this, file, ...rest);
  if (!pattern.test(String(file))) return handle;
  return new Proxy(handle, {
    get(target, key) {
      if (key === 'writeFile' || key === 'write' || key === 'appendFile') return async () => { throw enospc(); };
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};

const full = new Set();
const openSync = fs.openSync;
fs.openSync = function openSyncFull(file, ...rest) {
  const fd = openSync.call(this, file, ...rest);
  if (pattern.test(String(file))) full.add(fd);
  else full.delete(fd);
  return fd;
};
const writeSync = fs.writeSync;
fs.writeSync = function writeSyncFull(fd, ...rest) {
  if (full.has(fd)) throw enospc();
  return writeSync.call(this, fd, ...rest);
};
const writeFileSync = fs.writeFileSync;
fs.writeFileSync = function writeFileSyncFull(file, ...rest) {
  if (full.has(file) || (typeof file !== 'number' && pattern.test(String(file)))) throw enospc();
  return writeFileSync.call(this, file, ...rest);
};
