// 审批路由规则 in the browser: 荷风社区's secretary sees the built-in thresholds, lowers the
// purchase "large" threshold to 40,000 yuan for the community (a wrong order is refused with the
// cell marked), and a 45,000 yuan purchase then routes through 四议两公开; restoring inheritance
// brings the default back.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { input, loginOk, message, clickMenu, apiFromPage } from './lib/ui.mjs'

const HEFENG = '339902001001'
const route = (page, yuan) =>
  apiFromPage(page, `/api/v1/power/route?region=${HEFENG}&item=collective.purchase&amount_fen=${yuan * 100}`)

describe('routing rules in the browser', () => {
  let srv, b, page

  before(async () => {
    srv = await startServer()
    b = await launch()
    page = b.page
    await loginOk(page, srv.base, srv.creds, 'hefeng.secretary')
    await clickMenu(page, 'menu-power')
    await clickMenu(page, 'menu-powerRules')
    await page.locator('[data-test="page-power-rules"]').waitFor()
  })

  after(async () => {
    if (b) await b.close()
    if (srv) await srv.stop()
  })

  it('shows the built-in thresholds and refuses a large threshold below the medium one', async () => {
    await page.locator('[data-test="rule-source-purchase"]', { hasText: '系统默认' }).waitFor()
    assert.equal(await input(page, 'rule-purchase-large_from_fen').inputValue(), '50,000.00')
    assert.equal((await route(page, 45000)).body.band, 'medium')
    await input(page, 'rule-purchase-large_from_fen').fill('1000')
    await page.locator('[data-test="rules-save"]').click()
    await message(page, 'error').waitFor()
    assert.match(await message(page, 'error').innerText(), /物资采购的“大额起点”须大于“中额起点”/)
    await page.locator('.bad input[data-test="rule-purchase-large_from_fen"]').waitFor()
    await shot(page, 'power-rules-01-refused')
  })

  it('sets the community\'s own threshold, which the next route uses', async () => {
    await input(page, 'rule-purchase-large_from_fen').fill('40,000')
    await page.locator('[data-test="rules-save"]').click()
    await message(page, 'success').waitFor()
    await page.locator('[data-test="rule-source-purchase"]', { hasText: '本级设定' }).waitFor()
    assert.equal(await input(page, 'rule-purchase-large_from_fen').inputValue(), '40,000.00')
    // Other kinds were not touched: still the default.
    assert.match(await page.locator('[data-test="rule-source-works"]').innerText(), /系统默认/)
    const r = await route(page, 45000)
    assert.equal(r.status, 200)
    assert.equal(r.body.band, 'large')
    await shot(page, 'power-rules-02-own')
  })

  it('restores the inherited default', async () => {
    await page.locator('[data-test="rule-inherit-purchase"]').click()
    await page.locator('[data-test="rules-save"]').click()
    await message(page, 'success').waitFor()
    await page.locator('[data-test="rule-source-purchase"]', { hasText: '系统默认' }).waitFor()
    assert.equal((await route(page, 45000)).body.band, 'medium')
  })
})
