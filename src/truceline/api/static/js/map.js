// Truceline world map: countries coloured by event count.
//
// Plain browser ES module, no build step. It uses the globals `d3` and `topojson` from the vendored UMD files
// (static/vendor/d3.min.js, static/vendor/topojson-client.min.js), which the page must load first with <script>.
//
//   import { drawMap } from "/static/js/map.js";
//   await drawMap(document.querySelector("svg#map"), { RUS: 12, UKR: 30 }, { onClick: (iso3) => ... });
//   options.points: [{ name, lat, lon, precision, events, fatalities }] (GET /api/events/places): towns are
//   drawn as filled dots, areas (a province's or region's centroid) as dashed rings.
//
// Antimeridian: d3-geo clips spherical polygons where they cross the map's edge, so a country that crosses it is
// drawn in pieces at both edges, never as a streak across the map, provided that its rings are wound the way d3
// expects (exterior clockwise on the sphere; world-atlas v2 is). A polygon wound the other way (RFC 7946 GeoJSON)
// means "the whole sphere except this country"; the guard in antimeridianGuard() spots such shapes and draws them
// rewound (see rewind() below).
/* global d3, topojson */

const SPHERE = { type: "Sphere" };
const SPHERE_AREA = 4 * Math.PI; // steradians; d3.geoArea of the whole sphere

// Default rotation: centre the map on 11.6°E, so that its edge (168.4°W) runs through the Bering Strait, between
// Alaska and St Lawrence Island. No polygon of the 1:110m atlas is then cut by the edge (Antarctica rings the pole):
// Chukotka stays with the rest of Russia and Fiji is drawn whole. St Lawrence Island (USA) lies west of the line and
// so is drawn at the right edge, beside Chukotka, where it is. With [0, 0], Fiji and Russia are each split between
// the map's two edges (in pieces, not as streaks).
const DEFAULT_ROTATE = [-11.6, 0];

const NO_DATA_FILL = "#e0e0e0"; // light grey: no events
const OCEAN_FILL = "#f4f8fb";

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`map: ${url}: HTTP ${response.status}`);
  return response.json();
}

// The drawing size: options.width/height, else the SVG's viewBox, else its size on the page, else 960 x 500.
function svgSize(svgElement, options) {
  const box = svgElement.viewBox && svgElement.viewBox.baseVal;
  const rect = svgElement.getBoundingClientRect();
  const width = options.width || (box && box.width) || rect.width || 960;
  const height = options.height || (box && box.height) || rect.height || 500;
  return [width, height];
}

// A polygon's rings, reversed if the polygon covers more than a hemisphere (no country does, so it is wound
// the wrong way round for d3); a correctly wound polygon is returned as it is.
function rewindPolygon(rings) {
  const area = d3.geoArea({ type: "Polygon", coordinates: rings });
  return area > SPHERE_AREA / 2 ? rings.map((ring) => ring.slice().reverse()) : rings;
}

function rewindGeometry(geometry) {
  if (!geometry) return geometry;
  switch (geometry.type) {
    case "Polygon":
      return { ...geometry, coordinates: rewindPolygon(geometry.coordinates) };
    case "MultiPolygon":
      return { ...geometry, coordinates: geometry.coordinates.map(rewindPolygon) };
    case "GeometryCollection":
      return { ...geometry, geometries: geometry.geometries.map(rewindGeometry) };
    default:
      return geometry; // points and lines have no winding
  }
}

/**
 * rewind(feature): a copy of a GeoJSON Feature (or bare geometry, or FeatureCollection) whose polygons are wound
 * the way d3-geo expects: exterior rings clockwise on the sphere, holes counter-clockwise.
 *
 * d3-geo reads a ring's winding to tell the inside of a spherical polygon from the outside; RFC 7946 GeoJSON
 * (and many converters) wind rings the other way, and d3 then draws the complement: the whole sphere less the
 * country, or long streaks where that is clipped at the antimeridian. Each polygon whose d3.geoArea exceeds half
 * the sphere is taken to be inverted and all its rings (exterior and holes) are reversed; polygons that are already
 * right are kept as they are, so rewind() is idempotent and safe on correctly wound data. The input is not changed.
 */
export function rewind(feature) {
  if (!feature) return feature;
  if (feature.type === "FeatureCollection") return { ...feature, features: feature.features.map(rewind) };
  if (feature.type === "Feature") return { ...feature, geometry: rewindGeometry(feature.geometry) };
  return rewindGeometry(feature);
}

// Guard against streaks: a country whose projected bounding box is wider than 95% of the map is suspect. If its
// rewound shape is smaller (it was inverted: d3 would fill the whole sphere but the country, or streak at the
// edge), return the rewound feature; else null (the shape is fine, e.g. Antarctica, or merely split between the
// map's two edges, which is not a streak). The test is on the rewound area, not the drawn one: an inverted small
// country measures nearly 100% of the sphere by d3.geoArea, and rewind() only flips polygons larger than a
// hemisphere, so it is safe for large countries (Russia 3.3% of the sphere, Antarctica 2.4%) as well as small ones.
function antimeridianGuard(feature, path, mapWidth) {
  const [[x0], [x1]] = path.bounds(feature);
  if (!(x1 - x0 > 0.95 * mapWidth)) return null;
  const rewound = rewind(feature);
  return d3.geoArea(rewound) < d3.geoArea(feature) ? rewound : null;
}

// counts: a Map or a plain object, iso3 -> number.
function countLookup(countsByIso3) {
  if (countsByIso3 instanceof Map) return (iso3) => Number(countsByIso3.get(iso3) || 0);
  const counts = countsByIso3 || {};
  return (iso3) => Number((iso3 && counts[iso3]) || 0);
}

/**
 * drawMap(svgElement, countsByIso3, options): draw every country of world-atlas's countries-110m.json into the SVG
 * with d3.geoNaturalEarth1() fitted to its size, filled by event count (0 = light grey).
 *
 * countsByIso3: {ISO3: count} or a Map. Options (all optional):
 *   base       where countries-110m.json and iso-numeric.json are served; default "/static/vendor/"
 *   onClick    function(iso3), called when a country with an ISO code is clicked
 *   rotate     the projection's rotation, default [-11.6, 0] (see DEFAULT_ROTATE)
 *   width, height   drawing size in SVG units; default the SVG's viewBox or its size on the page
 *   interpolator    a d3 colour interpolator for counts > 0; default d3.interpolateOrRd
 *   world      an already loaded TopoJSON topology with object "countries", instead of fetching the atlas
 *
 * Each country is a <path class="country"> with data-iso3 (absent for the few features without a code),
 * data-name, data-count and a <title> "Name: N events". Resolves to {projection, path, features, rewound}, where
 * rewound lists the ISO codes (or names) that the antimeridian guard redrew rewound.
 */
export async function drawMap(svgElement, countsByIso3, options = {}) {
  const base = options.base ?? "/static/vendor/";
  const [world, isoByKey] = await Promise.all([
    options.world ?? fetchJson(`${base}countries-110m.json`),
    fetchJson(`${base}iso-numeric.json`),
  ]);

  const [width, height] = svgSize(svgElement, options);
  const projection = d3
    .geoNaturalEarth1()
    .rotate(options.rotate ?? DEFAULT_ROTATE)
    .fitSize([width, height], SPHERE);
  const path = d3.geoPath(projection);
  const [[sx0], [sx1]] = path.bounds(SPHERE);
  const mapWidth = sx1 - sx0;

  // ids are ISO 3166-1 numeric; the few features without one are keyed by name in iso-numeric.json
  const features = topojson.feature(world, world.objects.countries).features;
  const countOf = countLookup(countsByIso3);
  for (const f of features) {
    f.properties = f.properties || {};
    f.properties.iso3 = isoByKey[f.id] ?? isoByKey[f.properties.name] ?? null;
    f.properties.count = countOf(f.properties.iso3);
  }

  const max = d3.max(features, (f) => f.properties.count) || 1;
  const interpolator = options.interpolator ?? d3.interpolateOrRd;
  // sqrt: a few countries with many events should not wash out the rest; start at 0.15 so 1 event is visible
  const color = d3.scaleSequentialSqrt([0, max], (t) => interpolator(0.15 + 0.85 * t));
  const fill = (f) => (f.properties.count > 0 ? color(f.properties.count) : NO_DATA_FILL);

  const svg = d3.select(svgElement);
  svg.selectAll("*").remove();
  svg.attr("viewBox", `0 0 ${width} ${height}`).classed("truceline-map", true);
  svg.append("path").attr("class", "sphere").attr("d", path(SPHERE)).attr("fill", OCEAN_FILL).attr("stroke", "#ccd");

  const countries = svg
    .append("g")
    .attr("class", "countries")
    .selectAll("path")
    .data(features)
    .join("path")
    .attr("class", "country")
    .attr("d", path)
    .attr("fill", fill)
    .attr("stroke", "#fff")
    .attr("stroke-width", 0.5)
    .attr("data-iso3", (f) => f.properties.iso3) // null: attribute not set
    .attr("data-name", (f) => f.properties.name)
    .attr("data-count", (f) => f.properties.count);

  countries.append("title").text((f) => {
    const n = f.properties.count;
    return `${f.properties.name}: ${n} event${n === 1 ? "" : "s"}`;
  });

  // Antimeridian guard: redraw inverted (wrongly wound) shapes with their rings rewound.
  const rewound = [];
  countries.each(function (f) {
    const fixed = antimeridianGuard(f, path, mapWidth);
    if (fixed) {
      d3.select(this).attr("d", path(fixed)).attr("data-rewound", "true");
      rewound.push(f.properties.iso3 ?? f.properties.name);
    }
  });

  // Places: a town is a filled dot, an area (province, region, a country's centroid) a hollow ring, so that
  // a reader never takes a region's centroid for a town.
  const points = (options.points || []).filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  const radius = d3.scaleSqrt([1, d3.max(points, (p) => p.events) || 1], [3, 9]);
  const dots = svg
    .append("g")
    .attr("class", "places")
    .selectAll("circle")
    .data(points)
    .join("circle")
    .attr("class", (p) => (p.precision === "city" ? "place point" : "place centroid"))
    .attr("cx", (p) => projection([p.lon, p.lat])[0])
    .attr("cy", (p) => projection([p.lon, p.lat])[1])
    .attr("r", (p) => radius(p.events))
    .attr("fill", (p) => (p.precision === "city" ? "#7a1f1f" : "none"))
    .attr("fill-opacity", 0.8)
    .attr("stroke", "#7a1f1f")
    .attr("stroke-width", (p) => (p.precision === "city" ? 0.5 : 1.5))
    .attr("stroke-dasharray", (p) => (p.precision === "city" ? null : "2,2"))
    .attr("data-name", (p) => p.name)
    .attr("data-precision", (p) => p.precision);
  dots.append("title").text((p) => {
    const kind = p.precision === "city" ? "" : ` (${p.precision}, centroid)`;
    const deaths = p.fatalities ? `, ${p.fatalities} killed` : "";
    return `${p.name}${kind}: ${p.events} event${p.events === 1 ? "" : "s"}${deaths}`;
  });

  if (typeof options.onClick === "function") {
    countries
      .filter((f) => f.properties.iso3)
      .style("cursor", "pointer")
      .on("click", (event, f) => options.onClick(f.properties.iso3));
  }

  return { projection, path, features, rewound };
}
