import type { DataSource } from 'typeorm';
import type { AuditActionSpec, AuditEventView, AuditListRequest, ServiceName } from '#libs/contracts';
import type { AuditActor } from './audit-actor.js';
import { auditListQuery } from './audit-list-query.js';
import { withoutSecrets } from './without-secrets.js';

/** A DataSource or the EntityManager of a transaction. */
export interface Queryable { query(sql: string, params?: unknown[]): Promise<unknown> }

export interface AuditChange {
  /** What the action's `target` type identifies (a user id, a participant id, an API key id, ...). */
  target: string;
  /** Who the target belongs to, when it is not the target itself (the participant of an API key, the user of a cashout). */
  owner?: string | null;
  /** The changed fields before and after; never a secret (withoutSecrets redacts credential fields anyway). */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditTrailSpec { service: ServiceName; schema: string }

interface Row {
  id: string; time: string; action: string; operation: AuditEventView['operation'];
  target_type: string; target_id: string; target_owner: string | null;
  actor_user_id: string | null; actor_participant_id: string | null; actor_ip: string | null; request_id: string | null; caller: string | null;
  before: Record<string, unknown> | null; after: Record<string, unknown> | null;
}

/**
 * Writes the service's audit trail (`<schema>.audit_events`, append-only) and reads it back.
 * `record` takes the transaction of the change, so a change that fails records nothing and a
 * change that commits is never unrecorded.
 */
export class AuditRecorder {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource, private readonly spec: AuditTrailSpec) {
    this.table = `"${spec.schema}".audit_events`;
  }

  async record(q: Queryable, actor: AuditActor, action: AuditActionSpec, change: AuditChange): Promise<void> {
    if (action.service !== this.spec.service) throw new Error(`${action.name} is recorded by ${action.service}, not ${this.spec.service}`);
    const json = (v: Record<string, unknown> | null | undefined) => (v == null ? null : JSON.stringify(withoutSecrets(v)));
    await q.query(
      `INSERT INTO ${this.table} (action, operation, target_type, target_id, target_owner,
         actor_user_id, actor_participant_id, actor_ip, request_id, caller, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [action.name, action.operation, action.target, change.target, change.owner ?? null,
        actor.userId, actor.participantId, actor.ip, actor.requestId, actor.caller, json(change.before), json(change.after)],
    );
  }

  /** The newest `limit` events matching the filters, older than `before` (already validated: see auditListRequest). */
  async list(request: AuditListRequest): Promise<AuditEventView[]> {
    const { sql, params } = auditListQuery(this.table, request);
    const rows = await this.dataSource.query(sql, params) as Row[];
    return rows.map((r) => this.view(r));
  }

  private view(r: Row): AuditEventView {
    return {
      id: r.id, time: r.time, service: this.spec.service, action: r.action, operation: r.operation,
      target: { type: r.target_type, id: r.target_id, owner: r.target_owner },
      actor: { user_id: r.actor_user_id, participant_id: r.actor_participant_id, ip: r.actor_ip, request_id: r.request_id, caller: r.caller },
      before: r.before, after: r.after,
    };
  }
}

/** Newest first across services: by time, then id (the order every service's list uses). */
export function newestFirst(a: AuditEventView, b: AuditEventView): number {
  if (a.time !== b.time) return a.time < b.time ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
