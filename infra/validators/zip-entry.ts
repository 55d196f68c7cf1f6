import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * One file of a ZIP archive (stored or deflated; no ZIP64, no encryption): enough to take a
 * schema out of a Go module zip without an unzip tool. `undefined` when the archive has no such
 * entry; an Error when the archive is not one this reader understands.
 */
export function zipEntry(zip: Buffer, name: string): Buffer | undefined {
  // The end-of-central-directory record: 22 bytes and a comment of up to 64 KiB at the end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP archive (no end of central directory)');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error('corrupt ZIP central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (entryName !== name) continue;

    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff)
      throw new Error(`${name}: ZIP64 entries are not supported`);
    if (zip.readUInt32LE(localOffset) !== LOCAL) throw new Error(`${name}: corrupt local header`);
    const start =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(start, start + compressedSize);
    const content =
      method === 0
        ? Buffer.from(data)
        : method === 8
          ? inflateRawSync(data)
          : (() => {
              throw new Error(`${name}: compression method ${method} is not supported`);
            })();
    if (content.length !== size)
      throw new Error(`${name}: ${content.length} bytes unpacked, the directory says ${size}`);
    return content;
  }
  return undefined;
}
