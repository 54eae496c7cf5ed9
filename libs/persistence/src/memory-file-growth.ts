import type { PGlite } from '@electric-sql/pglite';

/** A file of Emscripten's in-memory file system: its bytes, and how many are in use. */
export interface MemoryFile {
  contents: Uint8Array;
  usedBytes: number;
}

/** The part of Emscripten's MEMFS that decides how a file's array grows. */
export interface MemoryFileSystem {
  expandFileStorage: (file: MemoryFile, needed: number) => void;
  grownInPlace?: true;
}

/** `ArrayBuffer` as ES2024 has it: resizable in place up to `maxByteLength`. */
interface ResizableArrayBuffer extends ArrayBuffer {
  readonly resizable: boolean;
  readonly maxByteLength: number;
  resize(byteLength: number): void;
}
type ResizableArrayBufferConstructor = new (
  byteLength: number,
  options: { maxByteLength: number },
) => ResizableArrayBuffer;

const MiB = 1 << 20;
/** Below this, files keep Emscripten's own growth (doubling): copying them costs little. */
export const GROWN_IN_PLACE_FROM = MiB;
/** The least address space a growing file reserves; its pages are only used as it grows. */
const LEAST_RESERVATION = 64 * MiB;
/** A file outgrowing its reservation moves to one this many times its size. */
const RESERVATION_FACTOR = 8;

/**
 * Lets the files of a PGlite database in memory grow in place. Emscripten's MEMFS keeps each
 * file in one array and, when a write goes past its end, copies the file into a new array an
 * eighth larger: a table of S bytes has been copied about 8·S bytes by the time it is that size,
 * and each old array is garbage as large as the file. A live airport day spent 3% of its CPU
 * in those copies, and the discarded arrays made the spikes of its memory. Here a file past
 * `GROWN_IN_PLACE_FROM` moves once into a resizable `ArrayBuffer` that reserves address space
 * for eight times its size (pages are only taken when written), and grows by resizing it:
 * no copy, no garbage. Returns false, changing nothing, where the database is not in memory or
 * its file system is not the MEMFS this knows.
 */
export function growFilesInPlace(db: PGlite): boolean {
  const files = memoryFileSystemOf(db);
  if (files === undefined) return false;
  growMemoryFilesInPlace(files);
  return true;
}

/** Makes `files` grow its files past `GROWN_IN_PLACE_FROM` in place (once; again is a no-op). */
export function growMemoryFilesInPlace(files: MemoryFileSystem): void {
  if (files.grownInPlace) return;
  const copyToLarger = files.expandFileStorage.bind(files);
  files.expandFileStorage = (file, needed) => {
    const capacity = file.contents.length;
    if (capacity >= needed) return;
    if (needed <= GROWN_IN_PLACE_FROM || !expandInPlace(file, needed)) copyToLarger(file, needed);
  };
  files.grownInPlace = true;
}

function expandInPlace(file: MemoryFile, needed: number): boolean {
  const capacity = Math.max(needed, Math.floor(file.contents.length * 1.125));
  const buffer = file.contents.buffer as ResizableArrayBuffer;
  if (buffer.resizable && file.contents.byteOffset === 0 && capacity <= buffer.maxByteLength) {
    buffer.resize(capacity);
    file.contents = new Uint8Array(buffer, 0, capacity);
    return true;
  }
  const reservation = Math.max(
    LEAST_RESERVATION,
    Math.ceil((capacity * RESERVATION_FACTOR) / MiB) * MiB,
  );
  let grown: ResizableArrayBuffer;
  try {
    grown = new (ArrayBuffer as unknown as ResizableArrayBufferConstructor)(capacity, {
      maxByteLength: reservation,
    });
  } catch {
    return false; // no address space to reserve: Emscripten's copy still works
  }
  const contents = new Uint8Array(grown, 0, capacity);
  contents.set(file.contents.subarray(0, file.usedBytes));
  file.contents = contents;
  return true;
}

function memoryFileSystemOf(db: PGlite): MemoryFileSystem | undefined {
  // PGlite does not expose its file system's type; its Emscripten module does, at the root mount.
  const module = (db as unknown as { mod?: { FS?: { root?: { mount?: { type?: unknown } } } } })
    .mod;
  const type = module?.FS?.root?.mount?.type as Partial<MemoryFileSystem> | undefined;
  return typeof type?.expandFileStorage === 'function' ? (type as MemoryFileSystem) : undefined;
}
