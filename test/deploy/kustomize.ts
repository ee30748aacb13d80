// A small kustomize renderer for the features k8s/ uses (resources, namespace, labels,
// images, JSON 6902 patches with a target whose name is a regex as in kustomize), so the
// manifests can be checked without kubectl. With kubectl present, the tests also render with
// `kubectl kustomize` and require both renderings to agree.
import { spawnSync } from 'node:child_process';
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
      if (p.target?.name && !new RegExp(`^(?:${p.target.name})$`).test(doc.metadata.name)) continue;
      for (const op of ops) applyOp(doc, op);
    }
  }
  for (const doc of docs) {
    for (const l of k.labels ?? []) doc.metadata.labels = { ...doc.metadata.labels, ...l.pairs };
    if (k.namespace) doc.metadata.namespace = k.namespace;
    for (const c of allContainersOf(doc)) {
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
  if (Array.isArray(node) && op.op === 'add') node.splice(last === '-' ? node.length : Number(last), 0, structuredClone(op.value));
  else if (Array.isArray(node) && op.op === 'remove') node.splice(Number(last), 1);
  else if (op.op === 'remove') delete node[last];
  else if (op.op === 'replace' && !(last in node)) throw new Error(`replace of missing ${op.path} in ${doc.kind}/${doc.metadata.name}`);
  else node[last] = structuredClone(op.value);
}

export function containersOf(doc: K8sDoc): any[] {
  return doc.spec?.template?.spec?.containers ?? [];
}

/** Every container of a pod template, init containers included. */
export function allContainersOf(doc: K8sDoc): any[] {
  return [...(doc.spec?.template?.spec?.initContainers ?? []), ...containersOf(doc)];
}

/** `kubectl kustomize <dir>` parsed, or null when kubectl is not installed. */
export function renderWithKubectl(dir: string): K8sDoc[] | null {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return null;
  if (run.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${run.stderr || run.error}`);
  return parseAllDocuments(run.stdout).map((d) => d.toJS()).filter((d) => d != null);
}

export function splitImage(image: string): [string, string | undefined] {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? [image.slice(0, at), image.slice(at + 1)] : [image, undefined];
}

type LabelSelector = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };

/** Whether a Kubernetes label selector selects these labels ({} selects everything). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return values.includes(labels[key]);
    if (operator === 'NotIn') return !values.includes(labels[key]);
    if (operator === 'Exists') return key in labels;
    if (operator === 'DoesNotExist') return !(key in labels);
    throw new Error(`unknown selector operator ${operator}`);
  });
  return byLabels && byExpressions;
}

export function podLabelsOf(doc: K8sDoc): Record<string, string> {
  return doc.spec?.template?.metadata?.labels ?? {};
}

/** CPU quantity ("250m", "1") in millicores. */
export function cpuMillis(q: string | number): number {
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) : Number(s) * 1000;
}

/** Memory quantity ("256Mi", "1Gi", "512M") in bytes. */
export function memBytes(q: string | number): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(q));
  if (!m) throw new Error(`unparsed memory quantity ${q}`);
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2] ?? ''] ?? 1;
  return Number(m[1]) * unit;
}

/** A port as a number: named ports are looked up in the containers' ports. */
export function portNumber(port: string | number, containers: any[]): number | undefined {
  if (typeof port === 'number') return port;
  return containers.flatMap((c) => c.ports ?? []).find((p: any) => p.name === port)?.containerPort;
}
