// The playground page: the controls edit an experiment file (the same JSON `descentlab run --config` reads), every
// change posts it to /api/run (debounced, a newer request aborts the older one) and the answer is drawn with plotly.
(function () {
  'use strict';

  const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  const LR_MIN_LOG = -5;
  const LR_MAX_LOG = 0;
  const DEBOUNCE_MS = 8;
  const config = { responsive: true, displaylogo: false };

  let state = null;          // the experiment file being edited
  let seedData = null;       // the generator settings to return to after a CSV
  let csvName = '';
  let last = null;           // the last answer drawn
  let controller = null;     // the request in flight
  let timer = 0;
  let inputAt = null;        // when the input that the next drawing answers happened
  let surfaceVisible = false;
  let answeredInput = null;  // the input the drawing under way answers
  let contourCache = null;   // the landscape trace last drawn, and what it was drawn from

  // What the browser benchmark and the tests read: input-to-drawn latencies, a draw counter and the last answer.
  const probe = window.playground = { latencies: [], allDrawn: [], fetched: [], draws: 0, requests: 0, last: null };

  const $ = (id) => document.getElementById(id);

  function fmt(v) {
    if (v === null || v === undefined || typeof v === 'string' || !isFinite(v)) { return String(v); }
    // Four significant digits without trailing zeros and at least two exponent digits (3.399e+08, 1e-05), as the
    // server's messages and the console write numbers.
    const rounded = Number(v.toPrecision(4));
    const a = Math.abs(rounded);
    return a !== 0 && (a < 1e-3 || a >= 1e5) ? rounded.toExponential().replace(/e([+-])(\d)$/, 'e$10$2') : String(rounded);
  }

  // ---- state <-> URL ----
  function writeHash() {
    history.replaceState(null, '', '#' + encodeURIComponent(JSON.stringify(state)));
  }

  function readHash() {
    if (location.hash.length < 2) { return null; }
    try { return JSON.parse(decodeURIComponent(location.hash.slice(1))); } catch (e) { return null; }
  }

  // ---- methods: the file's method objects, with only the fields each kind takes ----
  function optimizerFields(kind, old) {
    const lr = old && typeof old.lr === 'number' ? old.lr : 0.001;
    const wd = old && typeof old.weightDecay === 'number' ? old.weightDecay : 0;
    switch (kind) {
      case 'adam': case 'adamw':
        return { kind, lr, betas: old && old.betas ? old.betas : [0.9, 0.999], eps: 1e-8, weightDecay: kind === 'adamw' && !(old && 'weightDecay' in old) ? 0.01 : wd, amsgrad: false, maximize: false };
      case 'rmsprop':
        return { kind, lr, alpha: 0.99, eps: 1e-8, weightDecay: wd, momentum: old && typeof old.momentum === 'number' ? old.momentum : 0, centered: false, maximize: false };
      case 'adagrad':
        return { kind, lr, lrDecay: 0, weightDecay: wd, initialAccumulatorValue: 0, eps: 1e-10, maximize: false };
      default:
        return { kind: 'sgd', lr, momentum: old && typeof old.momentum === 'number' ? old.momentum : 0, dampening: 0, nesterov: !!(old && old.nesterov), weightDecay: wd, maximize: false };
    }
  }

  function scheduleFields(kind, old) {
    switch (kind) {
      case 'step': return { kind, stepSize: old && old.stepSize || 100, gamma: old && old.gamma || 0.5 };
      case 'exponential': return { kind, gamma: old && old.gamma || 0.99 };
      case 'cosine': return { kind, tMax: old && old.tMax || state.epochs || 300, etaMin: old && old.etaMin || 0 };
      default: return { kind: 'constant' };
    }
  }

  function lrToSlider(lr) {
    const t = (Math.log10(Math.max(lr, 1e-12)) - LR_MIN_LOG) / (LR_MAX_LOG - LR_MIN_LOG);
    return Math.round(Math.min(1, Math.max(0, t)) * 1000);
  }

  function sliderToLr(position) {
    return Number(Math.pow(10, LR_MIN_LOG + ((LR_MAX_LOG - LR_MIN_LOG) * position / 1000)).toPrecision(3));
  }

  function renderMethods() {
    const host = $('methods');
    host.textContent = '';
    const template = $('method-template');
    state.methods.forEach((method, index) => {
      const node = template.content.firstElementChild.cloneNode(true);
      node.dataset.index = String(index);
      node.querySelector('.method-legend').textContent = 'Method ' + (index + 1);
      node.style.borderLeftColor = COLORS[index % COLORS.length];
      node.querySelectorAll('[data-field]').forEach((el) => {
        el.id = 'm' + index + '-' + el.dataset.field;
      });
      node.querySelectorAll('label[data-for]').forEach((label) => {
        label.htmlFor = 'm' + index + '-' + label.dataset.for;
      });
      const field = (name) => node.querySelector('[data-field="' + name + '"]');
      const sampler = method.sampler || { kind: 'full-batch', batchSize: 1, dropLast: false };
      const optimizer = method.optimizer || optimizerFields('sgd');
      const schedule = method.schedule || { kind: 'constant' };
      field('name').value = method.name;
      field('sampler').value = sampler.kind;
      field('batchSize').value = sampler.batchSize;
      field('optimizer').value = optimizer.kind;
      field('lr').value = optimizer.lr;
      field('lr-slider').value = lrToSlider(optimizer.lr);
      field('lr-slider').setAttribute('aria-label', 'learning rate of ' + method.name + ', log scale');
      field('momentum').value = optimizer.momentum !== undefined ? optimizer.momentum : 0;
      field('nesterov').checked = !!optimizer.nesterov;
      field('beta1').value = optimizer.betas ? optimizer.betas[0] : 0.9;
      field('beta2').value = optimizer.betas ? optimizer.betas[1] : 0.999;
      field('weightDecay').value = optimizer.weightDecay || 0;
      field('schedule').value = schedule.kind;
      field('stepSize').value = schedule.stepSize || 100;
      field('gamma').value = schedule.gamma || 0.5;
      field('tMax').value = schedule.tMax || state.epochs;
      field('etaMin').value = schedule.etaMin || 0;
      field('remove').disabled = state.methods.length <= 1;
      field('remove').setAttribute('aria-label', 'Remove method ' + method.name);
      showFields(node, sampler.kind, optimizer.kind, schedule.kind);
      host.appendChild(node);
    });
    markLearningRates();
    fillDirectionMethods();
  }

  function showFields(node, sampler, optimizer, schedule) {
    node.querySelectorAll('[data-show]').forEach((row) => {
      const wanted = row.dataset.show.split(' ');
      row.hidden = !(wanted.includes(optimizer) || wanted.includes(schedule) || (wanted.includes('minibatch') && sampler !== 'full-batch'));
    });
  }

  function methodChanged(node, target) {
    const index = Number(node.dataset.index);
    const method = state.methods[index];
    const field = (name) => node.querySelector('[data-field="' + name + '"]');
    const name = target.dataset.field;
    const number = (el) => (el.value === '' ? NaN : Number(el.value));
    switch (name) {
      case 'name': method.name = target.value; break;
      case 'sampler': method.sampler = Object.assign({}, method.sampler, { kind: target.value }); break;
      case 'batchSize': method.sampler = Object.assign({}, method.sampler, { batchSize: number(target) }); break;
      case 'optimizer': method.optimizer = optimizerFields(target.value, method.optimizer); break;
      case 'lr-slider':
        method.optimizer.lr = sliderToLr(Number(target.value));
        field('lr').value = method.optimizer.lr;
        break;
      case 'lr':
        method.optimizer.lr = number(target);
        if (isFinite(method.optimizer.lr)) { field('lr-slider').value = lrToSlider(method.optimizer.lr); }
        break;
      case 'momentum': method.optimizer.momentum = number(target); break;
      case 'nesterov': method.optimizer.nesterov = target.checked; break;
      case 'beta1': method.optimizer.betas = [number(target), method.optimizer.betas[1]]; break;
      case 'beta2': method.optimizer.betas = [method.optimizer.betas[0], number(target)]; break;
      case 'weightDecay': method.optimizer.weightDecay = number(target); break;
      case 'schedule': method.schedule = scheduleFields(target.value, method.schedule); break;
      case 'stepSize': method.schedule.stepSize = number(target); break;
      case 'gamma': method.schedule.gamma = number(target); break;
      case 'tMax': method.schedule.tMax = number(target); break;
      case 'etaMin': method.schedule.etaMin = number(target); break;
      default: return;
    }

    if (name === 'optimizer' || name === 'schedule') {
      renderMethods();
    } else {
      showFields(node, method.sampler.kind, method.optimizer.kind, method.schedule ? method.schedule.kind : 'constant');
    }

    changed();
  }

  function addMethod() {
    const names = new Set(state.methods.map((m) => m.name));
    let k = state.methods.length + 1;
    while (names.has('method-' + k)) { k++; }
    const template = state.methods[state.methods.length - 1];
    state.methods.push({
      name: 'method-' + k,
      sampler: Object.assign({}, template ? template.sampler : { kind: 'reshuffle', batchSize: 25, dropLast: false }),
      optimizer: optimizerFields('sgd', template ? template.optimizer : null),
      schedule: { kind: 'constant' },
    });
    renderMethods();
    changed();
  }

  // ---- data and training controls ----
  function renderControls() {
    const data = state.data || { kind: 'seed' };
    $('data-kind').value = data.kind === 'csv' ? 'csv' : 'seed';
    $('seed-data').hidden = data.kind === 'csv';
    $('csv-data').hidden = data.kind !== 'csv';
    if (data.kind !== 'csv') {
      $('data-count').value = data.count;
      $('data-xlow').value = data.xLow;
      $('data-xhigh').value = data.xHigh;
      $('data-noise').value = data.cSd;
      $('data-noise-value').textContent = fmt(data.cSd);
    } else {
      fillColumns(data.text, data.x[0], data.y);
      $('csv-name').textContent = (csvName || 'data') + ': ' + (data.text.split('\n').filter((l) => l.trim() !== '').length - 1) + ' rows';
    }

    $('degree').value = state.degree;
    $('epochs').value = state.epochs;
    $('seed').value = state.seed;
    $('replicates').value = state.replicates;
    $('rng').value = state.rng;
    $('init').value = typeof state.init === 'string' ? state.init : 'shared';
    $('x-axis').value = (state.output && state.output.xAxis) || 'epoch';
    renderMethods();
  }

  function csvColumns(text) {
    const first = text.split(/\r?\n/, 1)[0] || '';
    return first.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1')).filter((c) => c !== '');
  }

  function fillColumns(text, x, y) {
    const columns = csvColumns(text);
    for (const [id, chosen] of [['csv-x', x], ['csv-y', y]]) {
      const select = $(id);
      select.textContent = '';
      for (const c of columns) {
        const option = document.createElement('option');
        option.value = c;
        option.textContent = c;
        select.appendChild(option);
      }
      select.value = chosen;
    }
  }

  // The seed's (x², x) plane exists only for a column named x with degree 2 or more; otherwise the renderer chooses.
  function fixPlane() {
    state.output = state.output || {};
    const x = state.data && state.data.kind === 'csv' ? state.data.x[0] : 'x';
    state.output.plane = state.degree >= 2 ? [x + '^2', x] : null;
  }

  function controlChanged(event) {
    const t = event.target;
    const value = t.value === '' ? NaN : Number(t.value);
    switch (t.id) {
      case 'data-kind':
        if (t.value === 'seed') {
          state.data = Object.assign({}, seedData);
          fixPlane();
          renderControls();
          break;
        }
        $('seed-data').hidden = true;
        $('csv-data').hidden = false;
        if (state.data.kind !== 'csv') { $('csv-file').focus(); return; }
        break;
      case 'data-count': state.data.count = value; break;
      case 'data-xlow': state.data.xLow = value; break;
      case 'data-xhigh': state.data.xHigh = value; break;
      case 'data-noise': state.data.cSd = value; $('data-noise-value').textContent = fmt(value); break;
      case 'csv-x': state.data.x = [t.value]; fixPlane(); break;
      case 'csv-y': state.data.y = t.value; break;
      case 'degree': state.degree = value; fixPlane(); break;
      case 'epochs': state.epochs = value; break;
      case 'seed': state.seed = value; break;
      case 'replicates': state.replicates = value; break;
      case 'rng': state.rng = t.value; break;
      case 'init': state.init = t.value; break;
      case 'x-axis': state.output.xAxis = t.value; break;
      case 'csv-file': return;
      default: {
        const node = t.closest('fieldset.method');
        if (node) { methodChanged(node, t); }
        return;
      }
    }

    changed();
  }

  function loadCsv(file) {
    const reader = new FileReader();
    reader.onload = () => {
      const text = String(reader.result);
      const columns = csvColumns(text);
      const x = columns.includes('x') ? 'x' : columns[0];
      const y = columns.includes('y') && x !== 'y' ? 'y' : columns.find((c) => c !== x) || columns[0];
      csvName = file.name;
      state.data = { kind: 'csv', text, x: [x], y };
      // A minibatch cannot be larger than the dataset: sizes above its row count are cut to it, in the controls too.
      const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
      for (const m of state.methods) {
        if (m.sampler && m.sampler.kind !== 'full-batch' && m.sampler.batchSize > rows && rows >= 1) { m.sampler.batchSize = rows; }
      }
      fixPlane();
      renderControls();
      changed();
    };
    reader.readAsText(file);
  }

  // ---- running ----
  function changed() {
    if (inputAt === null) { inputAt = performance.now(); }
    writeHash();
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  async function run() {
    if (controller) { controller.abort(); }
    const mine = controller = new AbortController();
    const body = JSON.stringify(state);
    const started = performance.now();
    probe.requests++;
    document.body.dataset.state = 'busy';
    let response;
    let bytes;
    try {
      response = await fetch('/api/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal: mine.signal });
      bytes = await response.text();
    } catch (e) {
      if (mine.signal.aborted) { return; }
      showError('The server did not answer: ' + e.message);
      return;
    }

    if (mine !== controller) { return; }
    controller = null;
    if (!response.ok) {
      let detail = response.status + ' ' + response.statusText;
      try { detail = JSON.parse(bytes).detail || detail; } catch (e) { /* not problem JSON */ }
      showError(detail);
      return;
    }

    probe.fetched.push(performance.now() - started);
    const answer = JSON.parse(bytes);
    $('error').hidden = true;
    $('error').textContent = '';
    last = probe.last = answer;
    $('status').textContent = 'computed in ' + Math.round(performance.now() - started) + ' ms, ' + Math.round(bytes.length / 1024) + ' KB';
    draw(answer);
  }

  function showError(message) {
    inputAt = null;
    document.body.dataset.state = 'error';
    $('error').textContent = message;
    $('error').hidden = false;
  }

  // ---- drawing ----
  function axisTitle(text) { return { text }; }

  function plotTitle(text) { return { text, x: 0.01, xanchor: 'left', font: { size: 15 } }; }

  function positive(values) { return values.map((v) => (v === null || !(v > 0) ? null : v)); }

  function logRange(traces, ceiling, decades) {
    let low = Infinity;
    let high = -Infinity;
    for (const t of traces) {
      for (const v of t.y) {
        if (v !== null && v > 0 && v <= ceiling) { low = Math.min(low, v); high = Math.max(high, v); }
      }
    }
    if (!isFinite(low)) { return undefined; }
    if (decades) { low = Math.max(low, high * Math.pow(10, -decades)); }
    const pad = Math.max(0.05 * (Math.log10(high) - Math.log10(low)), 0.1);
    return [Math.log10(low) - pad, Math.log10(high) + pad];
  }

  function lossTraces(answer, key) {
    const view = answer.view;
    const traces = [];
    const ceiling = view.lossCeiling;
    const clip = (values) => positive(values).map((v) => (v === null ? null : Math.min(v, ceiling * 10)));
    view.runs.forEach((run, i) => {
      const color = COLORS[i % COLORS.length];
      const band = view.bands && view.bands[i];
      if (band) {
        traces.push({ type: 'scatter', mode: 'lines', x: band.x, y: clip(band[key].upper), line: { width: 0, color }, hoverinfo: 'skip', showlegend: false, legendgroup: run.name });
        traces.push({ type: 'scatter', mode: 'lines', x: band.x, y: clip(band[key].lower), line: { width: 0, color }, fill: 'tonexty', fillcolor: color + '33', name: run.name + ': band', legendgroup: run.name, hoverinfo: 'skip', showlegend: false });
        traces.push({ type: 'scatter', mode: 'lines', x: band.x, y: clip(band[key].median), line: { width: 2.5, color }, name: run.name + ' (median, band' + (band.diverged > 0 ? '; ' + band.diverged + ' of ' + band.replicates + ' diverged' : '') + ')', legendgroup: run.name });
      } else {
        traces.push({ type: 'scatter', mode: 'lines', x: run.x, y: clip(run[key]), line: { width: 2, color }, name: run.name });
      }
      // With replicates the curves drawn are the median and band, not replicate 0's: its × would mark a curve not shown.
      if (run.diverged && !band) {
        let k = run[key].length - 1;
        while (k > 0 && !(run[key][k] > 0 && run[key][k] <= ceiling)) { k--; }
        traces.push({
          type: 'scatter', mode: 'markers+text', x: [run.x[k]], y: [run[key][k] > 0 ? run[key][k] : null],
          marker: { symbol: 'x', size: 14, color: '#d62728', line: { width: 2 } },
          text: ['diverged'], textposition: 'top center', name: run.name + ' diverged at step ' + run.divergedAtStep,
          hovertext: run.name + ': ' + run.divergenceReason, hoverinfo: 'text',
        });
      }
    });
    return traces;
  }

  function lineLayout(title, yTitle, answer, traces) {
    return {
      title: plotTitle(title),
      xaxis: { title: axisTitle(answer.view.xTitle) },
      yaxis: { title: axisTitle(yTitle), type: 'log', range: logRange(traces, answer.view.lossCeiling * 10), exponentformat: 'power' },
      margin: { l: 70, r: 20, t: 50, b: 80 },
      legend: { orientation: 'h', yanchor: 'top', y: -0.3 },
      uirevision: 'keep',
    };
  }

  function draw(answer) {
    const answered = inputAt;
    answeredInput = inputAt;
    inputAt = null;
    const loss = lossTraces(answer, 'loss');
    const excess = lossTraces(answer, 'excessLoss');
    const drawn = [
      Plotly.react('plot-loss', loss, lineLayout('Full-data loss', 'L(θ)', answer, loss), config),
      Plotly.react('plot-excess', excess, lineLayout('Excess loss', 'L(θ) − L*', answer, excess), config),
      drawLandscape(answer),
      drawDirections(),
    ];
    if (surfaceVisible) { drawn.push(drawSurface(answer)); }
    Promise.all(drawn).then(() => {
      if (answered !== null) { probe.allDrawn.push(performance.now() - answered); }
      probe.draws++;
      document.body.dataset.state = 'ready';
    });
    drawDivergence(answer);
    drawAnalysis(answer);
    markLearningRates();
  }

  function replayEpoch(answer) {
    const lastEpoch = Math.max.apply(null, answer.view.runs.map((r) => r.epoch[r.epoch.length - 1] || 0));
    return lastEpoch * Number($('replay').value) / 1000;
  }

  function cut(run, epoch) {
    let k = 0;
    while (k + 1 < run.epoch.length && run.epoch[k + 1] <= epoch + 1e-9) { k++; }
    return k;
  }

  function drawLandscape(answer) {
    const view = answer.view;
    const land = view.landscape;
    const epoch = replayEpoch(answer);
    // The same surface as last time (a learning rate moved, the paths stayed in the plane) keeps its arrays, so
    // plotly.react, which compares arrays by reference, does not contour it again.
    const key = JSON.stringify([land.x, land.y, land.min, land.max]);
    if (!contourCache || contourCache.key !== key) {
      contourCache = {
        key,
        trace: {
          type: 'contour', x: land.x, y: land.y, z: land.z.map((row) => row.map((v) => (v > 0 ? Math.log10(v) : null))),
          colorscale: 'Viridis', ncontours: 20, line: { width: 0.5 }, showscale: true,
          colorbar: { title: { text: 'log₁₀ loss' } }, hoverinfo: 'skip', name: 'landscape',
        },
      };
    }
    const traces = [contourCache.trace];
    // A diverging path heads for infinity: points far off the plane are left out, so plotly never draws huge coordinates.
    const spanX = land.x[land.x.length - 1] - land.x[0];
    const spanY = land.y[land.y.length - 1] - land.y[0];
    const near = (x, y) => x !== null && y !== null && Math.abs(x - land.x[0]) < 20 * spanX && Math.abs(y - land.y[0]) < 20 * spanY;
    view.runs.forEach((run, i) => {
      const k = cut(run, epoch);
      const color = COLORS[i % COLORS.length];
      const xs = run.planeX.slice(0, k + 1).map((x, j) => (near(x, run.planeY[j]) ? x : null));
      const ys = run.planeY.slice(0, k + 1).map((y, j) => (near(run.planeX[j], y) ? y : null));
      traces.push({ type: 'scatter', mode: 'lines', x: xs, y: ys, line: { color, width: 2 }, name: run.name });
      const head = near(run.planeX[k], run.planeY[k]);
      traces.push({ type: 'scatter', mode: 'markers', x: [head ? run.planeX[k] : null], y: [head ? run.planeY[k] : null], marker: { color, size: 10, line: { color: '#fff', width: 1.5 } }, showlegend: false, hovertext: run.name + ', epoch ' + fmt(run.epoch[k]), hoverinfo: 'text' });
    });
    traces.push({ type: 'scatter', mode: 'markers', x: [land.optimum[0]], y: [land.optimum[1]], marker: { symbol: 'star', size: 14, color: '#fff', line: { color: '#000', width: 1 } }, name: 'θ*' });
    $('replay-value').textContent = fmt(epoch);
    $('landscape-caption').textContent = 'The loss over (' + view.plane.xLabel + ', ' + view.plane.yLabel + '), ' + view.plane.kind + ', and every method\'s path; drag the replay slider to move along the paths.';
    return Plotly.react('plot-landscape', traces, {
      title: plotTitle('Landscape and paths'),
      xaxis: { title: axisTitle(view.plane.xLabel), range: [land.x[0], land.x[land.x.length - 1]] },
      yaxis: { title: axisTitle(view.plane.yLabel), range: [land.y[0], land.y[land.y.length - 1]] },
      margin: { l: 70, r: 20, t: 50, b: 80 },
      legend: { orientation: 'h', yanchor: 'top', y: -0.2 },
      uirevision: 'keep',
    }, config);
  }

  function fillDirectionMethods() {
    const select = $('direction-method');
    const chosen = select.value;
    select.textContent = '';
    for (const m of state.methods) {
      const option = document.createElement('option');
      option.value = m.name;
      option.textContent = m.name;
      select.appendChild(option);
    }
    if (state.methods.some((m) => m.name === chosen)) { select.value = chosen; }
  }

  function drawDirections() {
    if (!last) { return Promise.resolve(); }
    const answer = last;
    const runs = answer.view.runs;
    const index = Math.max(0, runs.findIndex((r) => r.name === $('direction-method').value));
    const run = runs[index];
    const analysis = answer.analysis;
    const method = analysis.methods[index];
    const traces = [];
    run.directions.forEach((values, i) => {
      const lambda = analysis.eigenvalues[i];
      const rho = method.contractions[i];
      const color = COLORS[(i + 3) % COLORS.length];
      traces.push({ type: 'scatter', mode: 'lines', x: run.x, y: positive(values), line: { color, width: 2 }, name: 'λ' + (i + 1) + ' = ' + fmt(lambda) + ', |1 − lr·λ| = ' + fmt(rho) });
      // Plain gradient descent from the same start: e·ρ^(2k) after k steps.
      const start = values[0];
      traces.push({
        type: 'scatter', mode: 'lines', x: run.x, y: run.step.map((k) => { const v = start * Math.pow(rho, 2 * k); return v > 1e-300 && isFinite(v) ? v : null; }),
        line: { color, width: 1, dash: 'dash' }, name: 'GD theory, λ' + (i + 1), showlegend: i === 0 ? true : false, legendgroup: 'theory',
      });
    });
    return Plotly.react('plot-directions', traces, {
      title: plotTitle('Along each eigendirection: ' + run.name),
      xaxis: { title: axisTitle(answer.view.xTitle) },
      yaxis: { title: axisTitle('(λᵢ/2)·(vᵢᵀ(θ − θ*))²'), type: 'log', range: logRange(traces.filter((t, k) => k % 2 === 0), answer.view.lossCeiling * 10, 12), exponentformat: 'power' },
      margin: { l: 70, r: 20, t: 50, b: 80 },
      legend: { orientation: 'h', yanchor: 'top', y: -0.3 },
      uirevision: 'keep',
    }, config);
  }

  function drawSurface(answer) {
    const view = answer.view;
    const land = view.landscape;
    const traces = [{ type: 'surface', x: land.x, y: land.y, z: land.z, colorscale: 'Viridis', showscale: false, name: 'loss', opacity: 0.95 }];
    view.runs.forEach((run, i) => {
      const inside = (k) => run.planeX[k] >= land.x[0] && run.planeX[k] <= land.x[land.x.length - 1] && run.planeY[k] >= land.y[0] && run.planeY[k] <= land.y[land.y.length - 1];
      traces.push({
        type: 'scatter3d', mode: 'lines', name: run.name,
        x: run.planeX.map((v, k) => (inside(k) ? v : null)), y: run.planeY.map((v, k) => (inside(k) ? v : null)), z: run.loss.map((v, k) => (inside(k) ? v : null)),
        line: { color: COLORS[i % COLORS.length], width: 5 },
      });
    });
    return Plotly.react('plot-surface', traces, {
      title: plotTitle('Landscape in 3D'),
      scene: { xaxis: { title: axisTitle(view.plane.xLabel) }, yaxis: { title: axisTitle(view.plane.yLabel) }, zaxis: { title: axisTitle('loss') } },
      margin: { l: 0, r: 0, t: 50, b: 0 },
      uirevision: 'keep',
    }, config);
  }

  // With replicates, how many of each method's runs diverged; the summary's methods are replicate 0's alone.
  function divergedText(answer, i) {
    const m = answer.summary.methods[i];
    const band = answer.view.bands && answer.view.bands[i];
    if (!band) { return m.diverged ? m.name + ' diverged at step ' + m.divergedAtStep + ': ' + m.divergenceReason + '.' : ''; }
    if (band.diverged === 0) { return ''; }
    const first = m.diverged ? '; replicate 0 (seed ' + answer.summary.seed + ') at step ' + m.divergedAtStep + ': ' + m.divergenceReason : '';
    return m.name + ': ' + band.diverged + ' of ' + band.replicates + ' replicates diverged' + first + '.';
  }

  function drawDivergence(answer) {
    const texts = answer.summary.methods.map((m, i) => divergedText(answer, i)).filter((t) => t !== '');
    const box = $('divergence');
    box.hidden = texts.length === 0;
    box.textContent = texts.join(' ');
  }

  function row(tbody, cells) {
    const tr = document.createElement('tr');
    cells.forEach((c, i) => {
      const td = document.createElement(i === 0 ? 'th' : 'td');
      td.textContent = c;
      if (i === 0 || (typeof c === 'string' && isNaN(Number(c)))) { td.className = 'text'; }
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }

  function drawAnalysis(answer) {
    const a = answer.analysis;
    const labels = answer.view.labels;
    const table = $('analysis-table').tBodies[0];
    table.textContent = '';
    row(table, ['θ* (' + labels.join(', ') + ')', '(' + a.optimum.map(fmt).join(', ') + ')']);
    row(table, ['L* = L(θ*)', fmt(a.minimumLoss)]);
    row(table, ['eigenvalues λ of H = 2S', a.eigenvalues.map(fmt).join(', ')]);
    row(table, ['condition number κ', fmt(a.conditionNumber)]);
    row(table, ['GD stability bound 2/λmax', fmt(a.stabilityBound)]);
    row(table, ['best constant step 2/(λmin + λmax)', fmt(a.bestConstantStep)]);
    row(table, ['heavy ball: lr, momentum', fmt(a.heavyBallStep) + ', ' + fmt(a.heavyBallMomentum)]);
    const methods = $('method-table').tBodies[0];
    methods.textContent = '';
    // With replicates the final losses are replicate 0's (the experiment's own seed); the diverged column counts them all.
    const head = $('method-table').tHead.rows[0].cells;
    const of = answer.view.bands ? ' (replicate 0)' : '';
    head[4].textContent = 'final loss' + of;
    head[5].textContent = 'final L − L*' + of;
    head[6].textContent = answer.view.bands ? 'diverged replicates' : 'diverged';
    a.methods.forEach((m, i) => {
      const s = answer.summary.methods[i];
      const band = answer.view.bands && answer.view.bands[i];
      const diverged = band ? band.diverged + ' of ' + band.replicates : (s.diverged ? 'at step ' + s.divergedAtStep : 'no');
      row(methods, [m.name, fmt(m.lr), fmt(m.lrOverBound), m.contractions.map(fmt).join(', '), fmt(s.finalLoss), fmt(s.finalExcessLoss), diverged]);
    });
    const readings = $('readings');
    readings.textContent = '';
    for (const sentence of answer.view.readings) {
      const li = document.createElement('li');
      li.textContent = sentence;
      readings.appendChild(li);
    }
  }

  // Each learning-rate slider marks 2/λmax and the best constant step of the last answer's data.
  function markLearningRates() {
    if (!last) { return; }
    const a = last.analysis;
    document.querySelectorAll('fieldset.method').forEach((node) => {
      const at = (lr) => String(lrToSlider(lr) / 1000);
      node.querySelector('.mark.bound').style.setProperty('--at', at(a.stabilityBound));
      node.querySelector('.mark.best').style.setProperty('--at', at(a.bestConstantStep));
      const method = state.methods[Number(node.dataset.index)];
      const lr = method && method.optimizer ? method.optimizer.lr : NaN;
      node.querySelector('.lr-note').textContent = 'lr = ' + fmt(lr / a.stabilityBound) + ' × 2/λmax (' + fmt(a.stabilityBound) + '); best constant step ' + fmt(a.bestConstantStep) + '.';
    });
  }

  // ---- downloads ----
  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  async function openReport() {
    const button = $('report');
    button.disabled = true;
    try {
      const response = await fetch('/api/report', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(state) });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        showError(problem.detail || response.statusText);
        return;
      }
      save(await response.blob(), 'report.html');
    } finally {
      button.disabled = false;
    }
  }

  // ---- start ----
  async function start() {
    const fromHash = readHash();
    const seed = await (await fetch('/api/experiment')).json();
    seedData = seed.data;
    state = fromHash || seed;
    if (state.data && state.data.kind !== 'csv') { seedData = Object.assign({}, seedData, state.data); }
    renderControls();
    const form = $('controls');
    form.addEventListener('input', controlChanged);
    form.addEventListener('submit', (e) => e.preventDefault());
    $('csv-file').addEventListener('change', (e) => { if (e.target.files.length > 0) { loadCsv(e.target.files[0]); } });
    $('add-method').addEventListener('click', addMethod);
    $('methods').addEventListener('click', (e) => {
      if (e.target.dataset.field === 'remove' && state.methods.length > 1) {
        state.methods.splice(Number(e.target.closest('fieldset.method').dataset.index), 1);
        renderMethods();
        changed();
      }
    });
    $('download').addEventListener('click', () => save(new Blob([JSON.stringify(state, null, 2) + '\n'], { type: 'application/json' }), 'experiment.json'));
    $('report').addEventListener('click', openReport);
    $('reset').addEventListener('click', () => { state = JSON.parse(JSON.stringify(seed)); seedData = seed.data; renderControls(); changed(); });
    $('direction-method').addEventListener('change', () => drawDirections());
    $('replay').addEventListener('input', () => { if (last) { drawLandscape(last); } });

    const observer = new IntersectionObserver((entries) => {
      surfaceVisible = entries.some((e) => e.isIntersecting);
      if (surfaceVisible && last) { drawSurface(last); }
    });
    observer.observe($('plot-surface'));
    run();
  }

  // plotly's own event, fired once the loss plot is drawn: the end of the round trip the benchmark measures.
  function watchAfterplot() {
    const plot = $('plot-loss');
    const attach = () => {
      if (typeof plot.on !== 'function') { setTimeout(attach, 50); return; }
      plot.on('plotly_afterplot', () => {
        if (answeredInput !== null) {
          probe.latencies.push(performance.now() - answeredInput);
          answeredInput = null;
        }
      });
    };
    attach();
  }

  window.addEventListener('hashchange', () => {
    const s = readHash();
    if (s && JSON.stringify(s) !== JSON.stringify(state)) { state = s; renderControls(); run(); }
  });

  start().then(watchAfterplot).catch((e) => showError('The page could not start: ' + e.message));
}());
