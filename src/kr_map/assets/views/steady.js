// A box that grows with its lines and does not shrink back: it keeps the height of the
// tallest content shown in it since the page last changed width (`widthOf()`), up to
// `most()` px, so what lies under it (the map, under the date and caption) keeps its size
// from one frame to the next. Read after the page's layout (a ResizeObserver), when the box
// has changed size; while `takesRoom()` is false (laid over the map) it keeps nothing.

export function keepTallest(node, { most, takesRoom, widthOf }) {
  if (typeof ResizeObserver !== "function") {
    return;
  }
  const kept = { width: null, height: 0 };
  new ResizeObserver(() => hold(node, kept, { most, takesRoom, widthOf })).observe(node);
}

function hold(node, kept, { most, takesRoom, widthOf }) {
  if (!takesRoom()) {
    node.style.minHeight = "";
    return;
  }
  const width = widthOf();
  if (width !== kept.width) { // a new width: the lines wrap anew
    kept.width = width;
    kept.height = 0;
    node.style.minHeight = "";
  }
  // A fraction of a pixel counts; a taller box than `most` is kept at `most`.
  const height = Math.min(node.getBoundingClientRect().height, most());
  if (height > kept.height) {
    kept.height = height;
    node.style.minHeight = `${height}px`; // the box is border-box (player.css)
  }
}
