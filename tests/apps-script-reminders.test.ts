/**
 * Weekly action reminders (issue 12, DESIGN §7): "Turn on weekly reminders" installs one
 * time-driven trigger however often it is clicked, and `sendActionReminders` emails each
 * active owner of actions overdue or due within Reminder days once a week, in their format,
 * logging each email in the Reminders sent tab, within MailApp's daily quota.
 */
import { describe, expect, it } from 'vitest';
import { isoWeek } from '../schema/dates';
import type { RawCell, RawGrid } from '../schema/grid';
import { boardWithActions, demoGrids } from './support/apps-script/boards';
import { session } from './support/apps-script/session';

/** The demo's owners with actions overdue or due by 29 November 2026, who get an email. */
const REMINDED = ['M04', 'M05', 'M06', 'M07', 'M12', 'M13', 'M15', 'M18', 'M19'];
const NEXT_MONDAY = new Date('2026-11-30T08:30:00Z');

interface Run {
  sent: string[];
  overQuota: string[];
  forOfficer: string[];
  alreadyReminded: string[];
  week: string;
  message: string;
}

function withMember(id: string, header: string, value: RawCell) {
  const grids = demoGrids();
  const members = grids.Members as RawGrid;
  const column = (members[0] as RawCell[]).indexOf(header);
  return {
    ...grids,
    Members: members.map((row) => {
      if (row[0] !== id) return row;
      const cells = [...row];
      cells[column] = value;
      return cells;
    }),
  };
}

const idsIn = (names: readonly string[]) =>
  names.map((name) => /\((M\d+)\)$/.exec(name)?.[1]).sort();

describe('the week a reminder belongs to (ISO 8601, Monday to Sunday)', () => {
  it('keys reminders by ISO week, across the turn of the year', () => {
    expect(isoWeek('2026-11-22')).toBe('2026-W47'); // a Sunday: the week that began on 16th
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
});

describe('Turn on weekly reminders', () => {
  it('installs one weekly trigger for sendActionReminders, however often it is clicked', async () => {
    const { fake, click } = await session();
    click('turnOnWeeklyReminders');
    click('turnOnWeeklyReminders');
    click('turnOnWeeklyReminders');
    expect(fake.triggers).toEqual([
      {
        owner: 'yusuf.demirel@example.org',
        id: 'trigger-1',
        handlerFunction: 'sendActionReminders',
        eventType: 'CLOCK',
        weekDay: 'MONDAY',
        atHour: 8,
        everyWeeks: null,
      },
    ]);
    expect(fake.ui.alerts[0]?.prompt).toMatch(/^Weekly reminders are now on\. Every Monday/);
    expect(fake.ui.alerts[2]?.prompt).toMatch(/^Weekly reminders are already on/);
  });

  it('removes a duplicate trigger made by hand, and shows the last run', async () => {
    const { fake, click, bundle } = await session();
    click('turnOnWeeklyReminders');
    fake.triggers.push({ ...(fake.triggers[0] as (typeof fake.triggers)[0]), id: 'by-hand' });
    bundle.call('sendActionReminders');
    click('turnOnWeeklyReminders');
    expect(fake.triggers.map((trigger) => trigger.id)).toEqual(['trigger-1']);
    expect(fake.ui.alerts.at(-1)?.prompt).toContain(
      'Last run: 2026-11-22 12:00:00: 2026-W47: 9 reminders sent',
    );
  });
});

describe('sendActionReminders', () => {
  it('emails each active owner of actions overdue or due within Reminder days, once, and logs it', async () => {
    const { fake, bundle, tab } = await session();
    const run = bundle.call('sendActionReminders') as Run;
    expect(idsIn(run.sent)).toEqual(REMINDED);
    expect(fake.mails).toHaveLength(9);
    expect(fake.mails.every((mail) => mail.from === 'yusuf.demirel@example.org')).toBe(true);
    expect(fake.drafts).toEqual([]);

    const log = tab('Reminders sent');
    expect(log[0]).toEqual(['Sent at', 'Member ID', 'Action IDs', 'Week']);
    expect(log.slice(1).map((row) => row[1])).toEqual(idsIn(run.sent).slice().sort());
    const tomasz = log.find((row) => row[1] === 'M05');
    expect(tomasz?.slice(2)).toEqual(['A132, A144', '2026-W47']);
    expect(tomasz?.[0]).toEqual(new Date('2026-11-22T12:00:00Z'));
    expect(fake.spreadsheet.unlockedWrites).toEqual([]);
  });

  it('says why some owners get no email: Reminders No, a format for an officer, no roster entry', async () => {
    const { fake, bundle } = await session();
    const run = bundle.call('sendActionReminders') as Run;
    const to = fake.mails.map((mail) => mail.to);
    expect(to).not.toContain('simon.adairson@example.org'); // Reminders: No
    expect(to).not.toContain('grace.nwachukwu@example.org'); // BSL (R18)
    expect(run.forOfficer).toHaveLength(1);
    expect(run.forOfficer[0]).toMatch(/^Grace Nwachukwu \(M20\): BSL; communication needs: .+\.$/);
    expect(run.message).toContain(
      'Not emailed, prefer Audio, BSL or Braille (for an officer to arrange): Grace Nwachukwu (M20): BSL; communication needs: ',
    );
  });

  it('writes each in the member’s format: standard, large print, easy read', async () => {
    const { fake, bundle } = await session();
    bundle.call('sendActionReminders');
    const by = (local: string) => fake.mails.find((mail) => mail.to.startsWith(local));
    const margaret = by('margaret.olawale');
    expect(margaret?.subject).toBe('Reminder: your board actions (2 overdue)');
    expect(margaret?.body).toMatch(/^Dear Margaret,\n\nThis is the weekly reminder/);
    expect(margaret?.body).toContain('- A134: ');
    expect(margaret?.body).toContain('due by Sunday 29 November 2026');
    expect(margaret?.htmlBody).toBeNull();
    expect(margaret?.name).toBe('Commissioning Co-Production Board (demo)');
    const kwabena = by('kwabena.mensah-hart');
    expect(kwabena?.htmlBody).toContain('font-size:18pt');
    const leon = by('leon.whitacre');
    expect(leon?.subject).toBe('A reminder about your actions');
    expect(leon?.body).toMatch(/^Hello Leon\.\n/);
    expect(leon?.body).not.toMatch(/\bA\d{3}\b/);
    expect(leon?.htmlBody).toContain('font-size:18pt');
  });

  it('sends nothing twice in a week, whoever’s trigger runs, and again the next week', async () => {
    const { fake, bundle } = await session();
    bundle.call('sendActionReminders');
    const again = bundle.call('sendActionReminders') as Run;
    expect(again.sent).toEqual([]);
    expect(again.alreadyReminded).toHaveLength(9);
    fake.user = 'hannah.osei-bonsu@example.org'; // the other co-chair's trigger
    expect((bundle.call('sendActionReminders') as Run).sent).toEqual([]);
    expect(fake.mails).toHaveLength(9);

    const monday = await session(null, NEXT_MONDAY);
    for (const sheet of fake.spreadsheet.sheets)
      monday.fake.spreadsheet.addSheet(sheet.name, sheet.contents());
    const nextWeek = monday.bundle.call('sendActionReminders') as Run;
    expect(nextWeek.week).toBe('2026-W49');
    expect(nextWeek.sent.length).toBeGreaterThan(0);
  });

  it('never emails a former member, whatever they own', async () => {
    const { fake, bundle } = await session(withMember('M07', 'Status', 'Former'));
    const run = bundle.call('sendActionReminders') as Run;
    expect(idsIn(run.sent)).not.toContain('M07');
    expect(fake.mails.map((mail) => mail.to)).not.toContain('kwabena.mensah-hart@example.org');
  });

  it('reads an unticked Reminders checkbox as No and a ticked one as Yes', async () => {
    const { fake, bundle } = await session(withMember('M07', 'Reminders', false));
    const members = fake.spreadsheet.sheet('Members');
    const column = (members.contents()[0] as string[]).indexOf('Reminders') + 1;
    const m06 = members.contents().findIndex((row) => row[0] === 'M06') + 1;
    members.setValue(m06, column, true);
    const run = bundle.call('sendActionReminders') as Run;
    expect(idsIn(run.sent)).not.toContain('M07');
    expect(idsIn(run.sent)).toContain('M06');
  });

  it('stays within the daily email quota, names who was not reminded, and reminds them next run', async () => {
    const { fake, bundle } = await session();
    fake.mailQuota.remaining = 3;
    const run = bundle.call('sendActionReminders') as Run;
    expect(run.sent).toHaveLength(3);
    expect(run.overQuota).toHaveLength(6);
    expect(run.message).toContain("Not reminded, because today's email quota ran out");
    expect(fake.consoleLines.join('\n')).toContain("today's email quota ran out");
    expect(fake.log.byMethod('Mail')['MailApp.getRemainingDailyQuota']).toBe(1);

    fake.mailQuota.remaining = 100;
    const later = bundle.call('sendActionReminders') as Run;
    expect(later.sent.sort()).toEqual(run.overQuota.sort());
    expect(fake.mails).toHaveLength(9);
  });

  it('logs the emails that went even when MailApp fails part-way', async () => {
    const { fake, bundle, tab } = await session();
    let sends = 0;
    const globals = bundle.context as { MailApp: { sendEmail: (message: unknown) => void } };
    const send = globals.MailApp.sendEmail;
    globals.MailApp.sendEmail = (message) => {
      if (++sends === 4) throw new Error('Service unavailable: Gmail');
      send(message);
    };
    expect(() => bundle.call('sendActionReminders')).toThrow('Service unavailable: Gmail');
    expect(tab('Reminders sent')).toHaveLength(4);
    globals.MailApp.sendEmail = send;
    const retry = bundle.call('sendActionReminders') as Run;
    expect(retry.sent).toHaveLength(6);
    expect(fake.mails).toHaveLength(9);
  });

  it('makes the Reminders sent tab when the board has none yet', async () => {
    const { 'Reminders sent': _, ...grids } = demoGrids();
    const { fake, bundle, tab } = await session(grids);
    bundle.call('sendActionReminders');
    expect(tab('Reminders sent')[0]).toEqual(['Sent at', 'Member ID', 'Action IDs', 'Week']);
    expect(tab('Reminders sent')).toHaveLength(10);
    expect(fake.spreadsheet.sheet('Reminders sent').frozenRows).toBe(1);
  });

  it('makes the same Spreadsheet calls for 100 and for 10,000 actions', async () => {
    const calls: Record<string, number>[] = [];
    for (const count of [100, 10_000]) {
      const { fake, bundle } = await session(boardWithActions(count));
      fake.mailQuota.remaining = 1_500;
      bundle.call('sendActionReminders');
      calls.push(fake.log.byMethod('Spreadsheet'));
    }
    expect(calls[1]).toEqual(calls[0]);
  }, 60_000);
});
