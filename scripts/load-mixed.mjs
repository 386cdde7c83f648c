// G18 load: N virtual users, each signed in as its own client with years of data, for a fixed time:
// 70% reads (their log, progress, questionnaires, expectations), 25% writes (a moment), 5% sign-ins
// (sign out, sign in again), 0.5–1.5 s of think time between actions. Prints per kind the count,
// unexpected answers (anything but 2xx, and the 302 a write or sign-in answers with), p50/p95/p99,
// and the app's memory (VmRSS) at minutes 2 and 10 (or the end).
// Usage: node scripts/load-mixed.mjs BASE USERS_FILE SECONDS APP_PID
import { readFileSync } from 'node:fs';

const [base, usersFile, secondsText, appPid] = process.argv.slice(2);
const seconds = Number(secondsText);
const people = readFileSync(usersFile, 'utf8').trim().split('\n').map(l => l.split(' '));
const end = Date.now() + seconds * 1000;
const results = { read: [], write: [], signin: [] };
const unexpected = { read: 0, write: 0, signin: 0 };
const samples = [];

function rss() {
  try { return readFileSync(`/proc/${appPid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)[1] / 1024; } catch { return NaN; }
}
for (const minute of [2, 10]) {
  if (minute * 60 <= seconds) setTimeout(() => samples.push(`minute ${minute}: ${rss().toFixed(0)} MB`), minute * 60 * 1000);
}

class Visitor {
  constructor() { this.cookies = new Map(); }
  async fetch(path, options = {}) {
    const headers = { ...(options.headers || {}), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const response = await fetch(base + path, { ...options, headers, redirect: 'manual' });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i), value = pair.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name); else this.cookies.set(name, value);
    }
    return response;
  }
  static token(html, action) {
    for (const form of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
      const target = (form[1].match(/action="([^"]*)"/) || [])[1]?.replaceAll('&amp;', '&');
      if (action && target !== action) continue;
      const t = form[2].match(/name="__RequestVerificationToken" type="hidden" value="([^"]*)"/);
      if (t) return t[1];
    }
    return null;
  }
}

async function timed(kind, expected, run) {
  const started = performance.now();
  let status = 0;
  try { status = (await run()).status; } catch { status = 0; }
  results[kind].push(performance.now() - started);
  if (!(status >= 200 && status < 300) && status !== expected) unexpected[kind]++;
}

async function signIn(v, email, password) {
  const page = await (await v.fetch('/Accounts/SignIn')).text();
  const body = new URLSearchParams({ __RequestVerificationToken: Visitor.token(page), 'Input.Email': email, 'Input.Password': password });
  return v.fetch('/Accounts/SignIn', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

const pages = ['/Log', '/Progress', '/Questionnaires', '/Expectations', '/Log', '/Progress'];
async function user([email, password], n) {
  const v = new Visitor();
  await timed('signin', 302, () => signIn(v, email, password));
  let logToken = Visitor.token(await (await v.fetch('/Log')).text(), null);
  let i = 0;
  while (Date.now() < end) {
    await new Promise(r => setTimeout(r, 500 + Math.random() * 1000));
    if (Date.now() >= end) break;
    const roll = Math.random();
    if (roll < 0.70) {
      await timed('read', 200, () => v.fetch(pages[(n + i++) % pages.length]));
    } else if (roll < 0.95) {
      const body = new URLSearchParams({ __RequestVerificationToken: logToken, 'Input.Pull': 'Away', 'Input.Intensity': String(1 + (i++ % 5)), 'Input.Response': 'RanOldPattern', 'Input.Note': `load ${n} ${i}` });
      await timed('write', 302, () => v.fetch('/Log', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    } else {
      const out = Visitor.token(await (await v.fetch('/Log')).text(), '/Accounts/SignOut');
      await v.fetch('/Accounts/SignOut', { method: 'POST', body: new URLSearchParams({ __RequestVerificationToken: out }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      await timed('signin', 302, () => signIn(v, email, password));
      logToken = Visitor.token(await (await v.fetch('/Log')).text(), null);
    }
  }
}

const startRss = rss();
await Promise.all(people.map((p, n) => user(p, n)));
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))].toFixed(0) : '-'; };
console.log(`${people.length} users, ${seconds} s; memory at start ${startRss.toFixed(0)} MB; ${samples.join('; ') || 'no samples'}; at the end ${rss().toFixed(0)} MB`);
for (const kind of ['read', 'write', 'signin'])
  console.log(`${kind.padEnd(7)} ${String(results[kind].length).padStart(6)} requests, ${unexpected[kind]} unexpected, p50 ${pct(results[kind], 50)} ms, p95 ${pct(results[kind], 95)} ms, p99 ${pct(results[kind], 99)} ms`);
