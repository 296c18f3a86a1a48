import { find } from 'linkifyjs';

export interface FoundLink {
  /** As written in the message ("www.example.biz"). */
  text: string;
  host: string;
}

export interface Linkables {
  links: FoundLink[];
  emails: string[];
}

// linkify is thorough but not free: most messages have no dot or @ inside a word.
const MAY_LINK = /[.@。][\p{L}\p{N}]|:\/\//u;

const hostOf = (href: string): string => {
  try {
    return new URL(href).hostname.toLowerCase().replace(/^www\./u, '');
  } catch {
    return '';
  }
};

/** URLs (bare domains count) and email addresses in a message's text. */
export const findLinkables = (text: string): Linkables => {
  if (!MAY_LINK.test(text)) return { links: [], emails: [] };
  const links: FoundLink[] = [];
  const emails: string[] = [];
  for (const item of find(text)) {
    if (item.type === 'email') emails.push(item.value);
    else if (item.type === 'url') links.push({ text: item.value, host: hostOf(item.href) });
  }
  return { links, emails };
};

/** True when `host` is one of `allowed` or a subdomain of one. */
export const isAllowedHost = (host: string, allowed: readonly string[]): boolean =>
  allowed.some((domain) => host === domain || host.endsWith(`.${domain}`));
