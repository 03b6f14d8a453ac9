import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// The console is built into dist/client and served by the Express server (same origin as the API and socket).
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [
    react(),
    // Installable on a phone, with an offline shell (docs/ARCHITECTURE.md "Offline shell"): workbox precaches the
    // built console, the base map and fonts; the API, the socket and /healthz always go to the network.
    VitePWA({
      injectRegister: false, // client/src/offline/register.ts, production builds only
      registerType: 'autoUpdate',
      includeAssets: ['geo/*.geojson', 'fonts/*.woff2', 'icons/*.png', 'icons/*.svg'],
      manifest: {
        name: 'Cửa khẩu số — Lạng Sơn',
        short_name: 'Cửa khẩu số',
        description: 'Tình trạng các cửa khẩu biên giới tỉnh Lạng Sơn: xe chờ, thông báo tạm dừng, thông quan.',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f3f5f7',
        theme_color: '#1d2b3a',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,woff2,geojson,png,svg}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io\//, /^\/healthz/],
        runtimeCaching: [],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
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
