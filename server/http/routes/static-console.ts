import express, { type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The built console (vite → dist/client), same origin as the API and socket. Deep links
// (/gates/huu-nghi) get index.html so the client router can take over.

export function staticConsole(dir: string): RequestHandler[] {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return [];
  const spaFallback: RequestHandler = (req, res, next) => {
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && !req.path.startsWith('/api/') && req.path !== '/api';
    if (!isPage || req.path.startsWith('/socket.io')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  // Source maps are never served, even if a build left some behind.
  const noSourceMaps: RequestHandler = (req, res, next) => (req.path.endsWith('.map') ? res.status(404).end() : next());
  // The page, the service worker and the manifest are looked at again on every load (a new build reaches phones
  // at once); the hashed assets may be kept an hour.
  const always = /(?:^|\/)(?:index\.html|sw\.js|manifest\.webmanifest)$/;
  const statics = express.static(dir, {
    index: 'index.html',
    maxAge: '1h',
    setHeaders: (res, path) => {
      if (always.test(path)) res.setHeader('Cache-Control', 'no-cache');
    },
  });
  return [noSourceMaps, statics, spaFallback];
}
