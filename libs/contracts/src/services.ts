/** Every service that listens on the transport. The name is also its consumer group and DB schema root. */
export const SERVICE_NAMES = ['identity', 'rewards', 'participants-billing', 'certificates'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
