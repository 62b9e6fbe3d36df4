(function () {
  'use strict';
  var figures = JSON.parse(document.getElementById('figure-data').textContent);
  var config = { responsive: true, displaylogo: false };
  var replay = null;
  figures.forEach(function (figure) {
    Plotly.newPlot(figure.id, figure.data, figure.layout, config);
    if (figure.replay) {
      replay = figure;
    }
  });
  if (!replay) {
    return;
  }

  var div = document.getElementById(replay.id);
  var slider = document.getElementById('replay-slider');
  var label = document.getElementById('replay-label');
  var button = document.getElementById('replay-play');
  var spec = replay.replay;

  // The number of drawn rows of a run whose epoch is at most e (rows are in epoch order).
  function count(run, e) {
    var lo = 0, hi = run.epoch.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (run.epoch[mid] <= e) { lo = mid + 1; } else { hi = mid; }
    }
    return Math.max(lo, 1);
  }

  function show(position) {
    var e = spec.lastEpoch * position / spec.positions;
    var xs = [], ys = [], traces = [];
    var steps = [];
    spec.runs.forEach(function (run) {
      var k = count(run, e);
      xs.push(run.x.slice(0, k));
      ys.push(run.y.slice(0, k));
      traces.push(run.line);
      xs.push([run.x[k - 1]]);
      ys.push([run.y[k - 1]]);
      traces.push(run.head);
      steps.push(run.name + ' step ' + run.step[k - 1]);
    });
    Plotly.restyle(div, { x: xs, y: ys }, traces);
    label.textContent = 'epoch ' + e.toFixed(e < 10 ? 2 : 1) + ' \u2014 ' + steps.join(', ');
  }

  var timer = null;
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; button.textContent = 'Play'; }
  }
  slider.addEventListener('input', function () { stop(); show(+slider.value); });
  button.addEventListener('click', function () {
    if (timer !== null) { stop(); return; }
    if (+slider.value >= spec.positions) { slider.value = 0; }
    button.textContent = 'Pause';
    timer = setInterval(function () {
      var next = Math.min(+slider.value + Math.max(1, Math.round(spec.positions / 200)), spec.positions);
      slider.value = next;
      show(next);
      if (next >= spec.positions) { stop(); }
    }, 40);
  });
  show(+slider.value);
})();
