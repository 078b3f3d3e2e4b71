// Site-wide focus management (WCAG 2.4.3, 3.3.1). Progressive enhancement: every page works
// without it. After a form comes back with errors, or an answer appears next to a form, focus
// moves there so keyboard and screen reader users land on it instead of on <body>.
// One rule for every form, on page load and after an htmx swap:
//   1. an element marked data-focus-on-load (e.g. the receipt check's answer), else
//   2. the first .error-summary (templates/core/_form.html and every other form), else
//   3. the first field marked aria-invalid="true" (small forms without a summary).
(function () {
  "use strict";
  var SELECTORS = ["[data-focus-on-load]", ".error-summary", "[aria-invalid='true']"];

  function focusFirst(root) {
    for (var i = 0; i < SELECTORS.length; i++) {
      var target = root.querySelector(SELECTORS[i]);
      if (target) {
        if (!target.matches("input, select, textarea, button, a[href]") && !target.hasAttribute("tabindex")) {
          target.setAttribute("tabindex", "-1");
        }
        target.focus();
        return true;
      }
    }
    return false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { focusFirst(document); });
  } else {
    focusFirst(document);
  }
  // htmx swaps a fragment (e.g. a form answered 422 with its errors): look inside what arrived.
  // The event fires on each new element (with outerHTML the old target and form are gone).
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.target;
    if (root && root.isConnected && root.querySelector) {
      if (!focusFirst(root) && root.matches && root.matches(SELECTORS.join(","))) focusFirst(root.parentNode);
    }
  });
})();
