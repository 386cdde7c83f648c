// Preselects the browser's own IANA time zone on the sign-up form; the list works without it.
(function () {
  var select = document.querySelector('select[data-detect-time-zone="yes"]');
  if (!select || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) { select.selectedIndex = i; return; }
  }
})();
