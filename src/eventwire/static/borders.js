// Zoomed in, the map gets first-level administrative borders (states, provinces, regions) and
// the names of those areas and of towns, from files web/build.mjs vendors (Natural Earth's
// admin-1 areas, GeoNames' towns). The borders are megabytes: they are fetched the first time
// the map is zoomed in, never at the page's start.
(() => {
  const BORDERS = 4, AREA_NAMES = 5, TOWNS = 6;  // the zoom each shows from
  const CREDIT = "Borders: Natural Earth; towns: GeoNames (CC BY 4.0)";

  let borders = null;  // the layer of lines, once fetched
  let areas = [];      // [lat, lon, name] of each area's name
  let towns = [];      // [lat, lon, name, zoom its name shows from], the most important first
  let loading = null;

  // The names are SVG text in the SVG that app.js draws the land and the event dots in: only
  // there can they be over the land's opaque fill and under every dot. pointer-events none
  // lets a click through to a dot; text and halo are set on the groups and inherited.
  const svgElement = (name, attributes) => {
    const node = document.createElementNS("http://www.w3.org/2000/svg", name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    return node;
  };
  const halo = { stroke: "#fbfbf8", "stroke-width": 3, "stroke-linejoin": "round", "paint-order": "stroke" };
  const names = svgElement("g", { "pointer-events": "none", "text-anchor": "middle", "font-size": 11 });
  const areaNames = svgElement("g", { ...halo, class: "admin1-names", fill: "#6b7688", "font-style": "italic", "letter-spacing": 0.5 });
  const townNames = svgElement("g", { ...halo, class: "town-names", fill: "#2b3340" });
  names.append(areaNames, townNames);

  const json = (path) => fetch(path).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${path}: ${r.status}`))));

  // The file has two lines, the borders within countries and the outline (coasts, borders
  // between countries: finer than app.js's world outline), and a point for each area's name.
  const STYLES = {
    admin1: { color: "#98a3b3", weight: 0.8, dashArray: "4 3", className: "admin1" },
    outline: { color: "#8a96a8", weight: 0.7, className: "outline" },
  };

  function load() {
    return Promise.all([json("/static/vendor/admin1-10m.geojson"), json("/static/vendor/towns.json")])
      .then(([geo, places]) => {
        const lines = geo.features.filter((f) => f.geometry.type !== "Point");
        const points = geo.features.filter((f) => f.geometry.type === "Point");
        borders = L.geoJSON(lines, { style: (f) => STYLES[f.properties.kind], interactive: false, attribution: CREDIT });
        areas = points.map(({ geometry: { coordinates: [lon, lat] }, properties: { name } }) => [lat, lon, name]);
        towns = places;
        update();
      })
      .catch((err) => console.warn("no admin-1 borders:", err));
  }

  // In that SVG: the land (app.js's world outline, the map's other GeoJSON layer), then the
  // borders, then the names, then the dots, which app.js adds later and so on top.
  function tuck() {
    borders.getLayers()[0].getElement()?.parentNode.prepend(names);
    borders.bringToBack();
    map.eachLayer((layer) => { if (layer instanceof L.GeoJSON && layer !== borders) layer.bringToBack(); });
  }

  function show(on) {
    if (on === map.hasLayer(borders)) return;
    if (on) {
      borders.addTo(map);
      tuck();
    } else {
      borders.remove();
      names.remove();
    }
  }

  // The names in view, each left out where it would overlap one already placed: the towns
  // first, the largest first, as a town's name says where it is and an area's only roughly.
  // Widths are guessed from the length: measuring each would cost a layout.
  function drawNames(zoom) {
    const view = map.getBounds().pad(0.1);
    const placed = [];
    const fits = (box) => {
      if (placed.some((b) => box.x1 > b.x0 && box.x0 < b.x1 && box.y1 > b.y0 && box.y0 < b.y1)) return false;
      placed.push(box);
      return true;
    };
    const text = (name, x, y) => {
      const node = svgElement("text", { x, y });
      node.textContent = name;  // a name is text, never markup
      return node;
    };
    const shown = { areas: [], towns: [] };
    if (zoom >= TOWNS) {
      for (const [lat, lon, name, from] of towns) {
        if (from > zoom || !view.contains([lat, lon])) continue;
        const p = map.latLngToLayerPoint([lat, lon]), half = name.length * 3.3;
        if (!fits({ x0: p.x - half, x1: p.x + half, y0: p.y - 18, y1: p.y + 3 })) continue;
        shown.towns.push(svgElement("circle", { cx: p.x, cy: p.y, r: 1.8, "stroke-width": 1 }), text(name, p.x, p.y - 5));
      }
    }
    if (zoom >= AREA_NAMES) {
      for (const [lat, lon, name] of areas) {
        if (!view.contains([lat, lon])) continue;
        const p = map.latLngToLayerPoint([lat, lon]), half = name.length * 3.3;
        if (!fits({ x0: p.x - half, x1: p.x + half, y0: p.y - 7, y1: p.y + 7 })) continue;
        shown.areas.push(text(name, p.x, p.y + 4));
      }
    }
    areaNames.replaceChildren(...shown.areas);
    townNames.replaceChildren(...shown.towns);
  }

  function update() {
    const zoom = map.getZoom();
    if (!borders) {
      if (zoom >= BORDERS) loading ??= load();
      return;
    }
    show(zoom >= BORDERS);
    if (zoom >= BORDERS) drawNames(zoom);
  }

  map.on("moveend", update);  // a change of zoom ends with a moveend too
  update();
})();
