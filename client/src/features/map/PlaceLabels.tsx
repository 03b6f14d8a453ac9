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

/** Towns named at every zoom: the province's city and the border towns beside the gates. The rest from zoom 10. */
export const MAJOR_TOWNS: ReadonlySet<string> = new Set(['Lạng Sơn', 'Đồng Đăng', 'Pingxiang']);
/** Towns named on the left of their dot: Đồng Đăng sits between the Hữu Nghị and Tân Thanh markers, whose labels go right. */
const NAMED_WEST: ReadonlySet<string> = new Set(['Đồng Đăng']);
/** From this zoom every town is named. */
export const ALL_TOWNS_ZOOM = 10;

/** A town: a small dot and its name beside it (the local short name; the Chinese side greyed). */
function townLabels(fc: FeatureCollection): L.Marker[] {
  return fc.features.flatMap((feature) => {
    const name = feature.properties?.['name'];
    if (typeof name !== 'string' || feature.geometry.type !== 'Point') return [];
    const [lon = 0, lat = 0] = feature.geometry.coordinates;
    const china = feature.properties?.['country'] === 'CN';
    const kind = `town place-label--${MAJOR_TOWNS.has(name) ? 'major' : 'minor'}${china ? ' place-label--cn' : ''}${NAMED_WEST.has(name) ? ' place-label--west' : ''}`;
    return [
      L.marker([lat, lon], {
        interactive: false,
        keyboard: false,
        pane: PLACES_PANE,
        icon: L.divIcon({ className: `place-label place-label--${kind}`, html: `<i></i><span data-testid="town-${escapeHtml(name)}">${escapeHtml(name)}</span>`, iconSize: [0, 0] }),
      }),
    ];
  });
}

/** The number of a national road (QL1A…) on a shield, at the middle of its longest line. */
function roadShields(fc: FeatureCollection): L.Marker[] {
  return fc.features.flatMap((feature) => {
    const ref = feature.properties?.['ref'];
    if (typeof ref !== 'string' || feature.geometry.type !== 'LineString') return [];
    const coords = feature.geometry.coordinates;
    const [lon = 0, lat = 0] = coords[Math.floor(coords.length / 2)] ?? [];
    return [
      L.marker([lat, lon], {
        interactive: false,
        keyboard: false,
        pane: PLACES_PANE,
        icon: L.divIcon({ className: 'place-label place-label--road', html: `<span data-testid="road-${escapeHtml(ref)}">${escapeHtml(ref)}</span>`, iconSize: [0, 0] }),
      }),
    ];
  });
}

/** Place names lie under the gate markers (their own pane between the shapes and the markers), so they never cover one. */
const PLACES_PANE = 'places';

export function PlaceLabels({ geo }: { geo: GeoLayers }) {
  const map = useMap();
  const { t } = useTranslation();
  useEffect(() => {
    if (!map.getPane(PLACES_PANE)) {
      const pane = map.createPane(PLACES_PANE);
      pane.style.zIndex = '450';
      pane.style.pointerEvents = 'none';
    }
    // Minor towns only once zoomed in: at the province's scale they would crowd the gates' labels.
    const container = map.getContainer();
    const onZoom = () => container.classList.toggle('map--all-towns', map.getZoom() >= ALL_TOWNS_ZOOM);
    onZoom();
    map.on('zoomend', onZoom);
    const places = L.layerGroup([...roadShields(geo.roads), ...townLabels(geo.towns)]);
    places.addTo(map);
    const group = L.layerGroup([
      ...featureLabels(geo.neighbours, 'neighbour'),
      // By hand, where no marker goes: the province's box centre sits on the gates, and Guangxi is
      // clipped to the map box so its centre means nothing.
      ...featureLabels(geo.province, 'province').map((label) => label.setLatLng([21.72, 106.42])),
      labelAt([22.42, 107.2], escapeHtml(t('map.china')), 'country'),
    ]);
    group.addTo(map);
    return () => {
      map.off('zoomend', onZoom);
      places.remove();
      group.remove();
    };
  }, [map, geo, t]);
  return null;
}
