// Debian's Chromium driven by playwright-core (no browser download), one fresh profile per launch.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { env } from './server.mjs'

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
]

/**
 * Launches Chromium with a temp --user-data-dir; returns {context, page, close()}.
 * `javaScriptEnabled: false` browses like a phone with scripts off (the resident pages' promise).
 */
export async function launch({ viewport = { width: 1366, height: 768 }, locale = 'zh-CN', javaScriptEnabled = true } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-chromium-'))
  // launchPersistentContext passes userDataDir as --user-data-dir (playwright refuses it in args).
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.QL_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport,
    locale,
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    javaScriptEnabled,
  })
  context.setDefaultTimeout(15000)
  const page = context.pages()[0] || (await context.newPage())
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  return {
    context,
    page,
    errors,
    async close() {
      await context.close().catch(() => {})
      fs.rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/** Saves a PNG as QL_SCREENSHOTS/<backend>-<name>.png and returns its path. */
export async function shot(page, name, opts = {}) {
  const cfg = env()
  fs.mkdirSync(cfg.screenshots, { recursive: true })
  // Let dialogs, drawers and messages finish their transitions (spinners never do: cap it).
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), null, { timeout: 2000 })
    .catch(() => {})
  const file = path.join(cfg.screenshots, `${cfg.backend}-${name}.png`)
  await page.screenshot({ path: file, fullPage: !!opts.fullPage })
  return file
}
