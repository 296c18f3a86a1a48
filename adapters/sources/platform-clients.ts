import type { PlatformClient } from '../../src/domain/source.js';

interface Fallback {
  client: PlatformClient;
  handles: (platform: string) => boolean;
}

/**
 * Platform → client, where a platform without a client of its own may fall to the generic source's
 * client: the generic webhook accepts any platform name (tiktok, linkedin…), so those names cannot
 * be listed ahead. Callers only `get`, as from any Map.
 */
export class PlatformClients extends Map<string, PlatformClient> {
  private fallback: Fallback | undefined;

  setFallback(client: PlatformClient, handles: (platform: string) => boolean): void {
    this.fallback = { client, handles };
  }

  override get(platform: string): PlatformClient | undefined {
    const own = super.get(platform);
    if (own) return own;
    return this.fallback?.handles(platform) ? this.fallback.client : undefined;
  }

  override has(platform: string): boolean {
    return this.get(platform) !== undefined;
  }
}
