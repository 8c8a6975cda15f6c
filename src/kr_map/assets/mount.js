// Mounting: a player on a map with its document, its host and its add-ons.

import { speak, t } from "./core/i18n.js";
import { MESSAGES } from "./core/messages.js";
import { addOnApi } from "./addons.js";
import { unpackDocument } from "./core/intervals.js";
import { Player } from "./player.js";
import { failNode } from "./views/shell.js";

// host: {attach(shell, mapContainer), keyTargets(options), report(value),
//        frameShown(frame, options), startKey(options), handle(player)}.
export function startPlayer(map, doc, options, host, addOns) {
  speak(doc); // every view words itself in the document's language (core/i18n.js)
  const player = new Player(map, unpackDocument(doc), options, host); // lists per frame again
  const first = host.startKey(options);
  const at = player.clock.find(first || options.start);
  player.show(at < 0 ? 0 : at);
  player.timebar.ticks.draw();
  window.requestAnimationFrame(() => player.timebar.ticks.draw());
  player.reporter.prime();
  player.addOns = {};
  addOns.forEach((addOn) => { // an add-on that fails leaves the player working
    try {
      player.addOns[addOn.name] = addOn.mount(addOnApi(player));
    } catch (error) {
      console.error("kr-map add-on:", error);
    }
  });
  if (addOns.length) { // add-ons take room from the map: frame the action again
    map.invalidateSize();
    player.frameView();
  }
  player.shell.mark("ready", "true");
  host.handle(player);
  return player;
}

export function failure(message) {
  return failNode(t(MESSAGES.loadFailed, { reason: message }));
}

// What tests and benchmarks may read and call on window.krPlayer (nothing else).
export function debugHandle(player) {
  const clock = player.clock;
  return Object.freeze({
    map: player.map,
    doc: player.doc,
    frames: clock.frames,
    get index() { return clock.index; },
    get limit() { return clock.limit; },
    get slider() { return player.timebar.slider; },
    get onMap() { return player.layers.onMap; },
    get drawn() { return player.layers.drawn; },
    get charts() { return player.addOns.charts || null; },
    find: (key) => clock.find(key),
    positionOf: (index) => clock.positionOf(index),
    show: (index) => player.show(index),
    settle: () => player.settle(),
  });
}
