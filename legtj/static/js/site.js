// The site's one script: the theme switch, and the notice that an open page has changed.
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

// Tells a reader when the page they have open has changed on the site. Once
// a minute (data-fresh-seconds) it asks for the page again with the page's
// ETag, which the server wrote into it (data-fresh-etag, legtj.middleware.
// PageETagMiddleware); while nothing changed the answer is an empty 304. Only
// on pages that are the same for every reader (data-fresh-public): a page with
// a form or for a signed-in reader differs on every request.
(function () {
  var notice = document.querySelector("[data-fresh]");
  if (!notice || !window.fetch || !notice.dataset.freshEtag || !("freshPublic" in notice.dataset)) return;
  var seconds = Number(notice.dataset.freshSeconds) || 60;
  var url = location.href.split("#")[0];
  var etag = notice.dataset.freshEtag;
  var timer = setInterval(ask, seconds * 1000);

  function ask() {
    if (document.hidden) return;
    fetch(url, { cache: "no-store", credentials: "same-origin", headers: { "If-None-Match": etag } })
      .then(function (response) {
        // Compressed answers carry the same ETag marked weak (W/).
        if (response.status === 200 && (response.headers.get("ETag") || "").replace(/^W\//, "") !== etag) {
          clearInterval(timer);
          notice.querySelector("[data-fresh-message]").textContent = notice.dataset.freshText;
          notice.hidden = false;
        }
      })
      .catch(function () {}); // offline for a moment: ask again next time
  }

  notice.querySelector("button").addEventListener("click", function () {
    location.reload();
  });
})();

// An event's places taken, kept up to date on its open page (data-places-url
// answers JSON; a 304 while nothing changed); the paragraph is aria-live, so
// a screen reader hears the new count.
(function () {
  var places = document.querySelector("[data-places-url]");
  if (!places || !window.fetch) return;
  var etag = "";
  setInterval(function () {
    if (document.hidden) return;
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(places.dataset.placesUrl, { cache: "no-store", credentials: "same-origin", headers: headers })
      .then(function (response) {
        if (response.status !== 200) return null;
        etag = response.headers.get("ETag") || "";
        return response.json();
      })
      .then(function (data) {
        if (data && data.text !== places.textContent.trim()) places.textContent = data.text;
      })
      .catch(function () {});
  }, (Number(places.dataset.placesSeconds) || 60) * 1000);
})();
