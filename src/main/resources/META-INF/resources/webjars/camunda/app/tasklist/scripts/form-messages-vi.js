// form-js 1.8.7, which Tasklist 7.24 renders the Camunda Forms with, writes its validation messages in English
// only (it has no translation hook). For a Vietnamese official they are replaced where they appear, with the same
// language rule as Tasklist's own labels: the browser's first language, if Tasklist offers it.
const language = ((navigator.languages && navigator.languages[0]) || navigator.language || '').split('-')[0];

const MESSAGES = [
  [/^Field is required\.$/, () => 'Trường này bắt buộc phải điền.'],
  [/^Field must have minimum length of (\d+)\.$/, n => `Cần ít nhất ${n} ký tự.`],
  [/^Field must have maximum length of (\d+)\.$/, n => `Không được quá ${n} ký tự.`],
  [/^Field must have minimum value of (.+)\.$/, n => `Giá trị nhỏ nhất là ${n}.`],
  [/^Field must have maximum value of (.+)\.$/, n => `Giá trị lớn nhất là ${n}.`],
  [/^Field must match pattern (.+)\.$/, () => 'Giá trị không đúng định dạng.'],
  [/^Field must be a valid email\.$/, () => 'Địa chỉ thư điện tử không hợp lệ.'],
  [/^Field must be a valid {1,2}international phone number\..*$/, () => 'Số điện thoại không hợp lệ.']
];

function translate(text) {
  for (const [pattern, vietnamese] of MESSAGES) {
    const match = pattern.exec(text.trim());
    if (match) {
      return vietnamese(...match.slice(1));
    }
  }
  return text;
}

function translateErrors(root) {
  root.querySelectorAll('.fjs-form-field-error li').forEach(item => {
    // The text node itself is changed, not replaced: Preact keeps writing its next message into that node.
    const text = item.firstChild;
    if (text && text.nodeType === Node.TEXT_NODE) {
      const vietnamese = translate(text.data);
      if (vietnamese !== text.data) {
        text.data = vietnamese;
      }
    }
  });
}

if (language === 'vi') {
  // form-js (Preact) re-renders an error's text when it changes: every change is translated again.
  new MutationObserver(() => translateErrors(document.body))
    .observe(document.body, {childList: true, subtree: true, characterData: true});
}
