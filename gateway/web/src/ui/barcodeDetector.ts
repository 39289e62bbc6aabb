import { normalizeBarcode } from '../stock/barcode';

/** What a detector answers for one code (the part of the BarcodeDetector API this app reads). */
export interface DetectedCode {
  rawValue: string;
  format: string;
}

export interface CodeDetector {
  detect(image: ImageBitmapSource): Promise<DetectedCode[]>;
}

/** The retail formats printed on stationery packs; QR codes and the like are not product barcodes. */
export const PRODUCT_FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128'] as const;

/**
 * The product barcode among what the detector saw: the first retail code (EAN-13 before the others), normalized as a
 * scanner's input is.
 * Undefined when only other kinds of code (a QR code on the box) or nothing was seen.
 */
export function productBarcode(found: readonly DetectedCode[]): string | undefined {
  const rank = (f: string) => PRODUCT_FORMATS.indexOf(f as (typeof PRODUCT_FORMATS)[number]);
  return found
    .map((c) => ({ code: normalizeBarcode(c.rawValue), rank: rank(c.format) }))
    .filter((c) => c.rank >= 0 && c.code !== '')
    .sort((a, b) => a.rank - b.rank)[0]?.code;
}

let detector: Promise<CodeDetector> | undefined;

/**
 * The browser's own BarcodeDetector when it reads EAN-13, else the zxing-wasm polyfill, loaded on first use. The wasm is
 * a file of this build (Vite fingerprints and serves it with the app), never fetched from a CDN.
 */
export function barcodeDetector(): Promise<CodeDetector> {
  detector ??= load().catch((e) => { detector = undefined; throw e; });
  return detector;
}

async function load(): Promise<CodeDetector> {
  const native = (globalThis as { BarcodeDetector?: { new (o: { formats: string[] }): CodeDetector; getSupportedFormats(): Promise<string[]> } })
    .BarcodeDetector;
  if (native && (await native.getSupportedFormats().catch(() => [] as string[])).includes('ean_13'))
    return new native({ formats: [...PRODUCT_FORMATS] });
  const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
    import('barcode-detector/ponyfill'),
    import('zxing-wasm/reader/zxing_reader.wasm?url'),
  ]);
  prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) } });
  return new BarcodeDetector({ formats: [...PRODUCT_FORMATS] });
}
