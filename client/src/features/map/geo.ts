import { useEffect, useState } from 'react';
import type { FeatureCollection } from 'geojson';

// The offline base map (client/public/geo, see SOURCES.md): drawn with no network beyond our own server.

export const OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

export interface GeoLayers {
  province: FeatureCollection;
  neighbours: FeatureCollection;
  borders: FeatureCollection;
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
    Promise.all([load('langson-province', abort.signal), load('neighbours', abort.signal), load('borders', abort.signal)])
      .then(([province, neighbours, borders]) => setLayers({ province, neighbours, borders }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) console.error('[map] offline layers failed to load', error);
      });
    return () => abort.abort();
  }, []);
  return layers;
}
