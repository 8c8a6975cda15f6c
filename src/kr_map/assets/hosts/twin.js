// Compare's second map in the one-file export: a Leaflet map beside the first with the
// same base (panes, land and borders, country names, panning limits). The export page
// has one folium map; its base layers are copied, so the base is still made once, in
// Python (kr_map/basemap.py).

import { el } from "../views/dom.js";

const OWN_PANES = ["mapPane", "tilePane", "overlayPane", "shadowPane", "markerPane", "tooltipPane", "popupPane"];

function copyPanes(map, twin) {
  const panes = map.getPanes();
  Object.keys(panes).filter((name) => OWN_PANES.indexOf(name) < 0).forEach((name) => {
    twin.createPane(name).style.zIndex = panes[name].style.zIndex;
  });
}

// The base layers a folium base map holds: GeoJSON land (with its style function) and the
// country names (markers with a DivIcon). Parts of a GeoJSON layer come with it.
function copyLayer(layer, twin) {
  if (layer instanceof L.GeoJSON) {
    const features = [];
    layer.eachLayer((part) => { if (part.feature) { features.push(part.feature); } });
    L.geoJSON({ type: "FeatureCollection", features },
      { style: layer.options.style, pane: layer.options.pane, interactive: false }).addTo(twin);
  } else if (layer instanceof L.Marker && layer.options.icon instanceof L.DivIcon) {
    L.marker(layer.getLatLng(), { icon: layer.options.icon, pane: layer.options.pane,
      interactive: false, keyboard: false }).addTo(twin);
  }
}

export function twinMap(map, container) {
  const o = map.options;
  const twin = L.map(container, { center: map.getCenter(), zoom: map.getZoom(), minZoom: o.minZoom,
    maxZoom: o.maxZoom, maxBounds: o.maxBounds, maxBoundsViscosity: o.maxBoundsViscosity });
  copyPanes(map, twin);
  map.eachLayer((layer) => copyLayer(layer, twin));
  if (map.attributionControl && twin.attributionControl) {
    twin.attributionControl.setPrefix(map.attributionControl.options.prefix);
  }
  return twin;
}

// Compare's page: the first map's box on the left, a twin on the right, a row under both
// (the caller puts the list of changes there). Returns {box, twin}.
export function comparePage(map) {
  const container = map.getContainer();
  const box = el("div", "krp-compare-page");
  container.parentNode.insertBefore(box, container);
  const left = el("div", "krp-compare-side");
  const right = el("div", "krp-compare-side");
  box.appendChild(left);
  box.appendChild(right);
  left.appendChild(container);
  const twinBox = el("div", "krp-twin-map");
  right.appendChild(twinBox);
  return { box, twin: twinMap(map, twinBox) };
}
