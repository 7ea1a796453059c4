// Page helpers for the Element Plus admin app (selectors rely on the app's data-test hooks).
import assert from 'node:assert/strict'

/** The input behind a data-test hook (Element Plus puts extra attributes on the <input>). */
export function input(page, testId) {
  return page.locator(`:is(input,textarea)[data-test="${testId}"], [data-test="${testId}"] :is(input,textarea)`).first()
}

export function rows(page, tableTestId) {
  return page.locator(`[data-test="${tableTestId}"] .el-table__body-wrapper tr.el-table__row`)
}

/** Texts of one column (1-based) of a table's body rows. */
export async function columnTexts(page, tableTestId, col) {
  return rows(page, tableTestId).locator(`td:nth-child(${col}) .cell`).allInnerTexts().then((a) => a.map((s) => s.trim()))
}

/** Waits until a table has at least `min` rows and no loading mask; returns the row count. */
export async function waitRows(page, tableTestId, min = 1) {
  await page.waitForFunction(
    ([id, n]) => {
      const t = document.querySelector(`[data-test="${id}"]`)
      if (!t) return false
      const mask = t.querySelector('.el-loading-mask')
      if (mask && getComputedStyle(mask).display !== 'none') return false
      return t.querySelectorAll('.el-table__body-wrapper tr.el-table__row').length >= n
    },
    [tableTestId, min],
  )
  return rows(page, tableTestId).count()
}

/** Waits for the loading mask of a table to go away (rows may be zero). */
export async function waitLoaded(page, tableTestId) {
  await page.waitForFunction((id) => {
    const t = document.querySelector(`[data-test="${id}"]`)
    if (!t) return false
    const mask = t.querySelector('.el-loading-mask')
    return !mask || getComputedStyle(mask).display === 'none'
  }, tableTestId)
}

export async function login(page, base, username, password) {
  await page.goto(`${base}/login`)
  await input(page, 'login-username').fill(username)
  await input(page, 'login-password').fill(password)
  await page.locator('[data-test="login-submit"]').click()
}

/** Logs in and waits for the home page. */
export async function loginOk(page, base, creds, username) {
  const c = creds[username]
  assert.ok(c, `demo credentials have ${username}`)
  const meResponse = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.status() === 200)
  await login(page, base, username, c.password)
  const me = await (await meResponse).json()
  await page.locator('[data-test="home"]').waitFor()
  return me
}

/** Picks an option of an el-select by its visible text. */
export async function selectOption(page, testId, text) {
  const select = page.locator(`[data-test="${testId}"]`).first()
  await select.click()
  // Another select's list may still be fading out with the same option: pick from the list
  // this select's input controls.
  const list = await select.locator('input').first().getAttribute('aria-controls').catch(() => null)
  const options = list ? page.locator(`[id="${list}"] .el-select-dropdown__item`) : page.locator('.el-select-dropdown__item:visible')
  await options.filter({ hasText: text }).first().click()
}

/** Picks a node of an el-tree-select (RegionSelect) by its visible text. */
export async function selectTreeNode(page, testId, text) {
  await page.locator(`[data-test="${testId}"] .el-select__wrapper`).first().click()
  const node = page.locator('.region-select-popper:visible .el-tree-node__content', { hasText: text }).first()
  await node.click()
}

/** Visible text of the tree of the header's region selector (opened, then closed again). */
export async function regionTreeText(page) {
  await page.locator('[data-test="region-select"] .el-select__wrapper').click()
  const popper = page.locator('.region-select-popper:visible').first()
  await popper.locator('.el-tree-node').first().waitFor()
  return popper
}

/** The latest ElMessage of a type ('error', 'success', ...). */
export function message(page, type) {
  return page.locator(`.el-message--${type} .el-message__content`).last()
}

/** Calls the API from inside the page (same cookie, same origin). */
export async function apiFromPage(page, path, init = {}) {
  return page.evaluate(
    async ([p, i]) => {
      const res = await fetch(p, { credentials: 'same-origin', ...i })
      let body = null
      try {
        body = await res.json()
      } catch {
        body = null
      }
      return { status: res.status, body }
    },
    [path, init],
  )
}

export async function clickMenu(page, testId) {
  const item = page.locator(`[data-test="side-menu"] [data-test="${testId}"]`)
  await item.click()
}

export function menuTexts(page) {
  return page.locator('[data-test="side-menu"] .el-menu-item').allInnerTexts().then((a) => a.map((s) => s.trim()))
}
