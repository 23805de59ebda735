// Draws the charts from the figures the server put in #chart-data; the tables beside them hold the same data.
(function () {
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var palette = ['#154273', '#ca005d', '#39870c', '#e17000', '#8fcae7', '#673327', '#a90061', '#777c00',
                 '#01689b', '#ffb612', '#42145f', '#d52b1e', '#007bc7', '#275937'];
  var colour = function (i) { return palette[i % palette.length]; };
  var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  Chart.defaults.animation = reduceMotion ? false : Chart.defaults.animation;
  Chart.defaults.maintainAspectRatio = false;

  function lines(id, series) {
    new Chart(document.getElementById(id), {
      type: 'line',
      data: { labels: series.labels, datasets: series.lines.map(function (l, i) {
        return { label: l.label, data: l.values, borderColor: colour(i), backgroundColor: colour(i), pointStyle: ['circle', 'rect', 'triangle', 'rectRot', 'star', 'cross'][i % 6] };
      }) },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'downloads' } } } }
    });
  }

  function bars(id, labels, values, label) {
    new Chart(document.getElementById(id), {
      type: 'bar',
      data: { labels: labels, datasets: [{ label: label, data: values, backgroundColor: '#154273' }] },
      options: { scales: { y: { beginAtZero: true } }, plugins: { legend: { display: false } } }
    });
  }

  lines('chart-editions', data.editionsOverTime);
  lines('chart-kinds', data.kindsOverTime);
  bars('chart-provinces', data.provinces.labels, data.provinces.values, 'downloads');
  new Chart(document.getElementById('chart-launch'), {
    type: 'line',
    data: { datasets: data.launchCurves.map(function (c, i) {
      return { label: c.label, data: c.points, borderColor: colour(i), backgroundColor: colour(i), stepped: true };
    }) },
    options: { scales: { x: { type: 'linear', title: { display: true, text: 'dagen sinds publicatie' } },
                         y: { beginAtZero: true, title: { display: true, text: 'downloads (cumulatief)' } } } }
  });
  bars('chart-outcomes', data.outcomes.labels, data.outcomes.values, 'verzoeken');
})();
