// Bundles the operator's command line (scripts/cli/atrium.ts) into the server's output as cli.mjs,
// with the migrations beside it, so `node .output/server/cli.mjs migrate` works in a production
// install or container without tsx or any dev dependency. Packages stay external: they resolve
// from .output/server/node_modules, which the build traced (nuxt.config.ts adds the migrators).
import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

export async function buildCli(serverDir) {
  await build({
    entryPoints: [join(ROOT, 'scripts/cli/atrium.ts')],
    outfile: join(serverDir, 'cli.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
    banner: { js: '// Built from scripts/cli/atrium.ts by scripts/build-cli.mjs.' },
  })
  cpSync(join(ROOT, 'drizzle/migrations'), join(serverDir, 'migrations'), { recursive: true })
}
