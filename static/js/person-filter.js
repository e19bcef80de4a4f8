// People pickers (intranet/accounts/fields.py): a search box above each <select data-person-filter>
// that hides the people whose name, position or unit do not match; "ton that long" finds "Tôn Thất Long".
(function () {
  "use strict";
  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function enhance(select) {
    if (select.dataset.personFilterReady) return;
    select.dataset.personFilterReady = "1";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "person-filter";
    box.placeholder = "Tìm theo họ tên, chức vụ, đơn vị…";
    box.setAttribute("aria-label", "Tìm người trong danh sách " + (select.labels && select.labels[0] ? select.labels[0].textContent : ""));
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.options, function (option) {
        var text = fold(option.textContent);
        option.hidden = option.value !== "" && !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
    });
    select.parentNode.insertBefore(box, select);
  }
  function enhanceAll() {
    document.querySelectorAll("select[data-person-filter]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhanceAll);
  else enhanceAll();
})();
