/*
 * bench_conv: one row per conversation with every figure derived from its number by a hash, so
 * the data is the same on every run. Mix: platforms 40/30/15/10/5 % (Facebook, Instagram, WhatsApp,
 * YouTube, X), 30 % DMs where both kinds exist, 85 % needing a response; of those 55 % answered by
 * automation in 5 s–2 min, 40 % by people in 2 min–6 h, 5 % never; 2 % escalated.
 */
export const SEED_FUNCTIONS = `
  CREATE FUNCTION bench_u(i bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (hashint8(i * 1000003 + salt) & 2147483647)::float8 / 2147483648.0 $$;
  CREATE FUNCTION bench_platform(contact bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN u < 0.40 THEN 'facebook' WHEN u < 0.70 THEN 'instagram' WHEN u < 0.85 THEN 'whatsapp'
                      WHEN u < 0.95 THEN 'youtube' ELSE 'x' END FROM (SELECT bench_u(contact, 1) AS u) r $$;
`;

export const PLATFORMS = ['facebook', 'instagram', 'whatsapp', 'youtube', 'x'];

export const seedAccountsAndContacts = (contacts: number): string => `
  INSERT INTO accounts (id, platform, external_id, name)
  SELECT n, p, p || '-brand', 'Brand on ' || p FROM unnest(ARRAY['${PLATFORMS.join("','")}']) WITH ORDINALITY AS a(p, n);
  INSERT INTO contacts (id, platform, external_id, name, first_seen_at, last_seen_at)
  SELECT c, bench_platform(c), 'contact-' || c, 'Person ' || c, :now::timestamptz - interval '90 days', :now::timestamptz
  FROM generate_series(1, ${contacts}) AS c;
`;

export const seedConversationPlan = (conversations: number, contacts: number, days: number): string => `
  CREATE UNLOGGED TABLE bench_conv AS
  WITH base AS (
    SELECT i, 1 + ((i * 7919) % ${contacts}) AS contact,
           :now::timestamptz - interval '${days} days'
             + (i - 1)::float8 / ${conversations} * interval '${days} days' + bench_u(i, 3) * interval '5 minutes' AS start,
           bench_u(i, 4) < 0.85 AS needs_response,
           bench_u(i, 6) AS responder, bench_u(i, 7) AS speed
    FROM generate_series(1, ${conversations}) AS i
  ), shaped AS (
    SELECT b.*, bench_platform(contact) AS platform,
      CASE WHEN bench_platform(contact) = 'whatsapp' THEN 'dm' WHEN bench_platform(contact) = 'youtube' THEN 'comment'
           WHEN bench_u(i, 2) < 0.30 THEN 'dm' ELSE 'comment' END AS kind,
      CASE WHEN bench_u(i, 5) < 0.02 THEN 'urgent' WHEN bench_u(i, 5) < 0.12 THEN 'high'
           WHEN bench_u(i, 5) < 0.90 THEN 'normal' ELSE 'low' END AS priority,
      CASE WHEN NOT needs_response OR responder >= 0.95 THEN NULL
           WHEN responder < 0.55 THEN interval '5 seconds' + speed * interval '115 seconds'
           ELSE interval '2 minutes' * power(180, speed) END AS frt,
      CASE WHEN NOT needs_response OR responder >= 0.95 THEN NULL WHEN responder < 0.55 THEN 'automation' ELSE 'human' END AS responder_kind,
      bench_u(i, 8) < 0.02 AS escalated
    FROM base b
  )
  SELECT i, contact, platform, kind, priority, needs_response, start, escalated,
    CASE WHEN start + frt <= :now THEN start + frt END AS first_response_at,
    CASE WHEN start + frt <= :now THEN responder_kind END AS first_response_by,
    CASE WHEN needs_response THEN start + CASE priority WHEN 'urgent' THEN interval '15 minutes' WHEN 'high' THEN interval '1 hour'
                                                       WHEN 'normal' THEN interval '2 hours' ELSE interval '4 hours' END END AS deadline,
    CASE WHEN bench_u(i, 11) < 0.7 THEN 'slack:U0AGENT0' || (1 + i % 5) END AS agent,
    bench_u(i, 10) AS closing, bench_u(i, 12) AS funnel_u
  FROM shaped;
  ALTER TABLE bench_conv ADD PRIMARY KEY (i);
`;

export const seedConversations = `
  INSERT INTO conversations (id, platform, account_id, contact_id, kind, external_key, state, needs_response, priority, assignee,
    first_inbound_at, last_inbound_at, first_response_at, first_response_by, sla_deadline_at, escalated_at, resolved_at,
    acknowledged_at, qualified_at, booked_at, converted_at, created_at, updated_at)
  SELECT i, platform, array_position(ARRAY['facebook','instagram','whatsapp','youtube','x'], platform), contact, kind,
    kind || ':' || i, state, needs_response, priority,
    CASE WHEN first_response_by = 'human' OR (needs_response AND first_response_at IS NULL) THEN agent END,
    start, start + interval '15 minutes', first_response_at, first_response_by, deadline,
    CASE WHEN escalated THEN start + interval '1 minute' END,
    CASE WHEN state = 'resolved' THEN coalesce(first_response_at, start) + interval '30 minutes' END,
    CASE WHEN escalated AND bench_u(i, 9) < 0.9 THEN start + interval '1 minute' + bench_u(i, 9) * interval '30 minutes' END,
    CASE WHEN kind = 'dm' AND funnel_u < 0.15 THEN start + interval '10 minutes' END,
    CASE WHEN kind = 'dm' AND funnel_u < 0.06 AND start + interval '1 day' <= :now THEN start + interval '1 day' END,
    CASE WHEN kind = 'dm' AND funnel_u < 0.018 AND start + interval '3 days' <= :now THEN start + interval '3 days' END,
    start, start
  FROM (
    SELECT c.*,
      CASE WHEN NOT needs_response THEN 'ignored'
           -- Most old conversations are closed; the rest stay open, a few of them breached and never answered.
           WHEN start < :now - interval '1 day' AND closing < 0.9 THEN 'resolved'
           ELSE 'open' END AS state
    FROM bench_conv c
  ) planned;
`;
