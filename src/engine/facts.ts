import type { Message } from '../domain/message.js';
import { isBusinessHours } from './business-hours.js';
import type { CompiledPlaybook } from './compiled.js';
import type { EngineContext } from './context.js';
import { foldText, type TextView } from './fold-text.js';
import { positivityAround } from './contrast.js';
import { findLinkables, isAllowedHost, isOwnLink, linkKey, type FoundLink, type Linkables } from './links.js';
import { scriptOf, type Script } from './language.js';
import { negationOf } from './negation.js';
import type { SpamFinding } from './spam.js';
import type { TermHit } from './term-matcher.js';
import type { TextFacts } from './text-facts.js';

const EMOJI = /\p{Extended_Pictographic}/gu;

/** What may keep a matched term from counting: a negation ("no complaints"), a positive sentence ("… but this made my day"). */
export interface Unless {
  negated: boolean;
  positive: boolean;
}

/** A term that matched but was not counted, and why, for the decision's explanation. */
export interface NotCounted {
  term: string;
  why: string;
}

/**
 * What the rules can ask about one message, each worked out only when a rule first asks:
 * a playbook without a language condition never pays for language detection. With `text`
 * (see text-facts.ts), the text's facts were worked out ahead, elsewhere: they are read, not computed.
 */
export class Facts {
  private foldedView: TextView | undefined;
  private hits: TermHit[] | undefined;
  private linkables: Linkables | undefined;
  private outsideLinks: FoundLink[] | undefined;
  private profane: string[] | undefined;
  private aimed: string[] | undefined;
  private sentimentScore: number | undefined;
  private detected: string | undefined;
  private open: boolean | undefined;
  private mainScript: Script | undefined;
  private spamFound: SpamFinding[] | undefined;
  /** Filled as conditions discount terms; `decide` turns them into explanations. */
  readonly notCounted: NotCounted[] = [];

  constructor(
    readonly message: Message,
    readonly context: EngineContext,
    readonly playbook: CompiledPlaybook,
    private readonly text?: TextFacts,
  ) {}

  get folded(): TextView {
    this.foldedView ??= foldText(this.message.text);
    return this.foldedView;
  }

  /** Every playbook term found in the message, from the one automaton. */
  get termHits(): TermHit[] {
    this.hits ??= this.text?.termHits ?? this.playbook.terms.match(this.folded);
    return this.hits;
  }

  /** Links whose host the playbook does not allow, and that are not the brand's own pages (its shop, the post itself). */
  get links(): FoundLink[] {
    if (this.text) return this.text.links;
    this.linkables ??= findLinkables(this.message.text);
    this.outsideLinks ??= this.linkables.links.filter((link) => !isAllowedHost(link.host, this.playbook.linkAllow) && !this.isOwn(link));
    return this.outsideLinks;
  }

  private isOwn(link: FoundLink): boolean {
    const own = this.playbook.ownLinks;
    if (own === null) return false;
    const post = this.message.post?.url;
    return isOwnLink(link, post === undefined ? own : [...own, linkKey(post)]);
  }

  /** Comment spam the built-in lists and the playbook's own phrases find (see spam.ts). */
  get spam(): SpamFinding[] {
    if (this.text) return this.text.spam;
    this.linkables ??= findLinkables(this.message.text);
    this.spamFound ??= this.playbook.spam.find(this.folded, this.linkables.links, this.termHits);
    return this.spamFound;
  }

  /** The hits that count under `unless`; the others are noted in `notCounted`. */
  counted(hits: readonly TermHit[], unless: Unless): TermHit[] {
    const kept: TermHit[] = [];
    for (const hit of hits) {
      const why = this.discount(hit, unless);
      if (why === null) kept.push(hit);
      else this.notCounted.push({ term: hit.text, why });
    }
    return kept;
  }

  private discount(hit: TermHit, unless: Unless): string | null {
    // Worked out ahead for the hits a condition may discount, in the language this message is read in.
    const ahead = this.text !== undefined && this.text.language === this.language ? this.text.termHits.indexOf(hit) : -1;
    if (unless.negated) {
      const known = ahead >= 0 ? this.text?.negatedBy[ahead] : undefined;
      const negator = known === undefined ? this.negatedBy(hit) : known;
      if (negator !== null) return `negated by "${negator}"`;
    }
    if (unless.positive) {
      const known = ahead >= 0 ? this.text?.positiveWhy[ahead] : undefined;
      const why = known === undefined ? this.positiveWhy(hit) : known;
      if (why !== null) return why;
    }
    return null;
  }

  /** The word that denies the hit ("no", "Ninguna"), as written; null when none does. */
  negatedBy(hit: TermHit): string | null {
    return negationOf(this.folded, hit.start, hit.end);
  }

  /** Why the hit's sentence is plainly positive overall, as the explanation says it; null when it is not. */
  positiveWhy(hit: TermHit): string | null {
    const { sentiment } = this.playbook;
    const positivity = positivityAround(
      this.folded,
      hit,
      this.termHits,
      (other) => sentiment.weigh(this.folded, other),
      () => this.language,
    );
    if (!positivity.positive) return null;
    return positivity.cue ? `the sentence is positive after "${positivity.cue}"` : 'the sentence is positive overall';
  }

  get emails(): string[] {
    if (this.text) return this.text.emails;
    this.linkables ??= findLinkables(this.message.text);
    return this.linkables.emails;
  }

  get emoji(): string[] {
    return this.message.text.match(EMOJI) ?? [];
  }

  get profanity(): string[] {
    this.profane ??= this.text?.profanity ?? this.playbook.profanity.find(this.folded);
    return this.profane;
  }

  /** Profanity aimed at someone: insults, or swearing next to a "you". */
  get insults(): string[] {
    const profane = this.profanity;
    if (profane.length === 0) return profane;
    this.aimed ??= this.text?.insults ?? this.playbook.profanity.aimed(this.folded);
    return this.aimed;
  }

  get sentiment(): number {
    this.sentimentScore ??= this.context.sentiment ?? this.text?.sentiment ?? this.playbook.sentiment.score(this.folded, this.termHits);
    return this.sentimentScore;
  }

  get language(): string {
    this.detected ??= this.context.language ?? this.text?.language ?? this.playbook.detectLanguage(this.message.text);
    return this.detected;
  }

  get script(): Script {
    this.mainScript ??= this.text?.script ?? scriptOf(this.message.text);
    return this.mainScript;
  }

  /** Null when the playbook has no calendar. */
  get businessHours(): boolean | null {
    const calendar = this.playbook.calendar;
    if (calendar === null) return null;
    this.open ??= isBusinessHours(calendar, this.context.now);
    return this.open;
  }
}
