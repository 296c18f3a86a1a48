import { snipText } from '../domain/fit-text.js';

const ACTION_WORDS: Record<string, { human: string; automation: string }> = {
  reply: { human: 'approved and sent the reply', automation: 'auto-replied' },
  send_dm: { human: 'approved and sent the message', automation: 'auto-replied by DM' },
  private_reply: { human: 'sent a private reply', automation: 'sent a private reply' },
  hide: { human: 'hid the comment', automation: 'hid the comment until reviewed' },
  unhide: { human: 'unhid the comment', automation: 'unhid the comment' },
  delete: { human: 'deleted the comment', automation: 'deleted the comment' },
  block: { human: 'blocked the author', automation: 'blocked the author' },
  send_template: { human: 'sent the approved template', automation: 'sent the approved template' },
};

export const describeAction = (kind: string, byAutomation: boolean): string => {
  const words = ACTION_WORDS[kind];
  if (!words) return kind.replaceAll('_', ' ');
  return byAutomation ? words.automation : words.human;
};

// What a person did with a card button, in the past tense ("Alice already hid the comment").
const PRESSED_WORDS: Record<string, string> = {
  approve: 'approved and sent the reply',
  edit: 'edited and sent the reply',
  hide: 'hid the comment',
  unhide: 'unhid the comment',
  block: 'blocked the author',
  resolve: 'resolved it',
  escalate: 'escalated it',
  claim: 'claimed it',
  tag_lead: 'tagged the author as a lead',
  booked: 'marked the lead as booked',
  converted: 'marked the lead as converted',
  acknowledge: 'acknowledged it',
  send_template: 'sent the approved template',
  unfold: 'posted the folded cards on their own',
};

export const describePress = (button: string): string => PRESSED_WORDS[button] ?? button.replaceAll('_', ' ');

export const snippet = (text: string, max = 80): string => {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return snipText(flat, max);
};
