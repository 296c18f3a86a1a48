import { find } from 'linkifyjs';

export interface FoundLink {
  /** As written in the message ("www.example.biz"). */
  text: string;
  host: string;
  /** The full address ("http://www.example.biz/"), and where the link sits in the message. */
  href: string;
  start: number;
  end: number;
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
    else if (item.type === 'url')
      links.push({ text: item.value, host: hostOf(item.href), href: item.href, start: item.start, end: item.end });
  }
  return { links, emails };
};

/** True when `host` is one of `allowed` or a subdomain of one. */
export const isAllowedHost = (host: string, allowed: readonly string[]): boolean =>
  allowed.some((domain) => host === domain || host.endsWith(`.${domain}`));

const YOUTUBE_ID = /^(?:(?:m\.|music\.)?youtube\.com\/(?:watch\/?\?(?:.*&)?v=|shorts\/|embed\/|live\/)|youtu\.be\/)([\w-]{6,})/u;

/**
 * A link as a comparable key: host without www, path without a trailing slash, no query or
 * fragment — and every address of one YouTube video as `youtube:<id>`.
 */
export const linkKey = (href: string): string => {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//iu.test(href) ? href : `http://${href}`);
  } catch {
    return '';
  }
  const host = url.hostname.toLowerCase().replace(/^www\./u, '');
  const video = YOUTUBE_ID.exec(`${host}${url.pathname}${url.search}`);
  if (video) return `youtube:${video[1]}`;
  return `${host}${url.pathname.replace(/\/+$/u, '')}`;
};

/**
 * True when the link is one of the brand's own pages: `own` holds link keys (a page and
 * everything under it), e.g. the shop's address or the post being commented on.
 */
export const isOwnLink = (link: FoundLink, own: readonly string[]): boolean => {
  if (own.length === 0) return false;
  const key = linkKey(link.href);
  return own.some((page) => key === page || (!page.startsWith('youtube:') && key.startsWith(page.endsWith('/') ? page : `${page}/`)));
};
