import { describe, expect, it } from 'vitest';
import { type ButtonFacts, chooseButtons } from '../../../src/cards/choose-buttons.js';
import type { Supports } from '../../../src/cards/supports.js';
import { closedWindowWords, customerWindowClosesAt } from '../../../src/domain/customer-window.js';

const whatsapp: Supports = (platform, action) => platform === 'whatsapp' && (action === 'send_dm' || action === 'send_template');
const whatsappWithoutTemplate: Supports = (platform, action) => platform === 'whatsapp' && action === 'send_dm';
// As the Meta client answers: Instagram blocks only in a conversation.
const instagram: Supports = (platform, action, on) => platform === 'instagram' && (action !== 'block' || on === undefined || on === 'dm');

const dm: ButtonFacts = {
  replied: false,
  hidden: false,
  isDm: true,
  platform: 'whatsapp',
  assigned: false,
  escalated: false,
  awaitingAcknowledge: false,
  isLead: false,
  booked: false,
  converted: false,
};
const open = { state: 'open' as const, draft: 'Hi there' };

describe('WhatsApp’s window on the card', () => {
  it('offers Approve and Edit inside the window, never the template', () => {
    expect(chooseButtons(open, dm, whatsapp)).toEqual(['approve', 'edit', 'claim', 'escalate', 'tag_lead', 'resolve']);
  });

  it('offers the template instead of Approve and Edit once the window has closed, and only once', () => {
    const closed = { ...dm, replyWindowClosed: true };
    expect(chooseButtons(open, closed, whatsapp)).toEqual(['send_template', 'claim', 'escalate', 'tag_lead', 'resolve']);
    expect(chooseButtons(open, { ...closed, templateSent: true }, whatsapp)).toEqual(['claim', 'escalate', 'tag_lead', 'resolve']);
    expect(chooseButtons(open, closed, whatsappWithoutTemplate)).toEqual(['claim', 'escalate', 'tag_lead', 'resolve']);
  });

  it('measures 24 hours from the customer’s last message, on WhatsApp only', () => {
    const last = new Date('2026-11-20T10:00:00Z');
    expect(customerWindowClosesAt('whatsapp', last)).toEqual(new Date('2026-11-21T10:00:00Z'));
    expect(customerWindowClosesAt('messenger', last)).toBeUndefined();
  });

  it('says why on the card, and whether a template can be sent', () => {
    const window = { closedAt: new Date(), hours: 24, templateOffered: true };
    expect(closedWindowWords('whatsapp', window, '21 Nov 10:00')).toBe(
      'The 24-hour customer-service window closed at 21 Nov 10:00: WhatsApp refuses a free-form reply until the customer writes again. ' +
        "A template can be sent: “Send template” sends the playbook's approved template.",
    );
    expect(closedWindowWords('whatsapp', { ...window, templateOffered: false }, 'then')).toMatch(/No template can be sent from here/u);
  });
});

describe('Instagram blocks only in a conversation', () => {
  const comment = { ...dm, isDm: false, platform: 'instagram' };
  it('offers Block on a DM card, not on a comment card (where Hide is)', () => {
    expect(chooseButtons(open, { ...dm, platform: 'instagram' }, instagram)).toContain('block');
    expect(chooseButtons(open, comment, instagram)).not.toContain('block');
    expect(chooseButtons(open, comment, instagram)).toContain('hide');
  });
});
