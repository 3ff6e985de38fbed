// A round's page: a button beside each respondent group's link copies it (the field itself
// can always be selected and copied by hand, so the buttons show only where this runs).
(function () {
  "use strict";
  var status = document.getElementById("copy-status");
  document.querySelectorAll(".js-copy-link").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) {
          status.textContent = button.getAttribute("data-copied-text");
        }
      });
    });
  });
})();
