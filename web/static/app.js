// Small conveniences; every page works without them. "/" focuses the search box.
document.addEventListener("keydown", (e) => {
  if (e.key !== "/" || e.target.closest("input, textarea, select")) return;
  const box = document.querySelector('input[name="q"]');
  if (box) { e.preventDefault(); box.focus(); }
});
