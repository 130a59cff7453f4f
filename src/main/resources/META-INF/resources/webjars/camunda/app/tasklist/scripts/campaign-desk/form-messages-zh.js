/*
 * Campaign Desk: the Camunda Forms (form-js, bundled in Tasklist 7.24's lib/deps.js) write their
 * validation messages in English whatever the locale. This Tasklist custom script (config.js,
 * customScripts) rewrites form-js's known messages into Chinese wherever a form shows them.
 * The strings are form-js's own (Validator), checked against the bundled copy.
 */
const RULES = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must have minimum length of (.+)\.$/, (m) => '至少填写 ' + m[1] + ' 个字。'],
  [/^Field must have maximum length of (.+)\.$/, (m) => '最多填写 ' + m[1] + ' 个字。'],
  [/^Field must have minimum value of (.+)\.$/, (m) => '不能小于 ' + m[1] + '。'],
  [/^Field must have maximum value of (.+)\.$/, (m) => '不能大于 ' + m[1] + '。'],
  [/^Field must match pattern (.+)\.$/, (m) => '格式不正确（应符合 ' + m[1] + '）。'],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮箱地址。'],
  [/^Field must be a valid\s+international phone number\..*$/, () => '请填写有效的国际格式电话号码（如 +8608781234567）。']
];

export function translate(text) {
  const trimmed = String(text).trim();
  for (const [pattern, chinese] of RULES) {
    const m = pattern.exec(trimmed);
    if (m) {
      return chinese(m);
    }
  }
  return null;
}

function rewrite(root) {
  const errors = root.querySelectorAll ? root.querySelectorAll('.fjs-form-field-error') : [];
  errors.forEach((error) => {
    const walker = document.createTreeWalker(error, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const chinese = translate(node.nodeValue);
      if (chinese) {
        node.nodeValue = chinese;
      }
    }
  });
}

// form-js renders (and re-renders) its errors at any time: watch the page rather than hook into it.
if (typeof window !== 'undefined' && !window.cdFormMessagesZh) {
  window.cdFormMessagesZh = new MutationObserver(() => rewrite(document.body));
  window.cdFormMessagesZh.observe(document.documentElement, {childList: true, subtree: true, characterData: true});
}

export default [];
