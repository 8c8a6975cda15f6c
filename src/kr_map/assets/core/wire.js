// The documents as the app serves them: each JSON file has a gzip copy beside it
// (`<url>.gz`, kr_map/player.py publish), which the browser unpacks itself when it can, so
// the server sends bytes as they are instead of compressing the document again at every
// open. A copy that is missing, or a browser that cannot unpack, falls back to the JSON.

export const GZIP_SUFFIX = ".gz";

function gzipped(bytes) {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

// The value in `buffer` (an ArrayBuffer): JSON, or JSON in gzip (unpacked here, unless the
// server or a proxy already did: then the bytes are the JSON itself).
export async function jsonOf(buffer) {
  const bytes = new Uint8Array(buffer);
  if (!gzipped(bytes)) {
    return JSON.parse(new TextDecoder().decode(bytes));
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}

// `fetchFn(url)` made to answer with the gzip copy of `url` when this browser can unpack
// it: a response whose json() unpacks it, or the plain JSON's when the copy did not come
// (its 404 is the JSON's 404 too: a document not there yet).
export function wireFetch(fetchFn, scope = globalThis) {
  if (typeof scope.DecompressionStream !== "function") {
    return fetchFn;
  }
  return (url) => fetchFn(url + GZIP_SUFFIX)
    .then((response) => (response.ok ? response : fetchFn(url)))
    .catch(() => fetchFn(url))
    .then((response) => (response.ok ? {
      ok: true,
      status: response.status,
      json: () => response.arrayBuffer().then(jsonOf),
    } : response));
}
