/*
 * Front Office "Let's Talk" button. Paste into a district website:
 *   <script src="https://HOST/embed.js" data-district="riverside" async></script>
 * Options: data-lang="en|es", data-label="…", data-position="left|right".
 * Adds one fixed button that opens the district's Let's Talk page in an accessible modal dialog
 * (on screens narrower than 640px it goes to the page instead). No dependencies, no globals;
 * styles live in a shadow root so the host page and the button never restyle each other.
 */
(function () {
  "use strict";
  var script =
    document.currentScript ||
    document.querySelector('script[data-district][src*="embed.js"]:not([data-fo-ready])');
  if (!script || script.hasAttribute("data-fo-ready")) return;
  script.setAttribute("data-fo-ready", "");

  var district = (script.getAttribute("data-district") || "").trim();
  if (!/^[a-z0-9-]{1,64}$/.test(district)) return;
  var origin = new URL(script.src, location.href).origin;
  var hostLang = (script.getAttribute("data-lang") || document.documentElement.lang || "en").toLowerCase();
  var lang = hostLang.indexOf("es") === 0 ? "es" : "en";
  var words = {
    en: { label: "Let's Talk", close: "Close", title: "Let's Talk: contact the district" },
    es: { label: "Hablemos", close: "Cerrar", title: "Hablemos: comuníquese con el distrito" },
  }[lang];
  var label = (script.getAttribute("data-label") || "").trim() || words.label;
  var side = script.getAttribute("data-position") === "left" ? "left" : "right";
  var pageUrl = origin + "/d/" + district + "?lang=" + lang;

  var css =
    ":host{all:initial}" +
    ".fo-open{position:fixed;bottom:1rem;" + side + ":1rem;z-index:2147483000;min-height:48px;padding:.75rem 1.25rem;" +
    "border:2px solid #fff;border-radius:999px;background:#1a4f8b;color:#fff;font:700 16px/1.2 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;" +
    "box-shadow:0 2px 8px rgba(0,0,0,.35);cursor:pointer}" +
    ".fo-open:hover{background:#0b2f57}" +
    "button:focus-visible{outline:3px solid #0b0c0c;outline-offset:2px;box-shadow:0 0 0 6px #ffd43b}" +
    "dialog{width:min(56rem,96vw);height:min(48rem,92vh);max-width:none;max-height:none;padding:0;border:0;border-radius:10px;" +
    "background:#fff;box-shadow:0 8px 32px rgba(0,0,0,.45);overflow:hidden}" +
    "dialog::backdrop{background:rgba(0,0,0,.55)}" +
    ".fo-bar{display:flex;justify-content:flex-end;padding:.5rem;background:#f3f6fa;border-bottom:1px solid #c9ced6}" +
    ".fo-close{min-height:44px;min-width:44px;padding:.5rem 1rem;border:2px solid #1a4f8b;border-radius:6px;background:#fff;color:#1a4f8b;" +
    "font:700 16px/1.2 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;cursor:pointer}" +
    "iframe{display:block;width:100%;height:calc(100% - 62px);border:0}";

  var host = document.createElement("div");
  host.setAttribute("data-frontoffice", "lets-talk");
  var root = host.attachShadow({ mode: "open" });
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement("style");
    style.textContent = css;
    root.appendChild(style);
  }

  var open = document.createElement("button");
  open.type = "button";
  open.className = "fo-open";
  open.textContent = label;
  open.setAttribute("aria-haspopup", "dialog");

  var dialog = document.createElement("dialog");
  dialog.setAttribute("aria-label", label);
  var bar = document.createElement("div");
  bar.className = "fo-bar";
  var close = document.createElement("button");
  close.type = "button";
  close.className = "fo-close";
  close.textContent = words.close;
  bar.appendChild(close);
  dialog.appendChild(bar);
  var frame = null;

  open.addEventListener("click", function () {
    if (window.innerWidth < 640 || typeof dialog.showModal !== "function") {
      window.location.href = pageUrl;
      return;
    }
    if (!frame) {
      frame = document.createElement("iframe");
      frame.title = words.title;
      frame.src = pageUrl + "&embed=1";
      frame.referrerPolicy = "no-referrer";
      dialog.appendChild(frame);
    }
    dialog.showModal();
    close.focus();
  });
  close.addEventListener("click", function () {
    dialog.close();
  });
  // A click on the backdrop lands on the dialog element itself.
  dialog.addEventListener("click", function (e) {
    if (e.target === dialog) dialog.close();
  });
  // Escape closes a modal dialog natively; every way of closing returns focus to the button.
  dialog.addEventListener("close", function () {
    open.focus();
  });

  root.appendChild(open);
  root.appendChild(dialog);
  function mount() {
    document.body.appendChild(host);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
