import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  ALL_TOWNS_ZOOM,
  MAJOR_TOWNS,
  railStyle,
  roadShields,
  roadStyle,
  showsAllTowns,
  townLabels,
  townShownAt,
} from '../../client/src/features/map/baseMap.ts';
import { OSM_ATTRIBUTION } from '../../client/src/features/map/geo.ts';
import { markerHtml, placementOf, type MarkerView } from '../../client/src/features/map/markerHtml.ts';
import { en } from '../../client/src/i18n/en.ts';
import { vi } from '../../client/src/i18n/vi.ts';
import { gateStatus } from './fixtures.ts';

// The base map's rules on the shipped files: which towns are named at which zoom, which roads get a number and how
// they are drawn, the credit line, the legend's words, and a restricted gate's marker keeping its tag. Pure.

const geo = (name: string): FeatureCollection => JSON.parse(readFileSync(`client/public/geo/${name}.geojson`, 'utf8')) as FeatureCollection;
const towns = geo('towns');
const roads = geo('roads');
const rail = geo('rail');

describe('town labels', () => {
  const labels = townLabels(towns);

  it('names every town in the file, by its short local name', () => {
    expect(labels).toHaveLength(34);
    const names = labels.map((l) => l.name);
    expect(names).toEqual(expect.arrayContaining(['Lạng Sơn', 'Đồng Đăng', 'Cao Lộc', 'Na Sầm', 'Pingxiang']));
    expect(names.filter((n) => /^thị trấn/iu.test(n))).toEqual([]);
  });

  it('shows only the province city and the border towns below zoom 10, every town from zoom 10', () => {
    const shown = (zoom: number) => labels.filter((l) => townShownAt(l.name, zoom)).map((l) => l.name).sort();
    expect(shown(8)).toEqual([...MAJOR_TOWNS].sort());
    expect(shown(9.75)).toEqual([...MAJOR_TOWNS].sort());
    expect(shown(ALL_TOWNS_ZOOM)).toHaveLength(34);
    expect(showsAllTowns(9.75)).toBe(false);
    expect(showsAllTowns(10)).toBe(true);
  });

  it('marks minor and Chinese towns for the CSS, and names Đồng Đăng on the west, away from the gate labels', () => {
    const byName = new Map(labels.map((l) => [l.name, l.className.split(' ')]));
    expect(byName.get('Lạng Sơn')).toEqual(expect.arrayContaining(['place-label', 'place-label--town', 'place-label--major']));
    expect(byName.get('Cao Lộc')).toContain('place-label--minor');
    expect(byName.get('Pingxiang')).toEqual(expect.arrayContaining(['place-label--major', 'place-label--cn']));
    expect(byName.get('Longzhou')).toEqual(expect.arrayContaining(['place-label--minor', 'place-label--cn']));
    expect(byName.get('Lạng Sơn')).not.toContain('place-label--cn');
    expect(byName.get('Đồng Đăng')).toContain('place-label--west');
  });
});

describe('roads and railway', () => {
  it('puts a number on the three national roads only, on a point of their own line', () => {
    const shields = roadShields(roads);
    expect(shields.map((s) => s.ref).sort()).toEqual(['QL18', 'QL1A', 'QL4A']);
    for (const shield of shields) {
      const line = roads.features.find((f) => f.properties?.['ref'] === shield.ref)?.geometry;
      expect(line?.type).toBe('LineString');
      if (line?.type === 'LineString') expect(line.coordinates).toContainEqual([shield.lon, shield.lat]);
    }
  });

  it('draws national roads wider than the others, over a wider light casing, and the Chinese side muted', () => {
    const national = roads.features.filter((f) => f.properties?.['kind'] === 'national');
    const other = roads.features.filter((f) => f.properties?.['kind'] !== 'national');
    expect(national).toHaveLength(3);
    const line = roadStyle(national[0]?.properties, false);
    const casing = roadStyle(national[0]?.properties, true);
    expect(line.className).toContain('map-road--national');
    expect(casing.color).toBe('#ffffff');
    expect(casing.weight).toBeGreaterThan(line.weight ?? 0);
    for (const road of other) {
      const style = roadStyle(road.properties, false);
      expect(style.weight).toBeLessThan(line.weight ?? 0);
      expect(style.className).not.toContain('national');
    }
    const chinese = other.find((f) => f.properties?.['country'] === 'CN');
    const vietnamese = other.find((f) => f.properties?.['country'] === 'VN');
    expect(roadStyle(chinese?.properties, false).color).not.toBe(roadStyle(vietnamese?.properties, false).color);
  });

  it('draws the railway as a dark line under white dashes, grey beyond the border', () => {
    const [vn, cn] = ['VN', 'CN'].map((c) => rail.features.find((f) => f.properties?.['country'] === c)?.properties);
    expect(railStyle(vn, false)).toMatchObject({ color: '#3d4650', className: 'map-rail' });
    expect(railStyle(cn, false).color).not.toBe('#3d4650');
    expect(railStyle(vn, true)).toMatchObject({ color: '#ffffff', dashArray: '6 6' });
    expect(railStyle(vn, true).weight).toBeLessThan(railStyle(vn, false).weight ?? 0);
  });
});

describe('credit line and legend', () => {
  it('credits OSM, Natural Earth tiles and GeoNames in one line, with the licence links', () => {
    expect(OSM_ATTRIBUTION.replace(/<[^>]+>/g, '')).toBe(
      '© OpenStreetMap contributors (ODbL) · Natural Earth / naturalearthtiles (ODbL) · GeoNames (CC BY 4.0)',
    );
    expect(OSM_ATTRIBUTION).toContain('href="https://www.openstreetmap.org/copyright"');
    expect(OSM_ATTRIBUTION).toContain('href="https://creativecommons.org/licenses/by/4.0/"');
  });

  it('has the same map keys in both languages, with the legend words', () => {
    expect(Object.keys(en.map).sort()).toEqual(Object.keys(vi.map).sort());
    expect(vi.map).toMatchObject({ road: 'Quốc lộ', rail: 'Đường sắt', town: 'Thị trấn / thành phố' });
    expect(en.map.road).not.toBe('');
  });
});

describe('gate markers', () => {
  const view = (overrides: Partial<MarkerView>): MarkerView => ({
    id: 'tan-thanh',
    name: 'Cửa khẩu Tân Thanh',
    queueText: '1.060',
    level: 'moderate',
    placement: 'nw',
    selected: false,
    status: 'receiving',
    statusText: '',
    ...overrides,
  });

  it('keeps the status tag on a restricted or stopped gate, none on a receiving one', () => {
    expect(markerHtml(view({}))).not.toContain('gm__status');
    const restricted = markerHtml(view({ status: 'restricted', statusText: 'Hạn chế' }));
    expect(restricted).toContain('<span class="gm__status">Hạn chế</span>');
    expect(restricted).toContain('gm--restricted');
    expect(markerHtml(view({ status: 'stopped', statusText: 'Tạm dừng' }))).toContain('<span class="gm__status">Tạm dừng</span>');
  });

  it('points the labels of Hữu Nghị and Tân Thanh (≈ 4 km apart) away from each other, and Hữu Nghị’s off Chi Ma', () => {
    const huuNghi = gateStatus('huu-nghi', 10, { lat: 21.9711, lon: 106.7108 });
    const tanThanh = gateStatus('tan-thanh', 10, { lat: 22.0031, lon: 106.6839 });
    const chiMa = gateStatus('chi-ma', 10, { lat: 21.82, lon: 107.02 });
    expect(placementOf(huuNghi, [huuNghi, tanThanh])).toBe('se');
    expect(placementOf(tanThanh, [huuNghi, tanThanh])).toBe('nw');
    // Chi Ma lies south-east of Hữu Nghị: its label turns north-east, still east of Tân Thanh's (north-west).
    const gates = [huuNghi, tanThanh, chiMa];
    expect(gates.map((g) => placementOf(g, gates))).toEqual(['ne', 'nw', 'se']);
  });
});
