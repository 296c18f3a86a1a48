/*
 * Messages, decisions, cards and actions for the conversations in bench_conv. Five messages per
 * conversation: answered ones alternate inbound and outbound (the reply at first_response_at),
 * unanswered ones are five inbound messages. A decision's id is its message's id, a card's and an
 * automated reply's id is the conversation's, so rows link without lookups.
 */
export const seedMessages = (perConversation: number) => `
  INSERT INTO messages (id, platform, external_id, direction, kind, account_id, contact_id, conversation_id, text, post_id,
    from_self, created_at, received_at, handled_by)
  SELECT id, platform, 'm' || id, direction, CASE WHEN kind = 'dm' THEN 'dm' WHEN j = 0 THEN 'comment' ELSE 'reply' END,
    array_position(ARRAY['facebook','instagram','whatsapp','youtube','x'], platform), contact, i,
    md5(id::text) || ' ' || md5(i::text), CASE WHEN kind = 'comment' THEN 'post-' || (i % 3000) END,
    direction = 'outbound', at, at,
    CASE WHEN direction = 'outbound' THEN NULL
         WHEN NOT needs_response THEN CASE WHEN bench_u(id, 20) < 0.9 THEN 'rules' END
         WHEN first_response_by = 'automation' THEN CASE WHEN j = 0 OR bench_u(id, 20) < 0.8 THEN 'rules' ELSE 'person' END
         WHEN first_response_by = 'human' THEN CASE WHEN j > 0 AND bench_u(id, 20) < 0.5 THEN 'rules' ELSE 'person' END
    END
  FROM (
    SELECT c.*, j, (c.i - 1) * ${perConversation} + j + 1 AS id,
      CASE WHEN first_response_at IS NOT NULL AND j % 2 = 1 THEN 'outbound' ELSE 'inbound' END AS direction,
      least(:now, CASE WHEN first_response_at IS NULL THEN start + j * interval '2 minutes'
                       WHEN j = 0 THEN start
                       ELSE first_response_at + (j - 1) * interval '5 minutes' END) AS at
    FROM bench_conv c CROSS JOIN generate_series(0, ${perConversation - 1}) AS j
  ) planned;
`;

export const seedDecisions = (perConversation: number) => `
  INSERT INTO decisions (id, message_id, kind, rule, detail, reversed_at, reversed_by, created_at)
  SELECT m.id, m.id, kind, 'bench-' || kind, '{}',
    CASE WHEN kind IN ('auto_reply', 'hide', 'tag', 'funnel', 'lead', 'ignore') AND bench_u(m.id, 22) < 0.03 THEN m.created_at + interval '1 hour' END,
    CASE WHEN kind IN ('auto_reply', 'hide', 'tag', 'funnel', 'lead', 'ignore') AND bench_u(m.id, 22) < 0.03 THEN 'slack:U0AGENT01' END,
    m.created_at + interval '1 second'
  FROM (
    SELECT m.id, m.created_at,
      CASE WHEN m.handled_by = 'rules' AND NOT c.needs_response THEN CASE WHEN m.kind <> 'dm' AND u < 0.3 THEN 'hide' ELSE 'ignore' END
           WHEN m.handled_by = 'rules' THEN CASE WHEN m.kind = 'dm' AND u < 0.3 THEN 'funnel' WHEN m.kind = 'dm' AND u < 0.35 THEN 'lead'
                                                 WHEN u < 0.8 THEN 'auto_reply' WHEN u < 0.9 OR m.kind = 'dm' THEN 'tag' ELSE 'hide' END
           WHEN c.escalated AND (m.id - 1) % ${perConversation} = 0 THEN 'escalate'
           WHEN u < 0.6 THEN 'handoff' ELSE 'draft' END AS kind
    FROM messages m JOIN bench_conv c ON c.i = m.conversation_id, LATERAL (SELECT bench_u(m.id, 21) AS u) r
    WHERE m.direction = 'inbound' AND (m.handled_by IS NOT NULL OR (c.needs_response AND (m.id - 1) % ${perConversation} = 0))
  ) m;
`;

export const seedCards = (perConversation: number) => `
  INSERT INTO cards (id, conversation_id, message_id, state, priority, draft, draft_source,
    draft_outcome, last_action, last_actor, last_acted_at, created_at, updated_at)
  SELECT id, id, (id - 1) * ${perConversation} + 1,
    CASE WHEN state = 'resolved' THEN 'resolved' ELSE 'open' END, priority,
    CASE WHEN has_draft THEN 'Thanks for writing — a teammate is looking into it now.' END,
    CASE WHEN has_draft THEN 'template:care' END, outcome,
    CASE outcome WHEN 'approved' THEN 'approve' WHEN 'edited' THEN 'edit' WHEN 'rejected' THEN 'resolve' END,
    CASE WHEN outcome IS NOT NULL THEN coalesce(assignee, 'slack:U0AGENT01') END,
    CASE WHEN outcome IS NOT NULL THEN coalesce(first_response_at, first_inbound_at + interval '1 hour') END,
    first_inbound_at + interval '2 seconds', first_inbound_at + interval '2 seconds'
  FROM (
    SELECT cv.*, bench_u(cv.id, 15) < 0.7 AS has_draft,
      CASE WHEN bench_u(cv.id, 15) >= 0.7 OR cv.first_response_by IS DISTINCT FROM 'human' THEN NULL
           WHEN bench_u(cv.id, 16) < 0.60 THEN 'approved' WHEN bench_u(cv.id, 16) < 0.85 THEN 'edited'
           WHEN bench_u(cv.id, 16) < 0.95 THEN 'rejected' END AS outcome
    FROM conversations cv
    WHERE cv.first_response_by = 'human' OR (cv.needs_response AND cv.first_response_at IS NULL) OR cv.escalated_at IS NOT NULL
  ) planned;
  INSERT INTO card_placements (card_id, chat, channel, chat_message_id, posted_at, created_at)
  SELECT id, 'slack', 'C0CARDS', 'ts-' || id, created_at + interval '1 second', created_at FROM cards;
`;

export const seedActions = (perConversation: number, conversations: number) => `
  INSERT INTO actions (id, idempotency_key, kind, platform, target, payload, status, attempts, requested_by, conversation_id,
    message_id, decision_id, card_id, created_at, started_at, finished_at)
  SELECT cv.id, 'msg-' || m0 || '-reply-0', CASE WHEN cv.kind = 'dm' THEN 'send_dm' ELSE 'reply' END, cv.platform, 'm' || m0,
    '{"text":"Thanks!"}', 'succeeded', 1, 'rule:bench-auto_reply', cv.id, m0, m0, NULL,
    cv.first_inbound_at, cv.first_response_at, cv.first_response_at
  FROM conversations cv, LATERAL (SELECT (cv.id - 1) * ${perConversation} + 1 AS m0) f
  WHERE cv.first_response_by = 'automation'
  UNION ALL
  SELECT ${conversations} + k.id, 'card-' || k.id || '-v1-' || k.last_action, CASE WHEN cv.kind = 'dm' THEN 'send_dm' ELSE 'reply' END,
    cv.platform, 'm' || k.message_id, jsonb_build_object('text', k.draft), 'succeeded', 1, k.last_actor, cv.id, k.message_id, NULL, k.id,
    k.last_acted_at, k.last_acted_at, cv.first_response_at
  FROM cards k JOIN conversations cv ON cv.id = k.conversation_id
  WHERE k.draft_outcome IN ('approved', 'edited');
`;
