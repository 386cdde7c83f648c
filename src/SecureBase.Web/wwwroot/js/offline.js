// SecureBase on a phone (issue 11, ADR 0023). Registers the service worker, and on the log page: a moment saved
// without a connection is kept on this device (with the id the server uses to save it once, and the time it was
// saved) and sent when the connection returns; the page says how many are waiting. Our own origin only.
(() => {
  'use strict';
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});

  const KEY = 'securebase-waiting-moments';
  const person = document.body.dataset.person;
  const form = document.querySelector('form[data-queue]');
  const status = document.getElementById('waiting');
  if (!person) return;

  const read = () => { try { return JSON.parse(localStorage.getItem(KEY) || '[]'); } catch { return []; } };
  const write = (list) => localStorage.setItem(KEY, JSON.stringify(list));
  const mine = () => read().filter((m) => m.person === person);
  const plural = (n) => (n === 1 ? 'One moment' : `${n} moments`);

  function say(text) {
    if (!status) return;
    status.textContent = text;
    status.hidden = !text;
  }

  function describeWaiting() {
    const n = mine().length;
    say(n === 0 ? '' : `${plural(n)} saved on this phone ${n === 1 ? 'is' : 'are'} waiting for a connection, and will be sent when it returns.`);
  }

  // A fresh anti-forgery token, or null when this browser is signed out (the moments then wait for sign-in).
  async function freshToken() {
    const response = await fetch('/Log?handler=Shell', { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok || response.redirected) return null;
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    return page.querySelector('input[name="__RequestVerificationToken"]')?.value ?? null;
  }

  let sending = false;
  async function sendWaiting() {
    if (sending || !navigator.onLine || mine().length === 0) return;
    sending = true;
    let sent = 0;
    try {
      const token = await freshToken();
      if (!token) { say(`${plural(mine().length)} saved on this phone will be sent once you sign in again.`); return; }
      for (const moment of mine()) {
        const body = new URLSearchParams(moment.fields);
        body.set('__RequestVerificationToken', token);
        const response = await fetch('/Log', { method: 'POST', body, credentials: 'same-origin' });
        // Saved (or already saved: the server knows the id) is a redirect to the log with Saved=true.
        if (!response.ok || !/[?&]Saved=true/i.test(response.url)) break;
        write(read().filter((m) => m.id !== moment.id));
        sent++;
      }
    } catch {
      // The connection went again: what is left waits for the next time.
    } finally {
      sending = false;
    }
    const left = mine().length;
    say(sent > 0 ? `Sent: ${plural(sent).toLowerCase()} saved on this phone while offline.${left > 0 ? ` ${left} still waiting.` : ''}` : '');
    if (sent === 0) describeWaiting();
  }

  if (form) {
    form.addEventListener('submit', (event) => {
      const id = crypto.randomUUID();
      form.elements['Input.ClientId'].value = id;
      form.elements['Input.SavedAt'].value = new Date().toISOString();
      // Online, the form is sent as any form is; the id makes a second sending of it harmless.
      if (navigator.onLine && !form.dataset.shell) return;
      event.preventDefault();
      const fields = Object.fromEntries([...new FormData(form)].filter(([name]) => name !== '__RequestVerificationToken'));
      write([...read(), { id, person, fields }]);
      form.reset();
      describeWaiting();
      window.scrollTo(0, 0);
      sendWaiting();
    });
  }
  // Signing out clears what this site keeps on the device (Clear-Site-Data), waiting moments too: send them first.
  for (const signOut of document.querySelectorAll('form[action="/Accounts/SignOut"]')) {
    signOut.addEventListener('submit', async (event) => {
      if (mine().length === 0 || !navigator.onLine) return;
      event.preventDefault();
      await sendWaiting();
      signOut.submit();
    }, { once: true });
  }
  window.addEventListener('online', sendWaiting);
  describeWaiting();
  sendWaiting();
})();
