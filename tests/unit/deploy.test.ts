import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { describe, expect, it } from 'vitest'
import { Job } from 'kubernetes-models/batch/v1'
import { Deployment } from 'kubernetes-models/apps/v1'
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2'
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1'
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1'

// The deployment files as an operator gets them: every Kubernetes manifest valid against the
// Kubernetes schemas and wired together (probes on the endpoints the app serves, the secret keys
// the app reads, the selector matching the pods), and docker-compose.yml accepted by Compose.
// (No container engine runs here: the image's build steps are checked by scripts/docker-build-steps.sh.)

const ROOT = join(import.meta.dirname, '../..')
const K8S = join(ROOT, 'deploy/kubernetes')

const MODELS: Record<string, new (data: never) => { validate: () => void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
}

type Manifest = { apiVersion: string, kind: string, metadata: { name: string }, spec?: any, data?: Record<string, string>, stringData?: Record<string, string> }
const manifests: { file: string, doc: Manifest }[] = readdirSync(K8S).filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml')
  .flatMap(file => parseAllDocuments(readFileSync(join(K8S, file), 'utf8')).map(d => ({ file, doc: d.toJS() as Manifest })))
const byKind = (kind: string) => manifests.find(m => m.doc.kind === kind)!.doc

describe('Kubernetes manifests', () => {
  it('are each valid against the Kubernetes schema of their kind', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(8)
    for (const { file, doc } of manifests) {
      const Model = MODELS[`${doc.apiVersion}/${doc.kind}`]
      expect(Model, `${file}: ${doc.apiVersion} ${doc.kind} has no schema here`).toBeTruthy()
      expect(() => new Model!(doc as never).validate(), file).not.toThrow()
    }
  })

  it('the kustomization lists files that exist and every manifest but the example secret', () => {
    const kustomization = parseAllDocuments(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as { resources: string[] }
    for (const file of kustomization.resources) expect(existsSync(join(K8S, file)), file).toBe(true)
    expect([...kustomization.resources].sort()).toEqual([...new Set(manifests.map(m => m.file))].filter(f => f !== 'secret.example.yaml').sort())
  })

  it('probe the endpoints the app serves, stop gracefully, and read only secret keys that exist', () => {
    const deployment = byKind('Deployment')
    const container = deployment.spec.template.spec.containers[0]
    expect(container.readinessProbe.httpGet.path).toBe('/api/ready')
    expect(container.livenessProbe.httpGet.path).toBe('/api/health')
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0)
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(Number(byKind('ConfigMap').data!.NUXT_SHUTDOWN_DRAIN_SECONDS) + 30)
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true)
    const secretKeys = Object.keys(byKind('Secret').stringData!)
    const job = byKind('Job')
    for (const c of [container, job.spec.template.spec.containers[0]]) {
      for (const env of c.env ?? []) if (env.valueFrom?.secretKeyRef) expect(secretKeys, env.name).toContain(env.valueFrom.secretKeyRef.key)
    }
    expect(job.spec.template.spec.containers[0].command).toEqual(['node', '.output/server/cli.mjs', 'migrate'])
    // The Service, the autoscaler and the disruption budget all find the app's pods.
    const podLabels = deployment.spec.template.metadata.labels
    for (const selector of [byKind('Service').spec.selector, byKind('PodDisruptionBudget').spec.selector.matchLabels]) {
      for (const [k, v] of Object.entries(selector)) expect(podLabels[k], k).toBe(v)
    }
    expect(byKind('HorizontalPodAutoscaler').spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name })
  })

  it('runs background jobs on their own pods, which no Service routes to', () => {
    const jobs = manifests.find(m => m.doc.kind === 'Deployment' && m.doc.metadata.name === 'atrium-jobs')!.doc
    const container = jobs.spec.template.spec.containers[0]
    expect(container.env.find((e: { name: string }) => e.name === 'NUXT_INSTANCE_ROLE')?.value).toBe('jobs')
    expect(container.readinessProbe.httpGet.path).toBe('/api/ready')
    expect(byKind('ConfigMap').data!.NUXT_JOBS_MODE).toBe('enqueue')
    const jobLabels = jobs.spec.template.metadata.labels
    const selects = (selector: Record<string, string>) => Object.entries(selector).every(([k, v]) => jobLabels[k] === v)
    expect(selects(byKind('Service').spec.selector)).toBe(false)
    expect(selects(byKind('PodDisruptionBudget').spec.selector.matchLabels)).toBe(false)
  })
})

describe('docker-compose.yml', () => {
  const compose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' })
  const available = compose.status === 0
  if (!available && !process.env.CI) console.warn('docker-compose is not installed (Debian: apt-get install docker-compose): its check is skipped outside CI')

  it.runIf(available || !!process.env.CI)('is accepted by Compose with its secrets set, and names each missing one otherwise', () => {
    const env = { PATH: process.env.PATH ?? '', APP_DB_PASSWORD: 'app-secret', OWNER_DB_PASSWORD: 'owner-secret', NUXT_ENCRYPTION_KEYS: 'k1:x' }
    const ok = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { cwd: ROOT, env, encoding: 'utf8' })
    expect(ok.status, ok.stderr).toBe(0)
    const config = parseAllDocuments(ok.stdout)[0]!.toJS() as { services: Record<string, any> }
    expect(Object.keys(config.services).sort()).toEqual(['app1', 'app2', 'caddy', 'jobs', 'migrate', 'postgres', 'redis'])
    for (const app of ['app1', 'app2', 'jobs']) {
      expect(config.services[app].depends_on.migrate.condition).toBe('service_completed_successfully')
      expect(config.services[app].environment.DATABASE_URL).toBe('postgres://atrium_app:app-secret@postgres:5432/atrium')
    }
    // The app instances queue background jobs; the jobs instance runs them and Caddy never routes to it.
    expect(config.services.app1.environment.NUXT_JOBS_MODE).toBe('enqueue')
    expect(config.services.jobs.environment.NUXT_INSTANCE_ROLE).toBe('jobs')
    expect(Object.keys(config.services.caddy.depends_on ?? {})).not.toContain('jobs')
    const missing = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { cwd: ROOT, env: { PATH: env.PATH }, encoding: 'utf8' })
    expect(missing.status).not.toBe(0)
    expect(missing.stderr).toMatch(/set (APP_DB_PASSWORD|OWNER_DB_PASSWORD|NUXT_ENCRYPTION_KEYS)/)
  })
})
