// Reads the environment classes (CommonEnv and each app's class extending it) from the
// TypeScript sources, without running them: names, literal defaults and doc comments.
// Used to generate .env.example and by the deploy tests to keep configuration honest.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from './apps.mjs';

const COMMON_FILE = 'libs/config/src/common-env.ts';
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
/** A feature's own env class, loaded beside the app's (e.g. OAuthEnv, ReadinessEnv). */
const STANDALONE_ENV = /^[A-Z][A-Za-z]*Env$/;

function* tsFiles(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (/\.ts$/.test(entry.name) && !/\.(spec|e2e|d)\.ts$/.test(entry.name)) yield path;
  }
}

/** The value of a default initialiser when it is a literal (or simple arithmetic / a local constant). */
function literal(node, consts) {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text.replace(/_/g, ''));
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isParenthesizedExpression(node)) return literal(node.expression, consts);
  if (ts.isIdentifier(node)) return consts.get(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    const v = literal(node.operand, consts);
    return typeof v === 'number' ? -v : undefined;
  }
  if (ts.isBinaryExpression(node)) {
    const a = literal(node.left, consts);
    const b = literal(node.right, consts);
    if (typeof a !== 'number' || typeof b !== 'number') return undefined;
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.AsteriskToken: return a * b;
      case ts.SyntaxKind.PlusToken: return a + b;
      case ts.SyntaxKind.MinusToken: return a - b;
      case ts.SyntaxKind.SlashToken: return a / b;
      default: return undefined;
    }
  }
  return undefined;
}

function docOf(member) {
  return ts.getJSDocCommentsAndTags(member)
    .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
    .join(' ').replace(/\s+/g, ' ').trim();
}

function classesIn(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const consts = new Map();
  const classes = [];
  for (const stmt of source.statements) {
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) consts.set(d.name.text, literal(d.initializer, consts));
      }
    }
    if (!ts.isClassDeclaration(stmt) || !stmt.name) continue;
    const base = stmt.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression.getText(source);
    const vars = stmt.members
      .filter((m) => ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && ENV_NAME.test(m.name.text))
      .map((m) => ({ name: m.name.text, default: literal(m.initializer, consts), doc: docOf(m) }));
    classes.push({ className: stmt.name.text, base, vars });
  }
  return classes;
}

/**
 * Every env class: `{ app, file, className, vars }`, app 'common' for CommonEnv.
 * An app's class is one that extends CommonEnv (directly or through another env class), or a
 * feature's own `*Env` class with variables of its own.
 */
export function readEnvClasses(root = ROOT) {
  const found = [];
  for (const c of classesIn(join(root, COMMON_FILE))) {
    if (c.className === 'CommonEnv') found.push({ app: 'common', file: COMMON_FILE, ...c });
  }
  const candidates = [];
  const appsDir = join(root, 'apps');
  for (const app of existsSync(appsDir) ? readdirSync(appsDir) : []) {
    for (const file of tsFiles(join(appsDir, app, 'src'))) {
      for (const c of classesIn(file)) if (c.base || STANDALONE_ENV.test(c.className)) candidates.push({ app, file: relative(root, file), ...c });
    }
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of candidates) {
      if (found.includes(c)) continue;
      const standalone = !c.base && STANDALONE_ENV.test(c.className) && c.vars.length > 0;
      if (standalone || found.some((f) => f.className === c.base && (f.app === 'common' || f.app === c.app))) { found.push(c); grew = true; }
    }
  }
  return found;
}

/** Variable names each app reads: its env classes plus CommonEnv. */
export function envVarsByApp(root = ROOT) {
  const classes = readEnvClasses(root);
  const common = classes.filter((c) => c.app === 'common').flatMap((c) => c.vars.map((v) => v.name));
  const byApp = {};
  for (const c of classes) {
    if (c.app === 'common') continue;
    byApp[c.app] ??= new Set(common);
    for (const v of c.vars) byApp[c.app].add(v.name);
  }
  return Object.fromEntries(Object.entries(byApp).map(([app, names]) => [app, [...names].sort()]));
}
