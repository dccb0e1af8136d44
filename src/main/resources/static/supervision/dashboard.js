// The supervisors' dashboard: reads /api/supervision/dashboard (the Camunda webapps' session, or HTTP Basic),
// draws the charts with the bundled Chart.js and lists every table with its CSV and XLSX exports.
'use strict';

(function () {
  const API = '../api/supervision/';
  const ZONE_COLORS = { RED: '#d32f2f', ORANGE: '#f57c00', GREEN: '#388e3c' };
  const SERIES = [
    ['registrations', '#1d3557'], ['approved', '#2a9d8f'], ['rejected', '#e76f51'],
    ['issued', '#457b9d'], ['delivered', '#8ab17d'], ['revoked', '#9d0208']];
  const CHECK_COLORS = {
    VALID: '#388e3c', EXPIRED: '#f4a261', NOT_YET_VALID: '#e9c46a', NOT_VALID_TODAY: '#ffb703',
    REVOKED: '#9d0208', BAD_SIGNATURE: '#d00000', UNKNOWN_KEY: '#6a040f', MALFORMED: '#6c757d'};
  const WARD_MEASURES = ['issued', 'registrations', 'approved', 'rejected', 'delivered', 'revoked', 'checks'];
  const numberFormat = new Intl.NumberFormat('vi-VN');
  const charts = {};
  let last = null;

  const $ = (id) => document.getElementById(id);

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function query() {
    const params = new URLSearchParams();
    for (const name of ['district', 'ward', 'kind', 'from', 'to']) {
      const value = $(name).value;
      if (value) params.set(name, value);
    }
    return params.toString();
  }

  function showMessage(text, link) {
    const message = $('message');
    message.replaceChildren(el('span', text));
    if (link) {
      message.append(' ');
      const a = el('a', link.text);
      a.href = link.href;
      message.append(a);
    }
    message.hidden = false;
  }

  async function load(params) {
    const response = await fetch(API + 'dashboard' + (params ? '?' + params : ''),
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (response.status === 401) {
      showMessage('Cần đăng nhập bằng tài khoản giám sát.', { text: 'Đăng nhập Cockpit', href: '/camunda/app/cockpit/' });
      return;
    }
    if (!response.ok) {
      showMessage(body.message || 'Không tải được số liệu (lỗi ' + response.status + ').');
      return;
    }
    $('message').hidden = true;
    last = body;
    fillFilters(body);
    render(body);
  }

  function fillFilters(body) {
    const district = $('district');
    if (district.options.length === 1) {
      for (const d of body.districts) district.append(new Option(d.name, d.code));
      for (const k of body.kinds) $('kind').append(new Option(k.label, k.code));
      if (body.districts.length === 1) {
        district.value = body.districts[0].code;
        district.options[0].remove();
      }
      fillWards();
    }
    $('from').value = body.from;
    $('to').value = body.to;
  }

  function fillWards() {
    const ward = $('ward');
    const chosen = ward.value;
    ward.replaceChildren(new Option('Tất cả', ''));
    const district = (last ? last.districts : []).find((d) => d.code === $('district').value);
    if (district) for (const w of district.wards) ward.append(new Option(w.name, w.code));
    ward.value = district && district.wards.some((w) => w.code === chosen) ? chosen : '';
  }

  function column(table, key) {
    const index = table.columns.findIndex((c) => c.key === key);
    return table.rows.map((row) => row[index]);
  }

  function label(table, key) {
    return table.columns.find((c) => c.key === key).label;
  }

  function sum(values) {
    return values.reduce((total, v) => total + (v || 0), 0);
  }

  function render(body) {
    $('content').hidden = false;
    const days = body.tables.days;
    const totals = $('totals');
    totals.replaceChildren();
    for (const [key] of SERIES.concat([['checks']])) {
      const card = el('div', null, 'card');
      card.append(el('div', numberFormat.format(sum(column(days, key))), 'value'), el('div', label(days, key), 'label'));
      totals.append(card);
    }
    drawDays(days);
    drawWards(body.tables.wards, body.zones);
    drawChecks(body.tables.checks);
    drawTables(body.tables);
  }

  function draw(id, config) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new Chart($(id), config);
  }

  function drawDays(days) {
    draw('chart-days', {
      type: 'line',
      data: {
        labels: column(days, 'day').map(formatDay),
        datasets: SERIES.map(([key, color]) => ({
          label: label(days, key), data: column(days, key), borderColor: color, backgroundColor: color, tension: 0.2}))
      },
      options: { maintainAspectRatio: false, interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  function drawWards(wards, zones) {
    const measure = $('ward-measure');
    if (measure.options.length === 0) {
      for (const key of WARD_MEASURES) measure.append(new Option(label(wards, key), key));
    }
    const zoneByLabel = Object.fromEntries(zones.map((z) => [z.label, z.code]));
    const colors = column(wards, 'zone').map((z) => ZONE_COLORS[zoneByLabel[z]] || '#6c757d');
    draw('chart-wards', {
      type: 'bar',
      data: {
        labels: column(wards, 'ward'),
        datasets: [{ label: label(wards, measure.value), data: column(wards, measure.value), backgroundColor: colors }]
      },
      options: { maintainAspectRatio: false, plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  function drawChecks(checks) {
    const results = checks.columns.filter((c) => c.key !== 'day' && c.key !== 'total');
    draw('chart-checks', {
      type: 'bar',
      data: {
        labels: column(checks, 'day').map(formatDay),
        datasets: results.map((c) => ({ label: c.label, data: column(checks, c.key),
          backgroundColor: CHECK_COLORS[c.key] }))
      },
      options: { maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  function drawTables(tables) {
    const container = $('tables');
    container.replaceChildren();
    const params = query();
    for (const name of Object.keys(tables)) {
      const table = tables[name];
      const section = el('section', null, 'table');
      const heading = el('h2', table.title);
      for (const format of ['csv', 'xlsx']) {
        const a = el('a', 'Tải ' + format.toUpperCase());
        a.href = API + name + '.' + format + (params ? '?' + params : '');
        heading.append(a);
      }
      const scroll = el('div', null, 'scroll');
      const grid = el('table');
      const head = grid.createTHead().insertRow();
      for (const c of table.columns) head.append(el('th', c.label));
      const rows = grid.createTBody();
      for (const row of table.rows) {
        const tr = rows.insertRow();
        table.columns.forEach((c, i) => {
          const value = row[i];
          const numeric = typeof value === 'number';
          tr.append(el('td', value === null ? '' : c.key === 'day' ? formatDay(value)
            : numeric ? numberFormat.format(value) : value, numeric ? 'number' : undefined));
        });
      }
      if (table.rows.length === 0) {
        const tr = rows.insertRow();
        const td = el('td', 'Không có số liệu.');
        td.colSpan = table.columns.length;
        tr.append(td);
      }
      scroll.append(grid);
      section.append(heading, scroll);
      container.append(section);
    }
  }

  function formatDay(iso) {
    const [y, m, d] = iso.split('-');
    return d + '/' + m + '/' + y;
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('filters').addEventListener('submit', (event) => {
      event.preventDefault();
      load(query());
    });
    $('district').addEventListener('change', fillWards);
    $('ward-measure').addEventListener('change', () => {
      if (last) drawWards(last.tables.wards, last.zones);
    });
    load('');
  });
})();
