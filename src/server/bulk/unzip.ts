/**
 * The report files of an uploaded zip, inflated with a limit on the bytes actually produced. A
 * zip states each entry's size itself, and a zip bomb states a small one: `unzipSync` allocates
 * by that claim and inflates all there is. Here the zip is fed to fflate's streaming `Unzip` a
 * slice at a time, and each entry's inflater counts what it puts out and stops past the limit, so
 * a lying entry costs at most a limit and one slice's worth of output, never what it would expand to.
 */
import { Inflate, Unzip, UnzipPassThrough, type AsyncFlateStreamHandler, type FlateError, type UnzipDecoder, type UnzipDecoderConstructor } from 'fflate';

export interface ZipLimits {
  /** Largest entry, in bytes actually inflated. */
  entryBytes: number;
  /** Largest sum of the entries read, in bytes actually inflated. */
  totalBytes: number;
}

export interface ZipEntries {
  /** The entries read, by name (folders kept in the name). */
  files: Map<string, Uint8Array>;
  /** Entries that inflate past `entryBytes`, whatever size they state. */
  tooLarge: string[];
}

/** The zip inflates past `totalBytes` altogether. */
export class ZipTooLargeError extends Error {
  constructor() {
    super('the zip inflates past its limit');
    this.name = 'ZipTooLargeError';
  }
}

// Deflate expands at most ~1032×: a 16 KiB slice puts out at most ~16.5 MiB past the limit.
const SLICE_BYTES = 16 * 1024;

class LimitReached extends Error {}

/** A deflate decoder for `Unzip` that gives up once it has put out more than `limit` bytes. */
function limitedInflate(limit: number): UnzipDecoderConstructor {
  return class LimitedInflate implements UnzipDecoder {
    static readonly compression = 8;
    ondata: AsyncFlateStreamHandler = () => undefined;
    private produced = 0;
    private stopped = false;
    private readonly inflate = new Inflate((data, final) => {
      this.produced += data.length;
      if (this.produced > limit) throw new LimitReached();
      this.ondata(null, data, final);
    });

    push(chunk: Uint8Array, final: boolean): void {
      if (this.stopped) return;
      try {
        this.inflate.push(chunk, final);
      } catch (error) {
        this.stopped = true;
        this.ondata(error as FlateError, new Uint8Array(), true);
      }
    }
  };
}

/**
 * Reads the entries `wanted` takes from `zip`. Throws ZipTooLargeError past `totalBytes`, and
 * whatever fflate throws for a broken zip; an entry past `entryBytes` is listed in `tooLarge`.
 */
export function unzipLimited(zip: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits): ZipEntries {
  const files = new Map<string, Uint8Array>();
  const tooLarge: string[] = [];
  let total = 0;
  let failure: Error | undefined;
  const unzip = new Unzip((file) => {
    if (!wanted(file.name)) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    let over = false;
    file.ondata = (error, data, final) => {
      if (over || failure !== undefined) return;
      if (error !== null) {
        if (error instanceof LimitReached) {
          over = true;
          tooLarge.push(file.name);
        } else failure = error;
        return;
      }
      size += data.length;
      total += data.length;
      if (total > limits.totalBytes) failure = new ZipTooLargeError();
      else chunks.push(data);
      if (final && failure === undefined) files.set(file.name, concat(chunks, size));
    };
    file.start();
  });
  unzip.register(UnzipPassThrough);
  unzip.register(limitedInflate(limits.entryBytes));
  for (let at = 0; at < zip.length || at === 0; at += SLICE_BYTES) {
    unzip.push(zip.subarray(at, at + SLICE_BYTES), at + SLICE_BYTES >= zip.length);
    if (failure !== undefined) throw failure;
  }
  // A stored (uncompressed) entry is as large as it is in the zip: checked here.
  for (const [name, bytes] of files) {
    if (bytes.length <= limits.entryBytes) continue;
    files.delete(name);
    tooLarge.push(name);
  }
  return { files, tooLarge };
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
