import { REST } from '@discordjs/rest';

export interface DiscordRestOptions {
  apiUrl: string;
  botToken: string;
  /** Chat jobs: a rate limit is thrown (and waited out by the queue); interaction follow-ups wait in place. */
  forQueue: boolean;
}

/**
 * @discordjs/rest against DISCORD_API_URL, API version 10. For chat jobs it neither waits out a 429
 * nor retries: the job is delayed by the queue (a worker is never blocked), and a retried post
 * whose first answer was lost is found again with findCard instead of being posted twice.
 */
export const createDiscordRest = (options: DiscordRestOptions): REST =>
  new REST({
    api: options.apiUrl,
    version: '10',
    timeout: 10_000,
    ...(options.forQueue ? { rejectOnRateLimit: () => true, retries: 0 } : { retries: 1 }),
  }).setToken(options.botToken);
