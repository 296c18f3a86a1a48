import type { VetoState } from '../store/autonomy-vetoes.js';

/** What a veto card says about its reply: the countdown while it runs, then how it ended. */
export interface VetoView {
  state: VetoState;
  deadlineAt: Date;
  decidedBy: string | null;
}

const inWords = (ms: number): string => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
};

const hhmm = (at: Date): string => at.toISOString().slice(11, 16);

export const vetoWords = (veto: VetoView, now: Date): string => {
  switch (veto.state) {
    case 'pending':
      return `⏱️ This reply WILL be sent: sending in ${inWords(veto.deadlineAt.getTime() - now.getTime())} (${hhmm(veto.deadlineAt)} UTC) unless someone presses Stop.`;
    case 'stopped':
      return `🛑 Stopped by ${veto.decidedBy ?? 'someone'}: this reply was not sent. Approve or edit it to send it.`;
    case 'sent':
      return '✅ Sent by the rule at its deadline (nobody pressed Stop).';
    case 'superseded':
      return 'A person answered before the deadline: the rule’s reply was not sent.';
    case 'demoted':
      return '⬇️ The rule went back to draft before the deadline: this reply was not sent. Approve or edit it to send it.';
  }
};
