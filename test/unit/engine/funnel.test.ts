import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/domain/decision.js';
import type { FunnelState } from '../../../src/engine/context.js';
import { decide } from '../../../src/engine/decide.js';
import { loadPlaybook } from '../../../src/playbook/load.js';
import { context, message, NOW } from './support.js';

const book = loadPlaybook();
const dm = (text: string, funnel: FunnelState | null = null, at = NOW): Decision[] =>
  decide(message(text, { kind: 'dm', post: undefined, createdAt: at }), context({ now: at, conversation: { funnel } }), book);
const stateOf = (decisions: Decision[]): FunnelState => decisions.find((d) => d.kind === 'funnel')?.detail?.state as FunnelState;
const kinds = (decisions: Decision[]) => decisions.map((d) => (d.kind === 'tag' ? `tag:${d.tag}` : d.kind));

describe('the default DM funnel', () => {
  it('greets and asks what it is about', () => {
    const decisions = dm('hi there');
    expect(decisions[0]).toMatchObject({ kind: 'funnel', rule: 'dm-funnel', source: 'funnel-greet', detail: { from: null, to: 'greet' } });
    expect(stateOf(decisions)).toMatchObject({ funnel: 'dm-sales', step: 'greet', retries: 0, done: false });
  });

  it('pricing → quantity → over 10 sends the booking link and marks a lead → email captured', () => {
    const pricing = dm('pricing please', stateOf(dm('hi')));
    expect(kinds(pricing)).toEqual(['funnel', 'tag:pricing']);
    expect(stateOf(pricing).step).toBe('quantity');
    const qualified = dm('about 25', stateOf(pricing));
    expect(kinds(qualified)).toEqual(['funnel', 'lead']);
    expect(qualified[0]?.text).toContain('https://example.com/book');
    expect(stateOf(qualified)).toMatchObject({ step: 'booking', data: { quantity: 25 } });
    const email = dm('sure: maria@example.org', stateOf(qualified));
    expect(kinds(email)).toEqual(['funnel', 'tag:email-captured']);
    expect(email[0]?.text).toContain('maria@example.org');
    expect(stateOf(email)).toMatchObject({ step: 'thanks', done: true, data: { quantity: 25, email: 'maria@example.org' } });
    expect(dm('thanks!', stateOf(email)).map((d) => d.rule)).toEqual(['dm-needs-person']);
  });

  it('ten or fewer gets the price sheet', () => {
    const decisions = dm('3', { funnel: 'dm-sales', step: 'quantity', data: {}, retries: 0, done: false, updatedAt: NOW });
    expect(decisions[0]?.text).toContain('https://shop.example.com/price-sheet');
    expect(kinds(decisions)).toEqual(['funnel']);
  });

  it('skips questions the first message already answers', () => {
    const decisions = dm('how much for 20 mugs?');
    expect(kinds(decisions)).toEqual(['funnel', 'lead', 'tag:pricing']);
    expect(stateOf(decisions)).toMatchObject({ step: 'booking', data: { quantity: 20 } });
  });

  it('support hands off with a holding message', () => {
    const decisions = dm('I need support', stateOf(dm('hi')));
    expect(kinds(decisions)).toEqual(['funnel', 'handoff', 'tag:support']);
    expect(stateOf(decisions).done).toBe(true);
  });

  it('asks again once, then hands off', () => {
    const again = dm('hmm', stateOf(dm('hi')));
    expect(stateOf(again)).toMatchObject({ step: 'greet', retries: 1 });
    const gaveUp = dm('not sure', stateOf(again));
    expect(kinds(gaveUp)).toEqual(['funnel', 'handoff']);
    expect(stateOf(gaveUp).done).toBe(true);
  });

  it('restarts after the funnel expires', () => {
    const old = {
      funnel: 'dm-sales',
      step: 'quantity',
      data: {},
      retries: 0,
      done: false,
      updatedAt: new Date(NOW.getTime() - 8 * 86_400_000),
    };
    expect(stateOf(dm('hello', old)).step).toBe('greet');
  });

  it('pauses when a person has to look at the message', () => {
    const decisions = dm('I want a refund', stateOf(dm('hi')));
    expect(kinds(decisions)).toEqual(['handoff', 'draft']);
  });
});
