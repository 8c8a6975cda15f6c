// Streamlit's own component protocol (components v1, API version 1), declared in one file.
//
// The frame and the Streamlit page talk by postMessage: the frame says it is ready, the
// page sends "streamlit:render" with the Python call's arguments on every run, and the
// frame sends its value and its height back. This is the protocol streamlit-component-lib
// wraps; it is small enough to write out, so no npm package is loaded into the frame.
// It gives the player's Streamlit host (hosts/streamlit.js) the window.Streamlit object
// it reports through, the same call it borrows from streamlit-folium in the app.
(function () {
  "use strict";
  const renderListeners = [];

  function send(type, fields) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, fields), "*");
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) {
      return;
    }
    const message = event.data;
    if (message && message.type === "streamlit:render") {
      renderListeners.forEach(function (listener) {
        listener(message.args || {});
      });
    }
  });

  window.Streamlit = Object.freeze({
    ready: function () {
      send("streamlit:componentReady", { apiVersion: 1 });
    },
    onRender: function (listener) {
      renderListeners.push(listener);
    },
    setFrameHeight: function (height) {
      send("streamlit:setFrameHeight", { height: height });
    },
    setComponentValue: function (value) {
      send("streamlit:setComponentValue", { value: value, dataType: "json" });
    },
  });
})();
