// The ward's case list: reads /api/cases with the Tasklist session. Every value from the server is set as text,
// never as HTML.
'use strict';

const state = { q: '', kind: '', status: '', page: 1, pageSize: 50, total: 0, current: null };
const $ = (id) => document.getElementById(id);

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  row.appendChild(td);
  return td;
}

function link(parent, text, href, newTab) {
  const a = document.createElement('a');
  a.textContent = text;
  a.href = href;
  if (newTab) {
    a.target = '_blank';
    a.rel = 'noopener';
  }
  parent.appendChild(a);
  return a;
}

function showMessage(text, ok) {
  const box = $('message');
  box.textContent = text;
  box.className = ok ? 'message ok' : 'message';
  box.hidden = !text;
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({ credentials: 'same-origin',
    headers: { Accept: 'application/json' } }, options || {}));
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (response.status === 401) {
    throw new Error('Bạn chưa đăng nhập. Hãy đăng nhập Tasklist (tài khoản của phường) rồi mở lại trang này.');
  }
  if (!response.ok) {
    throw new Error(body && body.message ? body.message : 'Có lỗi (mã ' + response.status + '). Hãy thử lại.');
  }
  return body;
}

function openLink(parent, reference) {
  const a = link(parent, reference, '#' + reference, false);
  a.addEventListener('click', (event) => {
    event.preventDefault();
    history.replaceState(null, '', '#' + reference);
    showCase(reference);
  });
  return a;
}

async function loadList() {
  const params = new URLSearchParams();
  for (const key of ['q', 'kind', 'status']) {
    if (state[key]) {
      params.set(key, state[key]);
    }
  }
  params.set('page', state.page);
  let data;
  try {
    data = await api('/api/cases?' + params.toString());
  } catch (e) {
    showMessage(e.message);
    $('list').hidden = true;
    return;
  }
  showMessage('');
  $('list').hidden = false;
  state.total = data.total;
  state.pageSize = data.pageSize;
  const body = $('cases').tBodies[0];
  body.replaceChildren();
  for (const c of data.cases) {
    const row = body.insertRow();
    row.dataset.reference = c.reference;
    openLink(cell(row, ''), c.reference);
    cell(row, c.kindLabel + (c.organizationName ? ': ' + c.organizationName : ''));
    cell(row, c.wardName);
    cell(row, c.statusLabel);
    cell(row, c.entries);
    cell(row, c.registeredBy);
    cell(row, c.registeredAt);
    cell(row, c.waitingAt.join(', '));
  }
  $('count').textContent = data.total === 0 ? 'Không có hồ sơ nào phù hợp.'
    : 'Có ' + data.total + ' hồ sơ' + (state.q ? ' khớp với "' + state.q + '".' : '.');
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  $('page').textContent = 'Trang ' + data.page + '/' + pages;
  $('previous').disabled = data.page <= 1;
  $('next').disabled = data.page >= pages;
  if (data.mine) {
    $('mine').hidden = false;
    const mine = $('mine-reference');
    mine.textContent = data.mine.reference;
    mine.href = '#' + data.mine.reference;
    $('mine-text').textContent = data.mine.kindLabel + ', ' + data.mine.entries + ' người/hộ, đăng ký lúc '
      + data.mine.registeredAt + ' — ' + data.mine.statusLabel;
  } else {
    $('mine').hidden = true;
  }
}

function term(list, name, value) {
  if (value == null || value === '') {
    return;
  }
  const dt = document.createElement('dt');
  dt.textContent = name;
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}

async function showCase(reference) {
  let data;
  try {
    data = await api('/api/cases/' + encodeURIComponent(reference));
  } catch (e) {
    showMessage(e.message);
    $('detail').hidden = true;
    return;
  }
  state.current = reference;
  for (const row of $('cases').tBodies[0].rows) {
    row.classList.toggle('selected', row.dataset.reference === reference);
  }
  const s = data.summary;
  $('detail').hidden = false;
  $('detail-title').textContent = 'Hồ sơ ' + s.reference;
  const summary = $('detail-summary');
  summary.replaceChildren();
  term(summary, 'Loại', s.kindLabel);
  term(summary, 'Tổ chức', s.organizationName);
  term(summary, 'Phường', s.wardName + ' (' + s.wardCode + ')');
  term(summary, 'Trạng thái', s.statusLabel);
  term(summary, 'Đang chờ', s.waitingAt.join(', '));
  term(summary, 'Người đăng ký', s.registeredBy);
  term(summary, 'Ngày đăng ký', s.registeredAt);
  term(summary, 'Kết thúc', s.closedAt);
  term(summary, 'Dữ liệu cá nhân', data.anonymized ? 'Đã xóa khi hết thời hạn lưu' : '');
  const rendering = $('detail-rendering');
  rendering.hidden = !data.bundleInProgress;
  if (data.bundleInProgress) {
    rendering.textContent = 'Đang in bộ giấy: đã xong ' + data.bundleInProgress.rendered.toLocaleString('vi-VN')
        + ' / ' + data.bundleInProgress.total.toLocaleString('vi-VN') + ' giấy. Việc giao giấy hiện ra khi in xong.';
  }
  const bundle = $('detail-bundle');
  bundle.hidden = !data.bundlePdf;
  if (data.bundlePdf) {
    bundle.querySelector('a').href = data.bundlePdf;
  }
  const people = $('people').tBodies[0];
  people.replaceChildren();
  for (const p of data.people) {
    const row = people.insertRow();
    cell(row, p.position);
    cell(row, p.name + (p.headName && p.headName !== p.name ? ' (chủ hộ: ' + p.headName + ')' : ''));
    cell(row, p.maskedIdNumber);
    cell(row, p.decisionLabel);
    cell(row, p.reason || p.revokedReason);
    cell(row, p.decidedBy ? p.decidedBy + ', ' + p.decidedAt : '');
    cell(row, p.passNumber);
    cell(row, p.passStatusLabel);
    const pdf = cell(row, '');
    if (p.pdf) {
      link(pdf, 'PDF', p.pdf, true);
    }
    const action = cell(row, '');
    if (p.revocable) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'revoke';
      button.textContent = 'Thu hồi';
      button.addEventListener('click', () => askRevocation(p.passNumber));
      action.appendChild(button);
    }
  }
  const history = $('history').tBodies[0];
  history.replaceChildren();
  for (const e of data.history) {
    const row = history.insertRow();
    cell(row, e.at);
    cell(row, e.by);
    cell(row, e.what);
  }
  $('revoke').hidden = true;
}

function askRevocation(passNumber) {
  $('revoke-number').textContent = passNumber;
  $('revoke-reason').value = '';
  $('revoke').hidden = false;
  $('revoke-reason').focus();
}

async function revoke(event) {
  event.preventDefault();
  const number = $('revoke-number').textContent;
  try {
    const answer = await api('/api/passes/' + encodeURIComponent(number) + '/revocation', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ reason: $('revoke-reason').value })
    });
    showMessage(answer.message, true);
  } catch (e) {
    showMessage(e.message);
    return;
  }
  await showCase(state.current);
  await loadList();
}

document.addEventListener('DOMContentLoaded', () => {
  $('search').addEventListener('submit', (event) => {
    event.preventDefault();
    state.q = $('q').value.trim();
    state.kind = $('kind').value;
    state.status = $('status').value;
    state.page = 1;
    loadList();
  });
  $('previous').addEventListener('click', () => { state.page--; loadList(); });
  $('next').addEventListener('click', () => { state.page++; loadList(); });
  $('mine-reference').addEventListener('click', (event) => {
    event.preventDefault();
    const reference = $('mine-reference').textContent;
    history.replaceState(null, '', '#' + reference);
    showCase(reference);
  });
  $('revoke').addEventListener('submit', revoke);
  $('revoke-cancel').addEventListener('click', () => { $('revoke').hidden = true; });
  loadList();
  if (/^#HS-\d+$/i.test(location.hash)) {
    showCase(location.hash.substring(1).toUpperCase());
  }
});
