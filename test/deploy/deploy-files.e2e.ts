// Static checks that docker-compose.yml, k8s/ (rendered per overlay), the Dockerfile and
// .env.example agree with the code: the apps that exist, their env classes and health ports.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { GATEWAY_PORT, HEALTH_PORTS, ROOT } from '../../scripts/lib/apps.mjs';
import { envVarsByApp, readEnvClasses } from '../../scripts/lib/env-classes.mjs';
import { allContainersOf, containersOf, cpuMillis, type K8sDoc, memBytes, podLabelsOf, portNumber, renderKustomization, renderWithKubectl, selects, splitImage } from './kustomize.js';

const appDirs = readdirSync(join(ROOT, 'apps'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const varsByApp = envVarsByApp();
const allDeclaredVars = new Set(Object.values(varsByApp).flat());
/** Read by the container itself rather than an env class. */
const PROCESS_VARS = new Set(['APP', 'NODE_ENV']);
const envValue = (env: Array<{ name: string; value?: string }> = [], name: string) => env.find((e) => e.name === name)?.value;

/** The Dockerfile's USER; every pod of ours runs as it. */
const APP_UID = 10001;
/** Apps with a database (a migrations folder), and those that can be migrated by `migrate.js`. */
const dbApps = appDirs.filter((app) => existsSync(join(ROOT, 'apps', app, 'src/migrations')));
const migrateApps = dbApps.filter((app) => existsSync(join(ROOT, 'apps', app, 'src/migrate.ts')));
/**
 * Apps with migrations but no apps/<app>/src/migrate.ts: they keep migrating at start everywhere.
 * When one gains a migrate.ts, this fails: add it to the migrations Job (k8s prod) and the compose
 * `migrate` service, set its RUN_MIGRATIONS=false there, and remove it from this list.
 */
const MIGRATE_SCRIPT_MISSING: string[] = [];
/** The migrate.js paths in a command line, each checked to come from an apps/<app>/src/migrate.ts. */
const migrateScriptsIn = (command: string) => [...command.matchAll(/node (dist\/apps\/([a-z-]+)\/src\/migrate\.js)/g)].map((m) => m[2]);
const serviceApps = appDirs.filter((app) => app !== 'gateway');

describe('apps and their env classes', () => {
  it('has the five apps', () => {
    expect(appDirs).toEqual(expect.arrayContaining(['gateway', 'identity', 'rewards', 'participants-billing', 'certificates']));
  });

  it.each(appDirs)('%s declares an env class extending CommonEnv', (app) => {
    expect(readEnvClasses().filter((c) => c.app === app).map((c) => c.className)).not.toHaveLength(0);
  });

  it.each(appDirs)('%s: every variable it declares is in .env.example', (app) => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    expect((varsByApp[app] ?? []).filter((name) => !listed.has(name))).toEqual([]);
  });

  it('finds every env class of every app (a feature loading its own *Env class included)', () => {
    const declared = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return declared(path);
      if (!/\.ts$/.test(e.name) || /\.(spec|e2e)\.ts$/.test(e.name)) return [];
      return [...readFileSync(path, 'utf8').matchAll(/^export class ([A-Z][A-Za-z]*Env)\b/gm)].map((m) => m[1]);
    });
    const inSources = appDirs.flatMap((app) => declared(join(ROOT, 'apps', app, 'src'))).sort();
    expect(inSources).toEqual(expect.arrayContaining(['OAuthEnv', 'PendingParticipantEnv', 'ReadinessEnv']));
    expect(readEnvClasses().filter((c) => c.app !== 'common').map((c) => c.className).sort()).toEqual(inSources);
  });

  it('has a fixed health port for every app and no other', () => {
    expect(Object.keys(HEALTH_PORTS).sort()).toEqual(appDirs);
  });
});

describe('docker-compose.yml', () => {
  const doc = parseDocument(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
  const compose = doc.toJS() as { services: Record<string, any> };
  const services = compose.services;

  it('parses without errors', () => {
    expect(doc.errors).toEqual([]);
  });

  it('runs postgres 16 and redis 7 with AOF, both with health checks', () => {
    expect(services.postgres.image).toBe('postgres:16');
    expect(services.redis.image).toBe('redis:7');
    expect(services.redis.command.join(' ')).toContain('--appendonly yes');
    expect(services.postgres.healthcheck.test).toBeDefined();
    expect(services.redis.healthcheck.test).toBeDefined();
  });

  it.each(appDirs)('%s: service with APP, its health port, a health check on it, and healthy dependencies', (app) => {
    const svc = services[app];
    expect(svc).toBeDefined();
    expect(svc.environment.APP).toBe(app);
    expect(Number(svc.environment.HEALTH_PORT)).toBe(HEALTH_PORTS[app]);
    expect(svc.healthcheck.test).toEqual(['CMD', 'node', 'scripts/healthcheck.mjs', String(HEALTH_PORTS[app])]);
    expect(svc.build?.context ?? svc.image).toBeTruthy();
    for (const dep of ['postgres', 'redis']) expect(svc.depends_on[dep]).toEqual({ condition: 'service_healthy' });
    for (const [dep, { condition }] of Object.entries<any>(svc.depends_on)) {
      if (condition === 'service_completed_successfully') expect(services[dep]?.restart).not.toMatch(/always|unless-stopped/);
      else expect(condition === 'service_healthy' && services[dep]?.healthcheck?.test).toBeTruthy();
    }
  });

  it('has a one-shot migrate service running migrate.js of exactly the apps that have one, after postgres', () => {
    const migrate = services.migrate;
    expect(migrate.image).toBe(services.gateway.image);
    expect(migrate.depends_on.postgres).toEqual({ condition: 'service_healthy' });
    expect(migrate.restart).toBe('no');
    const command = [migrate.command].flat().join(' ');
    expect(migrateScriptsIn(command).sort()).toEqual([...migrateApps].sort());
    expect(command).not.toMatch(/;/); // `&&` only: one failure fails the service
    const declared = new Set(migrateApps.flatMap((app) => varsByApp[app] ?? []));
    expect(Object.keys(migrate.environment).filter((n) => !declared.has(n))).toEqual([]);
  });

  it.each(appDirs)('%s: waits for the migrate service; RUN_MIGRATIONS=false exactly when migrate runs its migrate.js', (app) => {
    const svc = services[app];
    expect(svc.depends_on.migrate).toEqual({ condition: 'service_completed_successfully' });
    expect(svc.environment.RUN_MIGRATIONS === 'false').toBe(migrateApps.includes(app));
  });

  it.each([...appDirs, 'migrate'])('%s: runs hardened (read-only root, /tmp tmpfs, no capabilities, no new privileges)', (name) => {
    const svc = services[name];
    expect(svc.read_only).toBe(true);
    expect(svc.tmpfs).toContain('/tmp');
    expect(svc.cap_drop).toEqual(['ALL']);
    expect(svc.security_opt).toContain('no-new-privileges:true');
  });

  it.each(appDirs)('%s: every variable set in compose is declared by its env class', (app) => {
    const unknown = Object.keys(services[app].environment).filter((n) => !PROCESS_VARS.has(n) && !varsByApp[app]?.includes(n));
    expect(unknown).toEqual([]);
  });

  it('every app service names a real app and all use one image', () => {
    const appServices = Object.entries(services).filter(([, s]) => s.environment?.APP);
    for (const [name, svc] of appServices) {
      expect(existsSync(join(ROOT, 'apps', svc.environment.APP))).toBe(true);
      expect(name).toBe(svc.environment.APP);
    }
    expect(new Set(appServices.map(([, s]) => s.image)).size).toBe(1);
  });

  it('publishes the gateway port and sets PORT to it', () => {
    expect(services.gateway.ports).toContain(`${GATEWAY_PORT}:${GATEWAY_PORT}`);
    expect(Number(services.gateway.environment.PORT)).toBe(GATEWAY_PORT);
  });
});

describe('migrate scripts', () => {
  it('every app with a database has apps/<app>/src/migrate.ts, except the known missing ones', () => {
    expect(dbApps).toEqual(expect.arrayContaining(serviceApps));
    expect(dbApps.filter((app) => !migrateApps.includes(app))).toEqual(MIGRATE_SCRIPT_MISSING);
  });

  it.each(dbApps)('%s declares RUN_MIGRATIONS in its env class', (app) => {
    expect(varsByApp[app]).toContain('RUN_MIGRATIONS');
  });
});

const byKindAndName = (a: K8sDoc, b: K8sDoc) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`);

describe.each(['dev', 'prod'])('k8s overlay %s', (overlay) => {
  const dir = join(ROOT, 'k8s/overlays', overlay);
  const local = renderKustomization(dir).sort(byKindAndName);
  const viaKubectl = renderWithKubectl(dir)?.sort(byKindAndName) ?? null;
  const docs = viaKubectl ?? local;
  const base = renderKustomization(join(ROOT, 'k8s/base'));
  const find = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);
  const deployments = docs.filter((d) => d.kind === 'Deployment');
  const workloads = docs.filter((d) => d.spec?.template?.spec);
  const policies = docs.filter((d) => d.kind === 'NetworkPolicy');
  const appLabels = (app: string) => podLabelsOf(find('Deployment', app)!);

  (viaKubectl ? it : it.skip)('kubectl kustomize renders it, exactly as the in-repo renderer does', () => {
    expect(viaKubectl!.length).toBeGreaterThan(0);
    expect(local).toEqual(viaKubectl);
  });

  it.each(appDirs)('%s: Deployment with APP, HEALTH_PORT, a port named health and probes on it', (app) => {
    const deployment = find('Deployment', app) as K8sDoc;
    expect(deployment).toBeDefined();
    const [container] = containersOf(deployment);
    expect(envValue(container.env, 'APP')).toBe(app);
    expect(Number(envValue(container.env, 'HEALTH_PORT'))).toBe(HEALTH_PORTS[app]);
    expect(container.ports).toContainEqual({ name: 'health', containerPort: HEALTH_PORTS[app] });
    expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'health' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'health' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'health' });
    expect(cpuMillis(container.resources.requests.cpu)).toBeGreaterThan(0);
    expect(memBytes(container.resources.requests.memory)).toBeGreaterThan(0);
    expect(memBytes(container.resources.limits.memory)).toBeGreaterThanOrEqual(memBytes(container.resources.requests.memory));
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(1);
    expect(deployment.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels);
  });

  it.each(appDirs)('%s: Service selecting its pods and exposing the health port', (app) => {
    const service = find('Service', app) as K8sDoc;
    const deployment = find('Deployment', app) as K8sDoc;
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(service.spec.ports).toContainEqual({ name: 'health', port: HEALTH_PORTS[app], targetPort: 'health' });
  });

  it('gateway listens on PORT and its Service routes to it', () => {
    const [container] = containersOf(find('Deployment', 'gateway')!);
    expect(Number(envValue(container.env, 'PORT'))).toBe(GATEWAY_PORT);
    expect(container.ports).toContainEqual({ name: 'http', containerPort: GATEWAY_PORT });
    expect(find('Service', 'gateway')!.spec.ports).toContainEqual(expect.objectContaining({ name: 'http', targetPort: 'http' }));
  });

  it('every Deployment names a real app, runs one shared image and reads an existing ConfigMap and Secret', () => {
    const images = new Set(deployments.flatMap((d) => containersOf(d).map((c) => splitImage(c.image)[0])));
    expect(images.size).toBe(1);
    for (const d of deployments) {
      const [container] = containersOf(d);
      expect(appDirs).toContain(envValue(container.env, 'APP'));
      for (const from of container.envFrom) {
        if (from.configMapRef) expect(find('ConfigMap', from.configMapRef.name)).toBeDefined();
        if (from.secretRef) expect(find('Secret', from.secretRef.name)).toBeDefined();
      }
    }
  });

  it('ConfigMaps and Secrets that our image reads hold only variables some app declares', () => {
    const ourContainers = workloads.flatMap((w) => allContainersOf(w)).filter((c) => splitImage(c.image)[0].endsWith('rewards-platform'));
    const read = new Set(ourContainers.flatMap((c) => c.envFrom ?? []).map((f: any) => f.configMapRef?.name ?? f.secretRef?.name));
    expect([...read].sort()).toEqual(['rewards-config', 'rewards-secrets']);
    const keys = docs.filter((d) => (d.kind === 'ConfigMap' || d.kind === 'Secret') && read.has(d.metadata.name))
      .flatMap((d) => Object.keys({ ...d.data, ...d.stringData }));
    expect(keys.filter((k) => !allDeclaredVars.has(k) && !PROCESS_VARS.has(k))).toEqual([]);
    const secret = find('Secret', 'rewards-secrets')!;
    expect(Object.keys(secret.stringData)).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'ADMIN_PASSWORD', 'SMTP_URL']));
  });

  it.each(appDirs)('%s: prod requests more CPU and memory than base', (app) => {
    const here = containersOf(find('Deployment', app)!)[0].resources;
    const there = containersOf(base.find((d) => d.kind === 'Deployment' && d.metadata.name === app)!)[0].resources;
    expect(cpuMillis(there.requests.cpu)).toBeGreaterThan(0);
    if (overlay === 'prod') {
      expect(cpuMillis(here.requests.cpu)).toBeGreaterThan(cpuMillis(there.requests.cpu));
      expect(memBytes(here.requests.memory)).toBeGreaterThan(memBytes(there.requests.memory));
      expect(memBytes(here.limits.memory)).toBeGreaterThan(memBytes(there.limits.memory));
    }
  });

  it('every container of every workload has CPU and memory requests and a memory limit', () => {
    expect(workloads.length).toBeGreaterThanOrEqual(appDirs.length);
    const lacking = workloads.flatMap((w) => allContainersOf(w)
      .filter((c) => !(cpuMillis(c.resources?.requests?.cpu ?? 0) > 0 && memBytes(c.resources?.requests?.memory ?? 0) > 0 && memBytes(c.resources?.limits?.memory ?? 0) > 0))
      .map((c) => `${w.kind}/${w.metadata.name}/${c.name}`));
    expect(lacking).toEqual([]);
  });

  it('every pod is non-root with RuntimeDefault seccomp; every container read-only, no escalation, no capabilities, /tmp an emptyDir', () => {
    for (const w of workloads) {
      const pod = w.spec.template.spec;
      const where = `${w.kind}/${w.metadata.name}`;
      expect([where, pod.securityContext]).toEqual([where, expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } })]);
      expect([where, pod.securityContext.runAsUser]).toEqual([where, expect.any(Number)]);
      expect([where, pod.securityContext.runAsUser]).not.toEqual([where, 0]);
      expect([where, pod.automountServiceAccountToken]).toEqual([where, false]);
      for (const c of allContainersOf(w)) {
        expect([where, c.name, c.securityContext]).toEqual([where, c.name, {
          allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] },
        }]);
        const tmp = (c.volumeMounts ?? []).find((m: any) => m.mountPath === '/tmp');
        expect([where, c.name, pod.volumes?.find((v: any) => v.name === tmp?.name)?.emptyDir]).toEqual([where, c.name, expect.any(Object)]);
      }
    }
  });

  it('every pod running our image runs as the Dockerfile user, with its group', () => {
    const ours = workloads.filter((w) => allContainersOf(w).some((c) => splitImage(c.image)[0].endsWith('rewards-platform')));
    expect(ours.length).toBeGreaterThanOrEqual(appDirs.length);
    for (const w of ours) expect(w.spec.template.spec.securityContext).toEqual(expect.objectContaining({ runAsUser: APP_UID, runAsGroup: APP_UID }));
  });

  it('identity has a writable outbox directory (mail and SMS files) on the read-only filesystem', () => {
    const pod = find('Deployment', 'identity')!.spec.template.spec;
    const mount = pod.containers[0].volumeMounts.find((m: any) => m.mountPath === '/app/.data/outbox');
    expect(pod.volumes.find((v: any) => v.name === mount?.name)?.emptyDir).toBeDefined();
  });

  it.each(appDirs)('%s: a PodDisruptionBudget selects its pods', (app) => {
    const pdbs = docs.filter((d) => d.kind === 'PodDisruptionBudget' && selects(d.spec.selector, appLabels(app)));
    expect(pdbs).toHaveLength(1);
    expect(pdbs[0].spec.maxUnavailable ?? pdbs[0].spec.minAvailable).toBeDefined();
  });

  if (overlay === 'prod') {
    it.each(appDirs)('%s: a CPU HorizontalPodAutoscaler targets its Deployment from its replica count up', (app) => {
      const hpa = docs.find((d) => d.kind === 'HorizontalPodAutoscaler' && d.spec.scaleTargetRef.name === app)!;
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: app });
      expect(hpa.spec.minReplicas).toBe(find('Deployment', app)!.spec.replicas);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
      expect(hpa.spec.metrics).toContainEqual(expect.objectContaining({ resource: expect.objectContaining({ name: 'cpu' }) }));
    });
  }

  describe('NetworkPolicies', () => {
    const selecting = (labels: Record<string, string>, type: 'Ingress' | 'Egress') =>
      policies.filter((p) => p.spec.policyTypes.includes(type) && selects(p.spec.podSelector, labels));
    const rulesFor = (app: string, type: 'Ingress' | 'Egress') =>
      selecting(appLabels(app), type).flatMap((p) => (type === 'Ingress' ? p.spec.ingress : p.spec.egress) ?? []);
    const workloadLabels = (name: string) => podLabelsOf(workloads.find((w) => w.metadata.name === name)!);
    const isPublicInternet = (peer: any) => peer.ipBlock?.cidr === '0.0.0.0/0'
      && ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].every((r) => peer.ipBlock.except?.includes(r));
    /** What an egress rule opens: 'dns', 'redis', 'postgres', 'outside-world', or 'other'. */
    const kindOf = (rule: any) => {
      const ports = (rule.ports ?? []).map((p: any) => p.port).sort();
      if (ports.length && ports.every((p: number) => p === 53)) return 'dns';
      if (ports.join() === '6379') return 'redis';
      if (ports.join() === '5432') return 'postgres';
      if (ports.length && ports.every((p: number) => [443, 465, 587].includes(p)) && (rule.to ?? []).length && rule.to.every(isPublicInternet)) return 'outside-world';
      return 'other';
    };

    it('deny all ingress and egress by default in the namespace', () => {
      const deny = policies.filter((p) => Object.keys(p.spec.podSelector).length === 0 && !p.spec.ingress && !p.spec.egress);
      expect(deny.flatMap((p) => p.spec.policyTypes).sort()).toEqual(['Egress', 'Ingress']);
    });

    it.each(appDirs)('%s: selected by ingress and egress policies beyond the default deny', (app) => {
      expect(rulesFor(app, 'Ingress').length).toBeGreaterThan(0);
      expect(rulesFor(app, 'Egress').length).toBeGreaterThan(0);
    });

    it('only the gateway is reachable from outside the namespace, and only on its HTTP port', () => {
      for (const w of workloads) {
        const open = selecting(podLabelsOf(w), 'Ingress').flatMap((p) => p.spec.ingress ?? [])
          .filter((r: any) => !r.from || r.from.some((peer: any) => peer.ipBlock || peer.namespaceSelector));
        if (w.metadata.name !== 'gateway') { expect([w.metadata.name, open]).toEqual([w.metadata.name, []]); continue; }
        expect(open.flatMap((r: any) => r.ports.map((p: any) => portNumber(p.port, containersOf(w))))).toEqual([GATEWAY_PORT]);
      }
    });

    it.each(appDirs)('%s: accepts traffic from within the namespace on its health port only (plus HTTP for the gateway)', (app) => {
      const containers = containersOf(find('Deployment', app)!);
      const ports = rulesFor(app, 'Ingress').flatMap((r: any) => r.ports.map((p: any) => portNumber(p.port, containers)));
      expect(new Set(ports)).toEqual(new Set(app === 'gateway' ? [HEALTH_PORTS[app], GATEWAY_PORT] : [HEALTH_PORTS[app]]));
      const fromNamespace = rulesFor(app, 'Ingress').filter((r: any) => r.from?.every((peer: any) => Object.keys(peer).join() === 'podSelector'));
      expect(fromNamespace.flatMap((r: any) => r.ports.map((p: any) => portNumber(p.port, containers)))).toContain(HEALTH_PORTS[app]);
    });

    it.each(appDirs)('%s: egress only to DNS, Redis, PostgreSQL (services) and, for mail/SMS/OAuth/Stripe, public HTTPS/SMTP', (app) => {
      const kinds = new Set(rulesFor(app, 'Egress').map(kindOf));
      const allowed = app === 'gateway' ? ['dns', 'redis']
        : ['identity', 'participants-billing'].includes(app) ? ['dns', 'redis', 'postgres', 'outside-world'] : ['dns', 'redis', 'postgres'];
      expect([...kinds].sort()).toEqual(allowed.sort());
    });

    it('the Redis and PostgreSQL egress rules point at the in-cluster pods (dev) or external address ranges (prod)', () => {
      const targets = policies.flatMap((p) => p.spec.egress ?? []).filter((r: any) => ['redis', 'postgres'].includes(kindOf(r)));
      expect(targets.length).toBeGreaterThanOrEqual(2);
      for (const rule of targets) {
        const name = kindOf(rule);
        for (const peer of rule.to) {
          if (overlay === 'dev') expect(selects(peer.podSelector, workloadLabels(name))).toBe(true);
          else expect(Object.keys(peer)).toEqual(['ipBlock']);
        }
      }
    });

    if (overlay === 'dev') {
      it.each(['redis', 'postgres'])('%s accepts only our pods, on its port', (name) => {
        const rules = selecting(workloadLabels(name), 'Ingress').flatMap((p) => p.spec.ingress ?? []);
        expect(rules.length).toBeGreaterThan(0);
        for (const rule of rules) {
          expect(rule.ports.map((p: any) => p.port)).toEqual([name === 'redis' ? 6379 : 5432]);
          for (const peer of rule.from) expect(Object.keys(peer)).toEqual(['podSelector']);
        }
        const clients = name === 'redis' ? appDirs : dbApps;
        for (const app of clients) expect(rules.some((r: any) => r.from.some((peer: any) => selects(peer.podSelector, appLabels(app))))).toBe(true);
        if (name === 'postgres') expect(rules.some((r: any) => r.from.some((peer: any) => selects(peer.podSelector, appLabels('gateway'))))).toBe(false);
      });
    }
  });

  describe('migrations', () => {
    const job = find('Job', 'migrations');

    if (overlay === 'prod') {
      it('a Job runs migrate.js of exactly the apps that have one, each from apps/<app>/src/migrate.ts', () => {
        expect(job).toBeDefined();
        const ran = containersOf(job!).flatMap((c) => migrateScriptsIn([...(c.command ?? []), ...(c.args ?? [])].join(' ')));
        expect([...ran].sort()).toEqual([...migrateApps].sort());
        for (const app of ran) expect(existsSync(join(ROOT, 'apps', app, 'src/migrate.ts'))).toBe(true);
        expect(['Never', 'OnFailure']).toContain(job!.spec.template.spec.restartPolicy);
        expect(job!.spec.backoffLimit).toBeGreaterThan(0);
      });

      it('the Job uses the apps\' image, ConfigMap and Secret', () => {
        const appContainer = containersOf(find('Deployment', 'gateway')!)[0];
        for (const c of containersOf(job!)) {
          expect(c.image).toBe(appContainer.image);
          expect(c.envFrom).toEqual(appContainer.envFrom);
        }
      });

      it('the Job reaches PostgreSQL', () => {
        const labels = podLabelsOf(job!);
        const egress = policies.filter((p) => p.spec.policyTypes.includes('Egress') && selects(p.spec.podSelector, labels)).flatMap((p) => p.spec.egress ?? []);
        expect(egress.some((r: any) => r.ports?.some((p: any) => p.port === 5432))).toBe(true);
      });
    } else {
      it('no Job: services migrate at start', () => {
        expect(job).toBeUndefined();
      });
    }

    it.each(dbApps)('%s: RUN_MIGRATIONS=false exactly when the Job migrates it', (app) => {
      const value = envValue(containersOf(find('Deployment', app)!)[0].env, 'RUN_MIGRATIONS');
      expect(value === 'false').toBe(overlay === 'prod' && migrateApps.includes(app));
    });
  });

  describe('Redis and PostgreSQL', () => {
    const secret = find('Secret', 'rewards-secrets')!;
    const databaseUrl = new URL(secret.stringData.DATABASE_URL);
    const redisUrl = new URL(secret.stringData.REDIS_URL);
    const serviceNames = new Set(docs.filter((d) => d.kind === 'Service').map((d) => d.metadata.name));

    if (overlay === 'dev') {
      it.each([['redis', 'redis:7', 6379], ['postgres', 'postgres:16', 5432]] as const)('%s: in-cluster StatefulSet (%s) with a volume and a Service', (name, image, port) => {
        const set = find('StatefulSet', name)!;
        expect(set).toBeDefined();
        const [container] = containersOf(set);
        expect(container.image).toBe(image);
        const claim = set.spec.volumeClaimTemplates?.[0];
        expect(claim?.spec.resources.requests.storage).toBeDefined();
        expect(container.volumeMounts.map((m: any) => m.name)).toContain(claim.metadata.name);
        expect(container.readinessProbe).toBeDefined();
        const service = find('Service', name)!;
        expect(selects({ matchLabels: service.spec.selector }, podLabelsOf(set))).toBe(true);
        expect(service.spec.ports.map((p: any) => p.port)).toEqual([port]);
        expect(set.spec.serviceName).toBe(name);
      });

      it('Redis appends to its AOF on its volume', () => {
        const [container] = containersOf(find('StatefulSet', 'redis')!);
        const args = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
        expect(args).toContain('--appendonly yes');
        expect(args).toContain(`--dir ${container.volumeMounts.find((m: any) => m.name === 'data').mountPath}`);
      });

      it('the apps\' URLs point at the in-cluster Services with the database credentials', () => {
        expect(databaseUrl.hostname).toBe('postgres');
        expect(redisUrl.hostname).toBe('redis');
        const credentials = find('Secret', 'postgres-credentials')!.stringData;
        expect(decodeURIComponent(databaseUrl.username)).toBe(credentials.POSTGRES_USER);
        expect(decodeURIComponent(databaseUrl.password)).toBe(credentials.POSTGRES_PASSWORD);
        expect(databaseUrl.pathname).toBe(`/${credentials.POSTGRES_DB}`);
      });
    } else {
      it("no Redis or PostgreSQL in the cluster: the Secret's URLs name external hosts", () => {
        expect(docs.filter((d) => d.kind === 'StatefulSet' || d.kind === 'PersistentVolumeClaim')).toEqual([]);
        expect(serviceNames.has('redis') || serviceNames.has('postgres')).toBe(false);
        for (const url of [databaseUrl, redisUrl]) {
          expect(url.hostname).toContain('.');
          expect(serviceNames.has(url.hostname.split('.')[0])).toBe(false);
        }
        expect(databaseUrl.protocol).toBe('postgres:');
        expect(redisUrl.protocol).toMatch(/^rediss?:$/);
      });
    }
  });

  it('puts everything in one namespace', () => {
    expect(new Set(docs.map((d) => d.metadata.namespace)).size).toBe(1);
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

  it('builds on node:24-bookworm-slim in stages and runs the app named by APP as non-root', () => {
    expect(text).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    expect((text.match(/^FROM /gm) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^RUN npm run build$/m);
    expect(text).toMatch(/^ARG APP=/m);
    expect(text).toMatch(new RegExp(`^USER ${APP_UID}:${APP_UID}$`, 'm'));
    expect(text).toMatch(new RegExp(`useradd [^\\n]*--uid ${APP_UID} --gid ${APP_UID}`));
    expect(text).toContain('node dist/apps/$APP/src/main.bundle.mjs');
    // npm run build runs scripts/bundle.mjs: it and the local modules it imports are in the build stage.
    const bundler = readFileSync(join(ROOT, 'scripts/bundle.mjs'), 'utf8');
    const local = [...bundler.matchAll(/from '\.\/([^']+)'/g)].map((m) => `scripts/${m[1]}`);
    expect(local.length).toBeGreaterThan(0);
    for (const file of ['scripts/bundle.mjs', ...local]) expect(text).toContain(`COPY ${file} ./${file}`);
    expect(existsSync(join(ROOT, 'scripts/healthcheck.mjs'))).toBe(true);
  });
});
