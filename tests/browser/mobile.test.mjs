// Phone width (375x667): the login page and the users page stay usable.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { waitRows, loginOk } from './lib/ui.mjs'

async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
}

describe('phone width', () => {
  let srv, b, page

  before(async () => {
    srv = await startServer()
    b = await launch({ viewport: { width: 375, height: 667 } })
    page = b.page
  })

  after(async () => {
    if (b) await b.close()
    if (srv) await srv.stop()
  })

  it('login page fits the screen', async () => {
    await page.goto(`${srv.base}/login`)
    const submit = page.locator('[data-test="login-submit"]')
    await submit.waitFor()
    const box = await submit.boundingBox()
    assert.ok(box.x >= 0 && box.x + box.width <= 375, `submit button inside the screen: ${JSON.stringify(box)}`)
    assert.ok(box.width > 200, 'full-width submit button')
    assert.ok((await horizontalOverflow(page)) <= 0, 'no horizontal scrolling')
    await shot(page, 'mobile-01-login')
  })

  it('users page: the menu collapses into a drawer and the table is there', async () => {
    await loginOk(page, srv.base, srv.creds, 'admin')
    // No side menu on a phone until the menu button opens the drawer.
    assert.equal(await page.locator('[data-test="side-menu"]:visible').count(), 0)
    await page.locator('[data-test="menu-toggle"]').click()
    await page.locator('[data-test="side-menu"]:visible').waitFor()
    // Let the drawer finish sliding in before the picture.
    await page.waitForFunction(() => {
      const d = document.querySelector('.el-drawer')
      return d && Math.round(d.getBoundingClientRect().left) === 0
    })
    await page.waitForTimeout(300)
    assert.ok(await page.locator('[data-test="side-menu"] [data-test="menu-users"]').isVisible())
    await shot(page, 'mobile-02-menu-drawer')
    await page.locator('[data-test="side-menu"] [data-test="menu-users"]').click()
    await page.waitForURL(/\/system\/users/)
    await page.locator('[data-test="side-menu"]:visible').waitFor({ state: 'hidden' })
    await waitRows(page, 'users-table', 5)
    assert.ok((await horizontalOverflow(page)) <= 0, 'page itself does not scroll sideways (the table does)')
    await shot(page, 'mobile-03-users')
  })
})
