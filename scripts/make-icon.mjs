#!/usr/bin/env node
// Draws media/icon.png (128x128): a shield with three event "streams" flowing across it.
// No image library: shapes are sampled 4x4 per pixel for smooth edges and written as a PNG with zlib.
//   node scripts/make-icon.mjs [out.png]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? path.join(root, 'media', 'icon.png');

// Shield: flat top with rounded corners, straight sides, then a curve down to a point.
const TOP = 10;
const SHOULDER = 58;
const TIP = 120;
const HALF = 46;
function shieldHalfWidth(y) {
  if (y < TOP || y > TIP) return -1;
  if (y <= SHOULDER) return HALF;
  const t = (y - SHOULDER) / (TIP - SHOULDER);
  return HALF * (1 - t ** 1.7);
}
/** Distance-like inset of (x, y) inside the shield (negative outside), in pixels. */
function shieldInset(x, y) {
  const hw = shieldHalfWidth(y);
  if (hw < 0) return -1;
  const side = hw - Math.abs(x - 64);
  const top = y - TOP;
  // Round the two top corners with a radius of 12.
  const r = 12;
  const dx = Math.abs(x - 64) - (HALF - r);
  const dy = TOP + r - y;
  if (dx > 0 && dy > 0) return r - Math.hypot(dx, dy);
  return Math.min(side * 0.8, top); // the lower sides slope, so shrink their inset a little
}

const BORDER = 5;
const colours = {
  border: [79, 195, 247],
  top: [16, 52, 102],
  bottom: [22, 101, 192],
  stream: [224, 247, 255],
  dot: [255, 193, 7],
};

function mix(a, b, t) {
  return a.map((v, i) => v + (b[i] - v) * t);
}

/** The colour and coverage of one sample point, or undefined when it is outside the shield. */
function sample(x, y) {
  const inset = shieldInset(x, y);
  if (inset < 0) return undefined;
  if (inset < BORDER) return colours.border;
  let colour = mix(colours.top, colours.bottom, (y - TOP) / (TIP - TOP));
  // Three waves, each a little fainter: a stream of events.
  const waves = [
    { centre: 42, amplitude: 5, alpha: 1 },
    { centre: 62, amplitude: 5, alpha: 0.85 },
    { centre: 82, amplitude: 4, alpha: 0.7 },
  ];
  for (const wave of waves) {
    const cy = wave.centre + wave.amplitude * Math.sin((x - 20) / 9);
    if (Math.abs(y - cy) < 3.2 && inset > BORDER + 3) colour = mix(colour, colours.stream, wave.alpha);
  }
  // One highlighted event on the middle stream.
  if (Math.hypot(x - 88, y - (62 + 5 * Math.sin((88 - 20) / 9))) < 6) colour = colours.dot;
  return colour;
}

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let covered = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        covered++;
      }
    }
    const i = (py * SIZE + px) * 4;
    if (covered > 0) {
      rgba[i] = Math.round(r / covered);
      rgba[i + 1] = Math.round(g / covered);
      rgba[i + 2] = Math.round(b / covered);
      rgba[i + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  rows[y * (SIZE * 4 + 1)] = 0; // filter: none
  rgba.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(out, png);
console.log(`wrote ${path.relative(root, out)} (${SIZE}x${SIZE}, ${png.length} bytes)`);
