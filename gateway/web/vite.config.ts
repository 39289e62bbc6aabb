import { defineConfig } from 'vitest/config';
import { pwa } from './build-tools/pwa';

// Preact through esbuild's automatic JSX runtime: no framework plugin needed.
const backend = process.env.STATIONERY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [pwa()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
    rollupOptions: {
      // @microsoft/signalr ships /*#__PURE__*/ comments Rollup cannot place; harmless, and not ours to fix.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('@microsoft/signalr')) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      '/hubs': { target: backend, changeOrigin: true, ws: true },
    },
  },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
