import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console is built into dist/client and served by the Express server (same origin as the API and socket).
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react()],
  // No source maps in the build: the console is public, and its source is nobody's business but ours
  // (the dev server still has them). The server also refuses to serve any *.map file.
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1200 },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
      '/socket.io': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
