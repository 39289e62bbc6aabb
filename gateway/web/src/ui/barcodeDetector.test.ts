import { describe, expect, it } from 'vitest';
import { productBarcode } from './barcodeDetector';

describe('the barcode read by the camera or from a photo', () => {
  it('is the EAN-13 when a box also carries a QR code and a Code 128', () => {
    expect(productBarcode([
      { format: 'qr_code', rawValue: 'https://example.invalid/p/1' },
      { format: 'code_128', rawValue: 'LOT-2026-11' },
      { format: 'ean_13', rawValue: '6901234567892' },
    ])).toBe('6901234567892');
  });

  it('is cleaned as a scanner’s input is, and nothing when only a QR code was seen', () => {
    expect(productBarcode([{ format: 'ean_8', rawValue: ' 9638５074\n' }])).toBe('96385074');
    expect(productBarcode([{ format: 'qr_code', rawValue: '6901234567892' }])).toBeUndefined();
    expect(productBarcode([])).toBeUndefined();
  });
});
