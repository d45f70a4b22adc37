// Move focus to an error summary, so screen readers announce it and Tab reaches its links.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }
});
document.addEventListener("htmx:afterSwap", function (event) {
  var summary = event.detail.target.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }
});
