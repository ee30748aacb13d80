/** One rule of the doc's `users_reminders` document. */
export interface ReminderCondition {
  type: string;
  period?: number;
  value_from?: number;
  value_to?: number;
}
export interface ReminderRule {
  template: string;
  id: string;
  status: string;
  conditions: ReminderCondition[];
  /** 'once' or every N days. */
  periodically: 'once' | number;
}
