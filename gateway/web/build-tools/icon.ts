import { deflateSync } from 'node:zlib';

// The app icon, drawn in code so the build needs no image tools: a teal tile with a white notebook
// (ruled lines, a spine) and an orange pencil across it. `public/icons/icon.svg` is the same picture.

type Rgba = [number, number, number, number];
const TEAL: Rgba = [15, 118, 110, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const LINE: Rgba = [153, 204, 199, 255];
const ORANGE: Rgba = [234, 88, 12, 255];
const DARK: Rgba = [31, 41, 55, 255];

export function drawIcon(size: number, maskable = false): Buffer {
  const px = new Uint8Array(size * size * 4);
  const u = size / 512; // the design is on a 512 grid
  const set = (x: number, y: number, c: Rgba) => {
    const i = (y * size + x) * 4;
    px[i] = c[0]; px[i + 1] = c[1]; px[i + 2] = c[2]; px[i + 3] = c[3];
  };
  const radius = maskable ? 0 : 96 * u;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      if (insideRounded(x + 0.5, y + 0.5, 0, 0, size, size, radius)) set(x, y, TEAL);

  // Maskable icons keep their picture inside the central 80% safe zone.
  const s = maskable ? 0.8 : 1;
  const o = (1 - s) * 256;
  const g = (v: number) => (o + v * s) * u;
  const rect = (x0: number, y0: number, x1: number, y1: number, c: Rgba, r = 0) => {
    for (let y = Math.floor(g(y0)); y < Math.ceil(g(y1)); y++)
      for (let x = Math.floor(g(x0)); x < Math.ceil(g(x1)); x++)
        if (x >= 0 && y >= 0 && x < size && y < size && insideRounded(x + 0.5, y + 0.5, g(x0), g(y0), g(x1), g(y1), r * u * s))
          set(x, y, c);
  };
  rect(136, 104, 376, 408, WHITE, 24);
  rect(136, 104, 176, 408, LINE, 0);
  for (const y of [176, 232, 288, 344]) rect(200, y, 344, y + 12, LINE);
  // pencil: a diagonal band from lower left to upper right
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const gx = (x / u - o) / s, gy = (y / u - o) / s;
      const along = (gx - gy) / Math.SQRT2, across = (gx + gy) / Math.SQRT2;
      const d = across - 512 / Math.SQRT2 - 40;
      if (Math.abs(d) <= 22 && along >= -150 && along <= 110) set(x, y, ORANGE);
      else if (Math.abs(d) <= 22 - (along - 110) * 0.55 && along > 110 && along <= 150) set(x, y, along > 134 ? DARK : [253, 230, 138, 255]);
    }
  return encodePng(size, size, px);
}

function insideRounded(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || y < y0 || x > x1 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 6; header[10] = 0; header[11] = 0; header[12] = 0; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([len, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
