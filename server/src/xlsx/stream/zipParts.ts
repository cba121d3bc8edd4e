// The parts of an .xlsx (a zip), read by name. yauzl reads the zip's central directory first, so
// any part can be opened in any order: the shared strings before the sheets whatever order the
// writer put them in, with nothing spilled to disk, and each part inflated as a stream.
import { Transform, type Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { asDamage, damageError } from '../damage';
import { oversizeError } from '../oversize';

/** Inflated bytes per chunk: the inflating runs on libuv's threads, and each chunk is a round trip. */
const INFLATE_CHUNK = 1 << 20;

/** Part names are case-insensitive in the package format, and writers differ in case. */
export const partKey = (name: string) => name.replace(/^\/+/, '').toLowerCase();

export class ZipParts {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  /** Opens the zip at `source` (a path, or the bytes); rejects if it is not a zip. */
  static async open(source: string | Buffer): Promise<ZipParts> {
    const options = { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true };
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      const done = (err: Error | null, z?: yauzl.ZipFile) => (err || !z ? reject(asDamage(err ?? new Error('no zip'), { kind: 'notZip', detail: err?.message ?? 'no zip' })) : resolve(z));
      if (typeof source === 'string') yauzl.open(source, options, done);
      else yauzl.fromBuffer(source, options, done);
    });
    const entries = new Map<string, yauzl.Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(partKey(entry.fileName), entry);
        zip.readEntry();
      });
      zip.on('end', resolve);
      // A directory that breaks as it is read (an entry's name not allowed, an entry cut short).
      zip.on('error', (e: Error) => reject(asDamage(e, { kind: 'notZip', detail: e.message })));
      zip.readEntry();
    }).catch((e) => {
      zip.close();
      throw e;
    });
    return new ZipParts(zip, entries);
  }

  /** The parts' names as the zip spells them, in the zip's order. */
  names(): string[] {
    return [...this.entries.values()].map((e) => e.fileName);
  }

  lastModified(name: string): Date | undefined {
    return this.entries.get(partKey(name))?.getLastModDate();
  }

  has(name: string): boolean {
    return this.entries.has(partKey(name));
  }

  /**
   * The part's inflated bytes as a stream; rejects if there is no such part, or if the zip says it
   * inflates to more than `limit` bytes (for a part read whole into memory). The stream fails if
   * the part inflates to more than the zip says: a zip bomb cannot pass a small part for a huge one.
   */
  stream(name: string, limit = Infinity): Promise<Readable> {
    const entry = this.entries.get(partKey(name));
    if (!entry) return Promise.reject(damageError({ kind: 'missingPart', part: name }));
    const declared = entry.uncompressedSize;
    if (declared > limit) return Promise.reject(oversizeError({ part: name, kind: 'tooLarge', bytes: declared, limit }));
    // Inflated here rather than by yauzl, for larger chunks than zlib's default 16 KB.
    const deflated = entry.compressionMethod === 8;
    return new Promise((resolve, reject) =>
      this.zip.openReadStream(entry, deflated ? { decodeFileData: false } : {}, (err, stream) => {
        if (err || !stream) return reject(asDamage(err ?? new Error('no data'), { kind: 'badPart', part: name, detail: err?.message ?? 'no data' }));
        if (!deflated) return resolve(stream);
        const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK });
        const bounded = atMost(declared, name);
        stream.on('error', (e) => inflate.destroy(e));
        inflate.on('error', (e) => bounded.destroy(e));
        // A reader that stops early (an XML error) stops the reading and inflating behind it too.
        bounded.on('close', () => {
          inflate.destroy();
          stream.destroy();
        });
        resolve(stream.pipe(inflate).pipe(bounded));
      }),
    );
  }

  close(): void {
    this.zip.close();
  }
}

/** Passes the bytes through, and fails once there are more than `max`. */
function atMost(max: number, name: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > max) done(oversizeError({ part: name, kind: 'beyondSize', bytes: max }));
      else done(null, chunk);
    },
  });
}
