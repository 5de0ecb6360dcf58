-- The vote and reputation-ledger mechanics as SQL functions, so that a vote is one round trip
-- (lib/votes/cast-vote.ts) instead of a dozen. The rules (amounts, reasons, the daily cap) stay
-- in lib/reputation/rules.ts and come in as arguments; these functions only apply them. The
-- TypeScript helpers in lib/reputation/ call the same functions, so there is one implementation.
-- Timestamps are UTC `timestamp(3)`, as Prisma stores them; `p_now` is the app's clock.

-- Cached reputation = max(1, 1 + sum(ledger)) for these users.
CREATE FUNCTION reputation_refresh(p_user_ids text[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE "user" u SET "reputation" = GREATEST(1, 1 + COALESCE(
    (SELECT SUM(e."amount") FROM "reputation_event" e WHERE e."userId" = u."id"), 0))
  WHERE u."id" = ANY(p_user_ids);
$$;

-- Appends a ledger row and returns the amount granted: a capped gain gets at most what the
-- daily cap leaves (today's capped grants, net of their reversals). The caller holds the user's
-- row lock (lib/reputation/lock-users.ts), so concurrent grants can't both see room.
CREATE FUNCTION reputation_record(
  p_user_id text, p_reason text, p_requested integer, p_capped_reasons text[], p_daily_cap integer,
  p_actor_id text, p_vote_id integer, p_question_id integer, p_answer_id integer, p_now timestamp(3)
) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_amount integer := p_requested;
  v_granted integer;
BEGIN
  IF p_requested > 0 AND p_reason = ANY(p_capped_reasons) THEN
    SELECT COALESCE(SUM(g."amount" + COALESCE(r."amount", 0)), 0)::integer INTO v_granted
      FROM "reputation_event" g LEFT JOIN "reputation_event" r ON r."reversesId" = g."id"
      WHERE g."userId" = p_user_id AND g."createdAt" >= date_trunc('day', p_now) AND g."reversesId" IS NULL
        AND g."reason" = ANY(p_capped_reasons);
    v_amount := GREATEST(0, LEAST(p_requested, p_daily_cap - v_granted));
  END IF;
  INSERT INTO "reputation_event" ("userId", "reason", "requested", "amount", "actorId", "voteId", "questionId", "answerId", "createdAt")
    VALUES (p_user_id, p_reason, p_requested, v_amount, p_actor_id, p_vote_id, p_question_id, p_answer_id, p_now);
  RETURN v_amount;
END;
$$;

-- Reverses every not-yet-reversed ledger row of a vote, or of an answer (optionally only some
-- reasons): each reversal takes back exactly what its row granted. Returns the users touched.
-- Dynamic SQL on the one column that applies, so each call is planned with its own index
-- (a cached plan with "voteId = $1 OR answerId = $2" would use neither).
CREATE FUNCTION reputation_reverse(p_vote_id integer, p_answer_id integer, p_reasons text[], p_now timestamp(3))
RETURNS SETOF text
LANGUAGE plpgsql AS $$
BEGIN
  IF p_vote_id IS NULL AND p_answer_id IS NULL THEN
    RETURN;
  END IF;
  RETURN QUERY EXECUTE format($sql$
    INSERT INTO "reputation_event" ("userId", "reason", "requested", "amount", "voteId", "questionId", "answerId", "actorId", "reversesId", "createdAt")
    SELECT e."userId", e."reason", -e."requested", -e."amount", e."voteId", e."questionId", e."answerId", e."actorId", e."id", $3
      FROM "reputation_event" e
      WHERE e.%I = $1 AND e."reversesId" IS NULL
        AND ($2::text[] IS NULL OR e."reason" = ANY($2))
        AND NOT EXISTS (SELECT 1 FROM "reputation_event" r WHERE r."reversesId" = e."id")
    RETURNING "userId"$sql$, CASE WHEN p_vote_id IS NOT NULL THEN 'voteId' ELSE 'answerId' END)
  USING COALESCE(p_vote_id, p_answer_id), p_reasons, p_now;
END;
$$;

-- Casts, changes or retracts (p_value 0) a vote: the vote row, the post's voteScore and the
-- ledger in the caller's transaction. Lock order — the post row, then users by id — is the same
-- for every vote, so voters on one post queue on its row and can't deadlock; the post row also
-- serialises one voter's concurrent casts on it. p_changes lists the ledger rows a vote of
-- p_value asks for (lib/votes/cast-vote.ts): [{"to": "author"|"voter", "reason", "requested"}].
-- Status: 'ok', 'not_found' (missing or deleted post), 'own_post'; nothing is written unless 'ok'.
CREATE FUNCTION vote_cast(
  p_actor_id text, p_on_question boolean, p_target_id integer, p_value integer, p_changes jsonb,
  p_capped_reasons text[], p_daily_cap integer, p_now timestamp(3)
) RETURNS TABLE (status text, "voteScore" integer, "previousValue" integer, "authorId" text, "questionId" integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_author text;
  v_deleted timestamp(3);
  v_question integer;
  v_score integer;
  v_vote_id integer;
  v_previous integer;
  v_delta integer;
  v_new_vote_id integer;
  v_touched text[] := '{}';
  v_change jsonb;
  v_user text;
BEGIN
  IF p_on_question THEN
    SELECT q."authorId", q."deletedAt", q."id", q."voteScore" INTO v_author, v_deleted, v_question, v_score
      FROM "question" q WHERE q."id" = p_target_id FOR NO KEY UPDATE;
  ELSE
    SELECT a."authorId", a."deletedAt", a."questionId", a."voteScore" INTO v_author, v_deleted, v_question, v_score
      FROM "answer" a WHERE a."id" = p_target_id FOR NO KEY UPDATE;
  END IF;
  IF v_author IS NULL OR v_deleted IS NOT NULL THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::integer, NULL::integer, NULL::text, NULL::integer;
    RETURN;
  END IF;
  IF v_author = p_actor_id THEN
    RETURN QUERY SELECT 'own_post'::text, NULL::integer, NULL::integer, v_author, v_question;
    RETURN;
  END IF;

  IF p_on_question THEN
    SELECT v."id", v."value" INTO v_vote_id, v_previous FROM "vote" v WHERE v."userId" = p_actor_id AND v."questionId" = p_target_id;
  ELSE
    SELECT v."id", v."value" INTO v_vote_id, v_previous FROM "vote" v WHERE v."userId" = p_actor_id AND v."answerId" = p_target_id;
  END IF;
  v_previous := COALESCE(v_previous, 0);
  v_delta := p_value - v_previous;
  IF v_delta = 0 THEN
    RETURN QUERY SELECT 'ok'::text, v_score, v_previous, v_author, v_question;
    RETURN;
  END IF;

  IF p_on_question THEN
    UPDATE "question" SET "voteScore" = "voteScore" + v_delta WHERE "id" = p_target_id RETURNING "question"."voteScore" INTO v_score;
  ELSE
    UPDATE "answer" SET "voteScore" = "voteScore" + v_delta WHERE "id" = p_target_id RETURNING "answer"."voteScore" INTO v_score;
  END IF;

  -- FOR NO KEY UPDATE (not FOR UPDATE): see lib/reputation/lock-users.ts.
  PERFORM 1 FROM "user" u WHERE u."id" IN (v_author, p_actor_id) ORDER BY u."id" FOR NO KEY UPDATE;
  IF v_vote_id IS NOT NULL THEN
    v_touched := v_touched || ARRAY(SELECT reputation_reverse(v_vote_id, NULL, NULL, p_now));
  END IF;

  IF p_value = 0 THEN
    DELETE FROM "vote" WHERE "id" = v_vote_id;
  ELSIF v_vote_id IS NOT NULL THEN
    UPDATE "vote" SET "value" = p_value WHERE "id" = v_vote_id;
    v_new_vote_id := v_vote_id;
  ELSIF p_on_question THEN
    INSERT INTO "vote" ("userId", "questionId", "value") VALUES (p_actor_id, p_target_id, p_value) RETURNING "id" INTO v_new_vote_id;
  ELSE
    INSERT INTO "vote" ("userId", "answerId", "value") VALUES (p_actor_id, p_target_id, p_value) RETURNING "id" INTO v_new_vote_id;
  END IF;

  IF v_new_vote_id IS NOT NULL THEN
    FOR v_change IN SELECT * FROM jsonb_array_elements(p_changes) LOOP
      v_user := CASE WHEN v_change->>'to' = 'voter' THEN p_actor_id ELSE v_author END;
      PERFORM reputation_record(v_user, v_change->>'reason', (v_change->>'requested')::integer, p_capped_reasons, p_daily_cap,
        p_actor_id, v_new_vote_id, v_question, CASE WHEN p_on_question THEN NULL ELSE p_target_id END, p_now);
      v_touched := v_touched || v_user;
    END LOOP;
  END IF;
  PERFORM reputation_refresh(v_touched);
  RETURN QUERY SELECT 'ok'::text, v_score, v_previous, v_author, v_question;
END;
$$;
