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
    if (!input || input.dataset.wordCount) return;
    input.dataset.wordCount = "on";
    var wrapper = input.closest("[data-field-wrapper]") || input.parentElement;
    var output = document.createElement("p");
    output.className = "word-count";
    output.setAttribute("aria-live", "polite");
    wrapper.appendChild(output);
    var timer;
    function update() {
      var editable = wrapper.querySelector('[contenteditable="true"]');
      var text = editable ? editable.innerText : input.value;
      output.textContent = config.template.replace("{count}", words(text)).replace("{guidance}", guidance);
    }
    // Screen readers hear the count once typing pauses, not at every key.
    wrapper.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 700);
    });
    update();
  }

  function attachAll() {
    Object.keys(config.fields).forEach(function (name) { attach(name, config.fields[name]); });
  }
  attachAll();
  // The admin builds its editors after load.
  setTimeout(attachAll, 1000);
})();
