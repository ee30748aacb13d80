// Frozen with migration 1767300000001 (SeedRewardsRules), copied from shared/api/identity-service.txt:
// what a fresh database gets. A change to these rules is a new migration, never an edit here.
import type { ReminderRule } from '../../reminders/reminder-types.js';

export const USERS_REMINDERS_SEED: ReminderRule[] = [
  {
    "template": "users_reminders/welcome_message",
    "id": "welcome_message",
    "status": "active",
    "conditions": [
      {
        "type": "new_user"
      }
    ],
    "periodically": "once"
  },
  {
    "template": "users_reminders/do_you_need_help",
    "id": "do_you_need_help",
    "conditions": [
      {
        "type": "no_scans_from_reg_date",
        "period": 7
      }
    ],
    "status": "active",
    "periodically": "once"
  },
  {
    "template": "users_reminders/we_missed_you",
    "id": "we_missed_you",
    "conditions": [
      {
        "type": "no_scans_from_current_date",
        "period": 21
      },
      {
        "type": "have_coins"
      }
    ],
    "status": "active",
    "periodically": "once"
  },
  {
    "template": "users_reminders/invite_your_friends",
    "id": "invite_your_friends",
    "conditions": [
      {
        "type": "no_buddies_from_reg_date",
        "period": 14
      }
    ],
    "status": "active",
    "periodically": "once"
  },
  {
    "template": "users_reminders/how_to_earn_coin",
    "id": "how_to_earn_coin",
    "conditions": [
      {
        "type": "no_scans_from_current_date",
        "period": 21
      }
    ],
    "status": "active",
    "periodically": "once"
  },
  {
    "template": "users_reminders/buddy_reminder_a",
    "id": "buddy_reminder_a",
    "conditions": [
      {
        "type": "no_buddies_from_reg_date",
        "period": 45
      }
    ],
    "status": "active",
    "periodically": "once"
  },
  {
    "template": "users_reminders/buddy_reminder_b",
    "id": "buddy_reminder_b",
    "conditions": [
      {
        "type": "no_buddies_from_reg_date",
        "period": 90
      }
    ],
    "status": "active",
    "periodically": "once"
  },
  {
    "template": "users_reminders/close_to_next_level",
    "id": "close_to_next_level",
    "conditions": [
      {
        "type": "current_percentages",
        "value_from": 90,
        "value_to": 99
      },
      {
        "type": "days_from_reg_date",
        "period": 2
      }
    ],
    "status": "active",
    "periodically": 10
  },
  {
    "template": "users_reminders/half_way_to_next_level",
    "id": "half_way_to_next_level",
    "conditions": [
      {
        "type": "current_percentages",
        "value_from": 40,
        "value_to": 60
      },
      {
        "type": "days_from_reg_date",
        "period": 2
      }
    ],
    "status": "active",
    "periodically": 10
  },
  {
    "template": "users_reminders/you_dropped_level",
    "id": "you_dropped_level",
    "conditions": [
      {
        "type": "drop_level"
      },
      {
        "type": "days_from_reg_date",
        "period": 5
      }
    ],
    "status": "active",
    "periodically": 10
  },
  {
    "template": "users_reminders/you_reached_level",
    "id": "you_reached_level",
    "conditions": [
      {
        "type": "reach_level"
      },
      {
        "type": "days_from_reg_date",
        "period": 5
      }
    ],
    "status": "active",
    "periodically": 10
  },
  {
    "template": "users_reminders/level_incentives_for_heavy_users",
    "id": "level_incentives_for_heavy_users",
    "conditions": [
      {
        "type": "level_incentives"
      }
    ],
    "status": "active",
    "periodically": 10
  },
  {
    "template": "users_reminders/level_incentives_for_long-term_platinum_user",
    "id": "level_incentives_for_long-term_platinum_user",
    "conditions": [
      {
        "type": "level_incentives_platinum"
      }
    ],
    "status": "active",
    "periodically": 10
  }
];
