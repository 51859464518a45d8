() => {
  // Every string a sighted user can read: text nodes shown on screen, and the words inside controls.
  const out = [];
  const shown = (el) => {
    if (!el || !el.getClientRects().length) return false;
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none" && !el.closest("[hidden], [aria-hidden=true] svg");
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(parent.tagName)) continue;
    if (parent.closest(".w-sr-only, .visuallyhidden, .sr-only")) continue;
    // Content, not interface: what is being edited, and what is marked as written in another language.
    if (parent.closest("[contenteditable=true], textarea")) continue;
    const marked = parent.closest("[lang]");
    if (marked && marked !== document.documentElement && marked.lang !== document.documentElement.lang) continue;
    if (shown(parent)) out.push(text);
  }
  for (const el of document.querySelectorAll("input[placeholder], textarea[placeholder], input[type=submit][value], input[type=button][value]")) {
    if (shown(el) && !el.closest(".w-sr-only, .visuallyhidden, .sr-only")) out.push(el.placeholder || el.value);
  }
  return out;
}
