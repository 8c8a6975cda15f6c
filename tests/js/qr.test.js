import assert from "node:assert/strict";
import { test } from "node:test";

import { QUIET, qrPath, rowModules } from "../../src/kr_map/assets/core/qr.js";

test("a row's hex digits are its modules, left first, without the padding", () => {
  assert.deepEqual(rowModules("a8", 5), [true, false, true, false, true]);
});

test("a row that is not hex is refused", () => {
  assert.throws(() => rowModules("zz", 8), /not a QR matrix row/);
});

test("the path draws each dark run of a row once, inside the quiet zone", () => {
  const rows = Array.from({ length: 21 }, () => "000000");
  rows[0] = "e00000"; // three dark modules at the left of the first row
  const { viewBox, path } = qrPath({ size: 21, rows });
  assert.equal(viewBox, `0 0 ${21 + 2 * QUIET} ${21 + 2 * QUIET}`);
  assert.equal(path, `M${QUIET} ${QUIET}h3v1h-3z`);
});

test("a matrix of the wrong shape is refused", () => {
  assert.throws(() => qrPath({ size: 21, rows: ["0"] }), /not a QR matrix/);
  assert.throws(() => qrPath(null), /not a QR matrix/);
});
