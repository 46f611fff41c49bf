/**
 * Live updates (issue 15, DESIGN §7 and §9): "Turn on live updates" installs one change trigger
 * however often it is clicked, once the Script Properties say where the server is and which
 * REFRESH token to use, and tests the server. The trigger, `onBoardChange`, posts a refresh hint
 * at most once per 2 seconds, follows the last change of a burst with one more hint, reads no
 * sheet and never throws.
 */
import { describe, expect, it } from 'vitest';
import { hookUrl, planHint, serverUrlProblem } from '../schema/sheet/live-updates';
import type { FetchHandler } from './support/apps-script/fake-services';
import { session } from './support/apps-script/session';

const SERVER = 'https://board.example.org/';
const TOKEN = 'refresh-7f3a9c';
const START = new Date('2026-11-23T10:00:00Z');

/** A session with the Script Properties set, whose server answers `answer`. */
async function configured(answer: FetchHandler = () => ({ status: 202, body: '' })) {
  const started = await session(null, START);
  started.fake.scriptProperties.setProperty('BOARD_SERVER_URL', SERVER);
  started.fake.scriptProperties.setProperty('BOARD_REFRESH_TOKEN', TOKEN);
  const postedAt: number[] = [];
  started.fake.fetchHandler = (call) => {
    postedAt.push(started.fake.now.getTime() - START.getTime());
    return answer(call);
  };
  /** One change in the sheet: the trigger runs with Apps Script's change event. */
  const change = () => started.bundle.call('onBoardChange', { changeType: 'EDIT' });
  return { ...started, postedAt, change };
}

describe('the hint’s address and timing (schema/sheet/live-updates.ts)', () => {
  it('posts to /hooks/sheet-changed on the server, with or without a trailing slash', () => {
    expect(hookUrl('https://board.example.org')).toBe(
      'https://board.example.org/hooks/sheet-changed',
    );
    expect(hookUrl(' https://example.org/board// ')).toBe(
      'https://example.org/board/hooks/sheet-changed',
    );
  });

  it('takes only an https address with nothing after the path', () => {
    expect(serverUrlProblem('https://board.example.org/board')).toBeNull();
    expect(serverUrlProblem('http://board.example.org')).toMatch(/must start with https:\/\//);
    expect(serverUrlProblem('http://localhost:4000')).toMatch(/must start with https:\/\//);
    expect(serverUrlProblem('https://board.example.org/?x=1')).toMatch(/no spaces, "\?" or "#"/);
  });

  it('posts at once after a quiet spell, once at the end of the interval after a recent hint, and not at all when one is still due', () => {
    expect(planHint(null, 10_000)).toEqual({ send: true, at: 10_000, waitMs: 0 });
    expect(planHint(8_000, 10_000)).toEqual({ send: true, at: 10_000, waitMs: 0 });
    expect(planHint(9_500, 10_000)).toEqual({ send: true, at: 11_500, waitMs: 1_500 });
    expect(planHint(10_000, 10_000)).toEqual({ send: true, at: 12_000, waitMs: 2_000 });
    expect(planHint(11_500, 10_000)).toEqual({ send: false });
    // Only a clock that jumped back could put the last hint this far ahead.
    expect(planHint(60_000, 10_000)).toEqual({ send: true, at: 10_000, waitMs: 0 });
  });
});

describe('Turn on live updates', () => {
  it('installs one change trigger for the spreadsheet, however often it is clicked, and tests the server', async () => {
    const { fake, click, postedAt } = await configured();
    click('turnOnLiveUpdates');
    click('turnOnLiveUpdates');
    expect(fake.triggers).toEqual([
      {
        owner: 'yusuf.demirel@example.org',
        id: 'trigger-1',
        handlerFunction: 'onBoardChange',
        eventType: 'ON_CHANGE',
        spreadsheetId: '1FakeBoardSpreadsheetId',
      },
    ]);
    expect(fake.ui.alerts.map((alert) => alert.title)).toEqual([
      'Turn on live updates',
      'Turn on live updates',
    ]);
    expect(fake.ui.alerts[0]?.prompt).toMatch(/^Live updates are now on\./);
    expect(fake.ui.alerts[1]?.prompt).toMatch(
      /^Live updates were already on\. Nothing was changed\./,
    );
    expect(fake.ui.alerts[1]?.prompt).toContain(
      'Test: the server at https://board.example.org/ answered.',
    );
    expect(postedAt).toEqual([0, 0]);
    expect(JSON.parse(String(fake.fetches[0]?.params.payload))).toEqual({
      source: 'turnOnLiveUpdates',
    });
  });

  it('without the Script Properties, says what to set and where, and installs nothing', async () => {
    const { fake, click } = await session(null, START);
    click('turnOnLiveUpdates');
    const prompt = fake.ui.alerts[0]?.prompt ?? '';
    expect(prompt).toMatch(
      /^Live updates are not on yet: .* BOARD_SERVER_URL and BOARD_REFRESH_TOKEN are not set\./,
    );
    expect(prompt).toContain('Extensions > Apps Script, then Project Settings');
    expect(prompt).toContain('"Script properties"');
    expect(prompt).toContain('It must be a REFRESH token');
    expect(prompt).toContain('can only ask the server to read the sheet again, nothing else');
    expect(fake.triggers).toEqual([]);
    expect(fake.fetches).toEqual([]);

    fake.scriptProperties.setProperty('BOARD_SERVER_URL', SERVER);
    click('turnOnLiveUpdates');
    expect(fake.ui.alerts[1]?.prompt).toMatch(/and BOARD_REFRESH_TOKEN is not set\./);
    expect(fake.triggers).toEqual([]);
  });

  it('refuses an address that is not https, so the token never travels unencrypted', async () => {
    const { fake, click } = await configured();
    fake.scriptProperties.setProperty('BOARD_SERVER_URL', 'http://board.example.org');
    click('turnOnLiveUpdates');
    expect(fake.ui.alerts[0]?.prompt).toMatch(
      /^Live updates are not on: BOARD_SERVER_URL must start with https:\/\//,
    );
    expect(fake.triggers).toEqual([]);
    expect(fake.fetches).toEqual([]);
  });

  it('says plainly when the server refuses the token or cannot be reached, and stays on', async () => {
    const refused = await configured(() => ({ status: 401, body: 'Unauthorized' }));
    refused.click('turnOnLiveUpdates');
    expect(refused.fake.ui.alerts[0]?.prompt).toContain(
      'But the server refused the token (HTTP 401). BOARD_REFRESH_TOKEN must be a token the server lists with the role REFRESH.',
    );
    expect(refused.fake.triggers).toHaveLength(1);

    const down = await configured(() => {
      throw new Error('Address unavailable: https://board.example.org/hooks/sheet-changed');
    });
    down.click('turnOnLiveUpdates');
    expect(down.fake.ui.alerts[0]?.prompt).toContain(
      'But the test could not reach the server at https://board.example.org/ (Address unavailable:',
    );
    expect(down.fake.triggers).toHaveLength(1);
  });
});

describe('onBoardChange', () => {
  it('posts the refresh hint with the REFRESH token, at once, and reads no sheet', async () => {
    const { fake, change, postedAt } = await configured();
    const spreadsheetCalls = fake.spreadsheetCalls();
    expect(change()).toBeUndefined();
    expect(fake.fetches).toEqual([
      {
        url: 'https://board.example.org/hooks/sheet-changed',
        params: {
          method: 'post',
          contentType: 'application/json',
          payload: JSON.stringify({ source: 'onBoardChange' }),
          headers: { Authorization: `Bearer ${TOKEN}` },
          muteHttpExceptions: true,
        },
      },
    ]);
    expect(postedAt).toEqual([0]);
    expect(fake.sleeps).toEqual([]);
    expect(fake.spreadsheetCalls()).toBe(spreadsheetCalls);
    expect(fake.consoleLines).toEqual([]);
  });

  it('posts once for a burst of 10 changes within 2 s, once more when the 2 s end, and again after', async () => {
    const { fake, change, postedAt } = await configured();
    change(); // the burst's first change: posted at once
    // The second change's run waits for the 2 s to end; the other 8 come while it waits.
    fake.whileAsleep = () => {
      for (let more = 0; more < 8; more++) {
        fake.advance(200);
        change();
      }
    };
    fake.advance(200);
    change();
    expect(postedAt).toEqual([0, 2_000]);
    expect(fake.sleeps).toEqual([1_800]);
    expect(fake.scriptLock.held).toBe(false);

    fake.advance(2_500); // a quiet spell, then the next edit
    change();
    expect(postedAt).toEqual([0, 2_000, 4_500]);
    expect(fake.sleeps).toEqual([1_800]);
  });

  it('posts each of two changes 2 s apart at once', async () => {
    const { fake, change, postedAt } = await configured();
    change();
    fake.advance(2_000);
    change();
    expect(postedAt).toEqual([0, 2_000]);
    expect(fake.sleeps).toEqual([]);
  });

  it('never throws for a refusal or a network error, and logs them instead', async () => {
    const failing = await configured(() => ({ status: 500, body: 'Internal Server Error' }));
    expect(() => failing.change()).not.toThrow();
    expect(failing.fake.consoleLines).toEqual([
      'Live updates: the refresh hint was not accepted (HTTP 500).',
    ]);

    const down = await configured(() => {
      throw new Error('DNS error: https://board.example.org/hooks/sheet-changed');
    });
    expect(() => down.change()).not.toThrow();
    expect(down.fake.consoleLines).toEqual([
      'Live updates: the refresh hint was not accepted (DNS error: https://board.example.org/hooks/sheet-changed).',
    ]);
    expect(down.fake.fetches).toHaveLength(1);
  });

  it('does nothing, quietly, until the Script Properties are set', async () => {
    const { fake, bundle } = await session(null, START);
    expect(() => bundle.call('onBoardChange', { changeType: 'EDIT' })).not.toThrow();
    fake.scriptProperties.setProperty('BOARD_SERVER_URL', SERVER);
    bundle.call('onBoardChange', { changeType: 'EDIT' });
    expect(fake.fetches).toEqual([]);
    expect(fake.consoleLines).toEqual([]);
    expect(fake.log.total('Lock') + fake.log.total('Cache')).toBe(0);
  });

  it('sends nothing and does not wait when another run holds the script lock', async () => {
    const { fake, change } = await configured();
    fake.scriptLock.held = true;
    expect(() => change()).not.toThrow();
    expect(fake.fetches).toEqual([]);
    expect(fake.consoleLines).toEqual([
      'Live updates: no refresh hint sent, another run held the lock too long.',
    ]);
  });
});
