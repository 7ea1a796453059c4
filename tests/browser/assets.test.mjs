// Assets and contracts (三资) through the UI as a village clerk: register an asset (and a photo), lease it out
// with a contract that started two years ago (so two yearly instalments are due), record a
// payment for the first, and see the second as an arrears warning in red, in the contract and
// in the warnings tab. Dates are computed from today (Asia/Shanghai) as the server computes them.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { input, waitRows, loginOk, selectOption, selectTreeNode, message, clickMenu, columnTexts } from './lib/ui.mjs'

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
/** today + years and days, as YYYY-MM-DD. */
function shift(years, days) {
  const [y, m, d] = today.split('-').map(Number)
  return new Date(Date.UTC(y + years, m - 1, d + days)).toISOString().slice(0, 10)
}

describe('assets and contracts in the browser', () => {
  let srv, b, page
  // Three years from ten days after "two years ago": yearly instalments ~23.7 and ~11.7 months
  // ago are due, the third falls in ten days.
  const start = shift(-2, 10)
  const end = shift(1, 9)

  before(async () => {
    srv = await startServer()
    b = await launch()
    page = b.page
    await loginOk(page, srv.base, srv.creds, 'hefeng.clerk')
  })

  after(async () => {
    if (b) await b.close()
    if (srv) await srv.stop()
  })

  it('registers an asset through the dialog', async () => {
    await clickMenu(page, 'menu-assets')
    await page.locator('[data-test="page-assets"]').waitFor()
    await page.locator('[data-test="assets-create"]').click()
    await selectTreeNode(page, 'asset-form-region', '荷风社区')
    await input(page, 'asset-form-code').fill('B-ZC-1')
    await input(page, 'asset-form-name').fill('社区活动室')
    await selectOption(page, 'asset-form-category', '房屋建筑物')
    await input(page, 'asset-form-value').fill('120000.50')
    await input(page, 'asset-form-acquired').fill('2019-06-30')
    await input(page, 'asset-form-acquired').press('Enter')
    await input(page, 'asset-form-location').fill('社区服务中心二楼')
    await page.locator('[data-test="asset-form-save"]').click()
    await message(page, 'success').waitFor()
    await waitRows(page, 'assets-table', 1)
    const codes = await columnTexts(page, 'assets-table', 1)
    assert.ok(codes.includes('B-ZC-1'), codes.join(','))
    const values = await columnTexts(page, 'assets-table', 4)
    assert.ok(values.includes('120,000.50'), values.join(','))
    await shot(page, 'assets-01-registered')
  })

  it('adds a photo to the asset', async () => {
    await page.locator('[data-test="asset-photos-B-ZC-1"]').click()
    const dialog = page.locator('[data-test="asset-photos"]')
    await dialog.waitFor()
    // The server sniffs the type from the bytes: a PNG signature and header.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)])
    await page.locator('[data-test="asset-photo-file"]').setInputFiles({ name: '外观.png', mimeType: 'image/png', buffer: png })
    await dialog.locator('img').first().waitFor({ state: 'attached' })
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => document.querySelector('[data-test="asset-photos-B-ZC-1"]')?.innerText.trim() === '1')
  })

  it('leases the asset with a contract and records the first payment', async () => {
    await clickMenu(page, 'menu-contracts')
    await page.locator('[data-test="page-contracts"]').waitFor()
    await page.locator('[data-test="contracts-create"]').click()
    await selectTreeNode(page, 'contract-form-region', '荷风社区')
    await input(page, 'contract-form-number').fill('B-HT-1')
    await page.locator('[data-test="contract-form-kind-lease"]').click()
    await selectOption(page, 'contract-form-subject', 'B-ZC-1')
    await input(page, 'contract-form-counterparty').fill('王小二')
    await input(page, 'contract-form-start').fill(start)
    await input(page, 'contract-form-start').press('Enter')
    await input(page, 'contract-form-end').fill(end)
    await input(page, 'contract-form-end').press('Enter')
    await input(page, 'contract-form-area').fill('80')
    await input(page, 'contract-form-unit-price').fill('100')
    await input(page, 'contract-form-total').fill('24000')
    await page.locator('[data-test="contract-form-save"]').click()

    // The detail opens: three yearly instalments of 8,000, two of them due and unpaid.
    const drawer = page.locator('[data-test="contract-detail"]')
    await drawer.locator('[data-test="contract-instalments"] tr.el-table__row').first().waitFor()
    assert.equal(await drawer.locator('[data-test="contract-instalments"] tr.el-table__row').count(), 3)
    assert.equal(await drawer.locator('[data-test="contract-detail-arrears"]').innerText(), '16,000.00')
    await input(page, 'payment-amount').fill('8000')
    await page.locator('[data-test="payment-save"]').click()
    await message(page, 'success').waitFor()
    await page.waitForFunction(() => document.querySelector('[data-test="contract-detail-arrears"]')?.innerText === '8,000.00')
    assert.equal(await drawer.locator('[data-test="contract-payments"] tr.el-table__row').count(), 1)
    // The second instalment, due a year ago, is more than two months overdue: red.
    const warning = drawer.locator('[data-test="contract-warning-payment_overdue"]')
    await warning.waitFor()
    assert.match(await warning.innerText(), /红色/)
    assert.match(await warning.innerText(), /8,000\.00/)
    await shot(page, 'assets-02-contract-detail')
    await page.keyboard.press('Escape')
  })

  it('shows the arrears warning in red in the list and the warnings tab', async () => {
    await waitRows(page, 'contracts-table', 1)
    const level = page.locator('[data-test="contract-level-B-HT-1"]')
    await level.waitFor()
    assert.match(await level.getAttribute('class'), /el-tag--danger/)
    await page.locator('[data-test="contracts-tabs"] .el-tabs__item', { hasText: '预警' }).click()
    await waitRows(page, 'warnings-table', 1)
    const red = page.locator('[data-test="warnings-table"] tr.el-table__row.row-red', { hasText: 'B-HT-1' })
    await red.first().waitFor()
    assert.match(await red.first().innerText(), /租金逾期/)
    await shot(page, 'assets-03-warnings')
  })

  it('another village is refused by the API from the page', async () => {
    const r = await page.evaluate(async () => (await fetch('/api/v1/ledger/contracts?region=339902001002')).status)
    assert.equal(r, 403)
  })
})
