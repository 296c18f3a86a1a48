import { describe, expect, it } from 'vitest';
import { addBusinessTime, isBusinessHours, parseHours, type Calendar } from '../../../src/engine/business-hours.js';
import { foldText } from '../../../src/engine/fold-text.js';
import { createDetector, scriptOf } from '../../../src/engine/language.js';
import { findLinkables, isAllowedHost } from '../../../src/engine/links.js';
import { compileProfanity } from '../../../src/engine/profanity.js';
import { compileSentiment } from '../../../src/engine/sentiment.js';
import { eventsFrom } from '../../../src/engine/recent-events.js';
import { readEldNgrams } from '../../../src/playbook/eld-ngrams.js';
import { parseDuration } from '../../../src/engine/windows.js';

describe('profanity', () => {
  const filter = compileProfanity();
  it.each([
    ['this is sh1t', 'sh1t'],
    ['$hit happens', '$hit'],
    ['SHIIIIT', 'SHIIIIT'],
    ['what the f*ck', 'f*ck'],
    ['s.h.i.t', 's.h.i.t'],
    ['a$$hole', 'a$$hole'],
    ['Είστε ΜΑΛΑΚΕΣ', 'ΜΑΛΑΚΕΣ'],
    ['¡Qué mierda!', 'mierda'],
    ['Scheiße!', 'Scheiße'],
    ['putain', 'putain'],
    ['que porra', 'porra'],
    ['vaffanculo', 'vaffanculo'],
  ])('finds %s', (text, found) => {
    expect(filter.find(foldText(text))).toEqual([found]);
  });

  it.each(['first class assignment', 'γάμος στη Σαντορίνη', 'ένα μαλακό ύφασμα', 'shiitake risotto', 'Dick Francis novels', 'covid19'])(
    'leaves %s alone',
    (text) => {
      expect(filter.find(foldText(text))).toEqual([]);
    },
  );
});

describe('sentiment', () => {
  const model = compileSentiment({ meh: -1 });
  const score = (text: string) => model.score(foldText(text));
  it('scores praise, complaints and emoji', () => {
    expect(score('Love it, amazing quality!')).toBeGreaterThan(0.5);
    expect(score('Terrible. Broken on arrival, worst shop')).toBeLessThan(-0.6);
    expect(score('😡😡')).toBeLessThan(-0.5);
    expect(score('Υπέροχο, ευχαριστώ!')).toBeGreaterThan(0.5);
    expect(score('the parcel arrived')).toBe(0);
    expect(score('meh')).toBeLessThan(0);
  });
  it('turns negated praise negative', () => {
    expect(score('not good')).toBeLessThan(0);
    expect(score('δεν είναι καλό')).toBeLessThan(0);
  });
});

describe('language', () => {
  const detect = createDetector(['en', 'el', 'ka', 'es', 'de', 'fr', 'pt', 'it'], readEldNgrams);
  it.each([
    ['Θέλω ΕΠΙΣΤΡΟΦΗ χρημάτων', 'el'],
    ['ფულის დაბრუნება მინდა', 'ka'],
    ['Quiero un reembolso por favor', 'es'],
    ['Ich möchte eine Rückerstattung', 'de'],
    ['Je veux être remboursé', 'fr'],
    ['Quero o reembolso do meu pedido', 'pt'],
    ['Voglio un rimborso per il mio ordine', 'it'],
    ['I still have not been refunded', 'en'],
    ['🧡🧡', 'und'],
  ])('%s → %s', (text, language) => {
    expect(detect(text)).toBe(language);
  });
  it('tells scripts apart without a model', () => {
    expect(scriptOf('Πόσο κάνει;')).toBe('greek');
    expect(scriptOf('price?')).toBe('latin');
    expect(scriptOf('🔥')).toBe('none');
  });
});

describe('links', () => {
  it('finds URLs, bare domains and emails', () => {
    const found = findLinkables('see www.example.biz, https://x.co/a and bit.ly/3x — mail ana@example.org');
    expect(found.links.map((link) => link.text)).toEqual(['www.example.biz', 'https://x.co/a', 'bit.ly/3x']);
    expect(found.links[0]?.host).toBe('example.biz');
    expect(found.emails).toEqual(['ana@example.org']);
    expect(findLinkables('No links. Just sentences.').links).toEqual([]);
  });
  it('allows a domain and its subdomains', () => {
    expect(isAllowedHost('shop.example.com', ['example.com'])).toBe(true);
    expect(isAllowedHost('example.com.evil.biz', ['example.com'])).toBe(false);
  });
});

describe('windows and business hours', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it('parses durations and counts within a window, newest first', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('24h')).toBe(86_400_000);
    expect(parseDuration('soon')).toBeNull();
    const times = [5, 20, 45, 90].map((m) => new Date(now.getTime() - m * 60_000));
    expect(eventsFrom(times).countWithin(now.getTime(), 30 * 60_000)).toBe(2);
    expect(eventsFrom(times).countWithin(now.getTime(), 2 * 3_600_000)).toBe(4);
  });

  const calendar: Calendar = {
    timezone: 'Europe/Athens',
    days: { mon: [parseHours('09:00-17:00') as [number, number]], tue: [[540, 1020]], wed: [], thu: [], fri: [], sat: [], sun: [] },
    holidays: new Set(['2026-11-24']),
  };
  it('knows business hours in the calendar’s time zone', () => {
    expect(isBusinessHours(calendar, now)).toBe(true); // 12:00 in Athens
    expect(isBusinessHours(calendar, new Date('2026-11-23T16:00:00Z'))).toBe(false); // 18:00
    expect(isBusinessHours(calendar, new Date('2026-11-24T10:00:00Z'))).toBe(false); // holiday
  });
  it('adds business time across closed hours and days', () => {
    expect(addBusinessTime(calendar, new Date('2026-11-23T14:00:00Z'), 2 * 3_600_000).toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(addBusinessTime(calendar, now, 3_600_000).toISOString()).toBe('2026-11-23T11:00:00.000Z');
  });
});
