/**
 * PostgreSQL's binary COPY format, read from the chunks of a `COPY … TO STDOUT (FORMAT binary)`
 * (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"): an 11-byte
 * signature, flags and a header extension; then per tuple a 16-bit field count and per field a
 * 32-bit length (-1: NULL) and that many bytes, all big-endian; a count of -1 ends the data.
 *
 * Fields are handed over in place, as offsets into the buffer being parsed: the verifier hashes
 * stored bytes without turning them into strings first. Chunks need not align with tuples; a
 * tuple cut by a chunk's end is kept and completed by the next chunk.
 */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

export interface CopyTuple {
  /** The buffer the fields lie in (valid only during the callback). */
  buf: Buffer;
  /** Field i is `buf[starts[i], starts[i] + lengths[i])`; a length of -1 is NULL. */
  starts: Int32Array;
  lengths: Int32Array;
}

export class BinaryCopyParser {
  private rest: Buffer | undefined;
  private headerRead = false;
  private ended = false;
  private readonly tuple: CopyTuple;

  constructor(private readonly fields: number) {
    this.tuple = {
      buf: Buffer.alloc(0),
      starts: new Int32Array(fields),
      lengths: new Int32Array(fields),
    };
  }

  /** Whether the end-of-data marker has been read. */
  get done(): boolean {
    return this.ended;
  }

  /** Parses `chunk` (after what was left of the previous one), calling `onTuple` per tuple. */
  push(chunk: Buffer, onTuple: (tuple: CopyTuple) => void): void {
    if (this.ended) {
      if (chunk.length > 0) throw new Error('binary COPY: data after the end marker');
      return;
    }
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = undefined;
    let at = 0;
    if (!this.headerRead) {
      if (buf.length < SIGNATURE.length + 8) {
        this.rest = buf;
        return;
      }
      if (buf.compare(SIGNATURE, 0, SIGNATURE.length, 0, SIGNATURE.length) !== 0) {
        throw new Error('binary COPY: bad signature');
      }
      const extension = buf.readUInt32BE(SIGNATURE.length + 4);
      at = SIGNATURE.length + 8 + extension;
      if (buf.length < at) {
        this.rest = buf;
        return;
      }
      this.headerRead = true;
    }
    const { starts, lengths } = this.tuple;
    this.tuple.buf = buf;
    while (at + 2 <= buf.length) {
      const count = buf.readInt16BE(at);
      if (count === -1) {
        this.ended = true;
        if (at + 2 !== buf.length) throw new Error('binary COPY: data after the end marker');
        return;
      }
      if (count !== this.fields) {
        throw new Error(`binary COPY: a tuple of ${count} fields, expected ${this.fields}`);
      }
      let p = at + 2;
      let complete = true;
      for (let i = 0; i < count; i++) {
        if (p + 4 > buf.length) {
          complete = false;
          break;
        }
        const length = buf.readInt32BE(p);
        p += 4;
        starts[i] = p;
        lengths[i] = length;
        if (length > 0) p += length;
        if (p > buf.length) {
          complete = false;
          break;
        }
      }
      if (!complete) break;
      onTuple(this.tuple);
      at = p;
    }
    if (at < buf.length) this.rest = buf.subarray(at);
  }
}
