import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAutonomy } from '../../../src/autonomy/levels.js';
import { recordLevelChanges } from '../../../src/autonomy/record-level-changes.js';
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
