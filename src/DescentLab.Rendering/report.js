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
  // The x-axis switch: every figure with a "progress" map is redrawn against epochs, steps or samples, and so is the replay.
  var spec = replay ? replay.replay : null;
  function setAxis(axis) {
    figures.forEach(function (figure) {
      if (!figure.progress) { return; }
      var p = figure.progress[axis];
      var div = document.getElementById(figure.id);
      Plotly.restyle(div, { x: p.x }, p.x.map(function (_, i) { return i; }));
      Plotly.relayout(div, { 'xaxis.title.text': p.title, 'xaxis.autorange': true, 'title.text': p.heading });
    });
    if (spec) {
      spec.axis = axis;
      show(+slider.value);
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll('input[name="x-axis"]'), function (input) {
    input.addEventListener('change', function () { if (input.checked) { setAxis(input.value); } });
  });
  if (!replay) {
    return;
  }

  var div = document.getElementById(replay.id);
  var slider = document.getElementById('replay-slider');
  var label = document.getElementById('replay-label');
  var button = document.getElementById('replay-play');

  function unit(run) { return spec.axis === 'steps' ? run.step : spec.axis === 'samples' ? run.samples : run.epoch; }
  function last() { return spec.axis === 'steps' ? spec.lastStep : spec.axis === 'samples' ? spec.lastSamples : spec.lastEpoch; }

  // The number of drawn rows of a run whose progress on the chosen axis is at most e (rows are in order).
  function count(run, e) {
    var values = unit(run);
    var lo = 0, hi = values.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (values[mid] <= e) { lo = mid + 1; } else { hi = mid; }
    }
    return Math.max(lo, 1);
  }

  function show(position) {
    var e = last() * position / spec.positions;
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
    if (traces.length) { Plotly.restyle(div, { x: xs, y: ys }, traces); }
    // A classifier's decision regions: each panel shows its run's last frame at or before e, titled with its accuracy.
    var zs = [], panels = [], titles = {};
    (spec.boundaries || []).forEach(function (b) {
      var k = count(b, e);
      zs.push(b.z[k - 1]);
      panels.push(b.trace);
      var a = b.accuracy[k - 1];
      var share = a === null ? '\u03b8 not finite' : (100 * a).toFixed(1) + '% correct';
      titles['annotations[' + b.annotation + '].text'] = b.name + ': ' + share;
      steps.push(b.name + ' step ' + b.step[k - 1] + ' (' + share + ')');
    });
    if (panels.length) {
      Plotly.restyle(div, { z: zs }, panels);
      Plotly.relayout(div, titles);
    }
    var where = spec.axis === 'steps' ? 'update ' + Math.floor(e) : spec.axis === 'samples' ? Math.floor(e) + ' samples' : 'epoch ' + e.toFixed(e < 10 ? 2 : 1);
    label.textContent = where + ' \u2014 ' + steps.join(', ');
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
