// The desk's few behaviours that HTML and htmx alone cannot give.
(function () {
  "use strict";
  let lastText = null;
  document.addEventListener("focusin", (event) => {
    if (event.target.matches("textarea")) lastText = event.target;
  });
  // A fact from the list goes into the text the clerk was last typing in, at the cursor.
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".fact");
    if (!button) return;
    const area = lastText || document.querySelector("textarea");
    if (!area) return;
    const insert = "{{ " + button.dataset.fact + " }}";
    const start = area.selectionStart, end = area.selectionEnd;
    area.value = area.value.slice(0, start) + insert + area.value.slice(end);
    area.selectionStart = area.selectionEnd = start + insert.length;
    area.focus();
    area.dispatchEvent(new Event("input", { bubbles: true }));
  });
  // A date the browser cannot read is posted as "(not a date)", so that the server says so at the field.
  document.addEventListener("htmx:configRequest", (event) => {
    document.querySelectorAll("input[type=date], input[type=datetime-local]").forEach((input) => {
      if (input.validity.badInput) event.detail.parameters[input.name] = "(not a date)";
    });
  });
  const PARENT = /(\.[^.\[\]]+|\[\d+\])$/;
  // Each problem of the preview is shown at its field, or at the nearest field that holds it.
  function placeProblems() {
    document.querySelectorAll(".msg").forEach((m) => { m.textContent = ""; m.className = "msg"; });
    const data = document.getElementById("problems-data");
    if (!data) return;
    for (const problem of JSON.parse(data.textContent)) {
      let name = problem.field, target = null;
      while (name && !(target = document.querySelector('.msg[data-for="' + CSS.escape(name) + '"]'))) {
        const parent = name.replace(PARENT, "");
        name = parent === name ? "" : parent;
      }
      if (!target) continue;
      target.textContent += (target.textContent ? " " : "") + problem.text;
      target.classList.add(problem.kind);
    }
  }
  document.addEventListener("htmx:afterSettle", placeProblems);
  document.addEventListener("DOMContentLoaded", placeProblems);
})();
