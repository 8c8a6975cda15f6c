// The declared interface an add-on (the time charts) gets from a mounted player. An
// add-on is {name, mount(api)}; it follows the clock through api.clock.on("frame" |
// "limit", fn), draws in api.slots and moves time only with api.go(index). It never
// sees the player's members.

export function addOnApi(player) {
  const clock = player.clock;
  const timebar = player.timebar;
  return Object.freeze({
    doc: player.doc,
    look: player.look,
    options: player.options,
    map: player.map,
    present: Boolean(player.options.present),
    clock: Object.freeze({
      frames: clock.frames,
      get index() { return clock.index; },
      get limit() { return clock.limit; },
      positionOf: (index) => clock.positionOf(index),
      on: (name, fn) => clock.on(name, fn),
    }),
    slots: Object.freeze({ strip: timebar.stripSlot, chart: player.shell.chartSlot, extras: timebar.extrasBox }),
    faction: (id) => player.faction(id),
    // What is switched on now: {layers: [ids], factions: [ids]}.
    view: () => ({ layers: player.filters.layers(), factions: player.filters.factions() }),
    // The address that opens this view again, as the host knows it ("" when it does not).
    permalink: () => (typeof player.host.permalink === "function" ? String(player.host.permalink() || "") : ""),
    colourOf: (id) => player.colourOf(id),
    // Show frame `index` (never past the limit) and report it, as a click on the time bar.
    go: (index) => {
      if (index >= 0 && index <= clock.limit) {
        player.actions.go(index);
      }
    },
    // Predict's limit, moved by an add-on (the quiz): no frame after `index` can be shown.
    setLimit: (index) => {
      clock.setLimit(index);
      timebar.updateButtons();
    },
    // The slider on the page: {left, width, max}; the charts put dates on its scale.
    track: () => timebar.geometry(),
    onTrackResize: (fn) => {
      window.addEventListener("resize", fn);
      if (typeof ResizeObserver === "function") {
        new ResizeObserver(fn).observe(timebar.slider);
      }
    },
    // Keys the player did not take (its own are handled first).
    onKey: (fn) => player.host.keyTargets(player.options).forEach((target) => target.addEventListener("keydown", fn)),
    setClass: (name, on) => player.shell.node.classList.toggle(name, on),
    mark: (name, value) => player.shell.mark(name, value),
    relayout: () => player.map.invalidateSize(),
  });
}
