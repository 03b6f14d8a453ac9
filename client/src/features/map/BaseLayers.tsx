import { useEffect } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { Feature } from 'geojson';
import { railStyle, roadStyle } from './baseMap.ts';
import { OSM_ATTRIBUTION, type GeoLayers } from './geo.ts';

// The offline base map as one Leaflet layer group; renders nothing itself (house style).

const isChina = (feature: Feature | undefined) => feature?.properties?.['country'] === 'CN';

/** Over online tiles the fills turn into a light wash so the tiles stay readable. */
const neighbourStyle = (fillOpacity: number) => (feature: Feature | undefined): L.PathOptions =>
  isChina(feature)
    ? { color: '#d9cfc4', weight: 0, fillColor: '#efe7dd', fillOpacity }
    : { color: '#c4c9ce', weight: 1, fillColor: '#eceeef', fillOpacity };

export function BaseLayers({ geo, overTiles = false }: { geo: GeoLayers; overTiles?: boolean }) {
  const map = useMap();
  useEffect(() => {
    const fillOpacity = overTiles ? 0.25 : 1;
    const group = L.layerGroup([
      L.geoJSON(geo.neighbours, { style: neighbourStyle(fillOpacity), interactive: false }),
      L.geoJSON(geo.province, {
        style: { color: '#5f6f7e', weight: 1.5, fillColor: '#ffffff', fillOpacity: overTiles ? 0.1 : 1, className: 'map-province' },
        interactive: false,
        attribution: OSM_ATTRIBUTION,
      }),
      // Roads: a light casing under a warm line; national roads wider, the Chinese side muted. Then the railway:
      // a dark line with white dashes (the usual railway sign). Natural Earth 1:10m — an overview, ≈ 1 km off in places.
      L.geoJSON(geo.roads, { style: (f) => roadStyle(f?.properties, true), interactive: false }),
      L.geoJSON(geo.roads, { style: (f) => roadStyle(f?.properties, false), interactive: false }),
      L.geoJSON(geo.rail, { style: (f) => railStyle(f?.properties, false), interactive: false }),
      L.geoJSON(geo.rail, { style: (f) => railStyle(f?.properties, true), interactive: false }),
      // White casing under the border line keeps it readable over both fills.
      L.geoJSON(geo.borders, { style: { color: '#ffffff', weight: 6, opacity: 0.9 }, interactive: false }),
      L.geoJSON(geo.borders, { style: { color: '#8c3a3a', weight: 2.5, dashArray: '10 4 2 4', className: 'map-border' }, interactive: false }),
    ]);
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, geo, overTiles]);
  return null;
}
