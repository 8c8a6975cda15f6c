// A QR code's module matrix (kr_map/qr.py: {size, rows: hex per row}) as one SVG path. No
// DOM: the caller puts the path in an <svg>. The quiet zone (4 modules) is in the viewBox.

export const QUIET = 4;

// The dark modules of row `hex` (n of them, left first), as booleans.
export function rowModules(hex, size) {
  const bits = [];
  String(hex).split("").forEach((digit) => {
    const value = parseInt(digit, 16);
    if (Number.isNaN(value)) {
      throw new Error(`not a QR matrix row: ${hex}`);
    }
    for (let bit = 3; bit >= 0; bit -= 1) {
      bits.push(Boolean((value >> bit) & 1));
    }
  });
  if (bits.length < size) {
    throw new Error(`a QR matrix row is shorter than ${size} modules`);
  }
  return bits.slice(0, size);
}

// {viewBox, path}: one "M x y h w v 1 h -w z" run per dark stretch of a row.
export function qrPath(matrix) {
  const size = Number(matrix && matrix.size);
  if (!Number.isInteger(size) || size < 21 || !Array.isArray(matrix.rows) || matrix.rows.length !== size) {
    throw new Error("not a QR matrix");
  }
  const runs = [];
  matrix.rows.forEach((hex, y) => {
    const modules = rowModules(hex, size);
    let x = 0;
    while (x < size) {
      if (!modules[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < size && modules[x]) {
        x += 1;
      }
      runs.push(`M${start + QUIET} ${y + QUIET}h${x - start}v1h-${x - start}z`);
    }
  });
  const side = size + 2 * QUIET;
  return { viewBox: `0 0 ${side} ${side}`, path: runs.join("") };
}
