// Before the suite: what it needs from the machine. Starts PostgreSQL (127.0.0.1:5432) and Redis
// (127.0.0.1:6379) when they are installed but stopped; installs Debian's Chromium (and, under CI,
// docker-compose) when missing and this is root with apt; otherwise says in one line what to
// install, so nothing fails deep inside a test. Used by scripts/test.mjs (npm test) and .ci/run.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync } from 'node:fs'

const ok = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0
const has = command => ok('sh', ['-c', `command -v ${command}`])
const sleep = ms => spawnSync('sleep', [String(ms / 1000)])
const isRoot = process.getuid?.() === 0

function waitFor(check, seconds = 30) {
  for (let i = 0; i < seconds * 2; i++) {
    if (check()) return true
    sleep(500)
  }
  return check()
}

function apt(pkg) {
  if (!isRoot || !has('apt-get')) return false
  console.log(`installing Debian's ${pkg}…`)
  return ok('apt-get', ['install', '-y', pkg]) || (ok('apt-get', ['update']) && ok('apt-get', ['install', '-y', pkg]))
}

const postgresUp = () => has('pg_isready') && ok('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q'])
const redisUp = () => has('redis-cli') && ok('redis-cli', ['-h', '127.0.0.1', '-p', '6379', 'ping'])

/** Problems that stop the suite, one phrase each; empty when all is there. */
export function prepareServices() {
  const missing = []
  if (!postgresUp() && has('pg_ctlcluster') && existsSync('/etc/postgresql')) {
    for (const version of readdirSync('/etc/postgresql')) ok('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'])
    waitFor(postgresUp)
  }
  if (!postgresUp()) missing.push('PostgreSQL on 127.0.0.1:5432 with trust auth (Debian: apt-get install postgresql)')

  if (!redisUp() && has('redis-server')) {
    mkdirSync('/tmp/atrium-redis', { recursive: true })
    ok('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no', '--dir', '/tmp/atrium-redis'])
    waitFor(redisUp)
  }
  if (!redisUp()) missing.push('Redis on 127.0.0.1:6379 (Debian: apt-get install redis-server)')

  if (!existsSync('/usr/bin/chromium') && !apt('chromium')) missing.push('Chromium at /usr/bin/chromium (Debian: apt-get install chromium)')
  // Reports' PDF files are read back as text in the tests.
  if (!existsSync('/usr/bin/pdftotext') && !apt('poppler-utils')) missing.push('pdftotext at /usr/bin/pdftotext (Debian: apt-get install poppler-utils)')
  // The Compose file's check runs under CI; elsewhere it says it is skipped when this is missing.
  if (process.env.CI && !has('docker-compose') && !apt('docker-compose')) missing.push('docker-compose (Debian: apt-get install docker-compose)')
  return missing
}
