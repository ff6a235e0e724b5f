// reporttool's only script: drop zones, auto-submitting pickers, and live batch progress.
// Everything it shows comes in as text (textContent), never as HTML, and the pages work without it.
"use strict";

function setupDrops() {
  document.querySelectorAll("form[data-drop]").forEach(function (form) {
    var input = form.querySelector("input[type=file]");
    var target = form.querySelector(".drop-target");
    var busy = function () {
      form.classList.add("busy");
      target.querySelector(".drop-help").textContent = "Checking " + input.files[0].name + " ...";
    };
    input.addEventListener("change", function () {
      if (input.files.length) { busy(); form.submit(); }
    });
    ["dragenter", "dragover"].forEach(function (name) {
      target.addEventListener(name, function (event) { event.preventDefault(); target.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      target.addEventListener(name, function () { target.classList.remove("over"); });
    });
    target.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!event.dataTransfer.files.length) { return; }
      input.files = event.dataTransfer.files;
      busy();
      form.submit();
    });
  });
  document.querySelectorAll("a[data-format]").forEach(function (link) {
    link.addEventListener("click", function () {  // a PDF takes a few seconds: say that it is coming
      var label = link.textContent;
      link.textContent = "Preparing " + label + " ...";
      window.setTimeout(function () { link.textContent = label; }, 4000);
    });
  });
  document.querySelectorAll("[data-autosubmit]").forEach(function (control) {
    control.addEventListener("change", function () { control.form.submit(); });
  });
}

function setupRun() {
  var panel = document.querySelector("[data-run-events]");
  if (!panel || !window.EventSource) { return; }
  var bar = panel.querySelector("progress");
  var counts = panel.querySelector("[data-counts]");
  var left = panel.querySelector("[data-left]");
  var log = panel.querySelector("[data-log]");
  var source = new EventSource(panel.getAttribute("data-run-events"));
  source.addEventListener("progress", function (event) {
    var state = JSON.parse(event.data);
    bar.max = Math.max(state.total, 1);
    bar.value = state.done;
    counts.textContent = state.done + " of " + state.total + " packs: " + state.built + " built, " +
      state.skipped + " unchanged, " + state.failed + " failed";
    left.textContent = state.left_text;
    if (state.last) {
      var line = document.createElement("li");
      line.className = state.last.status;
      line.textContent = state.last.status + ": " + state.last.client + " / " + state.last.briefing +
        (state.last.error ? " (" + state.last.error + ")" : "");
      log.insertBefore(line, log.firstChild);
    }
  });
  source.addEventListener("end", function () {
    source.close();
    left.textContent = "finished: loading the results ...";
    window.setTimeout(function () { window.location.reload(); }, 800);  // let the full bar be seen
  });
}

document.addEventListener("DOMContentLoaded", function () { setupDrops(); setupRun(); });
