import { platformName } from './platform.js';

/*
 * Platforms that accept a free-form reply only within a window after the customer's last message:
 * WhatsApp's 24-hour customer-service window. Outside it only an approved template may be sent.
 */
const WINDOW_HOURS: Readonly<Record<string, number>> = { whatsapp: 24 };

export const customerWindowHours = (platform: string): number | undefined => WINDOW_HOURS[platform];

/** When the window opened by the customer's last message closes; undefined on a platform without one. */
export const customerWindowClosesAt = (platform: string, lastInboundAt: Date): Date | undefined => {
  const hours = customerWindowHours(platform);
  return hours === undefined ? undefined : new Date(lastInboundAt.getTime() + hours * 3_600_000);
};

/** On a card: the window has closed (since `closedAt`); whether the card offers the playbook's approved template instead. */
export interface ClosedWindow {
  closedAt: Date;
  hours: number;
  templateOffered: boolean;
}

/** The card's line about it, with the time written by the chat (`at`). */
export const closedWindowWords = (platform: string, window: ClosedWindow, at: string): string => {
  const name = platformName(platform);
  const closed = `The ${window.hours}-hour customer-service window closed at ${at}: ${name} refuses a free-form reply until the customer writes again.`;
  return window.templateOffered
    ? `${closed} A template can be sent: “Send template” sends the playbook's approved template.`
    : `${closed} No template can be sent from here (none set in the playbook's whatsapp.template, or it was sent already).`;
};
