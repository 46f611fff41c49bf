/**
 * Circulation packs from the sheet (issue 12, R13, DESIGN §7): "Prepare circulation pack" asks
 * for the meeting and audience in one dialog and shows the pack the sheet builds with the
 * shared schema/ code (no server, no token); `draftCirculationPack(meetingId, audience)` makes
 * one Gmail draft and one Circulation row, neither twice. The SHA-256 is the server's own for
 * the same board: checked here against the real server over the same grids.
 */
import { describe, expect, it } from 'vitest';
import type { RawCell, RawGrid } from '../schema/grid';
import { buildSnapshot } from '../schema/snapshot';
import { circulationRecorder } from '../server/packs/record';
import { SnapshotCache } from '../server/snapshot-cache';
import { demoGrids } from './support/apps-script/boards';
import { dialogText, gridsOf, session } from './support/apps-script/session';
import { DEMO_NOW, gridsSource, OFFICER_TOKEN, testServer } from './support/board-server';

interface Preview {
  ok: boolean;
  meetingId?: string;
  audience?: string;
  html?: string;
  sha256?: string;
  to?: string[];
  subject?: string;
  recorded?: string | null;
  drafted?: boolean;
  message?: string;
}
interface Drafted {
  ok: boolean;
  message: string;
  packId: string | null;
  sha256: string | null;
  draftCreated: boolean;
  rowAdded: boolean;
}

/** The server's circulationPack for the grids, as an officer asks the API for it. */
async function serverPack(
  grids: Record<string, RawGrid>,
  meetingId: string,
  audience: string,
): Promise<{ sha256: string; content: string } | string> {
  const server = testServer({ source: gridsSource(grids) });
  const { body } = await server.query(
    OFFICER_TOKEN,
    `{ circulationPack(meetingId: "${meetingId}", audience: ${audience}) { sha256 content } }`,
  );
  const pack = body.data?.circulationPack as { sha256: string; content: string } | undefined;
  return pack ?? (body.errors?.[0]?.message as string);
}

describe('Prepare circulation pack', () => {
  it('asks for the meeting and audience in one small dialog: the last held meeting by default', async () => {
    const { fake, click } = await session();
    click('prepareCirculationPack');
    expect(fake.ui.alerts).toEqual([]);
    expect(fake.ui.prompts).toEqual([]);
    expect(fake.fetches).toEqual([]);
    expect(fake.ui.dialogs).toHaveLength(1);
    const dialog = fake.ui.dialogs[0];
    expect(dialog?.title).toBe('Prepare circulation pack');
    expect(dialog?.html).toContain(
      '<option value="MT-2026-10" selected>Wednesday 28 October 2026 (MT-2026-10)',
    );
    // Held meetings only, latest first; the Planned November meeting is not offered.
    const options = [...(dialog?.html ?? '').matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    expect(options[0]).toBe('MT-2026-10');
    expect(options).not.toContain('MT-2026-11');
    expect(options).not.toContain('MT-2024-12'); // cancelled
    for (const audience of ['Borough Partnership', 'Senior Head', 'DMT']) {
      expect(dialog?.html).toContain(`value="${audience}"`);
    }
    expect(dialog?.html).toContain('previewCirculationPack');
    expect(dialog?.html).toContain('draftCirculationPack');
    expect(dialogText(dialog?.html ?? '')).toContain(
      'The DMT gets a pack only when the meeting\'s "Circulate to DMT" is Yes (R13).',
    );
    // Nothing about a server is needed any more.
    expect([...fake.scriptProperties.values.keys()]).toEqual([]);
  });

  it('starts at the meeting selected in the Meetings tab, when it is a held one', async () => {
    const { fake, click } = await session();
    const row = fake.spreadsheet
      .sheet('Meetings')
      .contents()
      .findIndex((r) => r[0] === 'MT-2026-06');
    fake.spreadsheet.select('Meetings', row + 1, 3);
    click('prepareCirculationPack');
    expect(fake.ui.dialogs[0]?.html).toContain('<option value="MT-2026-06" selected>');
  });
});

describe('previewCirculationPack (what the dialog shows)', () => {
  it('is the server’s pack, byte for byte: the same SHA-256 for every audience', async () => {
    const { bundle } = await session();
    for (const [audience, code] of [
      ['Borough Partnership', 'BOROUGH_PARTNERSHIP'],
      ['Senior Head', 'SENIOR_HEAD'],
    ] as const) {
      const sheet = bundle.call('previewCirculationPack', 'MT-2026-10', audience) as Preview;
      const server = await serverPack(demoGrids() as Record<string, RawGrid>, 'MT-2026-10', code);
      expect(typeof server).toBe('object');
      expect(sheet.sha256).toBe((server as { sha256: string }).sha256);
      expect(sheet.html).toBe((server as { content: string }).content);
    }
  });

  it('names nobody who has not agreed to be named (the redaction is the shared code’s)', async () => {
    const { bundle } = await session();
    const pack = bundle.call(
      'previewCirculationPack',
      'MT-2026-10',
      'BOROUGH_PARTNERSHIP',
    ) as Preview;
    const snapshot = buildSnapshot(demoGrids());
    for (const member of snapshot.members.filter((candidate) => !candidate.nameInCirculation)) {
      expect(pack.html).not.toContain(member.name);
    }
    expect(pack.to).toEqual(['borough.partnership@example.org', 'partnership.support@example.org']);
  });

  it('keeps the DMT rule (R13): refused unless the meeting’s Circulate to DMT is Yes', async () => {
    const { bundle } = await session();
    const refused = bundle.call('previewCirculationPack', 'MT-2026-10', 'DMT') as Preview;
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/go to the Adult Social Care DMT only when the Senior Head/);
    const snapshot = buildSnapshot(demoGrids());
    const asked = snapshot.meetings.find((m) => m.circulateToDmt && m.status === 'Held');
    const allowed = bundle.call('previewCirculationPack', asked?.id, 'DMT') as Preview;
    expect(allowed.ok).toBe(true);
    const server = await serverPack(demoGrids() as Record<string, RawGrid>, asked?.id ?? '', 'DMT');
    expect(allowed.sha256).toBe((server as { sha256: string }).sha256);
  });

  it('explains an unknown meeting, a planned one and an unknown audience', async () => {
    const { bundle } = await session();
    expect((bundle.call('previewCirculationPack', 'MT-1999-01', 'DMT') as Preview).message).toBe(
      'There is no meeting "MT-1999-01" in the Meetings tab. Check the Meeting ID.',
    );
    expect(
      (bundle.call('previewCirculationPack', 'MT-2026-11', 'Senior Head') as Preview).message,
    ).toMatch(/^Packs are for held meetings; this one is Planned/);
    expect(
      (bundle.call('previewCirculationPack', 'MT-2026-10', 'Cabinet') as Preview).message,
    ).toBe('"Cabinet" is not one of: Borough Partnership, Senior Head, DMT.');
  });
});

describe('draftCirculationPack(meetingId, audience)', () => {
  it('makes one Gmail draft to the audience’s list, HTML with a text alternative, and one Circulation row', async () => {
    const { fake, bundle, tab } = await session();
    const preview = bundle.call(
      'previewCirculationPack',
      'MT-2026-10',
      'Borough Partnership',
    ) as Preview;
    const done = bundle.call(
      'draftCirculationPack',
      'MT-2026-10',
      'Borough Partnership',
    ) as Drafted;
    expect(done).toMatchObject({
      ok: true,
      packId: 'MT-2026-10-BP-1',
      draftCreated: true,
      rowAdded: true,
    });
    expect(fake.drafts).toHaveLength(1);
    const draft = fake.drafts[0];
    expect(draft?.to).toBe('borough.partnership@example.org, partnership.support@example.org');
    expect(draft?.subject).toBe(
      'Commissioning Co-Production Board (demo): action points of the meeting on Wednesday 28 October 2026 (MT-2026-10)',
    );
    expect(draft?.htmlBody).toBe(preview.html);
    expect(draft?.body).toMatch(/^Commissioning Co-Production Board \(demo\)/);
    expect(draft?.body).not.toContain('<');
    expect(fake.mails).toEqual([]);

    const rows = tab('Circulation');
    expect(rows).toHaveLength(2);
    expect(rows[1]?.slice(0, 5)).toEqual([
      'MT-2026-10-BP-1',
      'MT-2026-10',
      'Borough Partnership',
      DEMO_NOW,
      preview.sha256,
    ]);
    expect(rows[1]?.[5]).toBe('');
    expect(fake.spreadsheet.unlockedWrites).toEqual([]);
  });

  it('adds nothing twice when called twice, or by the other co-chair (who gets their own draft)', async () => {
    const { fake, bundle, tab, state } = await session();
    bundle.call('draftCirculationPack', 'MT-2026-10', 'SENIOR_HEAD');
    const once = state();
    const again = bundle.call('draftCirculationPack', 'MT-2026-10', 'SENIOR_HEAD') as Drafted;
    expect(again).toMatchObject({
      ok: true,
      draftCreated: false,
      rowAdded: false,
      packId: 'MT-2026-10-SH-1',
    });
    expect(state()).toEqual(once);
    expect(fake.drafts).toHaveLength(1);

    fake.user = 'hannah.osei-bonsu@example.org';
    const other = bundle.call('draftCirculationPack', 'MT-2026-10', 'Senior Head') as Drafted;
    expect(other).toMatchObject({ draftCreated: true, rowAdded: false });
    expect(tab('Circulation')).toHaveLength(2);
    expect(fake.draftsOf('hannah.osei-bonsu@example.org')).toHaveLength(1);
  });

  it('logs a pack of a changed board anew, with its new SHA-256', async () => {
    const { fake, bundle, tab } = await session();
    const first = bundle.call(
      'draftCirculationPack',
      'MT-2026-10',
      'Borough Partnership',
    ) as Drafted;
    const projects = fake.spreadsheet.sheet('Projects');
    projects.setValue(2, 2, 'Day opportunities (renamed)');
    const second = bundle.call(
      'draftCirculationPack',
      'MT-2026-10',
      'Borough Partnership',
    ) as Drafted;
    expect(second.packId).toBe('MT-2026-10-BP-2');
    expect(second.sha256).not.toBe(first.sha256);
    expect(tab('Circulation')).toHaveLength(3);
    expect(fake.drafts).toHaveLength(2);
  });

  it('is the row the server would record: recordCirculation finds it there and adds none', async () => {
    const { fake, bundle } = await session();
    bundle.call('draftCirculationPack', 'MT-2026-10', 'Borough Partnership');
    const source = gridsSource(gridsOf(fake));
    const cache = new SnapshotCache(source, { refreshSeconds: 30 });
    const recorder = circulationRecorder(source, cache, () => DEMO_NOW);
    const record = await recorder.record('MT-2026-10', 'Borough Partnership');
    expect(record).toMatchObject({ packId: 'MT-2026-10-BP-1', created: false });
  });

  it('refuses, naming the Settings cell, when the audience has no email addresses', async () => {
    const grids = demoGrids();
    const settings = (grids.Settings as RawGrid).map((row): RawCell[] =>
      row[0] === 'Circulation: Senior Head' ? [row[0], null] : [...row],
    );
    const { fake, bundle, tab } = await session({ ...grids, Settings: settings });
    const done = bundle.call('draftCirculationPack', 'MT-2026-10', 'Senior Head') as Drafted;
    const row = settings.findIndex((cells) => cells[0] === 'Circulation: Senior Head') + 1;
    expect(done.ok).toBe(false);
    expect(done.message).toBe(
      `Settings!B${row} (Circulation: Senior Head) has no email addresses, so there is nobody to draft the pack to. Add the addresses there, separated by commas, and try again.`,
    );
    expect(fake.drafts).toEqual([]);
    expect(tab('Circulation')).toHaveLength(1);
  });

  it('refuses a DMT pack the Senior Head has not asked for, making nothing', async () => {
    const { fake, bundle, tab } = await session();
    const done = bundle.call('draftCirculationPack', 'MT-2026-10', 'DMT') as Drafted;
    expect(done.ok).toBe(false);
    expect(done.message).toContain('Circulate to DMT');
    expect(fake.drafts).toEqual([]);
    expect(tab('Circulation')).toHaveLength(1);
  });
});
