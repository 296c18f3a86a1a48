import { describe, expect, it } from 'vitest';
import { logLineRef, pressPlaceOf } from '../../../adapters/chat/discord/log-thread.js';
import { renderLogLine } from '../../../adapters/chat/discord/render-log-line.js';
import { messageProblem } from '../../fakes/fake-discord-limits.js';

const PINGS = '@everyone @here <@123> <@&456> **bold** hi';

const customIds = (rows: { components: unknown[] }[]) =>
  rows.flatMap((row) => row.components.map((button) => (button as { custom_id: string }).custom_id));

describe('the Discord log line', () => {
  it('never pings for the commenter’s text, shows it as typed, and names its undo in the Undo button', () => {
    const rendered = renderLogLine({ text: `🤖 rule spam hid “${PINGS}” on Facebook · Undo until 20:57 UTC`, undoId: '42' });
    expect(rendered.allowed_mentions).toEqual({ parse: [] });
    expect(rendered.content).toContain('\\<\\@123\\>');
    expect(rendered.content).toContain('\\*\\*bold\\*\\*');
    expect(customIds(rendered.components)).toEqual(['sb:undo:42:0']);
    expect(messageProblem(rendered)).toBeUndefined();
  });

  it('fits a huge line in Discord’s 2,000 characters, and an undone line has no button', () => {
    const rendered = renderLogLine({ text: `↩️ Undone by alice: ${'<@1> '.repeat(2_000)}` });
    expect(rendered.content?.length).toBeLessThanOrEqual(2_000);
    expect(rendered.components).toEqual([]);
    expect(messageProblem(rendered)).toBeUndefined();
  });

  it('places a press in a thread as the line was recorded, and any other press where it happened', () => {
    const thread = { id: '700', type: 11, parent_id: '500' };
    expect(pressPlaceOf(thread, '700', '701')).toEqual({ channel: '500', messageId: logLineRef('700', '701') });
    // A text channel's parent is its category: it is not a thread.
    expect(pressPlaceOf({ id: '500', type: 0, parent_id: '400' }, '500', '501')).toEqual({ channel: '500', messageId: '501' });
    expect(pressPlaceOf(undefined, '500', '501')).toEqual({ channel: '500', messageId: '501' });
  });
});
