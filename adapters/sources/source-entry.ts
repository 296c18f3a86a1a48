import type { Config } from '../../src/config.js';
import type { AccountDirectory } from '../../src/domain/accounts.js';
import type { PollingSource, QuotaLedger } from '../../src/domain/polling-source.js';
import type { PlatformClient } from '../../src/domain/source.js';
import type { WebhookSource } from '../../src/domain/webhook-source.js';

export interface SourceOptions {
  fetch?: typeof fetch;
  now?: () => Date;
  /** Where actions on a quota-limited platform (YouTube) record the units they spend. */
  quotaLedger?: QuotaLedger;
  /** The playbook's `whatsapp.template`: what a WhatsApp card offers once the 24-hour window has closed. */
  whatsappTemplate?: { name: string; language: string; params?: string[] | undefined } | undefined;
  /** The playbook's mapped accounts, each acting with its own token (the source's default token otherwise). */
  accounts?: AccountDirectory;
}

/** What a configured source brings: how its messages arrive, and who acts on its platforms. */
export interface SourceParts {
  webhooks?: WebhookSource[];
  /** Platforms without webhooks (YouTube, X without webhooks), polled by `startPollers`. */
  pollers?: PollingSource[];
  clients?: PlatformClient[];
  /** A client for platforms no other client claims (the generic source's callback, for tiktok, linkedin…). */
  fallback?: { client: PlatformClient; handles: (platform: string) => boolean };
}

/** A source's registry entry: undefined when the configuration does not set it up. */
export type SourceFactory = (config: Config, options: SourceOptions & { accounts: AccountDirectory }) => SourceParts | undefined;
