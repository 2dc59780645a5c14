// Starts GOV.UK Frontend's components (exit this page, error summary focus, radios' revealed
// questions, the mobile menu). Everything works without it; this only adds to it.
import { initAll } from "../govuk-frontend/govuk-frontend.min.js";
initAll();

// On a phone the case page opens on "What matters now": the long sections after it start closed
// (they stay open on a wide screen, and without JavaScript).
if (window.matchMedia("(max-width: 40.0525em)").matches) {
  for (const section of document.querySelectorAll("details[data-fw-phone-closed]")) {
    if (!section.querySelector(":target")) section.open = false;
  }
}

// A table wider than a phone scrolls inside itself (fairwitness.css): make it reachable and named
// for keyboard and screen-reader users, as a scrolling region must be.
for (const table of document.querySelectorAll(".govuk-table")) {
  if (table.scrollWidth > table.clientWidth + 1) {
    table.tabIndex = 0;
    const caption = table.querySelector("caption");
    if (!caption) table.setAttribute("aria-label", "Table (scroll sideways to see more)");
  }
}
