// What both hosts do to the page the map lives in: the shell goes where the map was, the
// page takes the player's body style, and the map's own document gives the keys.

export function attachShell(shell, mapContainer) {
  mapContainer.parentNode.insertBefore(shell, mapContainer);
  document.body.classList.add("krp-body");
}

export function showFailure(node, mapContainer) {
  mapContainer.parentNode.insertBefore(node, mapContainer);
}

export function readJsonElement(id) {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error(`no element #${id} holds the frames document`);
  }
  return JSON.parse(node.textContent);
}
