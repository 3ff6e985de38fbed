// Forløbsportalen: start Det Fælles Designsystem's components (menus, alerts, error summary).
// Loaded as a file because the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";
  function start() {
    if (window.DKFDS && typeof window.DKFDS.init === "function") {
      window.DKFDS.init();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
