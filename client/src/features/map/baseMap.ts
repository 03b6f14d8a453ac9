import type { PathOptions } from 'leaflet';
import type { Feature, FeatureCollection } from 'geojson';

// The pure rules of the offline base map (no Leaflet objects): how roads and the railway are drawn, which towns are
// named at which zoom, where a road's number goes. BaseLayers and PlaceLabels turn them into Leaflet layers.

type Props = Feature['properties'] | undefined;

const isChina = (p: Props) => p?.['country'] === 'CN';
const isNational = (p: Props) => p?.['kind'] === 'national';

export const ROAD_COLOUR = '#d9822b';

/** A road's casing (`casing`) or its line: national roads wider and warmer, other roads thinner, the Chinese side greyed. */
export function roadStyle(p: Props, casing: boolean): PathOptions {
  const width = isNational(p) ? 3.2 : 1.8;
  if (casing) return { color: '#ffffff', weight: width + 2.4, opacity: 0.9 };
  return {
    color: isChina(p) ? '#c9bfb3' : isNational(p) ? ROAD_COLOUR : '#e0b46f',
    weight: width,
    opacity: 1,
    className: isNational(p) ? 'map-road map-road--national' : 'map-road',
  };
}

/** The railway: a dark line (grey on the Chinese side) under white dashes — the usual railway sign. */
export function railStyle(p: Props, ticks: boolean): PathOptions {
  if (ticks) return { color: '#ffffff', weight: 1.8, dashArray: '6 6', opacity: 0.95 };
  return { color: isChina(p) ? '#8d8a86' : '#3d4650', weight: 3.5, opacity: 0.9, className: 'map-rail' };
}

/** Towns named at every zoom: the province's city and the border towns beside the gates. The rest from zoom 10. */
export const MAJOR_TOWNS: ReadonlySet<string> = new Set(['Lạng Sơn', 'Đồng Đăng', 'Pingxiang']);
/** Towns named on the left of their dot: Đồng Đăng sits between the Hữu Nghị and Tân Thanh markers, whose labels go right. */
export const NAMED_WEST: ReadonlySet<string> = new Set(['Đồng Đăng']);
/** From this zoom every town is named (the map container gets `map--all-towns`). */
export const ALL_TOWNS_ZOOM = 10;

export const showsAllTowns = (zoom: number): boolean => zoom >= ALL_TOWNS_ZOOM;

/** Whether a town's label shows at `zoom` — what the CSS does with `place-label--minor` and `map--all-towns`. */
export const townShownAt = (name: string, zoom: number): boolean => MAJOR_TOWNS.has(name) || showsAllTowns(zoom);

export interface TownLabel {
  name: string;
  lat: number;
  lon: number;
  /** `place-label--…` modifiers: town, major | minor, cn, west. */
  className: string;
}

/** Every town with a name: a dot and its short local name (`name`; the Chinese side greyed). */
export function townLabels(fc: FeatureCollection): TownLabel[] {
  return fc.features.flatMap((feature) => {
    const name = feature.properties?.['name'];
    if (typeof name !== 'string' || feature.geometry.type !== 'Point') return [];
    const [lon = 0, lat = 0] = feature.geometry.coordinates;
    const classes = ['place-label', 'place-label--town', `place-label--${MAJOR_TOWNS.has(name) ? 'major' : 'minor'}`];
    if (isChina(feature.properties)) classes.push('place-label--cn');
    if (NAMED_WEST.has(name)) classes.push('place-label--west');
    return [{ name, lat, lon, className: classes.join(' ') }];
  });
}

export interface RoadShield {
  ref: string;
  lat: number;
  lon: number;
}

/** One number (QL1A…) per numbered road, on its middle vertex; unnumbered roads (and the Chinese side) get none. */
export function roadShields(fc: FeatureCollection): RoadShield[] {
  return fc.features.flatMap((feature) => {
    const ref = feature.properties?.['ref'];
    if (typeof ref !== 'string' || ref === '' || feature.geometry.type !== 'LineString') return [];
    const coords = feature.geometry.coordinates;
    const [lon, lat] = coords[Math.floor(coords.length / 2)] ?? [];
    if (lon === undefined || lat === undefined) return [];
    return [{ ref, lat, lon }];
  });
}
