/**
 * A folder to read the user named (the recordings, the operations, the fixtures, a merge's shard)
 * that the file system refused, said as it refused it: "not found" only for a path that is not
 * there, so a permission gone (EACCES) or a file where a folder is expected (ENOTDIR) sends no one
 * looking for a folder that exists, or for one that is there and only out of reach. A folder to
 * write is make-dirs.ts folderRefusal's.
 */
export function unreadFolderReason(error: unknown, notFound: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return notFound;
  if (code === 'ENOTDIR') return `${notFound}: a part of its path is a file, not a folder (ENOTDIR)`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot be read: permission denied (${code})`;
  return `cannot be read (${code ?? 'no system error code'})`;
}

/** The refusal as a caller's error carries it: the reason in words (its own line around it) and the file system's code, when the error has one. */
export interface UnreadFolder {
  reason: string;
  code?: string;
}

export function unreadFolder(error: unknown, notFound: string): UnreadFolder {
  const code = (error as NodeJS.ErrnoException).code;
  return { reason: unreadFolderReason(error, notFound), ...(code === undefined ? {} : { code }) };
}
