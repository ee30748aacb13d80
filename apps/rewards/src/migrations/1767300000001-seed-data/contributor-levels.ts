// Frozen with migration 1767300000001 (SeedRewardsRules), copied from shared/api/identity-service.txt:
// what a fresh database gets. A change to these rules is a new migration, never an edit here.
export const CONTRIBUTOR_LEVELS_SEED: Record<string, unknown>[] = [
  {
    "accuracy": 95,
    "coin_rate": 2000000000000000000,
    "current": true,
    "current_percentages": 50,
    "days_left": 12,
    "descriptions": "Add new products to Shping regularly to maintain your contributor status!",
    "descriptions_i18n_id": "contributor_levels-newbie-descriptions",
    "full_description": "While at the Newbie level, you will receive 2 Shping coins for every product added and verified by Shping verification team.",
    "full_description_i18n_id": "contributor_levels-newbie-full_description",
    "max_percentages": 100,
    "name": "Newbie",
    "name_i18n_id": "contributor_levels-newbie-name",
    "products": 5,
    "todo_description": "<b>0</b> new products",
    "todo_description_i18n_id": "contributor_levels-newbie-todo_description",
    "type": "newbie"
  },
  {
    "accuracy_rating": 90,
    "coin_rate": 3000000000000000000,
    "contributions": 10,
    "current": false,
    "descriptions": "Add new products to Shping regularly to maintain your contributor status!",
    "descriptions_i18n_id": "contributor_levels-expert-descriptions",
    "full_description": "While at the Expert level, you will receive 3 Shping coins for every product added and verified by Shping verification team. Being an expert contributor your contribution get recognized even further, all you contributions are linked to your profile and whenever someone new scans that product you earn One Shping coint. Its very important to ensure that information is complete and correct, as if anyone else will correct the error and find information you have forgotten to enter which exists on the product packaging This person would become the new source for this product while you would loose your entitlements.",
    "full_description_i18n_id": "contributor_levels-expert-full_description",
    "interval": "month",
    "name": "Expert",
    "name_i18n_id": "contributor_levels-expert-name",
    "todo_description": "<b>10</b> new products",
    "todo_description_i18n_id": "contributor_levels-expert-todo_description",
    "type": "expert"
  },
  {
    "accuracy_rating": 97,
    "coin_rate": 4000000000000000000,
    "contributions": 30,
    "current": false,
    "descriptions": "Add new products to Shping regularly to maintain your contributor status!",
    "full_description": "While at the Guru level, you will receive 4 Shping coins for every product added and verified by Shping verification team. Being an expert contributor your contribution get recognized even further, all you contributions are linked to your profile and whenever someone new scans that product you earn Two Shping coins. Its very important to ensure that information is complete and correct, as if anyone else will correct the error and find information you have forgotten to enter which exists on the product packaging This person would become the new source for this product while you would loose your entitlements.",
    "interval": "month",
    "name": "Guru",
    "name_i18n_id": "contributor_levels-guru-todo_description",
    "todo_description": "<b>30</b> new products",
    "type": "guru"
  }
];
