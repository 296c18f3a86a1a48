const PLATFORM_NAMES: Record<string, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  messenger: 'Messenger',
  whatsapp: 'WhatsApp',
  youtube: 'YouTube',
  x: 'X',
};

/** The platform as people write it ("WhatsApp"); generic sources get their name capitalised. */
export const platformName = (platform: string): string => PLATFORM_NAMES[platform] ?? platform.charAt(0).toUpperCase() + platform.slice(1);
