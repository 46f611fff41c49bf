/**
 * The check report (schema/check-report.ts): one model of what a check found, grouped by tab
 * with cells and rules, and its two renderers, `npm run check` (server/cli/check-report.ts)
 * and the "Check membership" dialog (apps-script/handlers/check-report.ts, in the bundle).
 */
import { describe, expect, it } from 'vitest';
import { checkReport } from '../schema/check-report';
import { membershipCheck } from '../schema/rules';
import { buildSnapshot } from '../schema/snapshot';
import { formatCheckReport } from '../server/cli/check-report';
import { DEMO_TODAY, demoGrids } from './support/apps-script/boards';
import { dialogText, session } from './support/apps-script/session';

const snapshot = buildSnapshot(demoGrids());
const reportOn = (today: string) =>
  checkReport(snapshot, snapshot.issues, membershipCheck(snapshot, today), today);

describe('the check report model', () => {
  it('groups data issues and findings by tab, in tab order and row order, with cells and rules', () => {
    const report = reportOn(DEMO_TODAY);
    expect(report.tabs.map((tab) => tab.sheet)).toEqual([
      'Members',
      'Meetings',
      'Attendance',
      'Actions',
      'Projects',
      'Involvement',
      'Feedback',
    ]);
    expect(
      report.tabs.map((tab) =>
        tab.entries.map((entry) => [entry.cell, entry.rule, entry.severity]),
      ),
    ).toEqual([
      [
        ['G10', 'R5', 'error'],
        ['M17', 'R3', 'warning'],
      ],
      [
        ['I33', 'R8', 'error'],
        ['H38', 'R11', 'error'],
      ],
      [['B358', 'R16', 'warning']],
      [
        ['F58', null, 'warning'],
        ['E145', null, 'error'],
      ],
      [['I4', 'R6', 'warning']],
      [['J139', 'R16', 'warning']],
      [
        ['I12', 'R17', 'error'],
        ['J18', 'R17', 'error'],
      ],
    ]);
    expect(report.tabs[0]?.entries[0]?.alsoAt).toEqual(['G20']);
    expect(report.wholeBoard).toEqual([]);
    expect(report.figures.map((finding) => finding.rule)).toEqual(['R1', 'R6', 'R18', 'R18']);
    expect([report.errors, report.warnings]).toEqual([6, 5]);
    expect(report.boardName).toBe('Commissioning Co-Production Board (demo)');
  });

  it('keeps every entry in the order found too: data issues first, then rules in order', () => {
    const report = reportOn(DEMO_TODAY);
    expect(report.entries.map((entry) => entry.rule ?? entry.cell)).toEqual([
      'F58',
      'E145',
      'R3',
      'R5',
      'R6',
      'R8',
      'R11',
      'R16',
      'R16',
      'R17',
      'R17',
    ]);
  });

  it('puts findings no cell stands for under the whole board, in the order found', () => {
    const report = reportOn('2027-06-01');
    expect(report.wholeBoard.map((entry) => [entry.rule, entry.cell, entry.sheet])).toEqual(
      Array.from({ length: 6 }, () => ['R10', null, '']),
    );
    expect(report.wholeBoard[0]?.message).toContain('January 2027');
    expect([report.errors, report.warnings]).toEqual([8, 12]);
  });
});

describe('the terminal report', () => {
  it('is the model as plain lines', () => {
    const { text, errors, warnings } = formatCheckReport(
      snapshot,
      membershipCheck(snapshot, DEMO_TODAY),
      { source: 'the demo board', today: DEMO_TODAY },
    );
    expect([errors, warnings]).toEqual([6, 5]);
    expect(text).toBe(
      [
        'Commissioning Co-Production Board (demo): check of the demo board on Sunday 22 November 2026',
        '',
        'Members tab',
        '  Error    R5   Members!G10  2 active members represent the self-advocacy group "Northside Speak Up": Daniel Frostwick (M09) and Leon Whitacre (M19). Each group has one representative: agree which one stays and mark the others as Former.',
        '  Warning  R3   Members!M17  The term of Yusuf Demirel (M16) as resident co-chair ends on Thursday 14 January 2027 (in 53 days): hold a vote for the next co-chair.',
        '',
        'Meetings tab',
        "  Error    R8   Meetings!I33  Hannah Osei-Bonsu (M18) (officer co-chair) sent apologies to the meeting on Wednesday 24 June 2026 (MT-2026-06) and no deputy co-chair was nominated: record who stood in, in the meeting's Deputy co-chair column.",
        '  Error    R11  Meetings!H38  The meeting on Wednesday 25 November 2026 (MT-2026-11) has no Minute-taker: one must be nominated before the meeting.',
        '',
        'Attendance tab',
        "  Warning  R16  Attendance!B358  Grace Nwachukwu (M20) was present at the meeting on Wednesday 29 July 2026 (MT-2026-07) but has no Involvement entry for it: add one with their hours, payment and expenses, so that the board can show what it gives back for members' time.",
        '',
        'Actions tab',
        '  Warning  Actions!F58  Due date: "31/02/2025" is not a real date (no such day). The cell is treated as blank.',
        '  Error    Actions!E145  Owner: "M21" is not a Member ID in the Members tab. Only members on the roster can be recorded (no substitutions).',
        '',
        'Projects tab',
        '  Warning  R6   Projects!I4  Project Supported living for adults with learning disabilities (P03) is Active but no resident who uses services works on it (its lead and members are Provider 1, Staff 1, Council 2 and Other 1): invite a resident member to join, so that the voice of the resident is heard in the project.',
        '',
        'Involvement tab',
        '  Warning  R16  Involvement!J139  The payment of £40 to Leon Whitacre (M19) for the meeting on Wednesday 30 September 2026 (MT-2026-09) is still Claimed 53 days after the work (entry IN0138): payments are made within 30 days, so chase it and mark it Paid.',
        '',
        'Feedback tab',
        '  Error    R17  Feedback!I12  Feedback FB11 ("Online meetings should have live captions.") is Not acted on but has no Reason: write down why, so that the people who raised it are told why not.',
        '  Error    R17  Feedback!J18  Feedback FB17 ("Carers want short breaks they can book at a week’s notice."), raised on Wednesday 26 August 2026, was due to be reported back by Sunday 25 October 2026 (28 days ago; Report back within (days) is 60): tell the people who raised it what the board did, then fill in We did and Reported back on.',
        '',
        'Figures',
        '  R1   17 of 20 places filled.',
        '  R6   Residents 7, Providers 1, Staff 3, Council 4, Other 2',
        '  R18  Joseph Amankwah (M14) needs information in Audio, which the board cannot produce: arrange it for the meeting on Wednesday 25 November 2026 (MT-2026-11). Communication needs: Blind: papers as audio recordings, or Word documents for his screen reader, a week before each meeting; describe slides aloud.',
        '  R18  Grace Nwachukwu (M20) needs information in BSL, which the board cannot produce: arrange it for the meeting on Wednesday 25 November 2026 (MT-2026-11). Communication needs: Deaf, BSL user: a BSL interpreter at every meeting (two for meetings over an hour); papers in plain English, with a BSL video summary where possible.',
        '',
        '6 errors and 5 warnings. Errors mean data was left out or a rule of the terms of reference is broken.',
      ].join('\n'),
    );
  });

  it('lists the whole board after the tabs', () => {
    const { text } = formatCheckReport(snapshot, membershipCheck(snapshot, '2027-06-01'), {
      source: 'the demo board',
      today: '2027-06-01',
    });
    const lines = text.split('\n');
    const wholeBoard = lines.indexOf('Whole board');
    expect(wholeBoard).toBeGreaterThan(lines.indexOf('Actions tab'));
    expect(lines[wholeBoard + 1]).toMatch(
      /^ {2}Warning {2}R10 {2}There is no meeting in the Meetings tab for January 2027\./,
    );
    expect(lines.indexOf('Figures')).toBe(wholeBoard + 8);
  });
});

describe('the dialog and the terminal', () => {
  it('show the same entries, cells and rules in the same order', async () => {
    const today = '2027-06-01';
    const { fake, click } = await session(demoGrids(), new Date(`${today}T12:00:00Z`));
    click('checkMembership');
    const dialog = dialogText(fake.ui.dialogs[0]?.html ?? '');
    const { text } = formatCheckReport(snapshot, membershipCheck(snapshot, today), {
      source: 'the demo board',
      today,
    });
    // [heading or severity, cell, rule] of each line, in the order shown.
    const terminalLines = text
      .split('\n')
      .map((line) => /^ {2}(Error|Warning) +(?:(R\d+) +)?(?:(\w+!\w+) {2})?/.exec(line) ?? line)
      .filter((line) => typeof line !== 'string' || / tab$|^Whole board$/.test(line))
      .map((line) =>
        typeof line === 'string' ? [line] : [line[1], line[3] ?? null, line[2] ?? null],
      );
    const html = fake.ui.dialogs[0]?.html ?? '';
    const dialogLines = [
      ...html.matchAll(
        /<h2>([^<]+)<\/h2>|<li><strong>(Error|Warning)<\/strong> (?:<code>([^<]+)<\/code>(?: \(also [^)]+\))? )?(?:(R\d+): )?/g,
      ),
    ]
      .filter((match) => match[1] !== 'Figures')
      .map((match) => (match[1] ? [match[1]] : [match[2], match[3] ?? null, match[4] ?? null]));
    expect(dialogLines).toEqual(terminalLines);
    // Eight headings (seven tabs and the whole board) and the 20 errors and warnings.
    expect(dialogLines).toHaveLength(8 + 20);
    expect(dialog).toContain('Whole board Warning R10: There is no meeting in the Meetings tab');
    expect(dialog).toContain('8 errors and 12 warnings.');
  });
});
