// The checkpoint page: scan (camera) or paste a code, ask the server, and verify offline with the synced keys and
// revocations when the server cannot be reached. docs/checking.md describes the page.
(function () {
  'use strict';

  const API = '../api';
  const ONLINE_TIMEOUT_MS = 3000;
  const SYNC_EVERY_MS = 5 * 60 * 1000;
  const SAME_CODE_PAUSE_MS = 3000;
  // Offline verdicts wait here until they reach the supervisors' check log (never the pass itself).
  const OFFLINE_BATCH = 500;
  const OFFLINE_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
  const REFUSED = ['HTTP 400', 'HTTP 413', 'HTTP 415'];
  const store = {
    get: (k, fallback) => {
      const v = localStorage.getItem(`hn1.${k}`);
      return v === null ? fallback : JSON.parse(v);
    },
    set: (k, v) => localStorage.setItem(`hn1.${k}`, JSON.stringify(v)),
  };
  const COLORS = {
    VALID: 'green', EXPIRED: 'amber', NOT_YET_VALID: 'amber', NOT_VALID_TODAY: 'amber',
    REVOKED: 'red', BAD_SIGNATURE: 'red', UNKNOWN_KEY: 'red', MALFORMED: 'red', UNAVAILABLE: 'red',
  };
  const VERDICTS = {
    VALID: 'HỢP LỆ', EXPIRED: 'HẾT HẠN', NOT_YET_VALID: 'CHƯA CÓ HIỆU LỰC', NOT_VALID_TODAY: 'KHÔNG ĐÚNG NGÀY',
    REVOKED: 'ĐÃ BỊ THU HỒI', BAD_SIGNATURE: 'GIẢ MẠO', UNKNOWN_KEY: 'KHÔNG RÕ NGUỒN', MALFORMED: 'KHÔNG ĐỌC ĐƯỢC',
    UNAVAILABLE: 'CHƯA KIỂM TRA ĐƯỢC',
  };
  const $ = (id) => document.getElementById(id);

  const dateTime = (iso) => new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
  const day = (iso) => iso.split('-').reverse().join('/');

  function showSync() {
    const syncedAt = store.get('syncedAt', null);
    $('sync').textContent = syncedAt
      ? `Khóa kiểm tra và danh sách thu hồi: cập nhật lúc ${dateTime(syncedAt)} `
        + `(${store.get('jwks', { keys: [] }).keys.length} khóa, ${store.get('revoked', []).length} giấy bị thu hồi`
        + `${pendingText()}).`
      : 'Chưa có khóa kiểm tra trên máy: cần mạng để đồng bộ lần đầu.';
  }

  // One sync at a time: the 'online' event, the timer and the button may fire together, and two uploads of the
  // same pending checks would count them twice.
  let syncing = null;
  function sync() {
    if (!syncing) syncing = syncOnce().finally(() => { syncing = null; });
    return syncing;
  }

  async function syncOnce() {
    try {
      const since = store.get('revocationsNext', null);
      const [keys, revocations] = await Promise.all([
        fetchJson(`${API}/keys`),
        fetchJson(`${API}/revocations${since ? `?since=${encodeURIComponent(since)}` : ''}`),
      ]);
      // A revoked pass stays revoked: the list only grows.
      const revoked = new Set(store.get('revoked', []));
      revocations.revoked.forEach((r) => revoked.add(r.passId));
      store.set('jwks', keys);
      store.set('revoked', [...revoked]);
      store.set('revocationsNext', revocations.next);
      // Zone-change shortenings come whole each time: the page replaces its copy.
      store.set('shortened', revocations.shortened || []);
      store.set('syncedAt', new Date().toISOString());
      await uploadOfflineChecks();
    } catch (e) {
      // Offline: keep what we have.
    }
    showSync();
  }

  function pendingText() {
    const pending = store.get('pendingChecks', []).length;
    return pending ? `; ${pending} lượt kiểm tra ngoại tuyến chờ gửi` : '';
  }

  function queueOfflineCheck(result, checkpoint) {
    const pending = store.get('pendingChecks', []);
    pending.push({ checkedAt: new Date().toISOString(), status: result.status, kind: result.kind || null,
      wardCode: result.wardCode || null, checkpointId: checkpoint || null });
    store.set('pendingChecks', pending);
  }

  async function uploadOfflineChecks() {
    const oldest = Date.now() - OFFLINE_MAX_AGE_MS;
    store.set('pendingChecks', store.get('pendingChecks', []).filter((c) => Date.parse(c.checkedAt) > oldest));
    let pending = store.get('pendingChecks', []);
    while (pending.length > 0) {
      const batch = pending.slice(0, OFFLINE_BATCH);
      try {
        await fetchJson(`${API}/checks/offline`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(batch),
        });
      } catch (e) {
        // A batch the server refuses for what it is (400, 413, 415) would block every later one: drop it. Anything
        // else (network, 429 over the daily quota, 5xx) is retried at a later sync.
        if (!REFUSED.includes(e.message)) throw e;
      }
      // Checks queued meanwhile were appended after the batch.
      pending = store.get('pendingChecks', []).slice(batch.length);
      store.set('pendingChecks', pending);
    }
  }

  async function fetchJson(url, options = {}) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ONLINE_TIMEOUT_MS);
    try {
      const response = await fetch(url, { ...options, signal: controller.signal, cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return await response.json();
    } finally {
      clearTimeout(timer);
    }
  }

  async function check(code) {
    const checkpoint = $('checkpoint').value.trim();
    const query = checkpoint ? `?checkpoint=${encodeURIComponent(checkpoint)}` : '';
    try {
      const result = await fetchJson(`${API}/passes/verify${query}`, {
        method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: code,
      });
      show(result, 'online', 'Đã kiểm tra trực tuyến với máy chủ.');
    } catch (e) {
      const syncedAt = store.get('syncedAt', null);
      if (!syncedAt) {
        show({ status: 'UNAVAILABLE', message: 'Không kết nối được máy chủ và máy này chưa có khóa kiểm tra. '
          + 'Kiểm tra bằng giấy tờ, rồi đồng bộ khi có mạng.' }, 'offline', '');
        return;
      }
      const result = await HN1.verify(code, store.get('jwks', { keys: [] }), new Set(store.get('revoked', [])),
        new Date(), store.get('shortened', []));
      queueOfflineCheck(result, checkpoint);
      showSync();
      show(result, 'offline', 'KIỂM TRA NGOẠI TUYẾN (không kết nối được máy chủ), bằng khóa và danh sách thu hồi '
        + `cập nhật lúc ${dateTime(syncedAt)}.`);
    }
  }

  function show(result, mode, modeText) {
    const panel = $('result');
    panel.className = `result ${COLORS[result.status] || 'red'}`;
    panel.dataset.status = result.status;
    panel.dataset.mode = mode;
    $('verdict').textContent = VERDICTS[result.status] || result.status;
    $('message').textContent = result.message;
    $('mode').textContent = modeText;
    const hasPass = Boolean(result.holderName);
    $('holder').hidden = !hasPass;
    if (hasPass) {
      $('holderName').textContent = result.holderName;
      $('maskedIdNumber').textContent = result.maskedIdNumber;
      $('kindLabel').textContent = result.kindLabel;
      $('passId').textContent = result.passId;
      $('organization').textContent = result.organization || '';
      document.querySelectorAll('.org').forEach((e) => { e.hidden = !result.organization; });
      $('ward').textContent = result.wardName || `Mã phường ${result.wardCode}`;
      $('zoneLabel').textContent = result.zoneLabel;
      $('validity').textContent = `${day(result.validFrom)} – ${day(result.validUntil)}`
        + (result.shortenedUntil ? ` (phường đổi vùng: chỉ còn đến ${day(result.shortenedUntil)})` : '');
      $('allowedDays').textContent = result.allowedDays || '';
      document.querySelectorAll('.days').forEach((e) => { e.hidden = !result.allowedDays; });
    }
    if (navigator.vibrate) navigator.vibrate(result.status === 'VALID' ? 80 : [200, 100, 200]);
  }

  let scanner = null;
  let lastCode = null;
  let lastCodeAt = 0;

  async function startCamera() {
    $('cameraError').hidden = true;
    try {
      if (!scanner) {
        scanner = new QrScanner($('camera'), (scan) => {
          const now = Date.now();
          if (scan.data === lastCode && now - lastCodeAt < SAME_CODE_PAUSE_MS) return;
          lastCode = scan.data;
          lastCodeAt = now;
          check(scan.data);
        }, { returnDetailedScanResult: true, highlightScanRegion: true, preferredCamera: 'environment' });
      }
      $('camera').hidden = false;
      await scanner.start();
      $('startCamera').hidden = true;
      $('stopCamera').hidden = false;
    } catch (e) {
      $('camera').hidden = true;
      $('cameraError').hidden = false;
      $('cameraError').textContent = 'Không mở được camera (cần cho phép dùng camera, và trang phải mở qua HTTPS). '
        + 'Có thể dán mã ở dưới.';
    }
  }

  function stopCamera() {
    if (scanner) scanner.stop();
    $('camera').hidden = true;
    $('startCamera').hidden = false;
    $('stopCamera').hidden = true;
  }

  $('startCamera').addEventListener('click', startCamera);
  $('stopCamera').addEventListener('click', stopCamera);
  $('check').addEventListener('click', () => check($('code').value));
  $('syncNow').addEventListener('click', sync);
  $('checkpoint').value = store.get('checkpoint', '');
  $('checkpoint').addEventListener('change', () => store.set('checkpoint', $('checkpoint').value.trim()));
  window.addEventListener('online', sync);

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js').catch(() => { /* the page still works, only not reloadable offline */ });
  }
  showSync();
  sync();
  setInterval(sync, SYNC_EVERY_MS);
  window.checkPage = { sync, ready: () => store.get('syncedAt', null) !== null };
})();
