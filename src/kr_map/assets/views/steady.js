// A box that grows with its lines and does not shrink back: it keeps the height of the
// tallest content shown in it since the page last changed width, so what lies under it
// (the map, under the date and caption) keeps its size from one frame to the next. Read
// after the page's layout (a ResizeObserver), when the box has changed size; a box laid
// over the map (position: absolute) takes no room and keeps nothing.

export function keepTallest(node) {
  if (typeof ResizeObserver !== "function") {
    return null;
  }
  const kept = { width: null, height: 0 };
  const observer = new ResizeObserver(() => hold(node, kept));
  observer.observe(node);
  return observer;
}

function hold(node, kept) {
  if (getComputedStyle(node).position === "absolute") {
    node.style.minHeight = "";
    return;
  }
  if (node.offsetWidth !== kept.width) { // a new width: the lines wrap anew
    kept.width = node.offsetWidth;
    kept.height = 0;
    node.style.minHeight = "";
  }
  const height = node.getBoundingClientRect().height; // a fraction of a pixel counts
  if (height > kept.height) {
    kept.height = height;
    node.style.minHeight = `${height}px`; // the box is border-box (player.css)
  }
}
