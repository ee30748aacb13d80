/** One activity requirement of a level, as in the doc's /user/level `activity` items. */
export interface LevelActivity {
  id: 'unique_scans' | 'number_of_days_with_no_scans' | 'write_review' | 'buddies' | string;
  description: string;
  description_i18n_id: string;
  levelup_text: string;
  levelup_text_i18n_id: string;
  name: string;
  name_i18n_id: string;
  period?: number;
  range?: string;
  value: number;
}

export interface LevelEarning {
  coins: string;
  description: string;
  description_i18n_id: string;
  full_description: string;
  full_description_i18n_id: string;
  type: 'scanning_products' | 'adding_new' | 'writing_reviews' | 'editing_product' | 'submitting_lifehack' | string;
}

/** A level as the doc's /user/level `description` items; `short_description` holds a `{}` for the days. */
export interface LevelDefinition {
  activity: LevelActivity[];
  coin_rate: number;
  earnings: LevelEarning[];
  footer: string;
  footer_i18n_id: string;
  header: string;
  header_i18n_id: string;
  icon: string;
  name: string;
  name_i18n_id: string;
  short_description: string;
  short_description_i18n_id: string;
  title: string;
  title_i18n_id: string;
  type: string;
}

/** What a user did in one (local) calendar month. */
export interface MonthStats {
  unique_scans: number;
  active_days: number;
  reviews: number;
  buddies: number;
}

export interface MonthWindow {
  /** UTC instants of the local month's first and the next month's first midnight. */
  from: Date;
  to: Date;
  period: string;
  daysInMonth: number;
  /** Whole days until the level is recomputed (at least 1). */
  daysLeft: number;
}
