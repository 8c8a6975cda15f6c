import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";

import { jsonOf, wireFetch } from "../../src/kr_map/assets/core/wire.js";

const DOC = { frames: [{ key: "1989", caption: "Pailin — ប៉ៃលិន" }], features: [1, 2] };
const bytes = (value) => new TextEncoder().encode(JSON.stringify(value));

function server(files) {
  const asked = [];
  const fetchFn = (url) => {
    asked.push(url);
    if (!(url in files)) {
      return Promise.resolve({ ok: false, status: 404, json: () => Promise.reject(new Error("404")) });
    }
    const body = files[url];
    return Promise.resolve({
      ok: true,
      status: 200,
      arrayBuffer: () => Promise.resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)),
      json: () => Promise.resolve(JSON.parse(new TextDecoder().decode(body))),
    });
  };
  return { fetchFn, asked };
}

describe("documents on the wire (kr_map/player.py publish: a gzip copy beside each)", () => {
  it("reads JSON, and JSON in gzip", async () => {
    assert.deepEqual(await jsonOf(bytes(DOC).buffer), DOC);
    const zipped = gzipSync(bytes(DOC));
    assert.deepEqual(await jsonOf(zipped.buffer.slice(zipped.byteOffset, zipped.byteOffset + zipped.length)), DOC);
  });

  it("asks for the gzip copy and unpacks it", async () => {
    const { fetchFn, asked } = server({ "d.json.gz": gzipSync(bytes(DOC)), "d.json": bytes({ wrong: 1 }) });
    const response = await wireFetch(fetchFn)("d.json");
    assert.equal(response.ok, true);
    assert.deepEqual(await response.json(), DOC);
    assert.deepEqual(asked, ["d.json.gz"]);
  });

  it("takes a copy the server already unpacked as it is", async () => {
    const { fetchFn } = server({ "d.json.gz": bytes(DOC) });
    assert.deepEqual(await (await wireFetch(fetchFn)("d.json")).json(), DOC);
  });

  it("falls back to the JSON when the copy is missing, and passes a 404 of both on", async () => {
    const { fetchFn, asked } = server({ "d.json": bytes(DOC) });
    assert.deepEqual(await (await wireFetch(fetchFn)("d.json")).json(), DOC);
    assert.deepEqual(asked, ["d.json.gz", "d.json"]);
    const missing = await wireFetch(fetchFn)("none.json");
    assert.equal(missing.ok, false);
    assert.equal(missing.status, 404);
  });

  it("asks for the JSON itself when the copy cannot be unpacked", async () => {
    const { fetchFn, asked } = server({ "d.json": bytes(DOC), "d.json.gz": gzipSync(bytes(DOC)) });
    const plain = wireFetch(fetchFn, {}); // no DecompressionStream
    assert.equal(plain, fetchFn);
    await plain("d.json");
    assert.deepEqual(asked, ["d.json"]);
  });
});
