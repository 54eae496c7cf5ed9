import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The operators' console: bundled into dist/console, served at / by the operations service.
export default defineConfig({
  root: __dirname,
  base: './',
  build: {
    outDir: resolve(__dirname, '../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 400,
  },
});
