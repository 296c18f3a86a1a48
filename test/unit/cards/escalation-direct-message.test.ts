import { describe, expect, it } from 'vitest';
import { directMessageChat } from '../../../src/escalation/policy.js';

describe('the last rung of a mirrored escalation', () => {
  it('sends its direct message from the chat whose user then_dm names', () => {
    expect(directMessageChat('U0789FOUNDER')).toBe('slack');
    expect(directMessageChat('W0123ENTERPRISE')).toBe('slack');
    expect(directMessageChat('123456789012345678')).toBe('discord');
    expect(directMessageChat('founder')).toBeUndefined();
  });
});
