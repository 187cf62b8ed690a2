import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/** Share of differing pixels above which a page is reported as changed. */
export const VISUAL_THRESHOLD = 0.01;

/**
 * Pixel difference of two screenshots (pixelmatch, anti-aliasing ignored) over their common area; a change of
 * height counts the extra rows as different. Writes the diff image when `diffFile` is given.
 */
export function diffScreenshots(
  beforeFile: string,
  afterFile: string,
  diffFile?: string,
): { ratio: number; sizeChanged: boolean; width: number; height: number } {
  const a = PNG.sync.read(readFileSync(beforeFile));
  const b = PNG.sync.read(readFileSync(afterFile));
  const width = Math.min(a.width, b.width);
  const height = Math.min(a.height, b.height);
  const crop = (img: PNG): Buffer => {
    if (img.width === width && img.height === height) return img.data;
    const out = Buffer.alloc(width * height * 4);
    for (let y = 0; y < height; y++)
      img.data.copy(out, y * width * 4, y * img.width * 4, y * img.width * 4 + width * 4);
    return out;
  };
  const diff = new PNG({ width, height });
  const differing = pixelmatch(crop(a), crop(b), diff.data, width, height, { threshold: 0.1, includeAA: false });
  const total = Math.max(a.width * a.height, b.width * b.height);
  const extra = total - width * height;
  if (diffFile) {
    mkdirSync(dirname(diffFile), { recursive: true });
    writeFileSync(diffFile, PNG.sync.write(diff));
  }
  return {
    ratio: total === 0 ? 0 : (differing + extra) / total,
    sizeChanged: a.width !== b.width || a.height !== b.height,
    width,
    height,
  };
}
