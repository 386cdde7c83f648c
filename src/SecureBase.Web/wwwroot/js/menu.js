// "More" on a phone (a <details> menu): Escape closes it and puts the focus back on "More"; a tap
// anywhere else closes it too. Without this script the menu still opens and closes by its own button.
(function () {
  var menus = Array.prototype.slice.call(document.querySelectorAll('details.more'));
  if (menus.length === 0) return;
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    menus.forEach(function (menu) {
      if (!menu.open) return;
      menu.open = false;
      menu.querySelector('summary').focus();
    });
  });
  document.addEventListener('click', function (event) {
    menus.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  });
})();
