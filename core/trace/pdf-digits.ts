/**
 * pdfkit shapes every distinct word with fontkit and caches the result by the word. A schedule's
 * amounts and dates are nearly all distinct, so each is shaped once and kept forever: a shaping
 * per money cell, and memory that grows with every row. Text made only of digits and
 * number punctuation needs no shaping (no ligatures, no contextual forms): it is laid out from the
 * cached glyphs of its characters instead, and not kept.
 */
const NUMERIC = /^[0-9.,:()\-\u2212 ]+$/;

interface GlyphRun {
  glyphs: unknown[];
  positions: unknown[];
  advanceWidth: number;
}

interface LayoutFont {
  layoutCached?: (text: string) => GlyphRun;
  numericFastPath?: boolean;
}

export function numericFastPath(font: unknown): void {
  const f = font as LayoutFont;
  if (typeof f?.layoutCached !== 'function' || f.numericFastPath) return;
  const shaped = f.layoutCached.bind(f);
  f.numericFastPath = true;
  f.layoutCached = (text: string): GlyphRun => {
    if (text.length < 2 || !NUMERIC.test(text)) return shaped(text);
    const glyphs: unknown[] = [];
    const positions: unknown[] = [];
    let advanceWidth = 0;
    for (const ch of text) {
      const run = shaped(ch);
      for (const g of run.glyphs) glyphs.push(g);
      for (const p of run.positions) positions.push(p);
      advanceWidth += run.advanceWidth;
    }
    return { glyphs, positions, advanceWidth };
  };
}
