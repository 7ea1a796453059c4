// Asset deals (三资交易) and the yearly stock-take (年度清查) through the UI: 桃源村's clerk starts a
// lease of the tractor, each step is taken by the user of its role (clerk, secretary, street
// office, supervisor), the three automatic disclosures appear on the residents' page, then the
// clerk runs a stock-take with the quick buttons (also at phone width), closes it and downloads
// the discrepancy report.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { input, loginOk, selectOption, selectTreeNode, message, clickMenu, apiFromPage, waitRows } from './lib/ui.mjs'

const VILLAGE = '339902001201' // 桃源村
const userFor = (role) => (role === 'street_office' ? 'street' : `taoyuan.${role}`)

async function logout(page) {
  await page.locator('[data-test="user-button"]').click()
  await page.locator('[data-test="logout"]:visible').click()
  await page.waitForURL(/\/login/)
}

describe('asset deals and the stock-take in the browser', () => {
  let srv, b, page, dealId, user

  before(async () => {
    srv = await startServer()
    b = await launch()
    page = b.page
    user = 'taoyuan.clerk'
    await loginOk(page, srv.base, srv.creds, user)
  })

  after(async () => {
    if (b) await b.close()
    if (srv) await srv.stop()
  })

  it('starts a lease deal from the list', async () => {
    await clickMenu(page, 'menu-deals')
    await page.locator('[data-test="page-deals"]').waitFor()
    await page.locator('[data-test="deals-create"]').click()
    await selectTreeNode(page, 'deal-form-region', '桃源村')
    await input(page, 'deal-form-title').fill('农用拖拉机出租')
    await selectOption(page, 'deal-form-subject', 'ZC-002')
    await input(page, 'deal-form-reserve').fill('5000')
    await input(page, 'deal-form-description').fill('出租三年,年租金按成交价')
    await shot(page, 'deals-01-start')
    await page.locator('[data-test="deal-form-save"]').click()
    await page.locator('[data-test="page-deal"]').waitFor()
    dealId = Number(page.url().split('/').pop())
    assert.ok(dealId > 0)
    await page.locator('[data-test="deal-step-16"]').waitFor()
    assert.match(await page.locator('[data-test="deal-next"]').innerText(), /第 1 个环节/)
  })

  it('walks all sixteen steps, each with the user of its role', async () => {
    for (;;) {
      const { body: deal } = await apiFromPage(page, `/api/v1/ledger/deals/${dealId}`)
      if (deal.status === 'completed') break
      const who = userFor(deal.next_role)
      if (who !== user) {
        await logout(page)
        await loginOk(page, srv.base, srv.creds, who)
        user = who
      }
      await page.goto(`${srv.base}/ledger/deals/${dealId}`)
      await page.locator('[data-test="deal-act"]').waitFor()
      const step = deal.steps[deal.current_step - 1]
      if (step.action === 'record_result') {
        await input(page, 'act-winner').fill('李记农机合作社')
        await input(page, 'act-price').fill('6,800')
      }
      if (step.action === 'sign_contract') {
        await input(page, 'act-contract-number').fill('HT-TY-JY1')
        const term = page.locator('[data-test="deal-act"] .el-range-input')
        await term.first().fill('2027-01-01')
        await term.last().fill('2029-12-31')
        await term.last().press('Enter')
      }
      await input(page, 'act-note').fill(`第${deal.current_step}环节已办理`)
      if (deal.current_step === 12) await shot(page, 'deals-02-result-step')
      await page.locator('[data-test="act-complete"]').click()
      await message(page, 'success').waitFor()
      await page.locator(`[data-test="deal-step-${deal.current_step}"][data-status="done"]`).waitFor()
      if (deal.current_step === 8) await shot(page, 'deals-03-timeline', { fullPage: true })
    }
    await page.goto(`${srv.base}/ledger/deals/${dealId}`)
    await page.locator('[data-test="deal-status"]', { hasText: '已完成' }).waitFor()
    assert.equal((await page.locator('[data-test="deal-winner"]').innerText()).trim(), '李记农机合作社')
    assert.equal((await page.locator('[data-test="deal-price"]').innerText()).trim(), '6,800.00')
    assert.equal(await page.locator('[data-test="deal-disclosures"] li').count(), 3)
    await shot(page, 'deals-04-completed', { fullPage: true })
  })

  it('shows the three disclosures on the residents\' page', async () => {
    const { body: deal } = await apiFromPage(page, `/api/v1/ledger/deals/${dealId}`)
    assert.deepEqual(deal.disclosures.map((d) => d.stage), ['before', 'during', 'after'])
    const { body: contracts } = await apiFromPage(page, `/api/v1/ledger/contracts?region=${VILLAGE}&q=HT-TY-JY1`)
    assert.equal(contracts.total, 1)
    assert.equal(contracts.items[0].total_fen, 680000)
    await page.goto(`${srv.base}/p/${VILLAGE}`)
    const text = await page.locator('body').innerText()
    for (const d of deal.disclosures) assert.ok(text.includes(d.title), d.title)
    await shot(page, 'deals-05-public', { fullPage: true })
  })

  it('runs a stock-take with the quick buttons, closes it and downloads the report', async () => {
    await page.goto(`${srv.base}/`)
    await page.locator('[data-test="home"]').waitFor()
    if (user !== 'taoyuan.clerk') {
      await logout(page)
      await loginOk(page, srv.base, srv.creds, 'taoyuan.clerk')
    }
    await clickMenu(page, 'menu-inventories')
    await page.locator('[data-test="page-inventories"]').waitFor()
    await page.locator('[data-test="inventories-create"]').click()
    await selectTreeNode(page, 'inventory-form-region', '桃源村')
    await page.locator('[data-test="inventory-form-save"]').click()
    await page.locator('[data-test="page-inventory"]').waitFor()
    await waitRows(page, 'items-table', 7)
    await page.locator('[data-test="item-missing-ZC-004"]').click()
    await page.locator('[data-test="item-result-ZC-004"]', { hasText: '盘亏' }).waitFor()
    await page.locator('[data-test="item-changed-ZC-001"]').click()
    await input(page, 'change-location').fill('新村委会大楼')
    await page.locator('[data-test="change-save"]').click()
    await page.locator('[data-test="item-result-ZC-001"]', { hasText: '变动' }).waitFor()
    for (const code of ['ZC-002', 'ZC-003', 'ZY-001', 'ZY-002']) {
      await page.locator(`[data-test="item-found-${code}"]`).click()
      await page.locator(`[data-test="item-result-${code}"]`, { hasText: '在账' }).waitFor()
    }
    // At phone width the quick buttons stay on screen.
    await page.setViewportSize({ width: 375, height: 740 })
    // The narrower layout re-renders the rows: a row found before that may be replaced while
    // it is being scrolled to, so scroll to the row as it is after the re-render.
    for (let attempt = 0; ; attempt++) {
      try {
        await page.locator('[data-test="item-found-ZY-003"]').scrollIntoViewIfNeeded()
        break
      } catch (e) {
        if (attempt >= 3 || !/not attached/i.test(e.message)) throw e
      }
    }
    await shot(page, 'deals-06-count-phone')
    await page.locator('[data-test="item-found-ZY-003"]').click()
    await page.locator('[data-test="item-result-ZY-003"]', { hasText: '在账' }).waitFor()
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.locator('[data-test="inventory-close"]:not([disabled])').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await message(page, 'success').waitFor()
    await page.locator('[data-test="inventory-status"]', { hasText: '已结束' }).waitFor()
    await page.locator('[data-test="inventory-report"]').waitFor()
    const summary = await page.locator('[data-test="report-summary"]').innerText()
    assert.match(summary, /1 · 6,500\.00/)
    await shot(page, 'deals-07-report', { fullPage: true })
    for (const format of ['xlsx', 'csv']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-test="report-${format}"] button`).click()])
      assert.ok(download.suggestedFilename().endsWith('.' + format), download.suggestedFilename())
      const path = await download.path()
      assert.ok(path)
    }
    // The register took the change; the missing computer is flagged, not disposed.
    const { body: assets } = await apiFromPage(page, `/api/v1/ledger/assets?region=${VILLAGE}&size=50`)
    const byCode = Object.fromEntries(assets.items.map((a) => [a.code, a]))
    assert.equal(byCode['ZC-001'].location, '新村委会大楼')
    assert.equal(byCode['ZC-004'].status, 'in_use')
  })
})
