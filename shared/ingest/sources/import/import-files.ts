/**
 * The import command's files: the input it reads (regular files only, bytes counted as they are
 * read) and the screening-list state it keeps between runs. Every failure is an `ImportFileError`
 * whose message is one line naming the path.
 */
import { randomUUID } from 'node:crypto';
import { constants, type FileHandle, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type ScreeningEntry, ScreeningStateSchema } from '../screening-list/screening-list.js';

/** A file the command cannot read or write; the message says which and why, on one line. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(
    message: string,
    /** The system's error code (`ENOENT`), when the system refused. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Bytes read at a time: the limit is checked between reads, so at most one chunk passes it. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a regular file as UTF-8, refusing anything else (a directory, a device such as /dev/zero,
 * a pipe) and any file that is, or turns out while read to be, larger than `maxBytes`.
 *
 * @example
 * const csv = await readInputText('consolidated.csv', 25 * 2 ** 20);
 */
export async function readInputText(path: string, maxBytes: number): Promise<string> {
  return (await readInputBytes(path, maxBytes)).toString('utf8');
}

/** `readInputText` without decoding: for sources that decide the encoding themselves (GBK pages). */
export async function readInputBytes(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await openRegularFile(path);
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new ImportFileError(overLimit(path, `${mib(size)} MiB is over`, maxBytes));
    // The size said may be wrong (a file still growing, /proc): what is read is what counts.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new ImportFileError(overLimit(path, 'read past', maxBytes));
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`${path}: ${fileProblem(error)}`, codeOf(error));
  } finally {
    await handle.close();
  }
}

/** `readInputText`, then JSON. */
export async function readInputJson(path: string, maxBytes: number): Promise<unknown> {
  const text = await readInputText(path, maxBytes);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(`${path}: not JSON (${oneLine(error)})`);
  }
}

/**
 * What the previous screening-list import saw, or undefined when there is no state file yet (the
 * first import). Only a missing file means that: a state that cannot be read stops the command,
 * since taking it for a first import would swallow every change since the last run.
 */
export async function readScreeningState(
  path: string,
  maxBytes: number,
): Promise<Map<string, ScreeningEntry> | undefined> {
  let text: string;
  try {
    text = await readInputText(path, maxBytes);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    if (error.code === 'ENOENT') return undefined;
    throw new ImportFileError(
      `${error.message} (the screening-list state: fix it, or move it away to start from a new baseline)`,
      error.code,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportFileError(
      `${path}: the screening-list state is not JSON; move it away to start from a new baseline`,
    );
  }
  const state = ScreeningStateSchema.safeParse(json);
  if (!state.success) throw new ImportFileError(`${path}: not a screening-list state file`);
  return state.data.entries;
}

/**
 * Written beside the target and renamed over it: a crash leaves the old state or the new, never
 * half; a failed write removes what it wrote.
 */
export async function writeScreeningState(path: string, state: unknown): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, JSON.stringify(state));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new ImportFileError(
      `${path}: cannot write the screening-list state: ${fileProblem(error)}`,
      codeOf(error),
    );
  }
}

async function openRegularFile(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    // Non-blocking, so that opening a named pipe nobody writes to does not wait for ever.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new ImportFileError(`${path}: ${fileProblem(error)}`, codeOf(error));
  }
  const stats = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw new ImportFileError(`${path}: ${fileProblem(error)}`, codeOf(error));
  });
  if (!stats.isFile()) {
    await handle.close();
    throw new ImportFileError(
      `${path}: ${stats.isDirectory() ? 'a directory' : 'not a regular file (a device, pipe or socket)'}; give a file`,
    );
  }
  return handle;
}

const PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};

function fileProblem(error: unknown): string {
  const code = codeOf(error);
  return (code && PROBLEMS[code]) ?? oneLine(error);
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}

function overLimit(path: string, what: string, maxBytes: number): string {
  return `${path}: ${what} the ${maxBytes / 2 ** 20} MiB limit (raise it with --max-size)`;
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}
