// Title suggestions under a search box (ARIA 1.2 combobox with a listbox); the form works without it.
document.querySelectorAll("[data-suggest]").forEach((box) => {
  const input = box.querySelector("input"), list = document.createElement("ul"), status = document.createElement("div");
  let options = [], active = -1, timer, pending;
  list.id = input.id + "-suggestions";
  list.setAttribute("role", "listbox");
  list.className = "suggestions";
  list.hidden = true;
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  box.append(list, status);
  Object.entries({ role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": list.id })
    .forEach(([name, value]) => input.setAttribute(name, value));
  const show = (index) => {
    active = index;
    options.forEach((option, i) => option.setAttribute("aria-selected", i === index));
    if (index < 0) input.removeAttribute("aria-activedescendant");
    else input.setAttribute("aria-activedescendant", options[index].id);
  };
  const close = () => { list.hidden = true; input.setAttribute("aria-expanded", "false"); show(-1); };
  const render = (results) => {
    list.replaceChildren(...results.map((result, i) => {
      const option = document.createElement("li");
      option.id = `${list.id}-${i}`;
      option.setAttribute("role", "option");
      option.dataset.url = result.url;
      option.append(result.title, Object.assign(document.createElement("span"), { className: "tag", textContent: result.type }));
      option.addEventListener("mousedown", (event) => { event.preventDefault(); location.href = result.url; });
      return option;
    }));
    options = [...list.children];
    list.hidden = !options.length;
    input.setAttribute("aria-expanded", String(!!options.length));
    status.textContent = options.length ? box.dataset.announce : "";
    show(-1);
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    if (input.value.trim().length < 2) return close();
    timer = setTimeout(() => {
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(`${box.dataset.suggest}?q=${encodeURIComponent(input.value)}`, { signal: pending.signal })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => render(data.results))
        .catch(() => {});
    }, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      // -1 is the box itself: the arrows cycle through the options and back to what was typed.
      const next = active + (event.key === "ArrowDown" ? 1 : -1);
      show(next >= options.length ? -1 : next < -1 ? options.length - 1 : next);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      location.href = options[active].dataset.url;
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", close);
});
