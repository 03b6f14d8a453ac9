import helmet from 'helmet';
import type { RequestHandler } from 'express';
import type { Config } from '../../../shared/config.ts';

// Security headers. The CSP still lets the built console run: own scripts, Leaflet's inline
// styles, data: images (marker icons), the optional online tile host, and the Socket.IO websocket.

/** `https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png` → `https://*.tile.openstreetmap.org` */
export function tileSource(tileUrl: string | undefined): string[] {
  if (!tileUrl) return [];
  const origin = /^(https?:\/\/[^/]+)/.exec(tileUrl.replace(/\{s\}\./, '*.'))?.[1];
  return origin && !origin.includes('{') ? [origin] : [];
}

export function securityHeaders(config: Config): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', ...tileSource(config.map.tileUrl)],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}
