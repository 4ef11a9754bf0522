/**
 * Areas of a scenario: a polygon of [lat, lon] vertices (ray casting in the lat/lon plane, fine at
 * the scale of a region) or a centre and a radius in kilometres (great-circle distance).
 */
export type LatLon = [number, number];
export type Area = { polygon: LatLon[] } | { centre: LatLon; radiusKm: number };

const EARTH_KM = 6371.0088;

export function haversineKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

export function inPolygon(lat: number, lon: number, poly: LatLon[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [yi, xi] = poly[i]!;
    const [yj, xj] = poly[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A predicate over (lat, lon) for an area. */
export function areaTest(area: Area): (lat: number, lon: number) => boolean {
  if ('polygon' in area) {
    const poly = area.polygon;
    let minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
    for (const [la, lo] of poly) {
      minLat = Math.min(minLat, la); maxLat = Math.max(maxLat, la);
      minLon = Math.min(minLon, lo); maxLon = Math.max(maxLon, lo);
    }
    return (lat, lon) => lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon && inPolygon(lat, lon, poly);
  }
  const { centre, radiusKm } = area;
  const dLat = radiusKm / 111; // cheap box first
  return (lat, lon) => Math.abs(lat - centre[0]) <= dLat + 1e-9 && haversineKm(centre, [lat, lon]) <= radiusKm;
}
