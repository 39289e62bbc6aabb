import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { barcodeDetector, productBarcode } from './barcodeDetector';

/**
 * The camera ways into a barcode field, beside the field itself (typing and keyboard-wedge scanners stay as they are):
 * the rear camera live (扫码), or a photo (从照片识别; on a phone the file picker offers the camera too). A code read
 * either way is handed to <paramref name="onCode"/>.
 */
export function BarcodeScan({ id, onCode }: { id: string; onCode: (code: string) => void }) {
  const [scanning, setScanning] = useState(false);
  const [status, setStatus] = useState<string>();
  const read = (code: string) => { setStatus(t('barcode.read', { code })); onCode(code); };

  async function fromPhoto(file: File | undefined) {
    if (!file) return;
    setStatus(t('barcode.reading'));
    try {
      const detector = await barcodeDetector();
      const code = productBarcode(await detector.detect(await createImageBitmap(file)));
      if (code) read(code); else setStatus(t('barcode.notFound'));
    } catch {
      setStatus(t('barcode.failed'));
    }
  }

  return (
    <div class="barcode-scan">
      <div class="chips">
        <button type="button" class="btn btn-small" aria-pressed={scanning} onClick={() => { setStatus(undefined); setScanning(!scanning); }}>
          {scanning ? t('barcode.stop') : t('barcode.camera')}
        </button>
        <label class="btn btn-small" for={`${id}-photo`}>{t('barcode.photo')}</label>
        <input id={`${id}-photo`} type="file" accept="image/*" capture="environment" class="visually-hidden"
          onChange={(e) => { const input = e.currentTarget; void fromPhoto(input.files?.[0]).finally(() => { input.value = ''; }); }} />
      </div>
      {scanning && <CameraScan onCode={(code) => { setScanning(false); read(code); }}
        onError={() => { setScanning(false); setStatus(t('barcode.noCamera')); }} />}
      {status && <p class="muted small" role="status">{status}</p>}
    </div>
  );
}

/** The rear camera, live, read a few times a second until a product barcode is seen; the camera is released on unmount. */
function CameraScan({ onCode, onError }: { onCode: (code: string) => void; onError: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onCode, onError });
  handlers.current = { onCode, onError };
  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera');
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
        if (stopped) return;
        const v = video.current!;
        v.srcObject = stream;
        await v.play();
        const detector = await barcodeDetector();
        const tick = async () => {
          if (stopped) return;
          const code = v.readyState >= 2 ? productBarcode(await detector.detect(v).catch(() => [])) : undefined;
          if (stopped) return;
          if (code) handlers.current.onCode(code);
          else timer = setTimeout(() => void tick(), 250);
        };
        void tick();
      } catch {
        if (!stopped) handlers.current.onError();
      }
    })();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);
  return <video ref={video} class="barcode-camera" muted playsInline aria-label={t('barcode.cameraView')} />;
}
