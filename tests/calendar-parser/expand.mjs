// Expands an iCalendar object with Mozilla's ical.js, independently of SecureBase's own code.
// Usage: node expand.mjs FROM TO < calendar.ics   (FROM, TO: ISO-8601 instants)
// Prints one JSON line per occurrence starting in [FROM, TO): uid, start and end (UTC, ISO-8601), the
// occurrence's recurrence id (UTC) when it has one, its status and sequence, and the object's METHOD.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [from, to] = process.argv.slice(2).map(s => new Date(s));
const text = readFileSync(0, 'utf8');
const root = new ICAL.Component(ICAL.parse(text));
for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
const method = root.getFirstPropertyValue('method') ?? null;

const byUid = new Map();
for (const component of root.getAllSubcomponents('vevent')) {
  const uid = component.getFirstPropertyValue('uid');
  if (!byUid.has(uid)) byUid.set(uid, { master: null, exceptions: [] });
  const entry = byUid.get(uid);
  if (component.hasProperty('recurrence-id')) entry.exceptions.push(component); else entry.master = component;
}

const iso = time => time.toJSDate().toISOString();
const print = o => process.stdout.write(JSON.stringify({ method, ...o }) + '\n');

for (const [uid, { master, exceptions }] of byUid) {
  if (master === null) {
    // Only occurrences (a per-occurrence REQUEST or CANCEL): each stands alone.
    for (const component of exceptions) {
      const event = new ICAL.Event(component);
      print({ uid, start: iso(event.startDate), end: event.endDate ? iso(event.endDate) : null, recurrenceId: iso(event.recurrenceId),
              status: component.getFirstPropertyValue('status') ?? null, sequence: event.sequence });
    }
    continue;
  }
  const event = new ICAL.Event(master);
  for (const component of exceptions) event.relateException(new ICAL.Event(component));
  const status = master.getFirstPropertyValue('status') ?? null;
  if (!event.isRecurring()) {
    const start = event.startDate.toJSDate();
    if (start >= from && start < to) print({ uid, start: iso(event.startDate), end: iso(event.endDate), recurrenceId: null, status, sequence: event.sequence });
    continue;
  }
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    const start = details.startDate.toJSDate();
    if (next.toJSDate() >= to && start >= to) break;
    if (start < from || start >= to) continue;
    print({ uid, start: start.toISOString(), end: details.endDate.toJSDate().toISOString(), recurrenceId: iso(details.recurrenceId),
            status: details.item.component.getFirstPropertyValue('status') ?? status, sequence: details.item.sequence });
  }
}
