// Mounts the map on the first render: its style, its div and folium's map script, which
// ends in KrPlayer.mount(map, options) (the player bundled with hosts/streamlit.js).
// A later render with the same script changes nothing (the player keeps the time); a
// different script (another start, other layers) reloads the frame, which then asks for
// the current arguments again.
(function () {
  "use strict";
  let mounted = null;

  Streamlit.onRender(function (args) {
    if (mounted !== null) {
      if (mounted !== args.script) {
        window.location.reload();
      }
      return;
    }
    mounted = args.script;
    Streamlit.setFrameHeight(args.height);
    const style = document.createElement("style");
    style.textContent = args.css;
    document.head.appendChild(style);
    const container = document.createElement("div");
    container.id = args.mapId;
    container.className = "folium-map";
    document.body.appendChild(container);
    // folium's generated map script, run as streamlit-folium runs it (its text is made by
    // folium and kr_map.player from JSON; no text from the data is script source).
    new Function(args.script)();
  });
  Streamlit.ready();
})();
