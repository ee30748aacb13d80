// Repo-wide check that request shapes are declared once: every DTO class a handler validates
// (`@Body/@Query/@Params/@Message(Dto)` of libs/transport, or any DtoPipe a handler's pipe holds),
// and every class nested in one (`@Type()`), is an export of libs/contracts; the DTO files there
// import no app code; no `*.dto.ts` is left under apps/.
import 'reflect-metadata';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import * as contracts from '#libs/contracts';
import { DtoPipe } from '#libs/errors';
import { APP_MODULES, controllersOf } from '../support/app-modules.js';

const ROOT = process.cwd();
interface TypeMetadataStorage {
  _typeMetadatas: Map<Function, Map<string, { typeFunction: () => unknown }>>;
}
// class-transformer's metadata storage (its own module, without typings): where @Type() is kept.
const STORAGE_MODULE = 'class-transformer/cjs/storage.js';
const { defaultMetadataStorage } = (await import(STORAGE_MODULE)) as { defaultMetadataStorage: TypeMetadataStorage };
const EXPORTED = new Set<unknown>(Object.values(contracts));

/** The DtoPipes of a pipe: itself, or those it holds (e.g. rewards' ScanInputPipe runs one for the slow path). */
function dtoPipesOf(pipe: unknown): DtoPipe<object>[] {
  if (pipe instanceof DtoPipe) return [pipe];
  return typeof pipe === 'object' && pipe !== null ? Object.values(pipe).filter((v): v is DtoPipe<object> => v instanceof DtoPipe) : [];
}

/** [where, DTO class] of every validated handler input. */
function validatedInputs(): [string, Function][] {
  return Object.values(APP_MODULES).flatMap((module) => controllersOf(module)).flatMap((controller) => {
    const proto = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto).flatMap((name) => {
      const fn = proto[name];
      if (typeof fn !== 'function' || !Reflect.getMetadata(PATTERN_METADATA, fn)) return [];
      const args = Object.values(Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as { pipes?: unknown[] }[];
      return args.flatMap((arg) => (arg.pipes ?? []).flatMap(dtoPipesOf)).map((pipe): [string, Function] => [`${controller.name}.${name}`, pipe.dto]);
    });
  });
}

/** The class and every class nested in it through class-transformer's @Type() (its own and inherited fields). */
function withNested(dto: Function, seen = new Set<Function>()): Function[] {
  if (seen.has(dto)) return [];
  seen.add(dto);
  const typeMetadatas = defaultMetadataStorage._typeMetadatas;
  const nested: Function[] = [];
  for (let c: Function | null = dto; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    for (const meta of typeMetadatas.get(c)?.values() ?? []) {
      const type = meta.typeFunction();
      if (typeof type === 'function' && ![Object, String, Number, Boolean].includes(type as never)) nested.push(type);
    }
  }
  return [dto, ...nested.flatMap((t) => withNested(t, seen))];
}

function files(dir: string, match: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, match);
    return match.test(name) ? [path] : [];
  });
}

const inputs = validatedInputs();

describe('request DTOs live in libs/contracts', () => {
  it('found the validated inputs of every app', () => {
    expect(inputs.length).toBeGreaterThan(60);
    expect(inputs.map(([where]) => where)).toEqual(expect.arrayContaining(['InputsController.scan', 'OpsController.runJob', 'AccountsController.create']));
  });

  it('every DTO a handler validates, and every class nested in it, is exported by libs/contracts', () => {
    const outside = inputs.flatMap(([where, dto]) => withNested(dto).filter((cls) => !EXPORTED.has(cls)).map((cls) => `${where}: ${cls.name}`));
    expect(outside).toEqual([]);
  });

  it('nested DTOs are followed (the check would see a nested class defined elsewhere)', () => {
    expect(withNested(contracts.IssueUserCertificateDto).map((c) => c.name)).toEqual(expect.arrayContaining(['CertificateItemDto', 'CertificateStoreDto']));
  });

  it('DTO class names are unique across libs/contracts', () => {
    const names = Object.entries(contracts).filter(([, v]) => typeof v === 'function').map(([, v]) => (v as Function).name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('the DTO files import no app code (only contracts, class-validator, class-transformer, class-validator-jsonschema annotations)', () => {
    const bad = files(join(ROOT, 'libs/contracts/src/dto'), /(?<!\.spec)\.ts$/).flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/from '([^']+)'|import '([^']+)'/g)]
      .map((m) => m[1] ?? m[2])
      .filter((spec) => !/^(\.{1,2}\/|class-validator$|class-validator-jsonschema$|class-transformer$|reflect-metadata$)/.test(spec) || /apps\//.test(spec))
      .map((spec) => `${relative(ROOT, path)}: ${spec}`));
    expect(bad).toEqual([]);
  });

  it('no *.dto.ts is left under apps/', () => {
    expect(files(join(ROOT, 'apps'), /\.dto\.ts$/).map((p) => relative(ROOT, p))).toEqual([]);
  });
});
