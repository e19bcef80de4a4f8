// Behaviour every page may need, without inline scripts (the Content-Security-Policy allows only
// our own files, portal/csp.py): a button or link marked data-print opens the browser's printing.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-print]");
    if (!trigger) return;
    event.preventDefault();
    window.print();
  });
})();

// QT-07 B4: choosing "đồng ý" or "không đồng ý" puts that template in the draft box, as long as the
// officer has not started editing it (intranet/moderation/services.py draft_from_template).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var radio = event.target.closest("[data-draft-for]");
    if (!radio) return;
    var box = document.getElementById(radio.dataset.draftFor);
    if (!box) return;
    var untouched = box.value === box.dataset.approve || box.value === box.dataset.refuse || box.value === "";
    if (untouched) box.value = box.dataset[radio.value] || box.value;
  });
})();

// The accessibility toolbar (issue 14): larger or smaller text and high contrast, remembered in
// this browser only (localStorage, nothing sent anywhere).
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "portal-a11y";
  var state = { size: 0, contrast: false };
  try { state = Object.assign(state, JSON.parse(localStorage.getItem(KEY) || "{}")); } catch (e) { /* private mode */ }
  function apply() {
    root.classList.remove("text--1", "text-1", "text-2");
    if (state.size) root.classList.add("text-" + state.size);
    root.classList.toggle("contrast", !!state.contrast);
    var toggle = document.querySelector('[data-a11y="contrast"]');
    if (toggle) toggle.setAttribute("aria-pressed", state.contrast ? "true" : "false");
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-a11y]");
    if (!button) return;
    var action = button.dataset.a11y;
    if (action === "larger") state.size = Math.min(2, state.size + 1);
    if (action === "smaller") state.size = Math.max(-1, state.size - 1);
    if (action === "contrast") state.contrast = !state.contrast;
    apply();
  });
  apply();
  // On a phone the main menu starts folded under "Danh mục"; without JavaScript it stays open.
  var menu = document.querySelector(".site-nav details.menu");
  if (menu && window.matchMedia("(max-width: 800px)").matches) menu.removeAttribute("open");
})();

// Share links (issue 14): no third-party script. "Sao chép liên kết" copies the address; "Zalo"
// opens the phone's share sheet where there is one, otherwise copies the address to paste in Zalo.
(function () {
  "use strict";
  function say(button, text) {
    var status = document.getElementById(button.dataset.status);
    if (status) status.textContent = text;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-share]");
    if (!button) return;
    event.preventDefault();
    var url = button.dataset.url;
    if (button.dataset.share === "native" && navigator.share) {
      navigator.share({ title: document.title, url: url }).catch(function () {});
      return;
    }
    var done = function () { say(button, button.dataset.copied); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, function () { say(button, url); });
    } else {
      var box = document.createElement("textarea");
      box.value = url; document.body.appendChild(box); box.select();
      try { document.execCommand("copy"); done(); } catch (e) { say(button, url); }
      box.remove();
    }
  });
})();
