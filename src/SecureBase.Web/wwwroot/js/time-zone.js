// Preselects the browser's own IANA time zone on a form, also when the browser reports an older name
// of it ("Asia/Calcutta" for "Asia/Kolkata"). When it finds no match it selects nothing: the person
// chooses. On a booking page (data-go-on-detect) it then shows the times in that zone, once: the
// address gets ?zone=…, so the page never loops. Every list works without this script.
(function () {
  var select = document.querySelector('select[data-detect-time-zone="yes"]');
  if (!select || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  for (var i = 0; i < select.options.length; i++) {
    var option = select.options[i];
    var aliases = (option.getAttribute('data-aliases') || '').split(' ');
    if (option.value === zone || aliases.indexOf(zone) >= 0) {
      var changed = select.selectedIndex !== i;
      select.selectedIndex = i;
      if (select.getAttribute('data-go-on-detect') === 'yes' && changed) {
        var params = new URLSearchParams(window.location.search);
        params.set('zone', option.value);
        window.location.replace(window.location.pathname + '?' + params.toString());
      }
      return;
    }
  }
})();
