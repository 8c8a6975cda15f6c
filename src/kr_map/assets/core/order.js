// Which items of a list keep their place when it is put in a new order: the longest run of
// them already in that order stays, every other item moves (the fewest moves). No DOM.

// The indexes into `values` (each item's place in the old order, -1 for an item new to it)
// of a longest run whose old places increase: the items that need not move.
export function longestIncreasing(values) {
  const tails = []; // for each run length, the index of the run's smallest last value
  const before = new Array(values.length); // the index before each in its run
  values.forEach((value, i) => {
    if (value < 0) {
      return;
    }
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (values[tails[mid]] < value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    before[i] = low > 0 ? tails[low - 1] : -1;
    tails[low] = i;
  });
  const stay = new Set();
  for (let at = tails.length ? tails[tails.length - 1] : -1; at >= 0; at = before[at]) {
    stay.add(at);
  }
  return stay;
}
