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

// The filters are a <details> that wide screens show open by CSS alone; a browser that
// cannot style its content (no ::details-content) gets it opened here instead.
function openFiltersOnWideScreens() {
  const filters = document.querySelector("details.filters");
  const wide = window.matchMedia("(min-width: 50.01rem)");
  if (!filters || CSS.supports("selector(::details-content)")) return;
  const follow = () => { filters.open = wide.matches; };
  follow();
  wide.addEventListener("change", follow);
}

// "PNG" buttons: draw the chart they name (data-png, a selector) into a picture at twice
// its size and download it; without JavaScript the SVG download is there instead.
function downloadPng(button) {
  const svg = document.querySelector(button.dataset.png);
  const box = svg.viewBox.baseVal;
  const copy = svg.cloneNode(true);
  copy.setAttribute("width", box.width);
  copy.setAttribute("height", box.height);
  const source = new XMLSerializer().serializeToString(copy);
  const picture = new Image();
  picture.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = box.width * 2;
    canvas.height = box.height * 2;
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(2, 2);
    context.drawImage(picture, 0, 0);
    canvas.toBlob((blob) => {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = button.dataset.name;
      document.body.append(link);
      link.click();
      link.remove();
    }, "image/png");
  };
  picture.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(source);
}

document.addEventListener("DOMContentLoaded", () => {
  openFiltersOnWideScreens();
  for (const button of document.querySelectorAll("button[data-png]")) {
    button.hidden = false;
    button.addEventListener("click", () => downloadPng(button));
  }
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.dataset.label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", () => copyField(button));
  }
});
