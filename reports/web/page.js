// The script of every pjsim report page (reports/html_page.h). It draws each chart of the page
// with vega-embed from the specs in <script id="pjsim-charts">, makes tables of class "sortable"
// sortable by a click on a header (numbers by their data-sort value), and records the outcome
// on <body data-charts="drawn N"> (or "failed K of N") for the browser test
// (tests/sim/html_render_test.cc). A chart that fails shows why in its place and on the console.
(function () {
  'use strict';

  function drawCharts() {
    var specs = JSON.parse(document.getElementById('pjsim-charts').textContent);
    var options = {
      mode: 'vega-lite',
      renderer: 'svg',
      actions: {export: true, source: true, compiled: false, editor: false}
    };
    var ids = Object.keys(specs);
    var jobs = ids.map(function (id) {
      var place = document.getElementById(id);
      return vegaEmbed(place, specs[id], options).catch(function (error) {
        place.textContent = 'This chart could not be drawn: ' + error;
        place.className += ' note';
        console.error('pjsim: chart ' + id + ': ' + error);
        throw error;
      });
    });
    Promise.allSettled(jobs).then(function (results) {
      var failed = results.filter(function (r) { return r.status === 'rejected'; }).length;
      document.body.setAttribute('data-charts', failed ? 'failed ' + failed + ' of ' + ids.length : 'drawn ' + ids.length);
    });
  }

  function sortKey(cell) {
    var n = cell.getAttribute('data-sort');
    return n === null ? cell.textContent : parseFloat(n);
  }

  function makeSortable(table) {
    var headers = table.querySelectorAll('thead th');
    headers.forEach(function (th, column) {
      th.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[column]), y = sortKey(b.cells[column]);
          var order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, {numeric: true});
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  document.querySelectorAll('table.sortable').forEach(makeSortable);
  drawCharts();
})();
