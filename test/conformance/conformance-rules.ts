// What the conformance suite accepts besides the documents' examples, each entry with its why.
// Keyed by `<row>` (ENDPOINTS.md / HTTP_ROUTES) or `<row> <example name>` for one example only.
import type { ShapeRules } from './shape-compare.js';

/**
 * Keys we send that an example lacks. Only what a client of the documents can ignore and some
 * document or project rule asks for.
 */
const PROFILE_FIELDS_ELSEWHERE = 'a field of the same profile that the documents list for it (POST /account, PUT /account parameters, GET /account)';
const TOPUP = 'state of the last automatic top-up (README "Stripe": credited only once Stripe confirms it); the documents predate card top-ups';
const EXTRAS: Record<string, Record<string, string>> = {
  // POST /account: the request's own fields echoed back; `country` is an account field of the prose list.
  '11': { country: PROFILE_FIELDS_ELSEWHERE },
  '12 Example Response 2': {
    id: 'the first example of the same route (JSON body) documents it: one answer for both content types',
    new_user: 'the first example of the same route (JSON body) documents it: one answer for both content types',
    merged_user: 'the first example of the same route (JSON body) documents it: one answer for both content types',
  },
  '18': { country: PROFILE_FIELDS_ELSEWHERE, job_title: PROFILE_FIELDS_ELSEWHERE },
  '20': { country: PROFILE_FIELDS_ELSEWHERE, job_title: PROFILE_FIELDS_ELSEWHERE, phone_verified: 'the point of the route; verify_code\'s example shows the same field' },
  '21': {
    // Issue 11: the documents' account answers (DELETE /account/customer, POST /account/restore/:code) carry coins.
    coins: 'coins of the account, as the other account answers of the documents show them',
    id: 'the user id, as the other account answers of the documents show it',
    country: PROFILE_FIELDS_ELSEWHERE,
    'participants[].parent': 'a participant field of switch-context\'s example (the same membership view)',
    'participants[].country': 'a participant field of switch-context\'s example (the same membership view)',
  },
  '21 Example Response 2': {
    ...Object.fromEntries(['phone', 'language', 'post_code', 'city', 'address1', 'birthdate', 'gender', 'photo', 'job_title', 'participants']
      .map((k) => [k, 'shown by the first example of the same route (this example\'s user had no value there)'])),
    coins: 'coins of the account, as the other account answers of the documents show them',
    id: 'the user id, as the other account answers of the documents show it',
    country: PROFILE_FIELDS_ELSEWHERE,
  },
  '23': { country: PROFILE_FIELDS_ELSEWHERE, job_title: PROFILE_FIELDS_ELSEWHERE, address2: PROFILE_FIELDS_ELSEWHERE },
  '26': {
    city: 'the same account answer as DELETE /account/customer\'s example, which shows it (this example\'s user had none)',
    last_name: 'the same account answer as DELETE /account/customer\'s example, which shows it (this example\'s user had none)',
    phone: 'the same account answer as DELETE /account/customer\'s example, which shows it (this example\'s user had none)',
    address2: 'the same account answer as DELETE /account/customer\'s example, which shows it ("" when unset)',
  },
  '38 Example Response 2': {
    'settings.notify_on_reviews': 'PUT /account/settings documents five settings; this example shows three',
    'settings.reminders_notifications': 'PUT /account/settings documents five settings; this example shows three',
    job_title: 'a column of the admin list (example 1) for the same user',
    reg_type: 'a column of the admin list (example 1) for the same user',
    timezone_min: 'a column of the admin list (example 1) for the same user',
    permanent_ban_status: 'a column of the admin list (example 1) for the same user',
    merge_into: 'a column of the admin list (example 1) for the same user',
    participants: 'the user\'s memberships (id and roles): the admin sees where the user has roles',
  },
  '59': { 'balance.last_topup': TOPUP },
  '64': { last_topup: TOPUP },
};

/** Objects keyed by ids: their values are compared with the example's first value. */
const MAPS: Record<string, Record<string, string>> = {
  '39': { 'data[].rewards_actions[]': 'keyed by claim id', 'rewards_actions[]': 'keyed by claim id' },
};

/** Arrays compared with the union of their documented elements' keys. */
const UNIONS: Record<string, Record<string, string>> = {
  '57': { '[]': 'both documented elements are users (type "user"), each showing the fields it has: we show every field of every user' },
};

/** Arrays whose elements' kind is another key than `type`. */
const KINDS: Record<string, Record<string, string>> = {
  '29': { '[]': 'current' },
  '45': { 'description[].activity[]': 'id', 'current_description.activity[]': 'id' },
};

/** Paths (besides COIN_KEYS names) that hold coins although the example prints a JSON number. */
const COIN_PATHS: Record<string, string[]> = {
  '46': ['contributor_levels[].coin_rate'],
  '58': ['data[].fee.value'],
};

export function rulesFor(row: string, example: string): ShapeRules {
  const pick = <T>(table: Record<string, T>): T | undefined => table[`${row} ${example}`] ?? table[row];
  return { extras: pick(EXTRAS), maps: pick(MAPS), unions: pick(UNIONS), kinds: pick(KINDS), coinPaths: pick(COIN_PATHS) };
}

/**
 * Routes (`<row> <example name>`) that differ from their example for a reason we keep, each with
 * the reason. The suite fails on any other difference. Keep it empty by fixing answers.
 */
export const KNOWN_DIFFERENCES: Record<string, string> = {};

/**
 * Documented examples the suite does not exercise, with the reason (the report lists them).
 */
export const NOT_EXERCISED: Record<string, string> = {};

/**
 * Where two examples of the documents disagree, what we picked (printed in the report; the
 * arrays whose elements disagree inside one example are found by the suite itself).
 */
export const DOC_DISAGREEMENTS: string[] = [
  '#21 GET /account prints two answers under one heading: the first (a basic user with every profile field, `boost: null`, '
    + '`participants`) and a second (a boosted gold user without phone, address, birthdate, gender, photo, job title or '
    + 'participants, `boost` an object). We answer like the first: profile fields when the user has them, `participants` always; '
    + 'the second is compared too, with the first one\'s fields allowed.',
  '#6 DELETE /account/customer and #26 POST /account/restore/:code show the same account answer with different fields: '
    + 'the first has `address2: ""`, `city`, `last_name`, `phone`; the second none of them. We answer the first one\'s fields '
    + '(those the user has, `address2` always) for both. Both examples print `coins` as a number (53, 30): we send 18-decimal strings.',
  '#12 POST /account/oauth has two examples: the JSON one (`id`, `new_user`, `merged_user`, `name`, `roles`, `ticket`) '
    + 'and the form-encoded one (`name`, `roles`, `ticket`, the ticket equal to the Facebook token). We answer the first for both '
    + 'content types (a session ticket of our own, never the provider\'s token). The prose says the answer is "the session '
    + 'representation (see Create Session API)", which has `modules`; both examples lack it, and we follow the examples.',
  '#57 GET /user/transactions/hashes/:hash shows two users with different fields (the first `password`, `pending_participant`, '
    + '`points`, `settings`; the second `address1`, `address2`, `city`, `job_title`, `last_name`, `merge`, `post_code`, `service`). '
    + 'We send every field of both; `password` is always null (a password hash is never shown).',
  '#38 POST /users/get: the profile example\'s `settings` has three settings, PUT /account/settings documents five; we send five.',
  '#58 POST /participants shows a `coins` fee with `value: 10` (a number); #59 and #63 show coins fees as strings '
    + '("20000000000000000000"); #64 shows a percentages fee as a number (50). We send a number for percentages and an '
    + '18-decimal string for coins.',
  '#46 POST /user/contributor_level prints `coin_rate` (coins per product, 2000000000000000000) as a number: we send a string.',
  '#39 POST /user/scans: scan records carry the scanning session\'s `ticket` and `authenticateit_identity_ticket`; a ticket is '
    + 'a secret, so we send both keys as null.',
];
