// Progressive enhancement only: every page works without this file.
"use strict";

// "Copy" buttons: copy the text of the field they name (data-copy="id"); without
// JavaScript the field is there to select and copy by hand, and the button stays hidden.
function copyField(button) {
  const field = document.getElementById(button.dataset.copy);
  const done = () => {
    button.textContent = button.dataset.copied;
    setTimeout(() => { button.textContent = button.dataset.label; }, 2000);
  };
  field.select();
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(done, () => {
      if (document.execCommand("copy")) done();
    });
  } else if (document.execCommand("copy")) {
    done();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.dataset.label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", () => copyField(button));
  }
});
