// Regenerates apps/gateway/src/openapi/input-schemas.ts: the JSON schema of every routed handler's
// validated input (`@Body(Dto)`, `@Query(Dto)`, `@Params(Dto)` of libs/transport), made from the
// DTO classes by class-validator-jsonschema, so the published document shows what the edge checks.
//   npm run docs:inputs      (builds first: the handlers are read from dist/)
//   node scripts/openapi-inputs.mjs [--check]   --check: exit 1 when input-schemas.ts differs
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { PATTERN_HANDLER_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { getMetadataStorage, IS_OPTIONAL, ValidationTypes } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { defaultConverters } from 'class-validator-jsonschema/build/defaultConverters.js';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { ROOT } from './lib/apps.mjs';

const TARGET = join(ROOT, 'apps/gateway/src/openapi/input-schemas.ts');
const MODULES = {
  identity: 'identity/src/identity.module.js',
  rewards: 'rewards/src/rewards.module.js',
  'participants-billing': 'participants-billing/src/participants-billing.module.js',
  certificates: 'certificates/src/certificates.module.js',
};
const EVENT_HANDLER = 2;
const PARTS = new Set(['body', 'query', 'params']);

const contracts = await import(join(ROOT, 'dist/libs/contracts/src/index.js'));
const { HTTP_ROUTES } = contracts;
/** `IdentityPattern.AccountCreate` for 'identity.account.create': the generated file names patterns by their constants. */
const PATTERN_OBJECTS = ['IdentityPattern', 'RewardsPattern', 'BillingPattern', 'CertificatesPattern'];
const constantOf = new Map(PATTERN_OBJECTS.flatMap((object) => Object.entries(contracts[object]).map(([key, value]) => [value, [object, key]])));
const { DtoPipe } = await import(join(ROOT, 'dist/libs/errors/src/index.js'));
const routed = new Set(HTTP_ROUTES.map((r) => r.pattern));

/** Every controller of a module graph (static and dynamic imports). */
function controllersOf(module, seen = new Set()) {
  if (!module || seen.has(module)) return [];
  seen.add(module);
  const cls = module.module ?? module;
  const imports = [...(Reflect.getMetadata('imports', cls) ?? []), ...(module.imports ?? [])];
  const own = [...(Reflect.getMetadata('controllers', cls) ?? []), ...(module.controllers ?? [])];
  return [...own, ...imports.flatMap((m) => controllersOf(m, seen))];
}

/** [pattern, part, DTO class] for each validated input of a routed message handler. */
function inputsOf(controller) {
  const proto = controller.prototype;
  return Object.getOwnPropertyNames(proto).flatMap((name) => {
    const fn = proto[name];
    const patterns = typeof fn === 'function' ? Reflect.getMetadata(PATTERN_METADATA, fn) : undefined;
    if (!patterns || Reflect.getMetadata(PATTERN_HANDLER_METADATA, fn) === EVENT_HANDLER) return [];
    const args = Object.values(Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {});
    const parts = args.flatMap((arg) => {
      const pipe = (arg.pipes ?? []).find((p) => p instanceof DtoPipe);
      return pipe && PARTS.has(arg.data) ? [[arg.data, pipe.dto]] : [];
    });
    return patterns.filter((p) => routed.has(String(p))).flatMap((p) => parts.map(([part, dto]) => [String(p), part, dto]));
  });
}

/** Schemas of our custom validators whose property has no single design type (`string | string[]` reflects as Object). */
const oneLine = { type: 'string', maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]*$' };
const CUSTOM_RULES = {
  isStringOrStringArray: { oneOf: [oneLine, { type: 'array', maxItems: 100, items: oneLine }] },
};
const customValidation = (meta, opts) => {
  const name = getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls)[0]?.name;
  return CUSTOM_RULES[name] ?? defaultConverters[ValidationTypes.CUSTOM_VALIDATION](meta, opts);
};
const additionalConverters = {
  [ValidationTypes.CUSTOM_VALIDATION]: customValidation,
  // IsOptional also lets null through (class-validator skips null and undefined): such fields are nullable.
  [ValidationTypes.CONDITIONAL_VALIDATION]: (meta) => (meta.name === IS_OPTIONAL ? { nullable: true } : {}),
};
const options = { classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix: '#/components/schemas/', additionalConverters };
const inputs = {};
const BUILT_IN_REF = /"\$ref":"#\/components\/schemas\/(Object|Array|String|Number|Boolean)"/;

/** The DTO's schema with its nested DTOs (`@ValidateNested()` + `@Type()`) inlined: class names may repeat across apps. */
function schemaOf(dto, path = []) {
  if (path.includes(dto)) throw new Error(`${dto.name} nests itself`);
  // The edge refuses fields the class does not declare (forbidNonWhitelisted), nested ones too.
  const schema = { ...targetConstructorToSchema(dto, options), additionalProperties: false };
  for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
    if (!JSON.stringify(propertySchema).includes('"$ref"')) continue;
    const nested = defaultMetadataStorage.findTypeMetadata(dto, property)?.typeFunction();
    if (nested) schema.properties[property] = inlined(propertySchema, schemaOf(nested, [...path, dto]));
    else if (BUILT_IN_REF.test(JSON.stringify(propertySchema))) schema.properties[property] = inlined(propertySchema, {}); // a union or custom rule: any JSON value here
    else throw new Error(`${dto.name}.${property} refers to a class without @Type()`);
  }
  return schema;
}

/** OpenAPI 3.0 has no `null` type: IsDefined's `not: {type: 'null'}` goes (non-null is the default there). */
function openApi30(schema) {
  if (Array.isArray(schema)) return schema.map(openApi30);
  if (typeof schema !== 'object' || schema === null) return schema;
  const entries = Object.entries(schema).filter(([key, value]) => !(key === 'not' && value?.type === 'null'));
  const out = Object.fromEntries(entries.map(([key, value]) => [key, openApi30(value)]));
  // `nullable` needs a `type` beside it: a union takes it into its typed branches; an untyped value allows null anyway.
  if (out.nullable && out.type === undefined) {
    delete out.nullable;
    for (const key of ['anyOf', 'oneOf']) out[key] = out[key]?.map((branch) => (branch.type ? { ...branch, nullable: true } : branch));
    for (const key of ['anyOf', 'oneOf']) if (out[key] === undefined) delete out[key];
  }
  return out;
}

function inlined(schema, nested) {
  if (typeof schema !== 'object' || schema === null) return schema;
  if (schema.$ref) return nested;
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, Array.isArray(value) ? value.map((v) => inlined(v, nested)) : inlined(value, nested)]));
}

for (const [service, file] of Object.entries(MODULES)) {
  const exports = await import(join(ROOT, 'dist/apps', file));
  const module = Object.values(exports).find((value) => typeof value === 'function' && Reflect.getMetadata('imports', value));
  if (!module) throw new Error(`no module exported by ${file} (${service})`);
  for (const [pattern, part, dto] of controllersOf(module).flatMap(inputsOf)) {
    (inputs[pattern] ??= {})[part] = openApi30(schemaOf(dto));
  }
}

const entries = Object.entries(inputs).sort(([a], [b]) => a.localeCompare(b)).map(([pattern, parts]) => {
  const [object, key] = constantOf.get(pattern) ?? [];
  if (!object) throw new Error(`${pattern} is not a declared pattern`);
  return `  [${object}.${key}]: ${JSON.stringify(parts, null, 2).replace(/\n/g, '\n  ')},`;
});
const used = PATTERN_OBJECTS.filter((object) => entries.some((line) => line.startsWith(`  [${object}.`)));
const text = `// Generated by scripts/openapi-inputs.mjs from the DTO classes of the routed handlers: do not edit.
import type { SchemaObject } from '@nestjs/swagger';
import { ${used.join(', ')} } from '#libs/contracts';

export interface InputSchemas { body?: SchemaObject; query?: SchemaObject; params?: SchemaObject }

/** Validated inputs by message pattern. */
export const INPUT_SCHEMAS: Record<string, InputSchemas> = {
${entries.join('\n')}
};
`;

if (process.argv.includes('--check')) {
  const current = (() => { try { return readFileSync(TARGET, 'utf8'); } catch { return ''; } })();
  if (current !== text) {
    console.error(`${TARGET} is not what scripts/openapi-inputs.mjs generates: run npm run docs:inputs`);
    process.exit(1);
  }
} else {
  writeFileSync(TARGET, text);
  console.log(`${Object.keys(inputs).length} routed patterns with validated inputs`);
}
process.exit(0);
