// Static checks that docker-compose.yml, k8s/ (rendered per overlay), the Dockerfile and
// .env.example agree with the code: the apps that exist, their env classes and health ports.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { GATEWAY_PORT, HEALTH_PORTS, ROOT } from '../../scripts/lib/apps.mjs';
import { envVarsByApp, readEnvClasses } from '../../scripts/lib/env-classes.mjs';
import { containersOf, K8sDoc, renderKustomization, splitImage } from './kustomize.js';

const appDirs = readdirSync(join(ROOT, 'apps'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const varsByApp = envVarsByApp();
const allDeclaredVars = new Set(Object.values(varsByApp).flat());
/** Read by the container itself rather than an env class. */
const PROCESS_VARS = new Set(['APP', 'NODE_ENV']);
const envValue = (env: Array<{ name: string; value?: string }>, name: string) => env.find((e) => e.name === name)?.value;

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
    for (const dep of Object.keys(svc.depends_on)) expect(services[dep]?.healthcheck).toBeDefined();
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

describe.each(['dev', 'prod'])('k8s overlay %s', (overlay) => {
  const docs = renderKustomization(join(ROOT, 'k8s/overlays', overlay));
  const find = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);
  const deployments = docs.filter((d) => d.kind === 'Deployment');

  it.each(appDirs)('%s: Deployment with APP, HEALTH_PORT, a port named health and probes on it', (app) => {
    const deployment = find('Deployment', app) as K8sDoc;
    expect(deployment).toBeDefined();
    const [container] = containersOf(deployment);
    expect(envValue(container.env, 'APP')).toBe(app);
    expect(Number(envValue(container.env, 'HEALTH_PORT'))).toBe(HEALTH_PORTS[app]);
    expect(container.ports).toContainEqual({ name: 'health', containerPort: HEALTH_PORTS[app] });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'health' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'health' });
    expect(container.resources.requests).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
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

  it('ConfigMap and Secret hold only variables some app declares', () => {
    const keys = docs.filter((d) => d.kind === 'ConfigMap' || d.kind === 'Secret')
      .flatMap((d) => Object.keys({ ...d.data, ...d.stringData }));
    expect(keys.filter((k) => !allDeclaredVars.has(k) && !PROCESS_VARS.has(k))).toEqual([]);
    const secret = docs.find((d) => d.kind === 'Secret')!;
    expect(Object.keys(secret.stringData)).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'ADMIN_PASSWORD', 'SMTP_URL']));
  });

  it('puts everything in one namespace', () => {
    expect(new Set(docs.map((d) => d.metadata.namespace)).size).toBe(1);
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

  it('builds on node:20-bookworm-slim in stages and runs the app named by APP as non-root', () => {
    expect(text).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect((text.match(/^FROM /gm) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^RUN npm run build$/m);
    expect(text).toMatch(/^ARG APP=/m);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toContain('node dist/apps/$APP/src/main.js');
    expect(existsSync(join(ROOT, 'scripts/healthcheck.mjs'))).toBe(true);
  });
});
