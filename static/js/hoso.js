/*
 * hoso: the page behaviour shared by every page. No inline scripts (CSP script-src 'self').
 *  - htmx requests carry the CSRF token read from <meta name="csrf-token">;
 *  - select[data-searchable] becomes a searchable tom-select;
 *  - select[data-lookup-url] loads its options from that URL, which answers
 *    {"results": [{"value": "...", "text": "..."}]} for ?q=<typed text>;
 *  - the unit tree's open/close buttons (sub-units load through htmx on first opening) and
 *    its "collapse all" button.
 */
(function () {
  "use strict";

  var body = document.body;
  var messages = {
    noResults: body.dataset.msgNoResults || "No results found",
    loading: body.dataset.msgLoading || "Loading…",
    typeToSearch: body.dataset.msgTypeToSearch || "Type to search",
  };

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) {
      event.detail.headers["X-CSRFToken"] = token;
    }
  });

  // --- searchable selects ----------------------------------------------------------------------
  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function lookupUrl(base, query) {
    var url = new URL(base, window.location.href);
    url.searchParams.set("q", query);
    return url.toString();
  }

  function initSelect(select) {
    if (select.tomselect || typeof window.TomSelect !== "function") {
      return;
    }
    var remote = select.dataset.lookupUrl;
    var settings = {
      allowEmptyOption: true,
      maxOptions: 200,
      create: false,
      render: {
        no_results: function () {
          return '<div class="no-results">' + escapeHtml(messages.noResults) + "</div>";
        },
        loading: function () {
          return '<div class="spinner-border spinner-border-sm m-2" role="status"><span class="visually-hidden">' +
            escapeHtml(messages.loading) + "</span></div>";
        },
      },
    };
    if (remote) {
      Object.assign(settings, {
        valueField: "value",
        labelField: "text",
        searchField: [],
        preload: "focus",
        loadThrottle: 250,
        // The server already matched the text (diacritics ignored): keep its order and results.
        score: function () {
          return function () {
            return 1;
          };
        },
        load: function (query, callback) {
          var control = this;
          fetch(lookupUrl(remote, query), {
            headers: { Accept: "application/json" },
            credentials: "same-origin",
          })
            .then(function (response) {
              if (!response.ok) {
                throw new Error(response.statusText);
              }
              return response.json();
            })
            .then(function (data) {
              // Show only this answer: options of earlier queries would match any score.
              control.clearOptions();
              callback(data.results || []);
            })
            .catch(function () {
              callback();
            });
        },
      });
      settings.render.no_results = function (data) {
        var text = data && data.input ? messages.noResults : messages.typeToSearch;
        return '<div class="no-results">' + escapeHtml(text) + "</div>";
      };
    }
    new window.TomSelect(select, settings);
  }

  function initSelects(root) {
    var scope = root && root.isConnected ? root : document;
    scope.querySelectorAll("select[data-searchable], select[data-lookup-url]").forEach(initSelect);
  }

  // Do not store tom-select's generated markup in htmx's history snapshots.
  document.addEventListener("htmx:beforeHistorySave", function () {
    document.querySelectorAll("select.tomselected").forEach(function (select) {
      if (select.tomselect) {
        select.tomselect.destroy();
      }
    });
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    initSelects(event.detail && event.detail.target);
  });

  // --- unit tree -----------------------------------------------------------------------------
  function setExpanded(toggle, expanded) {
    var target = document.getElementById(toggle.getAttribute("aria-controls"));
    toggle.setAttribute("aria-expanded", expanded ? "true" : "false");
    if (target) {
      target.hidden = !expanded;
    }
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-tree-toggle]");
    if (toggle) {
      setExpanded(toggle, toggle.getAttribute("aria-expanded") !== "true");
      return;
    }
    var collapse = event.target.closest("[data-tree-collapse]");
    if (collapse) {
      var tree = document.getElementById(collapse.getAttribute("aria-controls"));
      if (tree) {
        tree.querySelectorAll('[data-tree-toggle][aria-expanded="true"]').forEach(function (item) {
          setExpanded(item, false);
        });
      }
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      initSelects(document);
    });
  } else {
    initSelects(document);
  }
})();
