// Theme switch: light, dark or follow the system. Without JavaScript the
// switch stays hidden (the stylesheet shows it under the head script's "js"
// class) and the page follows the system setting through CSS.
(function () {
  var root = document.documentElement;
  var group = document.querySelector("[data-theme-switch]");
  if (!group) return;
  var buttons = group.querySelectorAll("button[data-theme-value]");

  function current() {
    return root.dataset.theme || "system";
  }

  function show() {
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.themeValue === current()));
    });
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var value = button.dataset.themeValue;
      try {
        if (value === "system") localStorage.removeItem("theme");
        else localStorage.setItem("theme", value);
      } catch (e) {
        // Storage may be blocked; the choice then lasts for this page only.
      }
      if (value === "system") delete root.dataset.theme;
      else root.dataset.theme = value;
      show();
    });
  });

  show();
})();
