/** Our actor id as a Slack mention: 'slack:U1' → '<@U1>', 'here' → '<!here>'; anything else as it is. */
export const slackMention = (actor: string): string => {
  if (actor === 'here') return '<!here>';
  const [chat, id] = actor.split(':');
  return chat === 'slack' && id ? `<@${id}>` : actor;
};
