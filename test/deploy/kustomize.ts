// A small kustomize renderer for the features k8s/ uses (resources, namespace, labels,
// images, JSON 6902 patches with a target), so the manifests can be checked without kubectl.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type K8sDoc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [k: string]: any };
type Op = { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown };
type Kustomization = {
  resources?: string[];
  namespace?: string;
  labels?: { pairs: Record<string, string> }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target?: { kind?: string; name?: string }; patch?: string; path?: string }[];
};

export function readYamlDocs(file: string): any[] {
  return parseAllDocuments(readFileSync(file, 'utf8'), { merge: true })
    .map((d) => { if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`); return d.toJS(); })
    .filter((d) => d != null);
}

export function renderKustomization(dir: string): K8sDoc[] {
  const k: Kustomization = readYamlDocs(join(dir, 'kustomization.yaml'))[0];
  const docs: K8sDoc[] = [];
  for (const r of k.resources ?? []) {
    const path = join(dir, r);
    docs.push(...(statSync(path).isDirectory() ? renderKustomization(path) : readYamlDocs(path)));
  }
  for (const p of k.patches ?? []) {
    const ops: Op[] = readPatch(dir, p);
    for (const doc of docs) {
      if (p.target?.kind && p.target.kind !== doc.kind) continue;
      if (p.target?.name && p.target.name !== doc.metadata.name) continue;
      for (const op of ops) applyOp(doc, op);
    }
  }
  for (const doc of docs) {
    for (const l of k.labels ?? []) doc.metadata.labels = { ...doc.metadata.labels, ...l.pairs };
    if (k.namespace) doc.metadata.namespace = k.namespace;
    for (const c of containersOf(doc)) {
      const [name, tag] = splitImage(c.image);
      const rule = k.images?.find((i) => i.name === name);
      if (rule) c.image = `${rule.newName ?? name}${rule.newTag ?? tag ? `:${rule.newTag ?? tag}` : ''}`;
    }
  }
  return docs;
}

function readPatch(dir: string, p: NonNullable<Kustomization['patches']>[number]): Op[] {
  if (!p.target) throw new Error('only JSON 6902 patches with a target are supported by this renderer');
  const text = p.patch ?? readFileSync(join(dir, p.path!), 'utf8');
  return readYamlDocsFromText(text)[0];
}

function readYamlDocsFromText(text: string): any[] {
  return parseAllDocuments(text).map((d) => d.toJS());
}

function applyOp(doc: any, op: Op) {
  const keys = op.path.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = keys.pop()!;
  let node = doc;
  for (const key of keys) {
    if (node[key] === undefined) throw new Error(`patch path ${op.path} not found in ${doc.kind}/${doc.metadata.name}`);
    node = node[key];
  }
  if (op.op === 'remove') delete node[last];
  else if (op.op === 'replace' && !(last in node)) throw new Error(`replace of missing ${op.path} in ${doc.kind}/${doc.metadata.name}`);
  else node[last] = structuredClone(op.value);
}

export function containersOf(doc: K8sDoc): any[] {
  return doc.spec?.template?.spec?.containers ?? [];
}

export function splitImage(image: string): [string, string | undefined] {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? [image.slice(0, at), image.slice(at + 1)] : [image, undefined];
}
