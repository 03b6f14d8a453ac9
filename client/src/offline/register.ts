// The service worker (vite-plugin-pwa's workbox build, /sw.js) in production builds only: the dev server and
// the tests of the sources never get one. Failing to register (an old browser, a private window) only means
// no offline shell.
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => console.warn('[offline] no service worker', error));
  });
}
