// Repo-wide check of the names where services meet: every pattern sent or routed has exactly one
// handler, every handler is sent or routed to, every event has an emitter and its subscribers,
// and no pattern or event name is written as a string literal outside libs/contracts.
import 'reflect-metadata';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PATTERN_HANDLER_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { INTERNAL_POLICY } from '#libs/transport';
import { BillingPattern, CertificatesPattern, EVENT_SUBSCRIBERS, Events, HTTP_ROUTES, IdentityPattern, OUTSIDE_CALLER_PATTERNS, RewardsPattern, type ServiceName } from '#libs/contracts';
import { APP_MODULES, controllersOf } from '../support/app-modules.js';

const ROOT = process.cwd();
const PATTERN_OBJECTS = { IdentityPattern, RewardsPattern, BillingPattern, CertificatesPattern } as const;
const OWNER: Record<keyof typeof PATTERN_OBJECTS, ServiceName> = {
  IdentityPattern: 'identity', RewardsPattern: 'rewards', BillingPattern: 'participants-billing', CertificatesPattern: 'certificates',
};
const APPS = APP_MODULES;
const EVENT_HANDLER = 2; // Nest's PatternHandler.EVENT

interface Handler { service: ServiceName; pattern: string; event: boolean; where: string; internal: boolean }

function handlersOf(service: ServiceName): Handler[] {
  return controllersOf(APPS[service]).flatMap((controller) => {
    const proto = (controller as { prototype: Record<string, unknown> }).prototype;
    return Object.getOwnPropertyNames(proto).flatMap((name) => {
      const fn = proto[name];
      const patterns = typeof fn === 'function' ? Reflect.getMetadata(PATTERN_METADATA, fn as object) as unknown[] | undefined : undefined;
      if (!patterns) return [];
      const event = Reflect.getMetadata(PATTERN_HANDLER_METADATA, fn as object) === EVENT_HANDLER;
      const internal = Reflect.getMetadata(INTERNAL_POLICY, fn as object) !== undefined;
      return patterns.map((pattern) => ({ service, pattern: String(pattern), event, internal, where: `${controller.name}.${name}` }));
    });
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

const handlers = (Object.keys(APPS) as ServiceName[]).flatMap(handlersOf);
/** Source without comments (names in doc comments are not uses). */
const read = (path: string) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`])\/\/.*$/gm, '$1') });
const appSources = sourceFiles(join(ROOT, 'apps')).map(read);
const decorator = /@(Message|Event)Pattern(<[^>]*>)?\(\s*[\w.]+\s*\)/g;
/** References to a constant outside handler decorators: a send, an emit, or a helper that sends. */
const referenced = (expr: string) => {
  const whole = new RegExp(`${expr.replace('.', '\\.')}(?![\\w])`); // RewardsPattern.Cashout is not RewardsPattern.CashoutHttp
  return appSources.some(({ text }) => whole.test(text.replace(decorator, '')));
};

const declared = Object.entries(PATTERN_OBJECTS).flatMap(([object, patterns]) =>
  Object.entries(patterns).map(([key, value]) => ({ expr: `${object}.${key}`, value, owner: OWNER[object as keyof typeof OWNER] })));
const routed = new Set(HTTP_ROUTES.map((r) => r.pattern));

describe('message and event names (all apps)', () => {
  it('found the handlers of every app', () => {
    for (const service of Object.keys(APPS)) expect(handlers.filter((h) => h.service === service).length).toBeGreaterThan(5);
  });

  it('every declared pattern has exactly one handler, in its owning service', () => {
    const problems = declared.flatMap(({ expr, value, owner }) => {
      const mine = handlers.filter((h) => h.pattern === value && !h.event);
      if (mine.length !== 1) return [`${expr} (${value}): ${mine.length} handlers ${mine.map((h) => h.where).join(', ')}`];
      return mine[0].service === owner ? [] : [`${expr} is handled by ${mine[0].service}, declared for ${owner}`];
    });
    expect(problems).toEqual([]);
  });

  it('every handler pattern is declared in libs/contracts', () => {
    const known = new Set<string>([...declared.map((d) => d.value), ...Object.values(Events)]);
    expect(handlers.filter((h) => !known.has(h.pattern)).map((h) => `${h.where}: ${h.pattern}`)).toEqual([]);
  });

  it('every route goes to a declared pattern of the service that handles it', () => {
    const problems = HTTP_ROUTES.flatMap((route) => {
      const handler = handlers.find((h) => h.pattern === route.pattern && !h.event);
      return handler?.service === route.service ? [] : [`${route.method} ${route.path}: ${route.pattern} → ${handler?.service ?? 'no handler'}`];
    });
    expect(problems).toEqual([]);
  });

  it('every message handler declares who may call it: routed (the Auth column) or @Internal(), never both', () => {
    const problems = handlers.filter((h) => !h.event).flatMap((h) => {
      if (routed.has(h.pattern) === h.internal) return [`${h.where} (${h.pattern}): ${h.internal ? 'routed and @Internal()' : 'neither routed nor @Internal()'}`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('every pattern is routed, sent by one of our services, or a documented entry point for outside callers', () => {
    const outside = new Set<string>(OUTSIDE_CALLER_PATTERNS);
    const unused = declared.filter(({ expr, value }) => !routed.has(value) && !outside.has(value) && !referenced(expr));
    expect(unused.map((d) => `${d.expr} (${d.value})`)).toEqual([]);
    const needless = [...outside].filter((value) => routed.has(value) || declared.some((d) => d.value === value && referenced(d.expr)));
    expect(needless).toEqual([]);
  });

  it('every event is emitted, and subscribed by exactly the services EVENT_SUBSCRIBERS names', () => {
    for (const [key, event] of Object.entries(Events)) {
      const emitted = appSources.filter(({ text }) => new RegExp(`\\.emit(<[^>]*>)?\\(\\s*Events\\.${key}\\b`).test(text));
      expect({ event, emitters: emitted.length > 0 }).toEqual({ event, emitters: true });
      const subscribers = handlers.filter((h) => h.event && h.pattern === event).map((h) => h.service).sort();
      expect({ event, subscribers }).toEqual({ event, subscribers: [...EVENT_SUBSCRIBERS[event]].sort() });
    }
    expect(handlers.filter((h) => h.event && !(Object.values(Events) as string[]).includes(h.pattern))).toEqual([]);
  });

  it('no pattern or event name is written as a string literal outside libs/contracts', () => {
    const names = new Set<string>([...declared.map((d) => d.value), ...Object.values(Events)]);
    const files = [...appSources, ...sourceFiles(join(ROOT, 'libs')).filter((p) => !p.includes('/libs/contracts/')).map(read)];
    const literals = files.flatMap(({ path, text }) =>
      [...text.matchAll(/(['"`])([a-z-]+\.[a-z.-]+)\1/g)].filter((m) => names.has(m[2])).map((m) => `${path}: ${m[0]}`));
    expect(literals).toEqual([]);
  });
});
