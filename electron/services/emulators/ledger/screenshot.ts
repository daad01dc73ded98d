/**
 * The emulated Ledger's screen as a picture (Speculos's GET /screenshot): the current page's
 * lines drawn at their text events' places in our 5×7 font (bold drawn twice, one pixel apart),
 * the step's icon as a few strokes, and the side arrows, white on black as on a Nano.
 */
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from './font';
import { encodeGreyPng } from './png';
import { textEvents, type Icon, type Page, type ScreenGeometry } from './screens';

class Canvas {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height);
  }

  set(x: number, y: number): void {
    if (x >= 0 && y >= 0 && x < this.width && y < this.height) this.pixels[y * this.width + x] = 0xff;
  }

  line(x0: number, y0: number, x1: number, y1: number): void {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let i = 0; i <= steps; i += 1) this.set(Math.round(x0 + ((x1 - x0) * i) / steps), Math.round(y0 + ((y1 - y0) * i) / steps));
  }

  text(value: string, x: number, y: number, bold: boolean): void {
    let cx = x;
    for (const char of value) {
      glyph(char).forEach((row, dy) => {
        for (let dx = 0; dx < GLYPH_WIDTH; dx += 1) {
          if (row & (1 << (GLYPH_WIDTH - 1 - dx))) {
            this.set(cx + dx, y + dy);
            if (bold) this.set(cx + dx + 1, y + dy);
          }
        }
      });
      cx += GLYPH_WIDTH + (bold ? 2 : 1);
    }
  }
}

function drawIcon(c: Canvas, icon: Icon, cx: number, top: number): void {
  const b = top + 12;
  switch (icon) {
    case 'validate':
      c.line(cx - 6, top + 6, cx - 2, b - 2);
      c.line(cx - 2, b - 2, cx + 6, top + 2);
      return;
    case 'crossmark':
      c.line(cx - 5, top + 1, cx + 5, b - 1);
      c.line(cx + 5, top + 1, cx - 5, b - 1);
      return;
    case 'warning':
      c.line(cx, top, cx - 7, b);
      c.line(cx, top, cx + 7, b);
      c.line(cx - 7, b, cx + 7, b);
      c.line(cx, top + 4, cx, b - 4);
      c.set(cx, b - 2);
      return;
    case 'back':
      c.line(cx - 6, top + 6, cx + 6, top + 6);
      c.line(cx - 6, top + 6, cx - 2, top + 2);
      c.line(cx - 6, top + 6, cx - 2, top + 10);
      return;
    default: {
      // eye, certificate, dashboard: a ring
      for (let a = 0; a < 48; a += 1) c.set(Math.round(cx + 6 * Math.cos((a * Math.PI) / 24)), Math.round(top + 6 + 5 * Math.sin((a * Math.PI) / 24)));
      c.set(cx, top + 6);
    }
  }
}

/** A PNG of the page as the device would show it. */
export function renderScreen(page: Page, geometry: ScreenGeometry): Buffer {
  const c = new Canvas(geometry.width, geometry.height);
  const events = textEvents(page, geometry);
  if (page.icon) drawIcon(c, page.icon, Math.round(geometry.width / 2), geometry.height < 64 ? 0 : 10);
  page.lines
    .filter((line) => line.text.length > 0)
    .forEach((line, i) => {
      const e = events[i];
      if (!e) return;
      const width = line.text.length * (GLYPH_WIDTH + (line.bold ? 2 : 1));
      c.text(line.text, Math.max(0, Math.round((geometry.width - width) / 2)), e.y + Math.floor((e.h - GLYPH_HEIGHT) / 2), line.bold);
    });
  const mid = Math.floor(geometry.height / 2);
  if (page.left) c.text('<', 1, mid - 3, false);
  if (page.right) c.text('>', geometry.width - GLYPH_WIDTH - 1, mid - 3, false);
  return encodeGreyPng(geometry.width, geometry.height, c.pixels);
}
