import { describe, expect, it } from 'vitest';
import { runForget } from '../../../src/cli/forget.js';
import { commentAdded, POST_ID } from '../../fixtures/meta.js';
import { cardsIn, eventually, postMeta, useApp } from '../../support/app-harness.js';
import { cardButtons, cardText, pressButton, USERS } from '../../support/slack-press.js';
import { findTraces } from './find-traces.js';
import { runCli } from '../../support/run-cli.js';

const ctx = useApp();

const postNumber = POST_ID.split('_')[1];
const zephyrine = { id: '6100000000000777', name: 'Zephyrine Quillbottom' };
const lee = { id: '6100000000000778', name: 'Leander Okonkwo' };
const herComment = `${postNumber}_550000000000001`;
const herSecondComment = `${postNumber}_550000000000002`;
const hisComment = `${postNumber}_550000000000003`;
const HER_TEXTS = ['I want a refund for my velvet ottoman', 'Also my marmalade cushion arrived torn, refund please'];
const HIS_TEXT = 'I want a refund for the teal armchair';

const output = () => {
  const chunks: string[] = [];
  return { chunks, write: (chunk: string) => chunks.push(chunk) };
};

const cardFor = (text: string) => cardsIn(ctx.services).find((card) => cardText(card).includes(text));

describe('switchboard forget --platform P --author ID', () => {
  it('leaves no text or name of that author in any table, and the card says "removed at the author\'s request"', async () => {
    const url = ctx.app.url!;
    ctx.services.graph.addComment({ id: herComment, from: zephyrine, message: HER_TEXTS[0]!, postId: POST_ID });
    ctx.services.graph.addComment({ id: herSecondComment, from: zephyrine, message: HER_TEXTS[1]!, postId: POST_ID });
    ctx.services.graph.addComment({ id: hisComment, from: lee, message: HIS_TEXT, postId: POST_ID });
    for (const [commentId, from, message] of [
      [herComment, zephyrine, HER_TEXTS[0]!],
      [herSecondComment, zephyrine, HER_TEXTS[1]!],
      [hisComment, lee, HIS_TEXT],
    ] as const) {
      expect((await postMeta(url, commentAdded({ commentId, from, message }))).status).toBe(200);
    }
    const herCard = await eventually(async () => cardFor('velvet ottoman'), 'her card');
    await eventually(async () => cardFor('marmalade cushion'), 'her second card');
    await eventually(async () => cardFor('teal armchair'), 'his card');

    // A person approves her draft: the reply (with her first name) is stored, audited and sent.
    expect((await pressButton(url, ctx.services.slack, herCard, 'approve', USERS.alice, 'forget-approve')).status).toBe(200);
    await eventually(async () => ctx.services.graph.repliesTo(herComment).length > 0, 'the reply on Facebook');
    await eventually(async () => {
      const card = cardFor('velvet ottoman');
      return card && cardText(card).includes('✅') ? card : undefined;
    }, 'the card to show the reply went out');

    const needles = [zephyrine.name, 'Zephyrine', 'Quillbottom', ...HER_TEXTS, 'velvet ottoman', 'marmalade cushion'];
    const db = ctx.services.database.db;
    expect((await findTraces(db, needles)).length).toBeGreaterThan(0);

    const stdout = output();
    const stderr = output();
    const code = await runForget(['--platform', 'facebook', '--author', zephyrine.id], ctx.services.config(), {
      stdout,
      stderr,
      user: 'ops-anna',
    });
    expect(stderr.chunks.join('')).toBe('');
    expect(code).toBe(0);
    expect(stdout.chunks.join('')).toMatch(/erased: 3 messages, \d+ decisions, 2 cards, /u);

    expect(await findTraces(db, needles)).toEqual([]);
    // The other author is untouched.
    const kept = await findTraces(db, [lee.name, HIS_TEXT]);
    expect(kept.map((trace) => `${trace.table}.${trace.column}`)).toEqual(expect.arrayContaining(['contacts.name', 'messages.text']));
    // Rows and timestamps stay, so counts and KPIs do not change.
    expect(await db.selectFrom('messages').select('id').execute()).toHaveLength(4);

    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'erased').executeTakeFirstOrThrow();
    expect(audit.actor).toBe('cli:ops-anna');
    expect(audit.subject_type).toBe('contact');
    expect(audit.detail).toMatchObject({ platform: 'facebook', reason: 'author_request', messages: 3, cards: 2 });

    const redacted = await eventually(async () => {
      const card = cardsIn(ctx.services).find((message) => message.ts === herCard.ts);
      return card && cardText(card).includes("removed at the author's request") ? card : undefined;
    }, 'her card to say it was removed at her request');
    expect(cardText(redacted)).not.toMatch(/Zephyrine|velvet|ottoman/u);
    expect(cardButtons(redacted).has('sb:approve')).toBe(false);
    await eventually(async () => {
      const texts = cardsIn(ctx.services).map(cardText);
      return texts.every((text) => !/Zephyrine|marmalade|velvet/u.test(text)) ? texts : undefined;
    }, 'both of her cards redacted in Slack');
    expect(cardText(cardFor('teal armchair')!)).toContain(lee.name);
  });

  it('refuses to run without --platform and --author', async () => {
    const stderr = output();
    const code = await runForget(['--author', '1'], ctx.services.config(), { stdout: output(), stderr });
    expect(code).toBe(2);
    expect(stderr.chunks.join('')).toContain('--platform');
  });

  it('runs as `switchboard forget`, prints counts, records the erasure and exits', async () => {
    const result = await runCli(['forget', '--platform', 'facebook', '--author', '6100000000000999'], ctx.services.env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('nothing stored for that author');
    const audit = await ctx.services.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'erased').execute();
    expect(audit.some((line) => line.actor.startsWith('cli:') && (line.detail as { found?: boolean }).found === false)).toBe(true);
  }, 120_000);
});
