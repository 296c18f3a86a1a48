import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/domain/decision.js';
import { decide } from '../../../src/engine/decide.js';
import { loadPlaybook } from '../../../src/playbook/load.js';
import { NO_EVENTS } from '../../../src/engine/recent-events.js';
import { context, message, minutesAgo } from './support.js';

const playbook = loadPlaybook();
const run = (text: string, overrides: Parameters<typeof message>[1] = {}, ctx = context()): Decision[] =>
  decide(message(text, overrides), ctx, playbook);
const kinds = (decisions: Decision[]) => decisions.map((decision) => decision.kind);
const find = (decisions: Decision[], kind: string) => decisions.find((decision) => decision.kind === kind);

describe('default playbook: the issue-2 slice', () => {
  it('hands "I want a refund" off with a draft to approve', () => {
    const decisions = run('I want a refund');
    expect(find(decisions, 'handoff')).toMatchObject({ rule: 'handoff-refund', matched: ['refund'], priority: 'high' });
    const draft = find(decisions, 'draft');
    expect(draft).toMatchObject({ rule: 'handoff-refund', source: 'refund', detail: { llm: true } });
    expect(draft?.text).toContain('Maria');
    expect(kinds(decisions)).not.toContain('auto_reply');
  });

  it('falls back when the author has no name', () => {
    const draft = find(run('I want a refund', { author: { id: 'u-2' } }), 'draft');
    expect(draft?.text).toMatch(/^Hi there,/u);
  });

  it.each([
    ['How much is this?', 'price'],
    ['Do you ship to Canada?', 'shipping'],
    ['What size should I get?', 'size'],
    ['Can I get a demo?', 'demo'],
  ])('auto-replies to the routine question %s', (text, template) => {
    const reply = find(run(text), 'auto_reply');
    expect(reply).toMatchObject({ source: template, detail: { language: 'en' } });
    expect(reply?.text).toContain('Maria');
    expect(String(reply?.detail?.phrasing)).toMatch(new RegExp(`^${template}\\.en\\.\\d$`, 'u'));
  });

  it('varies phrasings and never repeats the last one sent', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 20; seed += 1) {
      const reply = find(run('price?', {}, context({ recentPhrasings: ['price.en.1'] }, seed)), 'auto_reply');
      seen.add(String(reply?.detail?.phrasing));
    }
    expect(seen.has('price.en.1')).toBe(false);
    expect(seen.size).toBeGreaterThan(1);
  });

  it('hides a comment with a bare-domain link and raises a card', () => {
    const decisions = run('cheap followers at www.example.biz');
    expect(find(decisions, 'hide')).toMatchObject({ rule: 'hide-link', matched: ['www.example.biz'] });
    expect(find(decisions, 'handoff')).toMatchObject({ rule: 'hide-link' });
  });

  it('does not hide links to the brand’s own domain', () => {
    expect(kinds(run('tracking at shop.example.com/track says delivered'))).not.toContain('hide');
  });

  it('hides insults, obfuscated too; other swearing stays up and goes to a person', () => {
    expect(find(run('you are sh1t'), 'hide')).toMatchObject({ rule: 'hide-profanity', matched: ['sh1t'] });
    expect(find(run('f*ck you'), 'hide')).toMatchObject({ rule: 'hide-profanity' });
    expect(find(run('what a b1tch'), 'hide')).toMatchObject({ rule: 'hide-profanity', matched: ['b1tch'] });
    for (const text of ['this is sh1t', 'what the f*ck']) {
      const decisions = run(text);
      expect(kinds(decisions)).not.toContain('hide');
      expect(find(decisions, 'handoff')).toMatchObject({ rule: 'handoff-profanity', priority: 'low' });
    }
    expect(find(run('this is sh1t'), 'handoff')?.matched).toEqual(['sh1t']);
  });

  it('proposes a block when a link poster comes back, never blocks', () => {
    const decisions = run('more at quick-cash.biz', {}, context({ author: { ...context().author, tags: ['posted-link'] } }));
    expect(kinds(decisions)).toEqual(expect.arrayContaining(['hide', 'propose_block', 'handoff']));
  });
});

describe('default playbook: acceptance lines of issue 3', () => {
  it.each(['Θέλω ΕΠΙΣΤΡΟΦΗ χρημάτων', 'Quiero un reembolso', 'Ich möchte eine Rückerstattung', "I still haven't been refunded"])(
    'hands off %s',
    (text) => {
      expect(find(run(text), 'handoff')).toMatchObject({ rule: 'handoff-refund' });
    },
  );

  it('does not see hate inside chateau', () => {
    expect(run('We stayed at a lovely chateau')).toEqual([]);
  });
});

describe('default playbook: every language', () => {
  it.each([
    ['en', 'Can I get a discount for 30?', 'handoff-negotiation'],
    ['el', 'Θα κάνω μήνυση', 'escalate-legal'],
    ['el', 'Σας μισώ', 'handoff-hate'],
    ['el', 'Θέλω να κάνω παράπονο', 'handoff-complaint'],
    ['ka', 'ფულის დაბრუნება მინდა', 'handoff-refund'],
    ['ka', 'ვუჩივლებ თქვენს კომპანიას', 'escalate-legal'],
    ['ka', 'საჩივარი მაქვს', 'handoff-complaint'],
    ['es', 'Voy a poner una demanda', 'escalate-legal'],
    ['es', '¿Hay descuento por cantidad?', 'handoff-negotiation'],
    ['de', 'Ich möchte mich beschweren', 'handoff-complaint'],
    ['de', 'Ich hasse diesen Laden', 'handoff-hate'],
    ['fr', 'Je veux être remboursé', 'handoff-refund'],
    ['fr', 'Je vais contacter mon avocat', 'escalate-legal'],
    ['pt', 'Quero o reembolso', 'handoff-refund'],
    ['pt', 'Tem desconto para 30 unidades?', 'handoff-negotiation'],
    ['it', 'Voglio un rimborso', 'handoff-refund'],
    ['it', 'Voglio fare un reclamo', 'handoff-complaint'],
  ])('[%s] %s → %s', (_language, text, rule) => {
    expect(run(text).map((decision) => decision.rule)).toContain(rule);
  });

  it.each([
    ['Πόσο κάνει;', 'price', 'el'],
    ['Στέλνετε Κύπρο;', 'shipping', 'el'],
    ['Τι μέγεθος να πάρω;', 'size', 'el'],
    ['რა ღირს?', 'price', 'ka'],
    ['¿Cuánto cuesta?', 'price', 'es'],
    ['Welche Größe soll ich nehmen?', 'size', 'de'],
    ['Livraison en Belgique ?', 'shipping', 'fr'],
    ['Quanto custa?', 'price', 'pt'],
    ['Posso vedere una demo?', 'demo', 'it'],
  ])('replies to %s in its language', (text, template, language) => {
    expect(find(run(text), 'auto_reply')).toMatchObject({ source: template, detail: { language } });
  });

  it('falls back to the default language where no template exists', () => {
    expect(find(run('Je vais contacter mon avocat'), 'draft')).toMatchObject({ source: 'legal', detail: { language: 'en' } });
  });

  it('thanks for 🧡 and 🔥, asks back on ❓', () => {
    expect(find(run('🧡🧡'), 'auto_reply')).toMatchObject({ source: 'thanks' });
    expect(find(run('🔥'), 'auto_reply')).toMatchObject({ source: 'thanks' });
    expect(find(run('❓'), 'auto_reply')).toMatchObject({ source: 'question' });
  });
});

describe('default playbook: windows', () => {
  it('hands off an author who triggered automation more than twice in 24 hours', () => {
    const author = { ...context().author, recentTriggers: minutesAgo(30, 90, 200) };
    const decisions = run('price?', {}, context({ author }));
    expect(find(decisions, 'handoff')).toMatchObject({ rule: 'handoff-repeat-author' });
    expect(find(decisions, 'draft')).toMatchObject({ source: 'price', detail: { downgradedFrom: 'auto_reply' } });
  });

  it('raises one post card when a sixth comment arrives within 30 minutes', () => {
    const post = { recentComments: minutesAgo(2, 5, 9, 14, 20), recentAutoReplies: NO_EVENTS };
    expect(find(run('wow', {}, context({ post })), 'handoff')).toMatchObject({ rule: 'post-volume', detail: { scope: 'post' } });
    const older = { recentComments: minutesAgo(2, 5, 9, 14, 40), recentAutoReplies: NO_EVENTS };
    expect(run('wow', {}, context({ post: older }))).toEqual([]);
  });

  it('flags escalating negativity after an earlier handoff', () => {
    const author = { ...context().author, recentHandoffs: minutesAgo(60) };
    expect(find(run('Still broken and I am disappointed', {}, context({ author })), 'handoff')).toMatchObject({
      rule: 'escalating-negativity',
      priority: 'high',
    });
  });
});
