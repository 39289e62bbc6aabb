import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { drawIcon } from './icon';

/**
 * Emits the PNG icons and `sw.js` with the exact list of built files (the app shell), so the service worker
 * caches what this build produced and nothing stale.
 */
export function pwa(): Plugin {
  return {
    name: 'stationery-pwa',
    apply: 'build',
    generateBundle(_options, bundle) {
      const icons: Array<[string, number, boolean]> = [
        ['icons/icon-192.png', 192, false],
        ['icons/icon-512.png', 512, false],
        ['icons/maskable-512.png', 512, true],
        ['icons/apple-touch-icon.png', 180, false],
      ];
      for (const [fileName, size, maskable] of icons)
        this.emitFile({ type: 'asset', fileName, source: drawIcon(size, maskable) });

      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map'));
      const shell = ['/', '/index.html', '/manifest.webmanifest', '/icons/icon.svg',
        ...icons.map(([f]) => '/' + f), ...files.filter((f) => f !== 'index.html').map((f) => '/' + f)];
      const unique = [...new Set(shell)].sort();
      const version = createHash('sha256').update(unique.join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
      const source = template.replace('__VERSION__', version).replace('__SHELL__', JSON.stringify(unique, null, 2));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
