/**
 * Views as image files: an SVG document (vector, for reports) and a PNG rasterised from it at
 * print resolution (300 dpi for the view's width at 96 dpi: scale 300 / 96).
 */
export const PRINT_SCALE = 300 / 96;

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A live <svg> element as a standalone document: computed styles of its text and shapes inlined. */
export function svgDocument(el: SVGSVGElement): string {
  const clone = el.cloneNode(true) as SVGSVGElement;
  const live = el.querySelectorAll('*');
  const copies = clone.querySelectorAll('*');
  const PROPS = ['fill', 'stroke', 'stroke-width', 'font-size', 'font-weight', 'font-family', 'opacity', 'fill-opacity', 'stroke-opacity', 'stroke-dasharray'];
  live.forEach((node, i) => {
    const cs = getComputedStyle(node);
    const style = PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    (copies[i] as SVGElement).setAttribute('style', style);
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const w = el.width.baseVal.value || el.getBoundingClientRect().width;
  const h = el.height.baseVal.value || el.getBoundingClientRect().height;
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${w} ${h}`);
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  clone.insertBefore(bg, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/** Rasterises an SVG document to PNG at `scale` times its size. */
export async function svgToPng(svg: string, scale = PRINT_SCALE): Promise<Blob> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(img.naturalWidth * scale);
    canvas.height = Math.round(img.naturalHeight * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the image could not be encoded'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves an SVG document as .svg or .png. */
export async function saveImage(svg: string, base: string, format: 'svg' | 'png'): Promise<void> {
  if (format === 'svg') downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${base}.svg`);
  else downloadBlob(await svgToPng(svg), `${base}.png`);
}
