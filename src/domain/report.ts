/** One figure: "Automated" → "median 12s · p90 1m". */
export interface ReportRow {
  label: string;
  value: string;
  /** 'slack:U123' / 'discord:456' when the row is about a person the chat can mention. */
  person?: string;
}

/** A daily series drawn as ▁▂▃▄▅▆▇█, with the words a screen reader or a small screen needs. */
export interface ReportTrend {
  label: string;
  sparkline: string;
  /** "12–80 a day", "first 3 Mar, last 9 Mar". */
  caption: string;
}

export interface ReportSection {
  title: string;
  rows: ReportRow[];
  trends?: ReportTrend[];
}

/** The platform-neutral answer to a command: Slack and Discord render this, nothing else. */
export interface Report {
  title: string;
  /** One line that makes sense on a phone lock screen. */
  summary: string;
  sections: ReportSection[];
  /** Definitions and assumptions behind the figures. */
  footnotes: string[];
}
