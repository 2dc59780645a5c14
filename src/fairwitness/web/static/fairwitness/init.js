// Starts GOV.UK Frontend's components (exit this page, error summary focus, radios' revealed
// questions, the mobile menu). Everything works without it; this only adds to it.
import { initAll } from "../govuk-frontend/govuk-frontend.min.js";
initAll();
