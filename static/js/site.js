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
