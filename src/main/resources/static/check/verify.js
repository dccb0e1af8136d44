// Offline verification of HN1 pass codes (docs/qr-format.md) with keys and revocations synced from the server.
// Same rules and verdicts as vn.giaydiduong.verify.PassVerifier; docs/checking.md describes both.
// Needs the vendored globals CBOR (cbor-x) and pako (inflate), and WebCrypto (a secure context: HTTPS or localhost).
(function (global) {
  'use strict';

  const PREFIX = 'HN1:';
  const MAX_TEXT_LENGTH = 2000;
  const MAX_INFLATED_BYTES = 4096;
  const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  const KINDS = { 1: 'INDIVIDUAL', 2: 'ORGANIZATION', 3: 'MARKET_CARD' };
  const KIND_LABELS = {
    INDIVIDUAL: 'Giấy đi đường (cá nhân)',
    ORGANIZATION: 'Giấy đi đường (cơ quan, tổ chức)',
    MARKET_CARD: 'Thẻ đi chợ',
  };
  const ZONES = { 1: ['RED', 'Vùng đỏ'], 2: ['ORANGE', 'Vùng cam'], 3: ['GREEN', 'Vùng xanh'] };
  const ZONE_LABELS = Object.fromEntries(Object.values(ZONES));
  // Market-card day rules (docs/rules.md, Java: pass.DayRule): ISO weekdays 1 = Monday … 7 = Sunday and a time
  // window whose end is exclusive, e.g. "1,3,5@06:00-11:00".
  const DAY_RULE = /^([1-7](?:,[1-7])*)@([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;
  const WEEKDAYS = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
  const BROKEN = 'Mã QR bị hỏng hoặc đã bị sửa đổi, không đọc được giấy đi đường';
  const decoder = new CBOR.Decoder({ mapsAsObjects: false, useRecords: false });
  const encoder = new CBOR.Encoder({ useRecords: false, tagUint8Array: false });

  class Malformed extends Error {}

  function base45Decode(text) {
    if (text.length % 3 === 1) throw new Malformed(BROKEN);
    const out = [];
    for (let i = 0; i < text.length; i += 3) {
      const chunk = text.slice(i, i + 3);
      let n = 0;
      for (let k = chunk.length - 1; k >= 0; k--) {
        const v = ALPHABET.indexOf(chunk[k]);
        if (v < 0) throw new Malformed(BROKEN);
        n = n * 45 + v;
      }
      if (chunk.length === 3) {
        if (n > 0xffff) throw new Malformed(BROKEN);
        out.push(n >> 8, n & 0xff);
      } else {
        if (n > 0xff) throw new Malformed(BROKEN);
        out.push(n);
      }
    }
    return new Uint8Array(out);
  }

  function inflate(bytes) {
    let result;
    try {
      result = pako.inflate(bytes);
    } catch (e) {
      throw new Malformed(BROKEN);
    }
    if (!result || result.length > MAX_INFLATED_BYTES) {
      throw new Malformed('Mã QR chứa dữ liệu bất thường, không phải giấy đi đường hợp lệ');
    }
    return result;
  }

  const isBytes = (v) => v instanceof Uint8Array;
  const isMap = (v) => v instanceof Map;

  function text(map, key, required) {
    const v = map.get(key);
    if (v === undefined && !required) return null;
    if (typeof v !== 'string' || v === '') throw new Malformed('Mã QR thiếu thông tin bắt buộc của giấy đi đường');
    return v;
  }

  function parse(qrText) {
    if (typeof qrText !== 'string' || qrText.length > MAX_TEXT_LENGTH) {
      throw new Malformed('Mã QR quá dài, không phải giấy đi đường của hệ thống');
    }
    const trimmed = qrText.trim();
    if (!trimmed.startsWith(PREFIX)) throw new Malformed('Mã QR không phải giấy đi đường của hệ thống');
    let cose;
    try {
      cose = decoder.decode(inflate(base45Decode(trimmed.slice(PREFIX.length))));
    } catch (e) {
      if (e instanceof Malformed) throw e;
      throw new Malformed(BROKEN);
    }
    if (cose instanceof CBOR.Tag) {
      if (cose.tag !== 18) throw new Malformed(BROKEN);
      cose = cose.value;
    }
    if (!Array.isArray(cose) || cose.length !== 4 || !isBytes(cose[0]) || !isMap(cose[1]) || !isBytes(cose[2])
        || !isBytes(cose[3])) {
      throw new Malformed(BROKEN);
    }
    let header;
    let cwt;
    try {
      header = decoder.decode(cose[0]);
      cwt = decoder.decode(cose[2]);
    } catch (e) {
      throw new Malformed(BROKEN);
    }
    if (!isMap(header) || !isMap(cwt)) throw new Malformed(BROKEN);
    if (header.get(1) !== -7) throw new Malformed('Mã QR giấy đi đường dùng thuật toán ký không được hỗ trợ');
    const kid = header.get(4);
    if (!isBytes(kid) || kid.length !== 8) throw new Malformed(BROKEN);
    const pass = cwt.get(-65537);
    if (!isMap(pass)) throw new Malformed('Mã QR thiếu thông tin bắt buộc của giấy đi đường');
    const kind = KINDS[pass.get(2)];
    const zone = ZONES[pass.get(7)];
    const claims = {
      passId: text(pass, 1, true),
      kind,
      holderName: text(pass, 3, true),
      maskedIdNumber: text(pass, 4, true),
      organization: text(pass, 5, false),
      wardCode: text(pass, 6, true),
      zone: zone && zone[0],
      zoneLabel: zone && zone[1],
      validFrom: text(pass, 8, true),
      validUntil: text(pass, 9, true),
      dayRule: text(pass, 10, false),
    };
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (!kind || !zone || !date.test(claims.validFrom) || !date.test(claims.validUntil)) {
      throw new Malformed('Mã QR thiếu thông tin bắt buộc của giấy đi đường');
    }
    const iat = cwt.get(6);
    const signed = encoder.encode(['Signature1', cose[0], new Uint8Array(0), cose[2]]);
    return { kid: base64url(kid), claims, issuedAt: typeof iat === 'number' ? iat : null, signed,
      signature: cose[3] };
  }

  function base64url(bytes) {
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function formatDate(iso) {
    const [y, m, d] = iso.split('-');
    return `${d}/${m}/${y}`;
  }

  /** Parses a day rule and judges it at a Hanoi local time; null if it is not a rule this page knows. */
  function dayRule(rule, local) {
    const m = DAY_RULE.exec(rule);
    if (!m) return null;
    const days = m[1].split(',').map(Number);
    const from = Number(m[2]) * 60 + Number(m[3]);
    const until = Number(m[4]) * 60 + Number(m[5]);
    if (new Set(days).size !== days.length || until <= from) return null;
    const sorted = [...days].sort();
    const weekdays = sorted.filter((d) => d !== 7).map((d) => d + 1).join(', ');
    const dayText = weekdays === '' ? 'Chủ nhật' : `Thứ ${weekdays}${sorted.includes(7) ? ', Chủ nhật' : ''}`;
    const hm = (minutes) => `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`;
    return {
      describe: `${dayText} — ${hm(from)}–${hm(until)}`,
      allows: days.includes(local.isoWeekday) && local.minutes >= from && local.minutes < until,
    };
  }

  /** Weekday (ISO) and minute of the day in Hanoi, whatever the phone's time zone. */
  function hanoiNow(now) {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Ho_Chi_Minh', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(now).map((p) => [p.type, p.value]));
    return { isoWeekday: WEEKDAYS[parts.weekday], minutes: Number(parts.hour) * 60 + Number(parts.minute) };
  }

  /** Today's date in Hanoi as YYYY-MM-DD, whatever the phone's time zone. */
  function hanoiToday(now) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
  }

  /**
   * The earliest zone-change shortening (GET /api/revocations, "shortened") of a pass of this ward, zone and kind
   * signed at or before the change, if it ends the pass before its signed last day; else null. Data from the
   * server, applied only to a pass whose signature already checked out: it can shorten a pass, never extend one.
   */
  function shortening(c, issuedAt, rules) {
    let found = null;
    for (const r of rules || []) {
      if (r.ward === c.wardCode && r.zone === c.zone && r.kind === c.kind
          && (issuedAt === null || issuedAt * 1000 <= Date.parse(r.signedBefore))
          && r.validUntil < c.validUntil && (!found || r.validUntil < found.validUntil)) {
        found = r;
      }
    }
    return found;
  }

  /** The same words as PassVerifier.zoneChange. */
  function zoneChange(c, rule) {
    return `phường chuyển sang ${ZONE_LABELS[rule.newZone].toLowerCase()} ngày ${formatDate(rule.changedOn)} nên `
      + `giấy cấp ở ${c.zoneLabel.toLowerCase()} chỉ còn giá trị đến hết ngày ${formatDate(rule.validUntil)}`;
  }

  function rejected(status, message) {
    return { status, message };
  }

  /**
   * Verifies a scanned code against a JWKS ({keys: [...]}, as GET /api/keys), a set of revoked pass ids and the
   * zone-change shortenings in force ("shortened" of GET /api/revocations). Resolves to the same shape as
   * POST /api/passes/verify answers.
   */
  async function verify(qrText, jwks, revokedIds, now = new Date(), shortened = []) {
    let parsed;
    try {
      parsed = parse(qrText);
    } catch (e) {
      if (e instanceof Malformed) return rejected('MALFORMED', `${e.message}. Không cho qua.`);
      throw e;
    }
    const jwk = (jwks.keys || []).find((k) => k.kid === parsed.kid);
    if (!jwk) {
      return rejected('UNKNOWN_KEY', 'Mã QR được ký bằng khóa không thuộc công an phường nào của thành phố: '
        + 'giấy không do hệ thống cấp. Không cho qua.');
    }
    const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
      { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    // WebCrypto's ECDSA signature is raw r||s, exactly COSE's format.
    const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, parsed.signature,
      parsed.signed);
    if (!ok) {
      return rejected('BAD_SIGNATURE', 'Chữ ký số không khớp: mã QR đã bị sửa hoặc làm giả. Không cho qua.');
    }
    const c = parsed.claims;
    if (jwk.ward !== c.wardCode) {
      return rejected('BAD_SIGNATURE', 'Mã QR được ký bằng khóa của công an phường khác, không phải phường cấp '
        + 'giấy: giấy giả. Không cho qua.');
    }
    const today = hanoiToday(now);
    let rule = null;
    if (c.dayRule !== null) {
      rule = dayRule(c.dayRule, hanoiNow(now));
      if (!rule) {
        return rejected('MALFORMED', 'Không đọc được quy định ngày được đi của thẻ. Không cho qua; báo công an '
          + 'phường cấp thẻ.');
      }
    }
    const cut = shortening(c, parsed.issuedAt, shortened);
    let status;
    let message;
    if (revokedIds.has(c.passId)) {
      status = 'REVOKED';
      message = 'Giấy đã bị thu hồi. Không cho qua.';
    } else if (cut && today > cut.validUntil) {
      status = 'EXPIRED';
      message = `Giấy đã hết hạn ngày ${formatDate(cut.validUntil)}: ${zoneChange(c, cut)}. Không cho qua.`;
    } else if (today < c.validFrom) {
      status = 'NOT_YET_VALID';
      message = `Giấy chưa có hiệu lực: chỉ dùng được từ ngày ${formatDate(c.validFrom)}. Không cho qua.`;
    } else if (today > c.validUntil) {
      status = 'EXPIRED';
      message = `Giấy đã hết hạn ngày ${formatDate(c.validUntil)}. Không cho qua.`;
    } else if (rule && !rule.allows) {
      status = 'NOT_VALID_TODAY';
      message = `Bây giờ (${formatDate(today)}) không phải ngày, giờ được đi của thẻ; chỉ được đi: ${rule.describe}. `
        + 'Không cho qua.';
    } else if (cut) {
      status = 'VALID';
      message = `Hợp lệ đến hết ngày ${formatDate(cut.validUntil)} (${zoneChange(c, cut)}): cho qua sau khi đối chiếu `
        + 'họ tên và số CCCD/CMND với giấy tờ tùy thân.';
    } else {
      status = 'VALID';
      message = 'Hợp lệ: cho qua sau khi đối chiếu họ tên và số CCCD/CMND với giấy tờ tùy thân.';
    }
    return {
      status, message, checkedAt: now.toISOString(), passId: c.passId, kind: c.kind, kindLabel: KIND_LABELS[c.kind],
      holderName: c.holderName, maskedIdNumber: c.maskedIdNumber, organization: c.organization, wardCode: c.wardCode,
      wardName: jwk.ward_name || null,
      zone: c.zone, zoneLabel: c.zoneLabel, validFrom: c.validFrom, validUntil: c.validUntil,
      shortenedUntil: cut ? cut.validUntil : null, allowedDays: rule ? rule.describe : null,
    };
  }

  global.HN1 = { verify };
})(window);
