import type { Message } from '../domain/message.js';
import { isBusinessHours } from './business-hours.js';
import type { CompiledPlaybook } from './compiled.js';
import type { EngineContext } from './context.js';
import { foldText, type TextView } from './fold-text.js';
import { findLinkables, isAllowedHost, type FoundLink, type Linkables } from './links.js';
import { scriptOf, type Script } from './language.js';
import type { TermHit } from './term-matcher.js';

const EMOJI = /\p{Extended_Pictographic}/gu;

/**
 * What the rules can ask about one message, each worked out only when a rule first asks:
 * a playbook without a language condition never pays for language detection.
 */
export class Facts {
  private foldedView: TextView | undefined;
  private hits: TermHit[] | undefined;
  private linkables: Linkables | undefined;
  private outsideLinks: FoundLink[] | undefined;
  private profane: string[] | undefined;
  private sentimentScore: number | undefined;
  private detected: string | undefined;
  private open: boolean | undefined;
  private mainScript: Script | undefined;

  constructor(
    readonly message: Message,
    readonly context: EngineContext,
    readonly playbook: CompiledPlaybook,
  ) {}

  get folded(): TextView {
    this.foldedView ??= foldText(this.message.text);
    return this.foldedView;
  }

  /** Every playbook term found in the message, from the one automaton. */
  get termHits(): TermHit[] {
    this.hits ??= this.playbook.terms.match(this.folded);
    return this.hits;
  }

  /** Links whose host the playbook does not allow (the brand's own shop, say). */
  get links(): FoundLink[] {
    this.linkables ??= findLinkables(this.message.text);
    this.outsideLinks ??= this.linkables.links.filter((link) => !isAllowedHost(link.host, this.playbook.linkAllow));
    return this.outsideLinks;
  }

  get emails(): string[] {
    this.linkables ??= findLinkables(this.message.text);
    return this.linkables.emails;
  }

  get emoji(): string[] {
    return this.message.text.match(EMOJI) ?? [];
  }

  get profanity(): string[] {
    this.profane ??= this.playbook.profanity.find(this.folded);
    return this.profane;
  }

  get sentiment(): number {
    this.sentimentScore ??= this.context.sentiment ?? this.playbook.sentiment.score(this.folded, this.termHits);
    return this.sentimentScore;
  }

  get language(): string {
    this.detected ??= this.context.language ?? this.playbook.detectLanguage(this.message.text);
    return this.detected;
  }

  get script(): Script {
    this.mainScript ??= scriptOf(this.message.text);
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
