/*
 * Account administration: the print button of the account slips. No inline scripts (CSP script-src 'self').
 */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
