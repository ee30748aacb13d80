/**
 * The body of each reminder's push, by reminder id (the doc's users_reminders rules name a template
 * but ship no text). The template id also travels in the payload, so an app may show its own
 * localised text instead.
 */
export const REMINDER_TEXTS: Readonly<Record<string, string>> = {
  welcome_message: 'Welcome! Scan a product barcode to earn your first coins.',
  do_you_need_help: 'Need a hand getting started? Scan any product barcode to earn coins.',
  we_missed_you: 'We missed you! Your coins are waiting: scan a product to earn more.',
  invite_your_friends: 'Invite your friends and earn more together.',
  how_to_earn_coin: 'Scan products and write reviews to earn coins.',
  buddy_reminder_a: 'Shopping is better with buddies: invite a friend.',
  buddy_reminder_b: 'Still on your own? Invite a buddy and climb levels faster.',
  close_to_next_level: 'You are almost at the next level. Keep scanning!',
  half_way_to_next_level: 'Half way to the next level. Keep going!',
  you_dropped_level: 'Your level dropped this month. Scan to climb back up.',
  you_reached_level: 'Congratulations, you reached a new level!',
  level_incentives_for_heavy_users: 'You are one of our top scanners. Keep it up for extra rewards!',
  'level_incentives_for_long-term_platinum_user': 'Thank you for staying at the top level. Enjoy your rewards!',
};

export const reminderText = (reminderId: string): string => REMINDER_TEXTS[reminderId] ?? 'You have a new message.';
