import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

// The renderer is a static bundle: served by Electron (file/custom protocol) or by the web bridge.
export default defineConfig({
  root: path.resolve('renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve('dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  worker: { format: 'es' },
});
