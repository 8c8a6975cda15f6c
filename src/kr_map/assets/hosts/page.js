// What both hosts do to the page the map lives in: the shell goes where the map was, the
// page takes the player's body style, and the map's own document gives the keys.

export const PHONE = "(max-width: 460px)";

export function attachShell(shell, mapContainer) {
  mapContainer.parentNode.insertBefore(shell, mapContainer);
  document.body.classList.add("krp-body");
  fitFrameOnPhone(shell);
}

// In a frame on a phone the shell is as tall as its content (map, time bar, events):
// the frame grows to it, so the page scrolls as one page, not a box inside a box.
export function fitFrameOnPhone(shell) {
  const frame = window.frameElement;
  if (!frame || typeof ResizeObserver !== "function" || !window.matchMedia) {
    return;
  }
  const phone = window.matchMedia(PHONE);
  const fit = () => {
    // The phone's screen, not the frame's (which grows): the map's share of the height.
    const screenHeight = window.screen && window.screen.height ? window.screen.height : window.innerHeight;
    shell.style.setProperty("--screen-vh", `${screenHeight / 100}px`);
    if (phone.matches) {
      frame.style.setProperty("height", `${Math.ceil(shell.scrollHeight)}px`, "important");
    } else {
      frame.style.removeProperty("height");
    }
  };
  new ResizeObserver(fit).observe(shell);
  fit();
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
