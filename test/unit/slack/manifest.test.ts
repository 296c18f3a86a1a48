import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../../commands/index.js';

const manifestSchema = z.object({
  features: z.object({
    slash_commands: z.array(z.object({ command: z.string(), url: z.string(), description: z.string(), usage_hint: z.string().optional() })),
  }),
  settings: z.object({ interactivity: z.object({ request_url: z.string() }) }),
});

const manifest = manifestSchema.parse(parse(readFileSync(new URL('../../../slack-app-manifest.yml', import.meta.url), 'utf8')));

// The manifest is pasted into Slack by hand; a command that differs there is a command people see wrongly described.
describe('slack-app-manifest.yml', () => {
  it('lists exactly the commands of commands/, with their descriptions and usage', () => {
    const listed = manifest.features.slash_commands.map(({ command, description, usage_hint }) => ({
      command,
      description,
      usage_hint: usage_hint ?? '',
    }));
    const defined = commands.map((command) => ({
      command: `/${command.name}`,
      description: command.description,
      usage_hint: command.usage,
    }));
    expect(listed).toEqual(defined);
  });

  it('points commands and interactivity at the one Slack URL', () => {
    const urls = new Set([...manifest.features.slash_commands.map((command) => command.url), manifest.settings.interactivity.request_url]);
    expect([...urls].map((url) => new URL(url).pathname)).toEqual(['/slack/events']);
  });
});
