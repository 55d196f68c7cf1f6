import fc from 'fast-check';
import { BinaryCopyParser } from './binary-copy';

const FIELDS = 3;

function encode(tuples: Array<Array<Uint8Array | null>>, extension: Uint8Array): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1')];
  const head = Buffer.alloc(8);
  head.writeUInt32BE(extension.length, 4);
  parts.push(head, Buffer.from(extension));
  for (const tuple of tuples) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(tuple.length);
    parts.push(count);
    for (const field of tuple) {
      const length = Buffer.alloc(4);
      length.writeInt32BE(field === null ? -1 : field.length);
      parts.push(length);
      if (field) parts.push(Buffer.from(field));
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

function parse(data: Buffer, cuts: number[]): Array<Array<Buffer | null>> {
  const parser = new BinaryCopyParser(FIELDS);
  const out: Array<Array<Buffer | null>> = [];
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  let from = 0;
  for (const to of [...points, data.length]) {
    parser.push(data.subarray(from, to), ({ buf, starts, lengths }) => {
      const row: Array<Buffer | null> = [];
      for (let i = 0; i < FIELDS; i++) {
        row.push(
          lengths[i] < 0 ? null : Buffer.from(buf.subarray(starts[i], starts[i] + lengths[i])),
        );
      }
      out.push(row);
    });
    from = Math.max(from, to);
  }
  expect(parser.done).toBe(true);
  return out;
}

describe('BinaryCopyParser', () => {
  it('reads back every tuple, whatever the chunk boundaries', () => {
    const field = fc.option(fc.uint8Array({ maxLength: 40 }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: FIELDS, maxLength: FIELDS }), { maxLength: 30 }),
        fc.uint8Array({ maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (tuples, extension, cuts) => {
          const rows = parse(encode(tuples, extension), cuts);
          expect(rows).toEqual(
            tuples.map((t) => t.map((f) => (f === null ? null : Buffer.from(f)))),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a wrong signature, a tuple of another width and data after the end', () => {
    const good = encode([[new Uint8Array([1]), null, new Uint8Array()]], new Uint8Array());
    const noop = () => undefined;
    const bad = Buffer.from(good);
    bad[0] = 0x51;
    expect(() => new BinaryCopyParser(FIELDS).push(bad, noop)).toThrow('bad signature');
    expect(() => new BinaryCopyParser(2).push(good, noop)).toThrow('a tuple of 3 fields');
    expect(() =>
      new BinaryCopyParser(FIELDS).push(Buffer.concat([good, Buffer.from([0])]), noop),
    ).toThrow('after the end marker');
  });
});
