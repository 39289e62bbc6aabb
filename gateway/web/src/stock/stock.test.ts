import { describe, expect, it } from 'vitest';
import { isEan13, looksLikeBarcode, normalizeBarcode } from './barcode';
import { normalizeStatus } from './status';

describe('scanner input', () => {
  it('drops what scanners add around the digits', () => {
    expect(normalizeBarcode(' 6901234567892\r\n')).toBe('6901234567892');
    expect(normalizeBarcode('６９０１２３')).toBe('690123');
  });

  it('checks the EAN-13 check digit', () => {
    expect(isEan13('6901234567892')).toBe(true);
    expect(isEan13('6901234567893')).toBe(false);
    expect(isEan13('690123456789')).toBe(false);
  });

  it('accepts in-house codes but not free text', () => {
    expect(looksLikeBarcode('MG-HL-Y')).toBe(true);
    expect(looksLikeBarcode('荧光笔')).toBe(false);
  });
});

describe('stock status', () => {
  it('reads the server status in any casing', () => {
    expect(normalizeStatus('OutOfStock')).toBe('out');
    expect(normalizeStatus('LOW')).toBe('low');
    expect(normalizeStatus('slow')).toBe('slow');
    expect(normalizeStatus(undefined)).toBeUndefined();
  });
});
