// Draws media/icon.png (128×128) from the same shapes as media/icon.svg: a blue rounded square holding a
// white heptagon outline (the wheel of a cluster) with three pods linked to a Service dot in the middle.
// Pure Node (zlib for the PNG's IDAT), 4×4 supersampling for smooth edges. Run: node media/make-icon.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const W = 128;
const SS = 4;
const BG = [50, 108, 229];
const FG = [255, 255, 255];
const ACCENT = [255, 200, 61];

function roundedRect(x, y) {
  const r = 24, half = 64;
  const dx = Math.max(Math.abs(x - half) - (half - r), 0);
  const dy = Math.max(Math.abs(y - half) - (half - r), 0);
  return Math.hypot(dx, dy) <= r;
}
const heptagon = Array.from({ length: 7 }, (_, i) => {
  const a = -Math.PI / 2 + (i * 2 * Math.PI) / 7;
  return [64 + 44 * Math.cos(a), 66 + 44 * Math.sin(a)];
});
function distToSegment(px, py, [ax, ay], [bx, by]) {
  const vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}
const center = [64, 66];
const pods = [[64, 36], [38, 82], [90, 82]];

function colourAt(x, y) {
  if (!roundedRect(x, y)) return null;
  for (const p of pods) if (Math.hypot(x - p[0], y - p[1]) <= 10) return ACCENT;
  if (Math.hypot(x - center[0], y - center[1]) <= 7) return FG;
  for (const p of pods) if (distToSegment(x, y, center, p) <= 2.2) return FG;
  for (let i = 0; i < 7; i++) if (distToSegment(x, y, heptagon[i], heptagon[(i + 1) % 7]) <= 3.5) return FG;
  return BG;
}

const raw = Buffer.alloc(W * (W * 4 + 1));
for (let y = 0; y < W; y++) {
  raw[y * (W * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < W; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
      const c = colourAt(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
      if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
    }
    const o = y * (W * 4 + 1) + 1 + x * 4;
    if (a) { raw[o] = Math.round(r / a); raw[o + 1] = Math.round(g / a); raw[o + 2] = Math.round(b / a); }
    raw[o + 3] = Math.round((255 * a) / (SS * SS));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0); ihdr.writeUInt32BE(W, 4);
ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(fileURLToPath(new URL('./icon.png', import.meta.url)), png);

const pts = heptagon.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' ');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <rect width="128" height="128" rx="24" fill="rgb(${BG})"/>
  <polygon points="${pts}" fill="none" stroke="#fff" stroke-width="7" stroke-linejoin="round"/>
${pods.map(([x, y]) => `  <line x1="64" y1="66" x2="${x}" y2="${y}" stroke="#fff" stroke-width="4.4"/>`).join('\n')}
  <circle cx="64" cy="66" r="7" fill="#fff"/>
${pods.map(([x, y]) => `  <circle cx="${x}" cy="${y}" r="10" fill="rgb(${ACCENT})"/>`).join('\n')}
</svg>
`;
writeFileSync(fileURLToPath(new URL('./icon.svg', import.meta.url)), svg);
console.log(`icon.png ${png.length} bytes, icon.svg ${svg.length} bytes`);
