// Phone width (375x667): the login page and the users page stay usable.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { waitRows, loginOk, apiFromPage } from './lib/ui.mjs'

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

  it('resident page: a wide Markdown table scrolls inside its card, amounts on one line', async () => {
    // Published through the API as the logged-in admin (cookie + CSRF token, as the web app does).
    const me = await apiFromPage(page, '/api/v1/auth/me')
    const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': me.body.csrf_token }
    const cols = ['项目', '预算金额（元）', '实际支出（元）', '差额（元）', '经办人', '备注说明']
    const body =
      `| ${cols.join(' | ')} |\n|${' --- |'.repeat(2)}${' ---: |'.repeat(3)} --- |\n` +
      '| 道路硬化工程 | 1,250,000.00 | 1,198,765.43 | 51,234.57 | 张三 | 按合同分三期支付 |\n'
    const draft = await apiFromPage(page, '/api/v1/disclosures', {
      method: 'POST',
      headers,
      body: JSON.stringify({ region: '339902001001', category: 'finance', stage: 'after', title: '工程收支表', body }),
    })
    assert.equal(draft.status, 201, JSON.stringify(draft.body))
    const pub = await apiFromPage(page, `/api/v1/disclosures/${draft.body.id}/publish`, { method: 'POST', headers })
    assert.equal(pub.status, 200, JSON.stringify(pub.body))

    await page.goto(`${srv.base}/p/339902001001`)
    const table = page.locator('article', { hasText: '工程收支表' }).locator('table')
    await table.waitFor()
    assert.equal(await table.locator('th').count(), 6, 'rendered as a table, not as text')
    const box = await table.evaluate((t) => ({
      scrollWidth: t.scrollWidth,
      clientWidth: t.clientWidth,
      overflowX: getComputedStyle(t).overflowX,
      right: t.getBoundingClientRect().right,
    }))
    assert.ok(box.right <= 375, `the table stays inside the screen: ${JSON.stringify(box)}`)
    assert.equal(box.overflowX, 'auto')
    assert.ok(box.scrollWidth > box.clientWidth, `the table scrolls sideways itself: ${JSON.stringify(box)}`)
    assert.ok((await horizontalOverflow(page)) <= 0, 'the page itself does not scroll sideways')
    const amount = table.locator('td', { hasText: '1,198,765.43' })
    const { height, lineHeight } = await amount.evaluate((td) => ({
      height: td.getBoundingClientRect().height,
      lineHeight: parseFloat(getComputedStyle(td).lineHeight),
    }))
    assert.ok(height < lineHeight * 2 + 12, `an amount is not wrapped: ${height} vs line ${lineHeight}`)
    await shot(page, 'mobile-04-public-table')
  })
})
