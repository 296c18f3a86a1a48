/** The condition keys grouped by what they test, for the checks that reason about conditions. */

/** Yes/no facts about the message. */
export const FLAG_KEYS = ['has_link', 'has_email', 'profanity', 'insult', 'question', 'business_hours'] as const;

/** Counts over a window of the author's or the post's history. */
export const COUNTER_KEYS = [
  'author_messages',
  'author_triggers',
  'author_handoffs',
  'author_auto_replies',
  'post_comments',
  'post_auto_replies',
] as const;

/** What only the stored history can tell: the counters, the author's tags and their funnel stage. */
export const HISTORY_KEYS = [...COUNTER_KEYS, 'author_tags', 'funnel'] as const;
