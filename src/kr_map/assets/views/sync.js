// Compare: maps that share a channel name pan and zoom together.

export function syncViews(map, name) {
  if (typeof BroadcastChannel !== "function") {
    return;
  }
  const channel = new BroadcastChannel(`kr-map-${name}`);
  let quiet = false;
  map.on("moveend", () => {
    if (quiet) {
      quiet = false;
      return;
    }
    const c = map.getCenter();
    channel.postMessage({ center: [c.lat, c.lng], zoom: map.getZoom() });
  });
  channel.onmessage = (message) => {
    const view = message.data || {};
    if (!Array.isArray(view.center)) {
      return;
    }
    const c = map.getCenter();
    if (Math.abs(c.lat - view.center[0]) < 1e-6 && Math.abs(c.lng - view.center[1]) < 1e-6 &&
        map.getZoom() === view.zoom) {
      return;
    }
    quiet = true;
    map.setView(view.center, view.zoom, { animate: false });
  };
}
