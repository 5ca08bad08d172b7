/* VinhDanh's only script besides htmx: loaded from the app (CSP 'self'), no inline code.
 *
 * 1. Confirmation before one-click actions: a form (or its submit button) carrying
 *    data-confirm="what will happen" asks before it is sent; "Hủy" sends nothing.
 * 2. The phone menu: the ☰ button opens and closes the sidebar below 800 px.
 */
(function () {
  "use strict";
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var button = event.submitter;
      var message =
        (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
      if (message && !window.confirm(message)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest(".nav-toggle");
    if (!toggle) return;
    var nav = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!nav) return;
    var open = nav.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
