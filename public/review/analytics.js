// Draws the analytics charts (per day, per branch, reading accuracy per week) with the locally served Chart.js from
// the JSON block the page carries. The outcomes differ by pattern and lightness as well as hue (WCAG 1.4.1): solid
// dark green, light green with stripes, red with cross-hatching, blue with dots; the legend shows the same patterns,
// and a white edge separates stacked bars.
'use strict';
(function () {
  var source = document.getElementById('analytics-data');
  if (!source || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  var LABELS = { approvedAsDrafted: 'Approved as drafted', approvedEdited: 'Approved with edits', rejected: 'Rejected', autoSent: 'Auto-sent', drafts: 'Drafts made' };
  var OUTCOMES = ['approvedAsDrafted', 'approvedEdited', 'rejected', 'autoSent'];
  var DRAFTS = '#263238';

  // A 10×10 tile: background colour plus a mark drawn in the ink colour.
  function pattern(bg, ink, draw) {
    var tile = document.createElement('canvas');
    tile.width = 10;
    tile.height = 10;
    var c = tile.getContext('2d');
    c.fillStyle = bg;
    c.fillRect(0, 0, 10, 10);
    c.strokeStyle = ink;
    c.fillStyle = ink;
    c.lineWidth = 2;
    if (draw) draw(c);
    return c.createPattern(tile, 'repeat');
  }
  var FILLS = {
    approvedAsDrafted: pattern('#1b5e20'),
    approvedEdited: pattern('#c8e6c9', '#1b5e20', function (c) { c.beginPath(); c.moveTo(-1, 11); c.lineTo(11, -1); c.stroke(); }),
    rejected: pattern('#e57373', '#7f0000', function (c) { c.beginPath(); c.moveTo(0, 5); c.lineTo(10, 5); c.moveTo(5, 0); c.lineTo(5, 10); c.stroke(); }),
    autoSent: pattern('#bbdefb', '#0d47a1', function (c) { c.beginPath(); c.arc(5, 5, 2.2, 0, 2 * Math.PI); c.fill(); }),
  };

  function bars(series) {
    return OUTCOMES.map(function (k) {
      return { type: 'bar', label: LABELS[k], data: series[k], backgroundColor: FILLS[k], borderColor: '#ffffff', borderWidth: 1, stack: 'outcome' };
    });
  }
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    new window.Chart(canvas, config);
    canvas.setAttribute('data-drawn', 'true');
  }
  var integers = { precision: 0 };
  window.Chart.defaults.animation = false;
  window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  window.Chart.defaults.color = '#1d2733';

  draw('chart-days', {
    type: 'bar',
    data: {
      labels: data.days.map(function (d) { return d.slice(5); }),
      datasets: bars(data.perDay).concat([{
        type: 'line', label: LABELS.drafts, data: data.perDay.drafts, stack: 'drafts',
        borderColor: DRAFTS, backgroundColor: DRAFTS, borderDash: [6, 3], pointRadius: 3, pointStyle: 'rectRot', tension: 0,
      }]),
    },
    options: {
      responsive: true, maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: integers } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
  draw('chart-branches', {
    type: 'bar',
    data: { labels: data.branches, datasets: bars(data.perBranch) },
    options: {
      indexAxis: 'y', responsive: true, maintainAspectRatio: false,
      scales: { x: { stacked: true, beginAtZero: true, ticks: integers }, y: { stacked: true } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
  // Reading accuracy per week: confirmed and corrected tickets (bars), branch accuracy in % (line, right axis).
  if (data.reading && data.reading.weeks.length) {
    draw('chart-accuracy', {
      type: 'bar',
      data: {
        labels: data.reading.weeks,
        datasets: [
          { type: 'bar', label: 'Confirmed', data: data.reading.confirmed, backgroundColor: FILLS.approvedAsDrafted, stack: 'labels', yAxisID: 'y' },
          { type: 'bar', label: 'Corrected', data: data.reading.corrected, backgroundColor: FILLS.rejected, stack: 'labels', yAxisID: 'y' },
          { type: 'line', label: 'Branch accuracy (%)', data: data.reading.accuracy, borderColor: '#0d47a1', backgroundColor: '#0d47a1', yAxisID: 'pct', tension: 0, pointRadius: 3 },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false,
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, ticks: integers, position: 'left' },
          pct: { min: 0, max: 100, position: 'right', grid: { drawOnChartArea: false } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  }
})();
