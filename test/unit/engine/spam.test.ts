import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../src/domain/decision.js';
import { decide } from '../../../src/engine/decide.js';
import { foldText } from '../../../src/engine/fold-text.js';
import { findLinkables, isOwnLink, linkKey } from '../../../src/engine/links.js';
import { compileSpam } from '../../../src/engine/spam.js';
import { loadPlaybook } from '../../../src/playbook/load.js';
import { context, message, playbook } from './support.js';

const detector = compileSpam();
const families = (text: string) => detector.find(foldText(text), findLinkables(text).links).map((finding) => finding.family);

const defaults = loadPlaybook();
const run = (text: string, overrides: Parameters<typeof message>[1] = {}): Decision[] =>
  decide(message(text, overrides), context(), defaults);
const hidden = (text: string, overrides: Parameters<typeof message>[1] = {}) => run(text, overrides).find((d) => d.kind === 'hide');

describe('comment spam: self-promotion', () => {
  it.each([
    ['en', 'Check out my new channel, I post gaming videos every day!'],
    ['en', 'subscribe to me and I will subscribe back'],
    ['en', 'Subscribe!!!'],
    ['en', 'please suscribe i am new'],
    ['en', 'sub4sub anyone?'],
    ['en', "Hey I'm a new youtuber with 30 subscribers, trying to grow"],
    ['en', 'help me reach 1000 followers before Friday'],
    ['en', 'Follow me on instagram for daily outfits'],
    ['en', 'subscribe to +SomeChannel if you like pranks'],
    ['en', 'Please check out my acoustic cover channel'],
    ['es', 'Suscríbete a mi canal, subo videos cada semana'],
    ['es', 'Visiten mi canal por favor'],
    ['pt', 'Se inscreve no meu canal!'],
    ['pt', 'Deem uma olhada no meu canal'],
    ['fr', 'Abonnez-vous à ma chaîne'],
    ['fr', 'Allez voir ma chaîne, nouvelles vidéos'],
    ['de', 'Abonniert mich, neue Videos jeden Tag'],
    ['de', 'Schaut mal auf meinem Kanal vorbei'],
    ['it', 'Iscrivetevi al mio canale!'],
    ['it', 'Guardate il mio canale'],
    ['el', 'Κάντε εγγραφή στο κανάλι μου'],
    ['el', 'Δείτε το κανάλι μου'],
    ['ka', 'გამოიწერეთ ჩემი არხი'],
  ])('[%s] %s', (_language, text) => {
    expect(families(text)).toContain('self_promotion');
  });
});

describe('comment spam: disguised links', () => {
  it.each([
    ['spaces around the dot', 'best deals at sneakerloot . com', 'sneakerloot . com'],
    ['a word for the dot', 'cheap watches: watchbarn dot store', 'watchbarn dot store'],
    ['a word for the dot, Spanish', 'visita promocasa punto com', 'promocasa punto com'],
    ['a word for the dot, Greek', 'προσφορές στο megaprosfores τελεία gr', 'megaprosfores τελεία gr'],
    ['a bracketed dot', 'free followers at follow-boost[.]net', 'follow-boost[.]net'],
    ['a fullwidth dot', 'win big at luckyspin．com', 'luckyspin．com'],
    ['a URL fragment', 'my remix: watch?v=Qx81mbaZ0pk', 'watch?v='],
    ['a shortener with a space', 'bit ly/freecoins', 'bit ly'],
    ['a handle after a platform', 'IG: __fitgirl_99', 'IG: __fitgirl_99'],
    ['a path after a platform', 'YouTube/somebody for videos', 'YouTube/somebody'],
  ])('%s', (_what, text, found) => {
    const findings = detector.find(foldText(text), findLinkables(text).links);
    expect(findings).toContainEqual({ family: 'disguised_link', text: found });
  });

  it('leaves real links to has_link, and sloppy full stops alone', () => {
    expect(families('see www.example.biz')).toEqual([]);
    expect(families('https://www.youtube.com/watch?v=Zk3Qp0aB1cd')).toEqual([]);
    expect(families('Adorei . Com certeza volto')).toEqual([]);
    expect(families('great product . it works')).toEqual([]);
    expect(families('the dot com bubble')).toEqual([]);
    expect(families('it lasted 10:30 hours')).toEqual([]);
  });
});

describe('comment spam: scams and giveaways', () => {
  it.each([
    ['en', 'Get free gift cards now!'],
    ['en', 'I earn $300 a day from home'],
    ['en', 'Congratulations you won an iPhone'],
    ['es', 'Gana dinero desde casa'],
    ['pt', 'Ganhe dinheiro fácil'],
    ['fr', "Gagnez de l'argent facilement"],
    ['de', 'Schnelles Geld verdienen'],
    ['it', 'Guadagna soldi con il lavoro da casa'],
    ['el', 'Κερδίστε χρήματα από το σπίτι'],
    ['ka', 'ფულის გამომუშავება სახლიდან'],
  ])('[%s] %s', (_language, text) => {
    expect(families(text)).toContain('scam');
  });
});

describe('comment spam: genuine comments stay untouched', () => {
  it.each([
    'Since when does this brand have its own YouTube channel?',
    'I listen to my music on these headphones every day',
    'So close to a million subscribers, well deserved!',
    'Worth the money, my sister wants one too',
    "I'm a singer and this song gives me chills",
    "I'm a huge fan of this singer",
    'Just checking the colors in daylight',
    'How do I subscribe to your newsletter?',
    'I subscribed to the newsletter yesterday',
    'Me encanta este canal',
    'Adorei o vídeo, muito bem feito',
    'Μου αρέσει το βίντεο',
    'Order 4411 arrived, 20% off was nice',
    'Check the size guide before ordering',
  ])('%s', (text) => {
    expect(families(text)).toEqual([]);
    expect(hidden(text)).toBeUndefined();
  });

  it('does not hide links to the post itself or the brand’s own pages', () => {
    const post = { id: 'v1', url: 'https://www.youtube.com/watch?v=POSTVIDEO01' };
    expect(hidden('best part https://youtu.be/POSTVIDEO01?t=42', { post })).toBeUndefined();
    expect(hidden('best part https://youtu.be/OTHERVIDEO1?t=42', { post })).toMatchObject({ rule: 'hide-link' });
    expect(hidden('the guide at https://shop.example.com/size-guide helped')).toBeUndefined();
    expect(hidden('as https://en.wikipedia.org/wiki/Glaze explains')).toBeUndefined();
  });
});

describe('comment spam in a playbook', () => {
  const book = (head = '', when = 'spam: true') =>
    playbook(`${head}rules:\n  - id: r\n    when: { ${when} }\n    then: [{ hide: true }]\n`);
  const matched = (text: string, compiled = book()) =>
    decide(message(text), context(), compiled).find((d) => d.kind === 'hide')?.matched ?? null;

  it('reports what gave it away, as written', () => {
    expect(matched('CHECK OUT MY CHANNEL')).toEqual(['CHECK OUT MY CHANNEL']);
    expect(matched('kidsmediausa . com')).toEqual(['kidsmediausa . com']);
  });

  it('asks for some families only, and for their absence', () => {
    expect(matched('Get free gift cards', book('', 'spam: [self_promotion]'))).toBeNull();
    expect(matched('Get free gift cards', book('', 'spam: [scam]'))).toEqual(['free gift cards']);
    expect(matched('lovely mug', book('', 'spam: false'))).toEqual([]);
  });

  it('adds and allows phrases', () => {
    const head = 'spam:\n  add: { scam: ["crypto giveaway"] }\n  allow: ["like this comment"]\n';
    expect(matched('join the crypto giveaway', book(head))).toEqual(['crypto giveaway']);
    expect(matched('like this comment if you agree', book(head))).toBeNull();
    expect(matched('like this comment if you agree')).toEqual(['like this comment']);
  });

  it('allows the brand’s own pages from its variables, unless told not to', () => {
    const vars = 'variables: { booking_url: "https://calendly.com/acme" }\n';
    const links = (head: string, text: string) =>
      decide(message(text), context(), playbook(`${head}rules:\n  - id: r\n    when: { has_link: true }\n    then: [{ hide: true }]\n`))
        .length;
    expect(links(vars, 'book at https://calendly.com/acme/30min')).toBe(0);
    expect(links(vars, 'book at https://calendly.com/someone-else')).toBe(1);
    expect(links(`${vars}links: { allow_own: false }\n`, 'book at https://calendly.com/acme/30min')).toBe(1);
  });

  it('hides spam with the default playbook and tags the author', () => {
    const decisions = run('Subscribe to my channel!!');
    expect(decisions.map((d) => `${d.kind}:${d.rule}`)).toEqual(
      expect.arrayContaining(['hide:hide-spam', 'tag:hide-spam', 'handoff:hide-spam']),
    );
    expect(decisions.find((d) => d.kind === 'tag')?.tag).toBe('posted-spam');
  });
});

describe('the brand’s own pages', () => {
  it('compares links by host and path, and every address of a YouTube video as one', () => {
    expect(linkKey('https://www.shop.example.com/size-guide/?ref=x#top')).toBe('shop.example.com/size-guide');
    expect(linkKey('youtu.be/POSTVIDEO01?t=42')).toBe('youtube:POSTVIDEO01');
    expect(linkKey('https://m.youtube.com/watch?feature=share&v=POSTVIDEO01')).toBe('youtube:POSTVIDEO01');
    const [link] = findLinkables('see calendly.com/acme/30min').links;
    expect(link && isOwnLink(link, ['calendly.com/acme'])).toBe(true);
    expect(link && isOwnLink(link, ['calendly.com/acm'])).toBe(false);
  });
});
