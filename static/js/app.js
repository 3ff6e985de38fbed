// Forløbsportalen: start Det Fælles Designsystem's components (menus, alerts, error summary)
// and mark wide tables that overflow (templates/partials/table_scroll.html).
// Loaded as a file because the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";

  function watchTableScroll(box) {
    var viewport = box.querySelector(".table-scroll__viewport");
    if (!viewport) {
      return;
    }
    function update() {
      var hidden = viewport.scrollWidth - viewport.clientWidth;
      box.classList.toggle("table-scroll--overflowing", hidden > 1);
      box.classList.toggle("table-scroll--more", hidden - viewport.scrollLeft > 1);
    }
    box.classList.add("table-scroll--measured");
    viewport.addEventListener("scroll", update, { passive: true });
    if (window.ResizeObserver) {
      new ResizeObserver(update).observe(viewport);
    } else {
      window.addEventListener("resize", update);
    }
    update();
  }

  function start() {
    if (window.DKFDS && typeof window.DKFDS.init === "function") {
      window.DKFDS.init();
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-table-scroll]"), watchTableScroll);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
