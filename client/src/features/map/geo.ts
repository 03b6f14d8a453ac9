import { useEffect, useState } from 'react';
import type { FeatureCollection } from 'geojson';

// The offline base map (client/public/geo, see SOURCES.md): drawn with no network beyond our own server.

/** One credit line for every offline layer (geo/SOURCES.md, "Required attribution"). */
export const OSM_ATTRIBUTION =
  '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors (ODbL) · ' +
  '<a href="https://www.naturalearthdata.com/">Natural Earth</a> / naturalearthtiles (ODbL) · ' +
  'GeoNames (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>)';

export interface GeoLayers {
  province: FeatureCollection;
  neighbours: FeatureCollection;
  borders: FeatureCollection;
  /** Towns and district seats (points; `name`, `country`). */
  towns: FeatureCollection;
  /** National roads (`ref` QL1A, QL4A, QL18; `kind` national | road) — Natural Earth 1:10m, ≈ 1 km off in places. */
  roads: FeatureCollection;
  /** The Hà Nội – Đồng Đăng railway and the Chinese line beyond. */
  rail: FeatureCollection;
}

/** Shallow check: enough for Leaflet to draw it; these are our own static files, not user input. */
const isFeatureCollection = (value: unknown): value is FeatureCollection =>
  typeof value === 'object' &&
  value !== null &&
  'type' in value &&
  value.type === 'FeatureCollection' &&
  'features' in value &&
  Array.isArray(value.features);

async function load(name: string, signal: AbortSignal): Promise<FeatureCollection> {
  const response = await fetch(`/geo/${name}.geojson`, { signal });
  if (!response.ok) throw new Error(`/geo/${name}.geojson: HTTP ${response.status}`);
  const data: unknown = await response.json();
  if (!isFeatureCollection(data)) throw new Error(`/geo/${name}.geojson is not a FeatureCollection`);
  return data;
}

export function useGeoLayers(): GeoLayers | null {
  const [layers, setLayers] = useState<GeoLayers | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const names = ['langson-province', 'neighbours', 'borders', 'towns', 'roads', 'rail'] as const;
    Promise.all(names.map((name) => load(name, abort.signal)))
      .then(([province, neighbours, borders, towns, roads, rail]) => {
        if (province && neighbours && borders && towns && roads && rail) setLayers({ province, neighbours, borders, towns, roads, rail });
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) console.error('[map] offline layers failed to load', error);
      });
    return () => abort.abort();
  }, []);
  return layers;
}
