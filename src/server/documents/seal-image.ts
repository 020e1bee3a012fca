/**
 * The seal's picture on a document. Without the host's seal service the seal is a generated
 * picture plainly marked 电子样章 (a specimen, not a legal seal); with it, the host's own picture
 * is used. Templates carry a transparent placeholder picture named 印章 at the signature
 * position, which `stampDocx` replaces.
 */
import { Resvg } from '@resvg/resvg-js';

/** The name (alt text) of the placeholder picture in a template. */
export const SEAL_PLACEHOLDER_NAME = '印章';
/** The seal's diameter on paper. */
export const SEAL_SIZE_MM = 42;

const RED = '#e60012';
const esc = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/** A round organ seal: the name along the upper arc, a star, 电子样章 below. */
function roundSeal(name: string): string {
  const size = 400;
  const c = size / 2;
  const r = 168;
  const chars = [...name];
  const span = Math.min(250, 24 * chars.length); // degrees of arc the name takes
  const step = chars.length > 1 ? span / (chars.length - 1) : 0;
  const letters = chars
    .map((ch, i) => {
      const deg = -span / 2 + i * step; // 0 = top
      const rad = ((deg - 90) * Math.PI) / 180;
      const x = c + (r - 48) * Math.cos(rad);
      const y = c + (r - 48) * Math.sin(rad);
      return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" transform="rotate(${deg.toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)})" text-anchor="middle" dominant-baseline="central" font-size="46">${esc(ch)}</text>`;
    })
    .join('');
  const star = Array.from({ length: 10 }, (_, i) => {
    const rr = i % 2 === 0 ? 54 : 22;
    const a = ((i * 36 - 90) * Math.PI) / 180;
    return `${(c + rr * Math.cos(a)).toFixed(1)},${(c + rr * Math.sin(a)).toFixed(1)}`;
  }).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <g fill="${RED}" font-family="Noto Serif CJK SC, Noto Sans CJK SC, sans-serif" font-weight="700" opacity="0.88">
    <circle cx="${c}" cy="${c}" r="${r}" fill="none" stroke="${RED}" stroke-width="12"/>
    ${letters}
    <polygon points="${star}"/>
    <text x="${c}" y="${c + 104}" text-anchor="middle" font-size="34">电子样章</text>
  </g>
</svg>`;
}

/** A square seal of an office holder (县长印章), marked 电子样章. */
function squareSeal(lines: string[]): string {
  const size = 400;
  const rows = lines.map((l, i) => `<text x="200" y="${150 + i * 96}" text-anchor="middle" font-size="84">${esc(l)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <g fill="${RED}" font-family="Noto Serif CJK SC, Noto Sans CJK SC, sans-serif" font-weight="700" opacity="0.88">
    <rect x="46" y="46" width="308" height="308" fill="none" stroke="${RED}" stroke-width="14"/>
    ${rows}
    <text x="200" y="336" text-anchor="middle" font-size="30">电子样章</text>
  </g>
</svg>`;
}

const cache = new Map<string, Buffer>();

/** The specimen picture of a seal (PNG, transparent background). */
export function specimenSeal(seal: string, county: { name: string }): Buffer {
  const key = `${seal}|${county.name}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const svg = seal === 'county-head' ? squareSeal(['县长', '之印']) : roundSeal(`${county.name}人民政府督查室`);
  const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' }, background: 'rgba(0,0,0,0)' }).render().asPng();
  cache.set(key, png);
  return png;
}

/** A 1 × 1 transparent PNG: the placeholder picture of templates. */
export function transparentPng(): Buffer {
  return new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', { background: 'rgba(0,0,0,0)' }).render().asPng();
}
