import { execFile } from 'node:child_process';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** What a PDF holds, as a PDF reader (pdf.js, through pdf-parse) finds it. */
export interface ReadPdf {
  text: string;
  /** Each image of each page, as PNG. */
  images: Buffer[];
  /** Embedded files: name and text. */
  attachments: Array<{ filename: string; content: string }>;
  info: Record<string, unknown>;
}

// pdf-parse (pdf.js) loads its worker with a dynamic import(), which jest's CommonJS sandbox
// cannot do (it would need --experimental-vm-modules): the PDF is read in a plain Node process.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
(async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const text = (await parser.getText()).text;
  const images = (await parser.getImage({ imageDataUrl: false })).pages.flatMap((p) =>
    p.images.map((i) => Buffer.from(i.data).toString('base64')),
  );
  const doc = await parser.load();
  const attachments = Object.values((await doc.getAttachments()) ?? {}).map((a) => ({
    filename: a.filename,
    content: Buffer.from(a.content).toString('utf8'),
  }));
  const { info } = await doc.getMetadata();
  await parser.destroy();
  process.stdout.write(JSON.stringify({ text, images, attachments, info }));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});`;

export function readPdf(pdf: Buffer): Promise<ReadPdf> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', SCRIPT],
      { cwd: join(__dirname, '..', '..'), maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${err.message}\n${stderr}`));
        const read = JSON.parse(stdout) as Omit<ReadPdf, 'images'> & { images: string[] };
        resolve({ ...read, images: read.images.map((b64) => Buffer.from(b64, 'base64')) });
      },
    );
    child.stdin?.end(pdf);
  });
}

/** The text a QR code in a PNG image encodes (jsQR), or undefined. */
export function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}
