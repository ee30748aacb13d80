import { Module } from '@nestjs/common';

/**
 * The rewards service (levels, coins ledger, claims, timeline, ...). Its features land with
 * their own issue; until then it joins the transport so its routes answer
 * "not available yet" (503) from a live replica instead of timing out.
 */
@Module({})
export class RewardsModule {}
