/**
 * The audit table of one service schema, for that service's migration. These statements are
 * frozen once released: a change is a new migration with its own statements, never an edit here.
 * Append-only like rewards' ledger: UPDATE, DELETE and TRUNCATE are refused by a trigger.
 */
export function createAuditTrailV1(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `CREATE TABLE ${s}.audit_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      action text NOT NULL,
      operation text NOT NULL CHECK (operation IN ('CREATE', 'UPDATE', 'DELETE', 'ACTION')),
      target_type text NOT NULL,
      target_id text NOT NULL,
      target_owner text,
      actor_user_id text,
      actor_participant_id text,
      actor_ip text,
      request_id text,
      caller text,
      before jsonb,
      after jsonb
    )`,
    `CREATE INDEX audit_events_at_idx ON ${s}.audit_events (at DESC, id DESC)`,
    `CREATE INDEX audit_events_actor_idx ON ${s}.audit_events (actor_user_id, at DESC) WHERE actor_user_id IS NOT NULL`,
    `CREATE INDEX audit_events_target_idx ON ${s}.audit_events (target_id, at DESC)`,
    `CREATE INDEX audit_events_owner_idx ON ${s}.audit_events (target_owner, at DESC) WHERE target_owner IS NOT NULL`,
    `CREATE INDEX audit_events_action_idx ON ${s}.audit_events (action, at DESC)`,
    `CREATE FUNCTION ${s}.audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '%.audit_events is append-only', TG_TABLE_SCHEMA; END $$`,
    // Per statement, so even an UPDATE or DELETE that matches no row is refused.
    `CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${s}.audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_events_append_only()`,
  ];
}

export function dropAuditTrailV1(schema: string): string[] {
  const s = `"${schema}"`;
  return [`DROP TABLE ${s}.audit_events`, `DROP FUNCTION ${s}.audit_events_append_only()`];
}
