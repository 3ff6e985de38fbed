// A report's page asks for its state every two seconds while the PDF is being made (the
// element carries data-poll-url), and swaps in the answer, as htmx's polling would; it stops
// once the state is final and the download link is shown.
(function () {
  "use strict";
  var INTERVAL = 2000;

  function poll(element) {
    var url = element.getAttribute("data-poll-url");
    if (!url) {
      return;
    }
    window.setTimeout(function () {
      fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("#report-state");
          if (!fresh) {
            return;
          }
          element.replaceWith(fresh);
          poll(fresh);
        })
        .catch(function () {
          poll(element);
        });
    }, INTERVAL);
  }

  document.querySelectorAll("[data-poll-url]").forEach(poll);
})();
