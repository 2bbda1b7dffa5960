/*
 * hoso people pages: the staff list, the record and the change-set editor. No inline scripts
 * (CSP script-src 'self'); everything here is progressive: the pages work without it.
 *  - filters of the staff list refresh the results through htmx when a select or switch changes;
 *  - the number of results is announced to screen readers after each refresh;
 *  - lock icons get Bootstrap tooltips; the side list of parts marks the part in view;
 *  - error summaries and newly opened row forms take the focus;
 *  - print buttons, and confirmation before withdrawing a change set.
 */
(function () {
  "use strict";

  function initTooltips(root) {
    if (!window.bootstrap || !window.bootstrap.Tooltip) {
      return;
    }
    (root || document).querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (element) {
      window.bootstrap.Tooltip.getOrCreateInstance(element);
    });
  }

  function focusFirst(root) {
    var scope = root && root.isConnected ? root : document;
    var summary = scope.querySelector("[data-people-focus]");
    if (summary) {
      summary.focus();
      return;
    }
    var form = scope.querySelector(".people-row-form");
    if (form) {
      var input = form.querySelector("input:not([type=hidden]), select, textarea");
      if (input) {
        (input.tomselect ? input.tomselect.control_input : input).focus();
      }
      return;
    }
    // After a row was saved or removed the button used is gone: continue from "Add a row".
    var add = root && root.isConnected ? root.querySelector(".people-section-footer a") : null;
    if (add) {
      add.focus();
    }
  }

  // --- staff list: filters and the announced count --------------------------------------------
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-people-filters]");
    if (!form || !window.htmx) {
      return;
    }
    if (event.target.matches("select, input[type=checkbox]")) {
      window.htmx.trigger(form, "people-filter");
    }
  });

  function announceResults() {
    var results = document.getElementById("people-results");
    var status = document.getElementById("people-status");
    if (results && status) {
      status.textContent = results.dataset.peopleSummary || "";
    }
  }

  // --- messages from htmx fragments (HX-Trigger: people:saved) --------------------------------
  document.addEventListener("people:saved", function (event) {
    var live = document.getElementById("people-live");
    if (!live || !event.detail) {
      return;
    }
    live.textContent = event.detail.message || "";
    live.classList.add("is-visible");
    window.clearTimeout(live._hideTimer);
    live._hideTimer = window.setTimeout(function () {
      live.classList.remove("is-visible");
    }, 3500);
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    var swapped = target && target.id ? document.getElementById(target.id) : null;
    initTooltips(swapped || document);
    if (target && target.id === "people-results") {
      announceResults();
    } else if (swapped && swapped.classList.contains("people-section-editor")) {
      focusFirst(swapped);
    }
  });

  // --- record: side list of parts --------------------------------------------------------------
  document.addEventListener("activate.bs.scrollspy", function (event) {
    var nav = document.getElementById("record-nav");
    if (!nav) {
      return;
    }
    nav.querySelectorAll(".nav-link").forEach(function (link) {
      if (link.classList.contains("active")) {
        link.setAttribute("aria-current", "location");
      } else {
        link.removeAttribute("aria-current");
      }
    });
  });

  // --- print and confirmations -------------------------------------------------------------------
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-people-print]")) {
      window.print();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-people-confirm]");
    if (form && !window.confirm(form.dataset.peopleConfirm)) {
      event.preventDefault();
    }
  });

  function init() {
    initTooltips(document);
    focusFirst(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
