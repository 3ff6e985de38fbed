// Adds an empty row to a Django formset in place (see templates/partials/formset_rows.html).
(function () {
  "use strict";
  function setUp(container) {
    if (container.dataset.formsetReady) return;
    container.dataset.formsetReady = "1";
    var prefix = container.dataset.prefix;
    var total = container.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
    var max = container.querySelector('input[name="' + prefix + '-MAX_NUM_FORMS"]');
    var rows = container.querySelector("[data-formset-rows]");
    var template = container.querySelector("template[data-formset-empty]");
    var button = container.querySelector("[data-formset-add]");
    var status = container.querySelector("[data-formset-status]");
    if (!total || !rows || !template || !button) return;
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10);
      var limit = max ? parseInt(max.value, 10) : 1000;
      if (index >= limit) return;
      var html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(index + 1));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var added = rows.lastElementChild;
      var first = added && added.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
      if (status) status.textContent = button.textContent.trim() + ": " + (index + 1);
      if (index + 1 >= limit) button.hidden = true;
    });
  }
  document.querySelectorAll("[data-formset]").forEach(setUp);
})();
