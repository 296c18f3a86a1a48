/**
 * Discord's message limits, applied by the fake as Discord applies them: a message past any of them
 * is refused whole with 400 and code 50035 (Invalid Form Body), naming the field.
 */
interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
}

interface Row {
  type: number;
  components?: { type: number; custom_id?: string; label?: string }[];
}

export interface MessageBody {
  content?: string;
  embeds?: Embed[];
  components?: Row[];
}

const embedLength = (embed: Embed): number =>
  (embed.title?.length ?? 0) +
  (embed.description?.length ?? 0) +
  (embed.footer?.text.length ?? 0) +
  (embed.author?.name.length ?? 0) +
  (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);

const embedProblem = (embed: Embed, at: string): string | undefined => {
  if ((embed.title?.length ?? 0) > 256) return `${at}.title: must be 256 or fewer in length`;
  if ((embed.description?.length ?? 0) > 4096) return `${at}.description: must be 4096 or fewer in length`;
  const fields = embed.fields ?? [];
  if (fields.length > 25) return `${at}.fields: must be 25 or fewer in length`;
  for (const [index, field] of fields.entries()) {
    if (field.name.length === 0 || field.name.length > 256) return `${at}.fields.${index}.name: must be between 1 and 256 in length`;
    if (field.value.length === 0 || field.value.length > 1024) return `${at}.fields.${index}.value: must be between 1 and 1024 in length`;
  }
  if (embedLength(embed) > 6000) return `${at}: embed size exceeds maximum size of 6000`;
  return undefined;
};

const rowsProblem = (rows: Row[]): string | undefined => {
  if (rows.length > 5) return 'components: must be 5 or fewer in length';
  const ids = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const buttons = row.components ?? [];
    if (row.type !== 1 || buttons.length === 0 || buttons.length > 5) return `components.${index}: an action row holds 1 to 5 buttons`;
    for (const button of buttons) {
      if (button.custom_id === undefined) continue;
      if (button.custom_id.length === 0 || button.custom_id.length > 100) return `components.${index}: custom_id must be 1–100 characters`;
      if (ids.has(button.custom_id)) return `components.${index}: custom_id ${button.custom_id} is not unique in the message`;
      ids.add(button.custom_id);
      if ((button.label?.length ?? 0) > 80) return `components.${index}: label must be 80 or fewer in length`;
    }
  }
  return undefined;
};

/** What Discord would refuse in this message, in its words; undefined when it is fine. */
export const messageProblem = (body: MessageBody): string | undefined => {
  if ((body.content?.length ?? 0) > 2000) return 'content: must be 2000 or fewer in length';
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) return 'embeds: must be 10 or fewer in length';
  if (embeds.reduce((sum, embed) => sum + embedLength(embed), 0) > 6000) return 'embeds: total size exceeds 6000';
  for (const [index, embed] of embeds.entries()) {
    const problem = embedProblem(embed, `embeds.${index}`);
    if (problem) return problem;
  }
  return rowsProblem(body.components ?? []);
};
