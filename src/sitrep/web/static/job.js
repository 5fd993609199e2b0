// Polls the ingest job's JSON twin and reloads the (server-rendered) page when its state changes.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) { return; }
  var url = box.getAttribute("data-json");
  var state = box.getAttribute("data-state");
  function tick() {
    fetch(url, { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        var bar = document.getElementById("job-progress");
        if (bar && job.total) { bar.max = job.total; bar.value = job.done; }
        if (job.finished || job.state !== state) { window.location.reload(); return; }
        window.setTimeout(tick, 700);
      })
      .catch(function () { window.setTimeout(tick, 2000); });
  }
  window.setTimeout(tick, 500);
})();
