import { deflateRawSync } from 'node:zlib';
import { zipEntry } from '../../infra/validators/zip-entry';

/** A ZIP archive of the given files, deflated or stored, as a Go module zip is laid out. */
function zip(files: { name: string; content: Buffer; stored?: boolean }[], comment = ''): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const data = f.stored ? f.content : deflateRawSync(f.content);
    const name = Buffer.from(f.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(f.stored ? 0 : 8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(f.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(f.stored ? 0 : 8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(f.content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  return Buffer.concat([...locals, directory, end, Buffer.from(comment)]);
}

describe('taking one file out of a ZIP archive', () => {
  const schema = Buffer.from(JSON.stringify({ $id: 'compose_spec.json', big: 'x'.repeat(5000) }));
  const archive = zip(
    [
      { name: 'm@v1/go.mod', content: Buffer.from('module m\n'), stored: true },
      { name: 'm@v1/schema/compose-spec.json', content: schema },
    ],
    'a comment at the end',
  );

  it('finds a deflated entry and a stored one by name', () => {
    expect(zipEntry(archive, 'm@v1/schema/compose-spec.json')).toEqual(schema);
    expect(zipEntry(archive, 'm@v1/go.mod')?.toString()).toBe('module m\n');
  });

  it('answers undefined for a name it does not hold, and refuses what is not a ZIP', () => {
    expect(zipEntry(archive, 'm@v1/schema/other.json')).toBeUndefined();
    expect(() => zipEntry(Buffer.from('not a zip at all, just some bytes'), 'x')).toThrow(
      /not a ZIP archive/,
    );
  });
});
