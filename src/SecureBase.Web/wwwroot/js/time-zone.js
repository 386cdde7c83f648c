// Preselects the browser's own IANA time zone on the sign-up form, also when the browser reports an
// older name of it ("Asia/Calcutta" for "Asia/Kolkata"). When it finds no match it selects nothing:
// the person chooses. The list works without this script.
(function () {
  var select = document.querySelector('select[data-detect-time-zone="yes"]');
  if (!select || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  for (var i = 0; i < select.options.length; i++) {
    var option = select.options[i];
    var aliases = (option.getAttribute('data-aliases') || '').split(' ');
    if (option.value === zone || aliases.indexOf(zone) >= 0) { select.selectedIndex = i; return; }
  }
})();
