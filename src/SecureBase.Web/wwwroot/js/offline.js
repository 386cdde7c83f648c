// SecureBase on a phone (issue 11, ADR 0023). On every signed-in page: remembers who uses this browser now, so the
// log page kept for use without a connection is never someone else's. For clients: registers the service worker,
// and on the log page a moment saved without a connection is kept on this device (with the id the server uses to
// save it once, and when it was saved) and sent when the connection returns; the page says how many are waiting,
// and why one was refused. Notes and names are never kept on the device. Our own origin only.
(() => {
  'use strict';
  const KEY = 'securebase-waiting-moments';
  const LAST = 'securebase-last-person';
  const SKEW = 'securebase-clock-skew';
  const CACHE = 'securebase-offline-v1';
  const SHELL = '/Log?handler=Shell';
  const person = document.body.dataset.person;
  const client = document.body.dataset.offline === 'true';
  const form = document.querySelector('form[data-queue]');
  const shell = !!form?.dataset.shell;
  const status = document.getElementById('waiting');
  const notKept = document.getElementById('not-kept');
  const refusedList = document.getElementById('refused');
  if (!person) return;
  if (client && 'serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});

  const read = () => { try { return JSON.parse(localStorage.getItem(KEY) || '[]'); } catch { return []; } };
  const write = (list) => localStorage.setItem(KEY, JSON.stringify(list));
  const mine = () => read().filter((m) => m.person === person);
  const waiting = () => mine().filter((m) => !m.refused);
  // Saved, or already saved (the server knows the id): a redirect to the log with Saved=true.
  const isSaved = (response) => response.ok && /[?&]Saved=true/i.test(response.url);
  const plural = (n) => (n === 1 ? 'One moment' : `${n} moments`);

  // A page that came from the server names who is signed in. When that is someone new on this browser (the last
  // person's session ran out and another signed in), the kept log page is theirs no longer: replace it, so a
  // moment logged on it later is never saved as the last person's.
  if (!shell) {
    // How far this phone's clock is from the server's, kept for the offline copy (a phone clock may be days off).
    const serverNow = Number(document.body.dataset.now);
    if (serverNow) localStorage.setItem(SKEW, String(serverNow - Date.now()));
    if (localStorage.getItem(LAST) !== person) {
      localStorage.setItem(LAST, person);
      replaceShell().catch(() => {});
    }
  }
  async function replaceShell() {
    if (!('caches' in window)) return;
    const cache = await caches.open(CACHE);
    await cache.delete(SHELL);
    if (!client) return;
    const response = await fetch(SHELL, { credentials: 'same-origin', cache: 'no-store' });
    if (response.ok && !response.redirected) await cache.put(SHELL, response);
  }
  const shellIsSomeoneElses = () => shell && (localStorage.getItem(LAST) ?? person) !== person;

  function say(text) {
    if (!status) return;
    status.textContent = text;
    status.hidden = !text;
    // The waiting line says there is no connection too: one line, so Save stays on the first screen.
    const noConnection = document.getElementById('no-connection');
    if (noConnection) noConnection.hidden = !!text;
  }

  // What could not be kept or sent, and why: an error, beside (not instead of) the count of waiting moments.
  function problem(text) {
    if (!notKept) return;
    notKept.textContent = text;
    notKept.hidden = !text;
    if (text) window.scrollTo(0, 0);
  }

  function describeWaiting() {
    const n = waiting().length;
    say(n === 0 ? '' : `${plural(n)} saved on this phone ${n === 1 ? 'is' : 'are'} waiting for a connection, and will be sent when it returns.`);
    showRefused();
  }

  // A moment the server refused (a time typed that had not happened yet, say) is not sent again and again; it is
  // shown with the reason, to be put back in the form and corrected, or discarded.
  function showRefused() {
    if (!refusedList) return;
    refusedList.replaceChildren();
    for (const moment of mine().filter((m) => m.refused)) {
      const item = document.createElement('div');
      item.className = 'errors';
      const text = document.createElement('p');
      const saved = new Date(moment.savedAt ?? Date.parse(moment.fields['Input.SavedAt']));
      const typed = moment.fields['Input.When'] && moment.fields['Input.When'] !== moment.fields['Input.WhenShown']
        ? ` (the time typed was ${moment.fields['Input.When'].replace('T', ' ')})` : '';
      // In the person's own zone, as the rest of the page shows times (the phone's may differ).
      const zone = form?.dataset.zone;
      let when;
      try { when = saved.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', ...(zone ? { timeZone: zone } : {}) }); } catch { when = saved.toLocaleString(); }
      text.textContent = `A moment saved on this phone on ${when}${typed} could not be sent: ${moment.refused}`;
      const again = button('Put it back in the form', () => { remove(moment.id); fill(moment.fields); problem(moment.refused); });
      const drop = button('Discard it', () => remove(moment.id));
      drop.className = 'secondary';
      item.append(text, again, ' ', drop);
      refusedList.append(item);
    }
    refusedList.hidden = refusedList.childElementCount === 0;
  }
  function button(label, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', () => { action(); describeWaiting(); });
    return b;
  }
  const remove = (id) => write(read().filter((m) => m.id !== id));
  function fill(fields) {
    if (!form) return;
    for (const [name, value] of Object.entries(fields)) {
      const field = form.elements[name];
      if (!field || name === 'Input.ClientId' || name === 'Input.SavedSecondsAgo') continue;
      if (field instanceof RadioNodeList || field.type !== 'checkbox') field.value = value;
      else field.checked = true;
    }
    const details = form.querySelector('details');
    if (details) details.open = true;
    form.scrollIntoView();
  }

  // A fresh anti-forgery token, or null when this browser is signed out (the moments then wait for sign-in).
  async function freshToken() {
    const response = await fetch(SHELL, { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok || response.redirected) return null;
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    // Someone else signed in since this page was drawn (in another tab): their moments are not this person's.
    if (page.body.dataset.person !== person) return null;
    return page.querySelector('input[name="__RequestVerificationToken"]')?.value ?? null;
  }

  // What the server said was wrong with a moment it refused (the form's error list), or null for anything else
  // (an expired token, a server in trouble): then the moment waits and is tried again later.
  async function reasonRefused(response) {
    if (response.status !== 400) return null;
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const reasons = [...page.querySelectorAll('form[data-queue] .errors li')].map((li) => li.textContent.trim());
    return reasons.length > 0 ? reasons.join(' ') : null;
  }

  let sending = false;
  async function sendWaiting() {
    if (!client || sending || !navigator.onLine || waiting().length === 0) return;
    sending = true;
    let sent = 0;
    try {
      const token = await freshToken();
      if (!token) { say(`${plural(waiting().length)} saved on this phone will be sent once you sign in again.`); return; }
      for (const moment of waiting()) {
        const body = new URLSearchParams(moment.fields);
        body.set('__RequestVerificationToken', token);
        // Its age by this phone's clock, not a time of day: right even when that clock is wrong.
        body.delete('Input.SavedAt');   // what the first version kept instead
        const savedAt = moment.savedAt ?? (Date.parse(moment.fields['Input.SavedAt']) || Date.now());
        body.set('Input.SavedSecondsAgo', String(Math.max(0, Math.round((Date.now() - savedAt) / 1000))));
        const response = await fetch('/Log', { method: 'POST', body, credentials: 'same-origin' });
        if (isSaved(response)) {
          remove(moment.id);
          sent++;
          continue;
        }
        const reason = await reasonRefused(response);
        if (reason === null) break;
        write(read().map((m) => (m.id === moment.id ? { ...m, refused: reason } : m)));
      }
    } catch {
      // The connection went again: what is left waits for the next time.
    } finally {
      sending = false;
    }
    const left = waiting().length;
    describeWaiting();
    if (sent > 0) say(`Sent: ${plural(sent).toLowerCase()} saved on this phone while offline.${left > 0 ? ` ${left} still waiting.` : ''}`);
    // On the kept copy there is no list of recent moments: offer the live page, where they now are.
    if (sent > 0 && shell && status && !document.getElementById('open-log')) {
      const link = document.createElement('a');
      link.id = 'open-log';
      link.href = '/Log';
      link.textContent = 'See them in your recent moments';
      status.after(link);
    }
  }
  // A weak signal gives no "online" event when it recovers: while something waits, try again every half minute.
  if (client) setInterval(() => { if (waiting().length > 0) sendWaiting(); }, 30_000);

  // Kept on this phone until it can be sent, unless the kept page is someone else's or it holds free text (which
  // anyone holding the phone could read).
  function keep(id) {
    if (shellIsSomeoneElses()) {
      problem('This offline page was kept for someone who used this phone before you, so nothing can be saved on it. When the connection is back, open the log once; after that it works offline for you.');
      return;
    }
    const note = form.elements['Input.Note']?.value.trim();
    const label = form.elements['Input.RelationshipLabel']?.value.trim();
    if (note || label) {
      problem('Without a connection, a note or a name is not kept on this phone, where anyone using it could read it. Remove it to save the rest now, or save it all when the connection is back.');
      return;
    }
    const fields = Object.fromEntries([...new FormData(form)].filter(([name]) => name !== '__RequestVerificationToken'));
    write([...read(), { id, person, savedAt: Date.now(), fields }]);
    form.reset();
    problem('');
    describeWaiting();
    window.scrollTo(0, 0);
    sendWaiting();
  }

  if (form) {
    // The kept page may have been drawn hours or days ago: its "When" moves on to now (left alone, it still means
    // "the moment I save").
    const drawnAt = Number(form.dataset.drawnAt);
    const late = drawnAt ? Date.now() + (Number(localStorage.getItem(SKEW)) || 0) - drawnAt : 0;
    // By the server's clock as last seen from this phone (its own may be days off); a copy over two weeks old is
    // left as it is, left alone its time still means "when I save".
    if (late > 60_000 && late < 14 * 24 * 3600_000) {
      for (const name of ['Input.When', 'Input.WhenShown']) {
        const field = form.elements[name];
        const shown = field && Date.parse(`${field.value}Z`);
        if (shown) field.value = field.defaultValue = new Date(shown + late).toISOString().slice(0, 16);
      }
    }
    let inFlight = false;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (inFlight) return;   // a second tap on Save while the first is on its way
      const id = crypto.randomUUID();
      form.elements['Input.ClientId'].value = id;
      form.elements['Input.SavedSecondsAgo'].value = '';
      if (!navigator.onLine || shell) { keep(id); return; }
      // Online, sent from here: when the phone believes it is online but nothing reaches the server (a weak signal,
      // a wifi that wants a login), the moment is kept like an offline one instead of lost on the browser's error page.
      inFlight = true;
      try {
        const response = await fetch('/Log', { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin' });
        if (isSaved(response)) location.assign(response.url);
        else form.submit();   // the server's answer (a correction to make, sign in again) as a page; the id keeps it single
      } catch {
        keep(id);
      } finally {
        inFlight = false;
      }
    });
  }
  // Signing out clears what this site keeps on the device (Clear-Site-Data), waiting moments too: send them first.
  // Without a connection it cannot be done at all: say so instead of leaving for the browser's error page.
  for (const signOut of document.querySelectorAll('form[action="/Accounts/SignOut"]')) {
    signOut.addEventListener('submit', async (event) => {
      if (!navigator.onLine) {
        event.preventDefault();
        let note = signOut.querySelector('.offline-note');
        if (!note) {
          note = document.createElement('span');
          note.className = 'offline-note';
          note.setAttribute('role', 'alert');
          signOut.append(note);
        }
        note.textContent = 'Signing out needs a connection; try again when it is back.';
        return;
      }
      if (waiting().length === 0) return;
      event.preventDefault();
      await sendWaiting();
      signOut.submit();
    });
  }
  window.addEventListener('online', sendWaiting);
  describeWaiting();
  sendWaiting();
})();
