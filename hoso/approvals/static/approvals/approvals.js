// Check-all on the approval queue (no inline script: the CSP allows only our own files).
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-approvals-check-all]");
  if (!all) return;
  for (const box of document.querySelectorAll("[data-approvals-item]")) box.checked = all.checked;
});
