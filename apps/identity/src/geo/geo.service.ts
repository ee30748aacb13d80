import { Injectable, Logger } from '@nestjs/common';
import { isIP } from 'node:net';
import { continents, countries, getEmojiFlag, languages } from 'countries-list';
import { DomainError } from '#libs/errors';
import { IdentityEnv } from '../config/identity-env.js';
import { countryCodes, type CountryCodes } from './country-names.js';

type GeoIp = { lookup(ip: string): import('geoip-lite').Lookup | null };

const TZ_CONTINENT: Record<string, string> = { Europe: 'EU', Asia: 'AS', Africa: 'AF', Australia: 'OC', Pacific: 'OC', Antarctica: 'AN' };

/**
 * Country and location of an IP from geoip-lite's offline GeoLite data (shipped in the npm
 * package, ~150 MB in memory once loaded: loaded at the first geo request, not at start).
 * That data has no geoname ids, post codes, region names or flag images: those documented
 * keys are null.
 */
@Injectable()
export class GeoService {
  private readonly logger = new Logger(GeoService.name);
  private geoip?: Promise<GeoIp>;

  constructor(private readonly env: IdentityEnv) {}

  async currentCountry(ip: string | undefined): Promise<CountryCodes & { type: 'matched' | 'default' }> {
    const found = ip && isIP(ip) ? (await this.db()).lookup(ip) : null;
    const matched = found?.country ? countryCodes(found.country) : undefined;
    if (matched) return { ...matched, type: 'matched' };
    return { ...countryCodes(this.env.GEO_DEFAULT_COUNTRY)!, type: 'default' };
  }

  async geolocation(ip: string) {
    const version = isIP(ip);
    if (!version) throw DomainError.invalid('Invalid request', [{ field: 'ip', errors: ['ip must be an IPv4 or IPv6 address'] }]);
    const found = (await this.db()).lookup(ip);
    if (!found?.country) throw DomainError.notFound('No location is known for this IP address', 'identity.geo.not_found');
    const country = countries[found.country as keyof typeof countries];
    const tzContinent = TZ_CONTINENT[found.timezone?.split('/')[0] ?? ''];
    const continent = country && tzContinent && (country.continents as string[] | undefined)?.includes(tzContinent) ? tzContinent : country?.continent;
    const flag = getEmojiFlag(found.country as keyof typeof countries);
    return {
      city: found.city || null,
      continent_code: continent ?? null,
      continent_name: continent ? continents[continent as keyof typeof continents] : null,
      country_code: found.country,
      country_name: country?.name ?? countryCodes(found.country)?.name ?? found.country,
      ip,
      latitude: found.ll[0],
      location: {
        calling_code: country ? country.phone.join(',') : null,
        capital: country?.capital ?? null,
        country_flag: null, // no flag image of our own to link to
        country_flag_emoji: flag,
        country_flag_emoji_unicode: [...flag].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(' '),
        geoname_id: null,
        is_eu: found.eu === '1',
        languages: (country?.languages ?? []).map((code) => ({ code, ...languages[code as keyof typeof languages] })),
      },
      longitude: found.ll[1],
      region_code: found.region || null,
      region_name: null,
      type: version === 6 ? 'ipv6' : 'ipv4',
      zip: null,
    };
  }

  private db(): Promise<GeoIp> {
    this.geoip ??= import('geoip-lite').then((m) => {
      this.logger.log('geoip database loaded');
      const mod = m as unknown as { default?: GeoIp } & GeoIp;
      return mod.default ?? mod;
    });
    return this.geoip;
  }
}
