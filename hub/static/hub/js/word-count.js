// Live word counts next to long answers, against the submission form's guidance.
// Works on plain textareas (public form) and on Draftail editors (Wagtail admin).
(function () {
  "use strict";
  var data = document.getElementById("word-guidance");
  if (!data) return;
  var config = JSON.parse(data.textContent);

  function words(text) {
    var trimmed = text.trim();
    return trimmed ? trimmed.split(/\s+/).length : 0;
  }

  function attach(name, guidance) {
    var input = document.querySelector('[name="' + name + '"]');
    if (!input) return false;
    if (input.dataset.wordCount) return true;
    input.dataset.wordCount = "on";
    var wrapper = input.closest("[data-field-wrapper]") || input.parentElement;
    var output = document.createElement("p");
    output.className = "word-count";
    output.setAttribute("aria-live", "polite");
    wrapper.appendChild(output);
    var timer;
    function update() {
      var editable = wrapper.querySelector('[contenteditable="true"]');
      if (!editable && input.type === "hidden") {
        // A rich text editor still being built: its hidden input holds JSON, not words.
        setTimeout(update, 300);
        return;
      }
      var text = editable ? editable.innerText : input.value;
      output.textContent = config.template.replace("{count}", words(text)).replace("{guidance}", guidance);
    }
    // Screen readers hear the count once typing pauses, not at every key.
    wrapper.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 700);
    });
    update();
    return true;
  }

  var attempts = 0;
  function attachAll() {
    var pending = Object.keys(config.fields).filter(function (name) { return !attach(name, config.fields[name]); });
    // The admin builds its editors after load; keep looking for a while.
    if (pending.length && ++attempts < 20) setTimeout(attachAll, 500);
  }
  attachAll();
})();
