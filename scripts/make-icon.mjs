#!/usr/bin/env node
/**
 * Draws the app icon (three interlocking "C" arcs on a rounded square: the three factions
 * of a Commons) as a 512×512 PNG, so the icon is reproducible from source:
 *   node scripts/make-icon.mjs resources/icons/icon.png
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SS = 4; // supersampling per axis
const out = process.argv[2] ?? 'resources/icons/icon.png';
const BG = [15, 23, 32];
const COLORS = [[91, 155, 213], [197, 139, 224], [224, 168, 79]];

function inRoundedSquare(x, y) {
  const r = 96, m = 16;
  const cx = Math.min(Math.max(x, m + r), SIZE - m - r);
  const cy = Math.min(Math.max(y, m + r), SIZE - m - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= m && x <= SIZE - m && y >= m && y <= SIZE - m;
}

function arcColor(x, y) {
  for (let i = 0; i < 3; i++) {
    const angle = (i * 2 * Math.PI) / 3 - Math.PI / 2;
    const cx = 256 + 78 * Math.cos(angle), cy = 270 + 78 * Math.sin(angle);
    const d = Math.hypot(x - cx, y - cy);
    const a = Math.atan2(y - cy, x - cx);
    // A "C": a ring of radius 96, thickness 30, open towards the centre of the icon.
    const open = Math.abs(((a - (angle + Math.PI) + 3 * Math.PI) % (2 * Math.PI)) - Math.PI) < 0.75;
    if (Math.abs(d - 96) < 15 && !open) return COLORS[i];
  }
  return null;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0;
  for (let x = 0; x < SIZE; x++) {
    let r = 0, g = 0, b = 0, alpha = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const px = x + (sx + 0.5) / SS, py = y + (sy + 0.5) / SS;
        if (!inRoundedSquare(px, py)) continue;
        const c = arcColor(px, py) ?? BG;
        r += c[0]; g += c[1]; b += c[2]; alpha += 255;
      }
    }
    const n = SS * SS, o = y * (SIZE * 4 + 1) + 1 + x * 4;
    const covered = alpha / 255 || 1;
    raw[o] = Math.round(r / covered); raw[o + 1] = Math.round(g / covered); raw[o + 2] = Math.round(b / covered); raw[o + 3] = Math.round(alpha / n);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0); header.writeUInt32BE(SIZE, 4);
header[8] = 8; header[9] = 6; header[10] = 0; header[11] = 0; header[12] = 0;
writeFileSync(out, Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]));
console.log(`wrote ${out}`);
