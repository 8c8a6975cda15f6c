var krExport = (function () {
  var cache = null, icons = [];
  function data() {
    if (cache === null) {
      cache = JSON.parse(document.getElementById("__DATA_ELEMENT_ID__").textContent);
    }
    return cache;
  }
  function icon(index) {
    if (!icons[index]) { icons[index] = L.divIcon(data().icons[index]); }
    return icons[index];
  }
  return { data: data, icon: icon, text: function (index) { return data().texts[index]; } };
})();
