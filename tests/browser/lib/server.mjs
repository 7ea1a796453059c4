// Starts a real qinglian server for one browser test file: a fresh database (SQLite file or a
// new PostgreSQL database), demo data from `qinglian init --demo`, `qinglian serve` on a free
// port with the built web app, and cleans everything up in stop().
//
// Environment (set by ctest, see CMakeLists.txt): QL_BINARY, QL_WEB_ROOT, QL_TEST_BACKEND
// (sqlite|postgresql), QL_TEST_PG_URL_FILE, QL_SCREENSHOTS.
import { spawn, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

function requireEnv(name) {
  const v = process.env[name]
  if (!v) throw new Error(`${name} is not set; run these tests through ctest or set it by hand (see docs/WEB.md)`)
  return v
}

export function env() {
  return {
    binary: path.resolve(requireEnv('QL_BINARY')),
    webRoot: path.resolve(requireEnv('QL_WEB_ROOT')),
    backend: process.env.QL_TEST_BACKEND || 'sqlite',
    pgUrlFile: process.env.QL_TEST_PG_URL_FILE || '',
    screenshots: process.env.QL_SCREENSHOTS || path.join(os.tmpdir(), 'ql-screenshots'),
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

let dbCounter = 0

function psql(url, sql) {
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Creates a database for this test; returns {url, drop()}. */
function createDatabase(cfg, tmp) {
  if (cfg.backend === 'sqlite') {
    return { url: `sqlite:${path.join(tmp, 'ql.db')}`, drop() {} }
  }
  if (cfg.backend !== 'postgresql') throw new Error(`QL_TEST_BACKEND must be sqlite or postgresql, not ${cfg.backend}`)
  if (!cfg.pgUrlFile) throw new Error('QL_TEST_PG_URL_FILE is not set')
  const serverUrl = fs.readFileSync(cfg.pgUrlFile, 'utf8').trim()
  const name = `qlb_${process.pid}_${++dbCounter}`
  psql(serverUrl, `CREATE DATABASE ${name}`)
  const u = new URL(serverUrl)
  u.pathname = `/${name}`
  return {
    url: u.toString(),
    drop() {
      try {
        psql(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } catch (e) {
        console.error(`could not drop ${name}: ${e.stderr || e.message}`)
      }
    },
  }
}

/** Parses the credentials file: `username password role region_code`, # comments. */
export function parseCredentials(text) {
  const out = {}
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const [username, password, role, region] = line.split(/\s+/)
    if (username && password) out[username] = { username, password, role, region }
  }
  return out
}

async function waitHealthy(base, child, logs, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`qinglian serve exited with ${child.exitCode}:\n${logs()}`)
    try {
      const res = await fetch(`${base}/healthz`)
      if (res.ok) return
      last = `HTTP ${res.status}`
    } catch (e) {
      last = e.message
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`qinglian serve did not become healthy in ${timeoutMs} ms (${last}):\n${logs()}`)
}

/**
 * Starts a demo server. Returns {base, creds, backend, stop()}; `creds[username].password`.
 */
export async function startServer() {
  const cfg = env()
  if (!fs.existsSync(path.join(cfg.webRoot, 'index.html'))) {
    throw new Error(`${cfg.webRoot}/index.html is missing: build the web app first (scripts/build-web.sh)`)
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-browser-'))
  const db = createDatabase(cfg, tmp)
  const credFile = path.join(tmp, 'credentials.txt')
  let child = null
  let output = ''
  const logs = () => output.split('\n').slice(-40).join('\n')
  const stop = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    db.drop()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  try {
    // Run in the temp dir so that the log key (var/keys by default) is this server's own.
    execFileSync(cfg.binary, ['init', '--demo', '--db', db.url, '--credentials', credFile], {
      cwd: tmp,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120000,
    })
    const creds = parseCredentials(fs.readFileSync(credFile, 'utf8'))
    if (!creds.admin) throw new Error(`no admin in ${credFile}`)
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    child = spawn(cfg.binary, ['serve', '--db', db.url, '--listen', `127.0.0.1:${port}`, '--web-root', cfg.webRoot], {
      cwd: tmp,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    await waitHealthy(base, child, logs)
    return { base, creds, backend: cfg.backend, stop, logs }
  } catch (e) {
    if (e.stderr) e.message += `\n${e.stderr}`
    await stop()
    throw e
  }
}
