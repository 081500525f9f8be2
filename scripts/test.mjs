// npm test: the whole suite — lint, type check, unit + server (PGlite and PostgreSQL) + browser
// tests, and the Vercel build — ending with one line "N passed, N failed".
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { prepareServices } from './test-services.mjs'

const results = { passed: 0, failed: 0, skipped: 0 }

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`)
  const started = Date.now()
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  console.log(`${status === 0 ? '✔' : '✘'} ${label} (${Math.round((Date.now() - started) / 1000)} s)`)
  return status === 0
}

function check(label, command, args, env) {
  if (run(label, command, args, env)) results.passed++
  else results.failed++
}

// What the suite needs from the machine, started or installed where it can be; else one line.
const missing = prepareServices()
if (missing.length) {
  console.log(`The suite needs: ${missing.join('; ')}. (npm run test:unit runs the unit tests without them.)`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

check('lint', 'npx', ['eslint', '.'])
check('typecheck', 'npx', ['nuxt', 'typecheck'])

mkdirSync('test-results', { recursive: true })
const report = 'test-results/vitest.json'
rmSync(report, { force: true })
const vitestOk = run('vitest (unit, server on PGlite and PostgreSQL, browser)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  results.passed += json.numPassedTests
  results.failed += json.numFailedTests
  results.skipped += json.numPendingTests + json.numTodoTests
  // A suite that failed to load (e.g. its setup threw) has no tests to count: count it once.
  if (!vitestOk && json.numFailedTests === 0) results.failed++
}
else {
  results.failed++
}

// The serverless target must keep building (PGlite is never loaded when DATABASE_URL is set).
check('build for Vercel', 'npx', ['nuxt', 'build'], { NITRO_PRESET: 'vercel' })

console.log(`\n${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`)
process.exit(results.failed === 0 ? 0 : 1)
