/**
 * The rules whose cards are storm cards: a `scope: post` handoff that folds (the default; `fold: false`
 * keeps each routine card on its own). Routine cards on the post fold into such a card while it is open.
 */
export const stormRules = (spec: {
  rules: readonly {
    id: string;
    then: readonly { handoff?: true | { scope?: string | undefined; fold?: boolean | undefined } | undefined }[];
  }[];
}): ReadonlySet<string> =>
  new Set(
    spec.rules
      .filter((rule) => rule.then.some(({ handoff }) => typeof handoff === 'object' && handoff.scope === 'post' && handoff.fold !== false))
      .map((rule) => rule.id),
  );
