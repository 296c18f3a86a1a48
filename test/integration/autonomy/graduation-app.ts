import { compileGraduation } from '../../../src/autonomy/graduation-bar.js';
import { createLevelBook } from '../../../src/autonomy/level-book.js';
import { compileAutonomy } from '../../../src/autonomy/levels.js';
import type { ReviewDeps } from '../../../src/autonomy/review-rule.js';
import { parsePlaybook } from '../../../src/playbook/index.js';
import type { SlackMessage } from '../../fakes/fake-slack.js';
import { CARD_CHANNEL, cardsIn, eventually } from '../../support/app-harness.js';
import { cardText, pressButton, USERS } from '../../support/slack-press.js';
import { type AutonomyApp, cardFor, comment } from './autonomy-app.js';

/** Rules that can earn their way up (and lose it), and a team where only Alice may change levels. */
export const GRADUATION_PLAYBOOK = `version: 1
templates:
  compliment: { en: "Thank you, that means a lot to us!" }
  hours: { en: "We are open 9 to 5, Monday to Friday." }
  thanks: { en: "Thank you so much for the kind words!" }
  price: { en: "Our prices are on the shop page." }
graduation:
  min_drafts: 60
rules:
  - id: compliment
    when: { keywords: [compliment] }
    then: [{ draft: compliment }]
    veto_after: 2m
  - id: opening-hours
    when: { keywords: [opening hours] }
    then: [{ draft: hours }]
    graduation: { min_drafts: 3 }
  - id: thanks
    when: { keywords: [thank you] }
    then: [{ draft: thanks }]
    autonomy: auto
  - id: price-question
    when: { keywords: [price] }
    then: [{ draft: price }]
    autonomy: veto
    veto_after: 2m
  - id: delivery-question
    when: { keywords: [delivery] }
    then: [{ draft: price }]
    autonomy: veto
    veto_after: 2m
    graduation: { demote_after: { bad: 1, of_last: 2 } }
team:
  roles:
    lead: [all]
    agent: [approve, edit, stop, undo, resolve]
  members:
    slack: { ${USERS.alice.id}: lead, ${USERS.bob.id}: agent }
`;

/** The suggestion posted in the card channel about `rule`, as it is now. */
export const suggestionFor = (ctx: AutonomyApp, rule: string, what = 'the suggestion') =>
  eventually(async () => cardsIn(ctx.services).find((message) => cardText(message).includes(`Rule ${rule} could move`)), what);

export const suggestionNow = (ctx: AutonomyApp, message: SlackMessage) =>
  ctx.services.slack.messagesIn(CARD_CHANNEL).find((found) => found.ts === message.ts) ?? message;

export const suggestionsOf = (ctx: AutonomyApp, rule: string) =>
  ctx.services.database.db.selectFrom('autonomy_suggestions').selectAll().where('rule', '=', rule).orderBy('id').execute();

export const auditOf = (ctx: AutonomyApp, action: string, subject: string) =>
  ctx.services.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('subject_id', '=', subject)
    .orderBy('id')
    .execute();

/** `count` comments with `words` (each tagged `<tag>-<n>.`), every card approved unchanged by Alice, ten presses at a time. */
export const approveDrafts = async (ctx: AutonomyApp, words: string, count: number, tag: string): Promise<void> => {
  const labels = Array.from({ length: count }, (_, index) => `${tag}-${index + 1}.`);
  for (const label of labels) await comment(ctx, `${words} ${label}`);
  const cards = [];
  for (const label of labels) cards.push(await cardFor(ctx, label, `card ${label}`));
  for (let start = 0; start < cards.length; start += 10) {
    const answers = await Promise.all(
      cards
        .slice(start, start + 10)
        .map((card, index) =>
          pressButton(ctx.app.url!, ctx.services.slack, card, 'approve', USERS.alice, `${tag}-approve-${start + index}`),
        ),
    );
    if (answers.some((answer) => answer.status !== 200)) throw new Error(`an approval of ${tag} was not answered 200`);
  }
};

/** The channel's notice that `rule` went back to draft. */
export const demotionNotice = (ctx: AutonomyApp, rule: string) =>
  eventually(
    async () => ctx.services.slack.messagesIn(CARD_CHANNEL).find((message) => cardText(message).includes(`Rule ${rule} is back at draft`)),
    'the demotion notice',
  );

/** What a review job works with, on the test's database and clock: to ask what a review decides now. */
export const reviewDeps = (ctx: AutonomyApp): ReviewDeps => {
  const spec = parsePlaybook(GRADUATION_PLAYBOOK, 'graduation.yaml').spec;
  return {
    db: ctx.services.database.db,
    levels: createLevelBook(compileAutonomy(spec)),
    policy: compileGraduation(spec),
    now: ctx.clock.now,
  };
};

/** An automatic action's line in the log thread, found by the comment's words. */
export const loggedLine = (ctx: AutonomyApp, words: string) =>
  eventually(
    async () =>
      ctx.services.slack
        .messagesIn(CARD_CHANNEL)
        .find((message) => message.thread_ts !== undefined && message.thread_ts !== message.ts && cardText(message).includes(words)),
    `the log line of “${words}”`,
  );
