/** A message as the core-loop scenarios need it; each platform's subject turns it into its own wire format. */
export interface InboundMessage {
  /** Unique per test: the platform's id for the comment or message. */
  id: string;
  authorId: string;
  /** Shown on the card; scenarios find their card by it. */
  authorName: string;
  text: string;
}

/**
 * One source platform for the core-loop contract: a fake of the platform on loopback, the app's
 * environment that points Switchboard at it, and ways to make messages arrive and read what the
 * platform received. Webhook sources sign their deliveries exactly as the platform does; polling
 * sources place the message where the poller will find it.
 */
export interface SourceSubject {
  /** The `platform` of the messages (shown on cards, stored on messages). */
  platform: string;
  /** Variables merged into the app's environment (credentials and base URLs pointing at the fake). */
  env: Record<string, string>;
  /** Makes the message arrive; resolves once the platform would consider it delivered (a 200, or in place for a poller). */
  deliver: (appUrl: string, message: InboundMessage) => Promise<void>;
  /** Delivers the same message again, as the platform redelivers (or a poller would find it again). */
  redeliver: (appUrl: string, message: InboundMessage) => Promise<void>;
  /** A delivery with a forged signature; resolves with the HTTP status. Undefined for a source without inbound HTTP. */
  forge?: (appUrl: string, message: InboundMessage) => Promise<number>;
  /** Texts the platform received as replies (or answers, for a DM source) to this message, in order. */
  replies: (message: InboundMessage) => Promise<string[]>;
  /** Whether the message is hidden on the platform; undefined when the platform has no hide. */
  isHidden?: (message: InboundMessage) => Promise<boolean>;
  close: () => Promise<void>;
}

export type MakeSourceSubject = () => Promise<SourceSubject>;
