/** Every role of the docs; the first system admin gets all of them. */
export const ALL_ROLES = [
  'contributors_moderator',
  'serialization_viewer',
  'security_admin',
  'supply_chain',
  'product_line',
  'newsline',
  'contributors_supervisor',
  'rewards_admin',
  'user',
] as const;
