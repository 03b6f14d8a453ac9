import { useEffect } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection } from 'geojson';
import type { GeoLayers } from './geo.ts';

// Quiet area names (provinces, the China side) so the map orients without any tiles.

const labelAt = (latLng: L.LatLngExpression, text: string, kind: string) =>
  L.marker(latLng, {
    interactive: false,
    keyboard: false,
    icon: L.divIcon({ className: `place-label place-label--${kind}`, html: `<span>${text}</span>`, iconSize: [0, 0] }),
  });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Place names are proper nouns: the short local name (`Lạng Sơn`) reads right in both languages. */
function featureLabels(fc: FeatureCollection, kind: string): L.Marker[] {
  return fc.features.flatMap((feature) => {
    const name = feature.properties?.['name'];
    if (typeof name !== 'string' || feature.properties?.['country'] === 'CN') return [];
    const center = L.geoJSON(feature).getBounds().getCenter();
    return [labelAt(center, escapeHtml(name), kind)];
  });
}

export function PlaceLabels({ geo }: { geo: GeoLayers }) {
  const map = useMap();
  const { t } = useTranslation();
  useEffect(() => {
    const group = L.layerGroup([
      ...featureLabels(geo.neighbours, 'neighbour'),
      // By hand, where no marker goes: the province's box centre sits on the gates, and Guangxi is
      // clipped to the map box so its centre means nothing.
      ...featureLabels(geo.province, 'province').map((label) => label.setLatLng([21.72, 106.42])),
      labelAt([22.42, 107.2], escapeHtml(t('map.china')), 'country'),
    ]);
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, geo, t]);
  return null;
}
