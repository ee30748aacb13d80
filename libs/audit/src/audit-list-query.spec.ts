import { auditListQuery } from './audit-list-query.js';

describe('auditListQuery', () => {
  it('numbers every parameter once, in order, the limit last', () => {
    const { sql, params } = auditListQuery('"rewards".audit_events', {
      actor: 'a', target: 't', action: 'user.block', from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z',
      before: { time: '2026-01-15T00:00:00.123456Z', id: '3f6c2a1e-8a4b-4c1d-9e2f-5b7a0c9d1e23' }, limit: 11,
    });
    expect(params).toEqual(['a', 't', 'user.block', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z',
      '2026-01-15T00:00:00.123456Z', '3f6c2a1e-8a4b-4c1d-9e2f-5b7a0c9d1e23', 11]);
    expect(sql).toContain('WHERE actor_user_id = $1 AND (target_id = $2 OR target_owner = $2) AND action = $3 AND at >= $4::timestamptz AND at < $5::timestamptz AND (at, id) < ($6::timestamptz, $7::uuid)');
    expect(sql).toMatch(/FROM "rewards"\.audit_events WHERE .* ORDER BY at DESC, id DESC LIMIT \$8$/);
  });

  it('no filter: no WHERE, only the limit', () => {
    const { sql, params } = auditListQuery('"identity".audit_events', { limit: 51 });
    expect(params).toEqual([51]);
    expect(sql).not.toContain('WHERE');
    expect(sql).toMatch(/ORDER BY at DESC, id DESC LIMIT \$1$/);
  });
});
