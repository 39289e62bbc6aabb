import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { BarcodeScan } from '../ui/BarcodeScan';
import { looksLikeBarcode, normalizeBarcode } from './barcode';

/**
 * A field for a USB/Bluetooth scanner (which types the digits and presses Enter) or a person typing. Enter is
 * handled here, never submitting the surrounding form by accident; the field clears for the next scan. The camera and a
 * photo read a code too.
 */
export function BarcodeField({ id, label, onScan, busy }: { id: string; label: string; onScan: (code: string) => void; busy?: boolean }) {
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <div class={`field barcode-field${invalid ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        value={value}
        inputMode="numeric"
        autoComplete="off"
        autoCapitalize="none"
        spellcheck={false}
        enterKeyHint="search"
        aria-describedby={`${id}-hint`}
        aria-invalid={invalid || undefined}
        disabled={busy}
        onInput={(e) => { setValue(e.currentTarget.value); setInvalid(false); }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const code = normalizeBarcode(value);
          if (!looksLikeBarcode(code)) { setInvalid(true); return; }
          setValue('');
          onScan(code);
        }}
      />
      <small id={`${id}-hint`} class={invalid ? 'field-error' : 'muted'}>{invalid ? t('stock.scanInvalid') : t('stock.scanHint')}</small>
      <BarcodeScan id={id} onCode={(code) => { setInvalid(false); onScan(code); }} />
    </div>
  );
}
