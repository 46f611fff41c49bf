/**
 * "Start commissioning project" (R14) and "Prepare circulation pack" (R13) in the built
 * bundle: the Projects and Tasks rows a new project gets, and the pack request to the server
 * with the Script Properties' URL and token, including every way it can go wrong.
 */
import { describe, expect, it } from 'vitest';
import { STANDARD_TASKS } from '../schema/rules';
import { DEMO_TODAY } from './support/apps-script/boards';
import { londonDate, session } from './support/apps-script/session';

describe('Start commissioning project', () => {
  it('adds the Projects row and the 17 standard tasks with who is responsible', async () => {
    const { fake, click, tab } = await session();
    const [projects, tasks] = [tab('Projects'), tab('Tasks')];
    fake.ui.answer('Day opportunities for autistic adults', 'Learning disabilities');
    click('startCommissioningProject');

    expect(tab('Projects')).toEqual([
      ...projects,
      [
        'P05',
        'Day opportunities for autistic adults',
        'Learning disabilities',
        'Planning',
        'Pre-initiation',
        '',
        '',
        '',
        '',
        londonDate(DEMO_TODAY),
        '',
        '',
        'Active',
      ],
    ]);
    expect(tab('Tasks')).toEqual([
      ...tasks,
      ...STANDARD_TASKS.map((task, index) => [
        `P05-T${String(index + 1).padStart(2, '0')}`,
        'P05',
        task.task,
        task.phase,
        task.responsible,
        '',
        '',
        'To do',
        '',
      ]),
    ]);
    expect(tab('Tasks')).toHaveLength(tasks.length + 17);
    expect(tab('Tasks').at(-1)?.slice(2, 5)).toEqual([
      'Hold "Lessons Learned" session',
      'Conclusion',
      'Board Members',
    ]);
    expect(fake.ui.alerts.at(-1)?.prompt).toContain(
      'Added project P05, "Day opportunities for autistic adults", to the Projects tab',
    );
    expect(fake.spreadsheet.unlockedWrites).toEqual([]);
  });

  it('adds nothing when run twice for the same project', async () => {
    const { fake, click, state } = await session();
    fake.ui.answer('Day opportunities for autistic adults', 'Learning disabilities');
    click('startCommissioningProject');
    const once = state();
    fake.ui.answer('day opportunities for AUTISTIC adults ', '');
    click('startCommissioningProject');
    expect(state()).toEqual(once);
    expect(fake.ui.alerts.at(-1)?.prompt).toBe(
      '"Day opportunities for autistic adults" is already project P05 in the Projects tab (row 6), so no new project was added.\n\nIt already has every standard task in the Tasks tab.',
    );
  });

  it('dates the project by the day in London, not in UTC', async () => {
    const lateOnSummerEvening = new Date('2026-06-30T23:30:00Z'); // 00:30 on 1 July in London
    const { fake, click, tab } = await session(undefined, lateOnSummerEvening);
    fake.ui.answer('Summer project', '');
    click('startCommissioningProject');
    expect(tab('Projects').at(-1)?.[9]).toEqual(londonDate('2026-07-01'));
  });

  it('does nothing when the name is cancelled', async () => {
    const { fake, click, state } = await session();
    const before = state();
    fake.ui.answer('CANCEL');
    click('startCommissioningProject');
    expect(state()).toEqual(before);
    expect(fake.ui.alerts).toEqual([]);
  });
});

const PACK_HTML = '<!DOCTYPE html><html lang="en-GB"><body><h1>Action points</h1></body></html>';

async function configured() {
  const started = await session();
  started.fake.scriptProperties.setProperty('BOARD_SERVER_URL', 'https://board.example.org/');
  started.fake.scriptProperties.setProperty('BOARD_SERVER_TOKEN', 'officer-token-123');
  return started;
}

describe('Prepare circulation pack', () => {
  it('says how to configure it when the server URL or token is not set', async () => {
    const { fake, click } = await session();
    click('prepareCirculationPack');
    expect(fake.fetches).toEqual([]);
    expect(fake.ui.alerts[0]?.prompt).toMatch(
      /not set up for this spreadsheet yet\. In Extensions > Apps Script > Project Settings > Script Properties, add BOARD_SERVER_URL .* and BOARD_SERVER_TOKEN/,
    );
  });

  it('fetches the last held meeting’s pack with the token and shows it', async () => {
    const { fake, click } = await configured();
    fake.fetchHandler = () => ({ status: 200, body: PACK_HTML });
    fake.ui.answer('', '1');
    click('prepareCirculationPack');
    expect(fake.ui.prompts[0]?.prompt).toContain(
      'leave blank for the last one held: MT-2026-10 on Wednesday 28 October 2026',
    );
    expect(fake.fetches).toEqual([
      {
        url: 'https://board.example.org/packs/MT-2026-10/BOROUGH_PARTNERSHIP.html',
        params: {
          method: 'get',
          headers: { Authorization: 'Bearer officer-token-123' },
          muteHttpExceptions: true,
          followRedirects: true,
        },
      },
    ]);
    expect(fake.ui.dialogs).toEqual([
      {
        title: 'Circulation pack: MT-2026-10 for Borough Partnership',
        html: PACK_HTML,
        modal: false,
      },
    ]);
  });

  it('asks for any meeting and audience by name', async () => {
    const { fake, click } = await configured();
    fake.fetchHandler = () => ({ status: 200, body: PACK_HTML });
    fake.ui.answer('mt-2026-09', 'senior head');
    click('prepareCirculationPack');
    expect(fake.fetches[0]?.url).toBe(
      'https://board.example.org/packs/MT-2026-09/SENIOR_HEAD.html',
    );
  });

  it("shows the server's refusal in words, without the HTML", async () => {
    const { fake, click } = await configured();
    fake.fetchHandler = () => ({
      status: 409,
      body: '<html><body><p>The DMT pack for MT-2026-10 is refused: Circulate to DMT is not Yes.</p></body></html>',
    });
    fake.ui.answer('', 'DMT');
    click('prepareCirculationPack');
    expect(fake.ui.alerts.at(-1)?.prompt).toBe(
      'The server refused the DMT pack for MT-2026-10 (HTTP 409).\n\nIt said: The DMT pack for MT-2026-10 is refused: Circulate to DMT is not Yes.',
    );
    expect(fake.ui.dialogs).toEqual([]);
  });

  it('explains a rejected token, an unreachable server and an unknown meeting', async () => {
    const rejected = await configured();
    rejected.fake.fetchHandler = () => ({ status: 401, body: 'Unauthorized' });
    rejected.fake.ui.answer('', '2');
    rejected.click('prepareCirculationPack');
    expect(rejected.fake.ui.alerts.at(-1)?.prompt).toContain(
      'The server did not accept the token: check BOARD_SERVER_TOKEN in Script Properties.',
    );

    const down = await configured();
    down.fake.fetchHandler = () => {
      throw new Error('DNS error: board.example.org');
    };
    down.fake.ui.answer('', '1');
    down.click('prepareCirculationPack');
    expect(down.fake.ui.alerts.at(-1)?.prompt).toMatch(
      /^Could not reach the board's server at https:\/\/board\.example\.org: DNS error/,
    );

    const unknown = await configured();
    unknown.fake.ui.answer('MT-1999-01');
    unknown.click('prepareCirculationPack');
    expect(unknown.fake.fetches).toEqual([]);
    expect(unknown.fake.ui.alerts.at(-1)?.prompt).toBe(
      'There is no meeting "MT-1999-01" in the Meetings tab.',
    );
  });
});
