// The desk's few behaviours that HTML and htmx alone cannot give.
(function () {
  "use strict";
  const words = JSON.parse((document.getElementById("desk-words") || {}).textContent || "{}");
  const say = (text) => words[text] || text;
  const form = () => document.getElementById("spec-form");
  const statusBox = () => document.getElementById("status");

  // -- facts: a fact from the list goes into the text the clerk was last typing in, at the cursor ------------
  let lastText = null;
  document.addEventListener("focusin", (event) => {
    if (event.target.matches("textarea")) lastText = event.target;
  });
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

  // -- a date the browser cannot read is posted as "(not a date)", so that the server says so at the field ---
  // (the form is `novalidate`: htmx would otherwise drop the request of a form with an impossible date, and
  // the preview would stand still without a word, as issue #24 found)
  document.addEventListener("htmx:configRequest", (event) => {
    document.querySelectorAll("input[type=date], input[type=datetime-local]").forEach((input) => {
      if (input.validity.badInput) event.detail.parameters[input.name] = "(not a date)";
    });
  });
  // -- problems at their fields ---------------------------------------------------------------------------
  const PARENT = /(\.[^.\[\]]+|\[\d+\])$/;
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

  // -- the preview: a language that cannot be composed keeps its last composed text, marked as such ---------
  const composed = {};
  function remember() {
    document.querySelectorAll("#preview .note").forEach((note) => {
      if (!note.classList.contains("failed")) {
        composed[note.dataset.lang] = Array.from(note.querySelectorAll(".el")).map((el) => el.outerHTML).join("");
      }
    });
  }
  function keepComposed() {
    document.querySelectorAll("#preview .note.failed").forEach((note) => {
      const earlier = composed[note.dataset.lang];
      if (!earlier || note.querySelector(".stale")) return;
      const stale = document.createElement("div");
      stale.className = "stale";
      stale.innerHTML = '<p class="stale-note"></p>' + earlier;
      stale.querySelector(".stale-note").textContent = say("Shown as last composed.");
      note.appendChild(stale);
    });
  }
  // narrow screens show one language at a time; the clerk's choice is kept across updates
  let shown = null;
  function showLanguage(lang) {
    const preview = document.getElementById("preview");
    if (!preview) return;
    const buttons = preview.querySelectorAll(".langswitch button");
    if (!lang || !preview.querySelector('.note[data-lang="' + lang + '"]')) lang = buttons.length ? buttons[0].dataset.show : null;
    shown = lang;
    preview.dataset.show = lang || "";
    buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.show === lang)));
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".langswitch button");
    if (button) showLanguage(button.dataset.show);
  });

  // -- never lose work: dirty state, the prompt before leaving, Ctrl+S -------------------------------------
  let dirty = false;
  function setDirty(value) {
    dirty = value;
    const f = form();
    if (f) f.dataset.dirty = String(value);
  }
  document.addEventListener("input", (event) => { if (event.target.closest("#spec-form")) setDirty(true); });
  // leaving on purpose (reload a stale note, apply or discard a draft): the changes are in the workspace's draft
  document.addEventListener("click", (event) => { if (event.target.closest("[data-leave]")) setDirty(false); }, true);
  document.addEventListener("change", (event) => { if (event.target.closest("#fields")) setDirty(true); });
  window.addEventListener("beforeunload", (event) => {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = say("You have unsaved changes.");
    return event.returnValue;
  });
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
      const save = document.getElementById("save");
      if (!save) return;
      event.preventDefault();
      save.click();
    }
  });

  // -- Remove can be undone; focus stays where the clerk was after Add and Remove -------------------------
  let undo = null, refocus = null;
  document.addEventListener("click", (event) => {
    const button = event.target.closest("#fields button.add, #fields button.remove");
    if (!button) return;
    const field = button.dataset.field, index = button.dataset.index;
    if (button.classList.contains("remove")) {
      undo = new URLSearchParams(new FormData(form()));
      refocus = { field: field, index: index === undefined ? null : Number(index), removed: true };
    } else {
      refocus = { field: field, added: true };
    }
  }, true);
  function focusAgain() {
    if (!refocus) return;
    const box = document.querySelector('#fields [data-for="' + CSS.escape(refocus.field) + '"]');
    let target = null;
    if (box && refocus.added) {
      const items = box.querySelectorAll(":scope > .item");
      const last = items[items.length - 1];
      target = last && last.querySelector("input:not([type=hidden]), textarea, select");
    } else if (box) {
      const items = box.querySelectorAll(":scope > .item");
      const next = refocus.index !== null ? items[Math.min(refocus.index, items.length - 1)] : null;
      target = (next && next.querySelector("button.remove")) || box.querySelector(":scope > button.add");
    }
    if (target) target.focus();
    if (refocus.removed && undo) offerUndo();
    refocus = null;
  }
  function offerUndo() {
    const box = statusBox();
    if (!box) return;
    const saved = undo;
    box.textContent = say("Removed.") + " ";
    const button = document.createElement("button");
    button.type = "button";
    button.id = "undo";
    button.textContent = say("Undo");
    button.addEventListener("click", () => {
      const name = form().getAttribute("hx-post").replace(/^\/preview\//, "");
      const token = JSON.parse(document.body.getAttribute("hx-headers"))["X-Desk-Token"];
      fetch("/form/" + name, { method: "POST", body: saved.toString(), credentials: "same-origin",
        headers: { "X-Desk-Token": token, "Content-Type": "application/x-www-form-urlencoded" } })
        .then((answer) => answer.ok ? answer.text() : Promise.reject(answer))
        .then((html) => {
          const fields = document.getElementById("fields");
          fields.innerHTML = html;
          htmx.process(fields);
          box.textContent = "";
          htmx.trigger(form(), "change");
          const again = fields.querySelector("input:not([type=hidden]), textarea, select");
          if (again) again.focus();
        })
        .catch(() => { box.textContent = say("The desk cannot be reached; your changes are kept in this page."); });
      undo = null;
    });
    box.appendChild(button);
  }

  // -- answers: refusals are shown where the clerk looks; the form is never replaced by them ---------------
  document.addEventListener("htmx:beforeSwap", (event) => {
    const status = event.detail.xhr.status;
    const target = event.detail.target;
    if (target && target.id === "preview") remember();
    if (status >= 400 && status < 500) {
      const box = statusBox();
      if (target && target.id === "status") {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      } else if (box) {  // an Add past a list's limit, an expired page: said in one line, the form kept
        box.textContent = event.detail.xhr.responseText.slice(0, 300);
        box.className = "bad";
      }
    }
  });
  document.addEventListener("htmx:sendError", () => {
    const box = statusBox();
    if (box) box.textContent = say("The desk cannot be reached; your changes are kept in this page.");
  });
  document.addEventListener("htmx:afterSwap", (event) => {
    const target = event.detail.target;
    if (target && target.id === "fields") focusAgain();
    if (target && target.id === "status" && event.detail.xhr.status === 200 && target.querySelector(".ok")) setDirty(false);
  });
  document.addEventListener("htmx:afterSettle", () => {
    keepComposed();
    remember();
    placeProblems();
    showLanguage(shown);
  });
  document.addEventListener("DOMContentLoaded", () => {
    const f = form();
    if (f && f.dataset.dirty === "true") dirty = true;
    remember();
    placeProblems();
    showLanguage(null);
  });
})();
