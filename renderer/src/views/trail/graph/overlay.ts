import type { Annotation } from '../../../../../core/graph/layout-schemas';

/** The analyst's marks on the chart, as the canvas and the SVG export draw them. */
export interface Overlay {
  /** Node indices pinned in place. */
  pinned: Set<number>;
  /** Node index -> highlight colour. */
  highlights: Map<number, string>;
  notes: Extract<Annotation, { kind: 'note' }>[];
  boxes: Extract<Annotation, { kind: 'box' }>[];
}

export const HIGHLIGHT_FILL: Record<string, string> = { yellow: '#f5c518', red: '#d92d20', green: '#12b76a', blue: '#2e90fa' };

export const emptyOverlay = (): Overlay => ({ pinned: new Set(), highlights: new Map(), notes: [], boxes: [] });

/** A note's size on screen: lines of up to 40 characters, 12px text. */
export function noteLines(text: string): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      if (line && (line + ' ' + word).length > 40) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out.slice(0, 8);
}
