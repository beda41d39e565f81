// Draws the two analytics charts with the locally served Chart.js from the JSON block the page carries.
'use strict';
(function () {
  var source = document.getElementById('analytics-data');
  if (!source || !window.Chart) return;
  var data = JSON.parse(source.textContent);
  var COLORS = { approvedAsDrafted: '#2e7d32', approvedEdited: '#9ccc65', rejected: '#c62828', autoSent: '#1e88e5', drafts: '#37474f' };
  var LABELS = { approvedAsDrafted: 'Approved as drafted', approvedEdited: 'Approved with edits', rejected: 'Rejected', autoSent: 'Auto-sent', drafts: 'Drafts made' };
  var OUTCOMES = ['approvedAsDrafted', 'approvedEdited', 'rejected', 'autoSent'];

  function bars(series) {
    return OUTCOMES.map(function (k) {
      return { type: 'bar', label: LABELS[k], data: series[k], backgroundColor: COLORS[k], stack: 'outcome' };
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

  draw('chart-days', {
    type: 'bar',
    data: {
      labels: data.days.map(function (d) { return d.slice(5); }),
      datasets: bars(data.perDay).concat([{
        type: 'line', label: LABELS.drafts, data: data.perDay.drafts, stack: 'drafts',
        borderColor: COLORS.drafts, backgroundColor: COLORS.drafts, pointRadius: 2, tension: 0,
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
          { type: 'bar', label: 'Confirmed', data: data.reading.confirmed, backgroundColor: COLORS.approvedAsDrafted, stack: 'labels', yAxisID: 'y' },
          { type: 'bar', label: 'Corrected', data: data.reading.corrected, backgroundColor: COLORS.rejected, stack: 'labels', yAxisID: 'y' },
          { type: 'line', label: 'Branch accuracy (%)', data: data.reading.accuracy, borderColor: COLORS.autoSent, backgroundColor: COLORS.autoSent, yAxisID: 'pct', tension: 0, pointRadius: 3 },
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
