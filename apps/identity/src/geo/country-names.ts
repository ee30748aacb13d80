import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);
for (const lang of ['en', 'ru', 'zh']) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

export interface CountryCodes {
  alpha2: string;
  alpha3: string;
  /** ISO 3166-1 numeric, as the docs use for `country` ("643"). */
  iso: string;
  name: string;
  name_ru: string;
  name_zh: string;
}

/** Codes and names (en / ru / zh) of an alpha-2 country, or undefined for an unknown code. */
export function countryCodes(alpha2: string): CountryCodes | undefined {
  const code = alpha2.toUpperCase();
  const alpha3 = countries.alpha2ToAlpha3(code);
  const iso = countries.alpha2ToNumeric(code);
  if (!alpha3 || !iso) return undefined;
  return {
    alpha2: code, alpha3, iso,
    name: countries.getName(code, 'en', { select: 'official' }) ?? code,
    name_ru: countries.getName(code, 'ru', { select: 'official' }) ?? code,
    name_zh: countries.getName(code, 'zh', { select: 'official' }) ?? code,
  };
}
