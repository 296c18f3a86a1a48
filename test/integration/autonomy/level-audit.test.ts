import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAutonomy } from '../../../src/autonomy/levels.js';
import { recordLevelChanges, retireOverlays } from '../../../src/autonomy/record-level-changes.js';
import { findOverlays, setOverlay } from '../../../src/store/autonomy-overlays.js';
import { parsePlaybook } from '../../../src/playbook/index.js';
import { createTestDatabase, type IsolatedDatabase } from '../../support/isolated.js';
import { AUTONOMY_PLAYBOOK } from './autonomy-app.js';

let database: IsolatedDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const levelLines = () => database.db.selectFrom('audit_log').selectAll().where('action', '=', 'autonomy:level').orderBy('id').execute();

describe('autonomy level changes in the audit log', () => {
  it('records each rule whose level the playbook changed, once, with who and why', async () => {
    const autonomies = compileAutonomy(parsePlaybook(AUTONOMY_PLAYBOOK, 'playbook.yaml').spec);
    expect(await recordLevelChanges(database.db, autonomies, 'playbook.yaml')).toBe(3);
    // The same playbook again (a restart, a second worker): nothing new.
    expect(await recordLevelChanges(database.db, autonomies, 'playbook.yaml')).toBe(0);

    const demoted = parsePlaybook(AUTONOMY_PLAYBOOK.replace('autonomy: veto', 'autonomy: draft'), 'playbook.yaml').spec;
    expect(await recordLevelChanges(database.db, compileAutonomy(demoted), 'playbook.yaml')).toBe(1);
    const lines = await levelLines();
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatchObject({ actor: 'system', subject_type: 'rule', subject_id: 'price-question' });
    expect(lines[3]?.detail).toEqual({
      was: { level: 'veto', platforms: {}, languages: {} },
      now: { level: 'draft', platforms: {}, languages: {} },
      why: 'the playbook playbook.yaml sets it',
    });
  });
});

describe('levels set from chat when the playbook file changes', () => {
  it('keeps an overlay while the file says what it said when the overlay was set, and removes it, audited, once the file changes', async () => {
    const spec = parsePlaybook(AUTONOMY_PLAYBOOK, 'playbook.yaml').spec;
    const at = new Date('2026-11-30T20:00:00Z');
    const overlay = {
      level: 'draft' as const,
      setBy: 'system',
      why: 'demoted: 3 of its last 3 held replies were stopped',
      figures: null,
      since: at,
    };
    await setOverlay(database.db, { ...overlay, rule: 'price-question', fileLevel: 'veto' });
    await setOverlay(database.db, { ...overlay, rule: 'refund', level: 'veto', fileLevel: 'draft', setBy: 'slack:U0ALICE01' });
    await setOverlay(database.db, { ...overlay, rule: 'gone', fileLevel: 'auto' });
    expect(await retireOverlays(database.db, compileAutonomy(spec), 'playbook.yaml')).toBe(1);
    expect((await findOverlays(database.db)).map((row) => row.rule)).toEqual(['price-question', 'refund']);

    const edited = parsePlaybook(AUTONOMY_PLAYBOOK.replace('autonomy: veto', 'autonomy: auto'), 'playbook.yaml').spec;
    expect(await retireOverlays(database.db, compileAutonomy(edited), 'playbook.yaml')).toBe(1);
    expect((await findOverlays(database.db)).map((row) => row.rule)).toEqual(['refund']);
    const removed = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'autonomy:overlay_removed')
      .orderBy('id')
      .execute();
    expect(removed.map((line) => line.subject_id)).toEqual(['gone', 'price-question']);
    expect(removed[1]?.detail).toMatchObject({ was: 'draft', now: 'auto', setBy: 'system', why: expect.stringContaining('the file wins') });
  });
});
