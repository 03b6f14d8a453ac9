import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/http/openapi/openapi.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

// Every route the server mounts is in the OpenAPI document (and nothing documented is missing a route):
// read off the real express app, so a new route without its documentation fails here.

interface Layer {
  name?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `METHOD /path` of every route of the app; routers are mounted under /api/v1 (server/app.ts). */
function mountedRoutes(stack: readonly Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${prefix}${layer.route?.path ?? ''}`);
    }
    if (layer.name === 'router' && layer.handle?.stack) return mountedRoutes(layer.handle.stack, '/api/v1');
    return [];
  });
}

/** Documented operations as `METHOD /path` with express's `:id` for `{id}`. */
function documented(): string[] {
  const doc = openApiDocument();
  return Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
    Object.keys(ops ?? {})
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
}

describe('OpenAPI covers the mounted routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('documents every route and documents no route that is not mounted', () => {
    const { router } = server.app.web as unknown as { router: { stack: Layer[] } };
    const mounted = mountedRoutes(router.stack).filter((r) => !r.endsWith(' /metrics'));
    expect(mounted.length).toBeGreaterThan(20);
    const docs = documented();
    expect(mounted.filter((r) => !docs.includes(r)), 'mounted but not documented').toEqual([]);
    expect(docs.filter((r) => !mounted.includes(r)), 'documented but not mounted').toEqual([]);
  });
});
