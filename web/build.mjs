// Copies the dashboard's third-party files into the Python package, so that the page works
// with no internet: Leaflet (BSD-2-Clause), its marker-cluster plugin (Leaflet.markercluster,
// MIT) and a low-resolution world outline (world-atlas, ISC, from Natural Earth's
// public-domain 1:110m countries) converted to GeoJSON.
// Run with `npm ci && npm run build` (or `make static`); the output is committed.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { feature } from "topojson-client";

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
const versions = Object.fromEntries(
  ["leaflet", "leaflet.markercluster", "world-atlas", "topojson-client"].map((p) => [
    p,
    JSON.parse(readFileSync(mod(`${p}/package.json`), "utf8")).version,
  ]),
);
writeFileSync(new URL("VERSIONS.json", out), JSON.stringify(versions, null, 2) + "\n");
console.log("vendor files written", versions);
