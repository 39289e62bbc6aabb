/** What a scanner typed, without the whitespace and control characters some scanners add around the digits. */
export function normalizeBarcode(raw: string): string {
  return raw.replace(/[\s\u0000-\u001f\u007f]/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** EAN-13 with a correct check digit (the barcode on nearly every stationery item sold in China). */
export function isEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(code[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(code[12]);
}

/** Shop barcodes: EAN-13/EAN-8/UPC-A digits, or an in-house code of letters, digits and dashes. */
export function looksLikeBarcode(code: string): boolean {
  return /^[0-9A-Za-z-]{4,32}$/.test(code);
}
