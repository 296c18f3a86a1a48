import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const read = (name: string) => parse(readFileSync(new URL(`../../../${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** Every `url` and `request_url` taken out: what is left must be the same app. */
const withoutUrls = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutUrls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'url' && key !== 'request_url')
      .map(([key, inner]) => [key, withoutUrls(inner)]),
  );
};

const urlsIn = (value: unknown): string[] => JSON.stringify(value).match(/https?:\/\/[^"]+/gu) ?? [];

describe('slack-app-manifest.socket-mode.yml', () => {
  const socket = read('slack-app-manifest.socket-mode.yml');
  const http = read('slack-app-manifest.yml');

  it('turns Socket Mode on and names no request URL', () => {
    expect((socket.settings as { socket_mode_enabled: boolean }).socket_mode_enabled).toBe(true);
    expect(urlsIn(socket)).toEqual([]);
  });

  it('is the HTTP manifest less its URLs: the same scopes, commands and interactivity', () => {
    const settings = { ...(http.settings as object), socket_mode_enabled: true };
    expect(socket).toEqual(withoutUrls({ ...http, settings }));
  });
});
