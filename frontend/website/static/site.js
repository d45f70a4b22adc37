// Move focus to an error summary, so screen readers announce it and Tab reaches its links.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }
});
document.addEventListener("htmx:afterSwap", function (event) {
  var summary = event.detail.target.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }
});
// A person ticked among the search results joins the chosen list, so a new search keeps them.
document.addEventListener("change", function (event) {
  var box = event.target;
  var chosen = document.getElementById("never-chosen");
  if (chosen && box.checked && box.closest("#never-found")) {
    chosen.appendChild(box.closest(".checkbox"));
  }
});
