// The report page's matches: a counter ("match 2 of 7") that follows the current match,
// ‹ › beside it and the keys n / p. Progressive enhancement only: without this file every
// match is an anchor (#m1, #m2…) linked to the previous and next one, and the page says
// how many there are.
"use strict";

// The current match is the one in the URL's fragment, so the counter follows the links in
// the text, the back button and shared links alike, with one source of truth.
function currentMatch(total) {
  const found = /^#m(\d+)$/.exec(window.location.hash);
  const number = found ? Number(found[1]) : 0;
  return number >= 1 && number <= total ? number : 0;
}

// Keys typed into a field are text, not shortcuts.
function isTyping(target) {
  return target instanceof Element &&
    (target.isContentEditable || target.closest("input, textarea, select") !== null);
}

document.addEventListener("DOMContentLoaded", () => {
  const bar = document.querySelector(".matches[data-matches]");
  if (!bar) return;
  const total = Number(bar.dataset.matches);
  const stepper = bar.querySelector(".stepper");
  const counter = bar.querySelector(".match-position");
  const previous = bar.querySelector(".step.prev");
  const next = bar.querySelector(".step.next");

  const show = () => {
    const number = currentMatch(total);
    // Before any match is current, "match 0 of 7" would say nothing: ‹ › then lead to #m1.
    counter.textContent = number ? counter.dataset.format.replace("{n}", number) : "";
    previous.hidden = number <= 1;
    next.hidden = number >= total;
    previous.href = `#m${Math.max(1, number - 1)}`;
    next.href = `#m${Math.min(total, number + 1)}`;
  };
  const go = (number) => {
    if (number >= 1 && number <= total) window.location.hash = `#m${number}`;
  };

  stepper.hidden = false;
  for (const hint of bar.querySelectorAll(".keys")) hint.hidden = false;
  window.addEventListener("hashchange", show);
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey ||
        isTyping(event.target)) return;
    const number = currentMatch(total);
    if (event.key === "n") go(number + 1);
    else if (event.key === "p") go(number - 1);
    else return;
    event.preventDefault();
  });
  show();
});
