// The funds ledger (三资·资金) through the UI. 桃源村 keeps demo books from last year (closed) and
// this year until last month (open). Its clerk enters a voucher in the keyboard-friendly form:
// an unbalanced one is refused with the 差额 shown, a payment without approval gets the
// server's message under 审批编号, then it posts as a flagged unapproved exception; the clerk reverses it and opens the printable
// 记账凭证. The secretary (who may close months) sees a close refused with the server's reason,
// then closes January; opens every report, sees the balance sheet balance on screen (figures =
// API) and downloads the balances as .xlsx (a zip with the spreadsheet content type).
import fs from 'node:fs'
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { input, waitRows, loginOk, selectOption, clickMenu, columnTexts, message, apiFromPage } from './lib/ui.mjs'

const TAOYUAN = '339902001201'
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
const year = today.slice(0, 4)

describe('funds ledger in the browser', () => {
  let srv, b, page
  let number = 0

  before(async () => {
    srv = await startServer()
    b = await launch()
    page = b.page
    await loginOk(page, srv.base, srv.creds, 'taoyuan.clerk')
  })

  after(async () => {
    if (b) await b.close()
    if (srv) await srv.stop()
  })

  it('shows the chart of accounts as a tree', async () => {
    await clickMenu(page, 'menu-fundAccounts')
    await page.locator('[data-test="page-fund-accounts"]').waitFor()
    await waitRows(page, 'accounts-table', 30)
    const codes = await columnTexts(page, 'accounts-table', 1)
    for (const c of ['101', '102', '102.01', '541', '541.02']) assert.ok(codes.includes(c), codes.join(','))
    await shot(page, 'ledger-01-accounts')
  })

  it('refuses an unbalanced voucher with the difference, then posts a balanced payment', async () => {
    await clickMenu(page, 'menu-vouchers')
    await page.locator('[data-test="page-vouchers"]').waitFor()
    await waitRows(page, 'vouchers-table', 5)
    await shot(page, 'ledger-02-vouchers')
    await page.locator('[data-test="vouchers-create"]').click()
    const dialog = page.locator('[data-test="voucher-dialog"]')
    await dialog.waitFor()
    // The month's next number is suggested.
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('input[data-test="voucher-form-number"], [data-test="voucher-form-number"] input')?.value || ''))
    number = Number(await input(page, 'voucher-form-number').inputValue())
    assert.ok(number >= 1)

    await input(page, 'line-summary-0').fill('购买会议室投影仪')
    await selectOption(page, 'line-account-0', '541.02')
    await input(page, 'line-debit-0').fill('1234.5')
    await input(page, 'line-debit-0').press('Enter') // to the next line; its summary repeats the one above
    await page.waitForFunction(() => document.querySelector('input[data-test="line-summary-1"], [data-test="line-summary-1"] input')?.value === '购买会议室投影仪')
    await selectOption(page, 'line-account-1', '101 现金')
    await input(page, 'line-credit-1').fill('1000')
    const balance = page.locator('[data-test="voucher-balance"]')
    await page.waitForFunction(() => document.querySelector('[data-test="voucher-balance"]')?.innerText.includes('234.50'))
    assert.match(await balance.innerText(), /不平衡 差额 234\.50 元/)
    assert.equal(await page.locator('[data-test="voucher-total-debit"]').innerText(), '1,234.50')
    await page.locator('[data-test="voucher-save"]').click()
    const linesError = page.locator('[data-test="voucher-lines-error"]')
    await linesError.waitFor()
    assert.match(await linesError.innerText(), /差额 234\.50/)
    assert.ok(await dialog.isVisible(), 'the dialog stays open')
    await shot(page, 'ledger-03-unbalanced')

    // "=" fills in the balancing amount.
    await input(page, 'line-credit-1').fill('')
    await input(page, 'line-credit-1').press('=')
    assert.equal(await input(page, 'line-credit-1').inputValue(), '1,234.50')
    assert.match(await balance.innerText(), /借贷平衡/)
    // A payment out of the cash box: the approval section appears; saving without one gets the
    // server's message under 审批编号.
    await page.locator('[data-test="voucher-approval"]').waitFor()
    await selectOption(page, 'voucher-form-settlement', '现金')
    await input(page, 'voucher-form-counterparty').fill('青莲文具店')
    await page.locator('[data-test="voucher-save"]').click()
    await message(page, 'error').waitFor()
    const approvalItem = page.locator('.el-form-item', { has: page.locator('[data-test="voucher-form-approval"]') })
    await approvalItem.locator('.el-form-item__error').waitFor()
    assert.match(await approvalItem.locator('.el-form-item__error').innerText(), /审批编号/)
    await shot(page, 'ledger-04-approval-required')
    // No approval case exists for it (approval references are checked against the petty-power
    // cases): it is posted as an explicitly flagged exception with its reason.
    await page.locator('[data-test="voucher-form-unapproved"]').click()
    await input(page, 'voucher-form-reason').fill('会议急需,事后补办审批')
    await page.locator('[data-test="voucher-save"]').click()
    await message(page, 'success').waitFor()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator(`[data-test="voucher-open-${number}"]`).first().waitFor()

    // The API has it as entered, in fen.
    const res = await apiFromPage(page, `/api/v1/ledger/vouchers?region=${TAOYUAN}&q=${encodeURIComponent('购买会议室投影仪')}`)
    assert.equal(res.status, 200)
    assert.equal(res.body.total, 1)
    assert.equal(res.body.items[0].total_fen, 123450)
    assert.equal(res.body.items[0].approval_ref, null)
    assert.equal(res.body.items[0].unapproved, true)
    assert.equal(res.body.items[0].unapproved_reason, '会议急需,事后补办审批')
    assert.equal(res.body.items[0].number, number)
  })

  it('shows the voucher as a printable 记账凭证', async () => {
    await page.locator(`[data-test="voucher-open-${number}"]`).first().click()
    const paper = page.locator('[data-test="voucher-paper"]')
    await paper.waitFor()
    assert.equal(await page.locator('[data-test="voucher-paper-number"]').innerText(), `记字第 ${number} 号`)
    const text = await paper.innerText()
    assert.match(text, /壹仟贰佰叁拾肆元伍角/)
    assert.match(text, /541 管理费用/)
    await shot(page, 'ledger-05-voucher-paper')
    await page.keyboard.press('Escape')
    await paper.waitFor({ state: 'hidden' })
  })

  it('reverses the voucher into this month', async () => {
    await page.locator(`[data-test="voucher-reverse-${number}"]`).first().click()
    await page.locator('.reverse-box').waitFor()
    await page.locator('.reverse-box .el-button--primary').click()
    await message(page, 'success').waitFor()
    const res = await apiFromPage(page, `/api/v1/ledger/vouchers?region=${TAOYUAN}&q=${encodeURIComponent('冲销')}`)
    assert.equal(res.status, 200)
    const reversal = res.body.items.find((v) => v.reverses_id)
    assert.ok(reversal, JSON.stringify(res.body.items))
    assert.equal(reversal.total_fen, 123450)
    await waitRows(page, 'vouchers-table', 2)
    const statuses = await columnTexts(page, 'vouchers-table', 8)
    assert.ok(statuses.some((s) => s.includes('已冲销')), statuses.join('|'))
    assert.ok(statuses.some((s) => s.includes('冲销凭证')), statuses.join('|'))
    await shot(page, 'ledger-06-reversed')
  })

  it('the secretary sees a close refused with the reason, then closes January', async () => {
    await b.context.clearCookies() // the clerk's session ends; the secretary logs in
    await loginOk(page, srv.base, srv.creds, 'taoyuan.secretary')
    await clickMenu(page, 'menu-periods')
    await page.locator('[data-test="page-periods"]').waitFor()
    await waitRows(page, 'periods-table', 12)
    // March while January and February are open: the server says which month comes first.
    await page.locator(`[data-test="period-close-${year}-03"]`).click()
    await page.locator('.close-confirm .el-button--primary').click()
    const refused = page.locator('.close-refused')
    await refused.waitFor()
    assert.match(await refused.innerText(), new RegExp(`须先结账 ${year}-01`))
    await shot(page, 'ledger-07-close-refused')
    await refused.locator('.el-button--primary').click()
    await page.locator(`[data-test="period-close-${year}-01"]`).click()
    await page.locator('.close-confirm .el-button--primary').click()
    await message(page, 'success').waitFor()
    await page.waitForFunction((p) => document.querySelector(`[data-test="period-status-${p}"]`)?.innerText.includes('已结账'), `${year}-01`)
    const res = await apiFromPage(page, `/api/v1/ledger/periods?region=${TAOYUAN}&year=${year}`)
    assert.equal(res.body.periods[0].status, 'closed')
    assert.equal(res.body.periods[1].status, 'open')
    await shot(page, 'ledger-08-periods')
  })

  it('opens every report; the balance sheet balances on screen', async () => {
    await clickMenu(page, 'menu-fundReports')
    await page.locator('[data-test="page-fund-reports"]').waitFor()
    for (const tab of ['balances', 'cash', 'bank', 'general', 'detail', 'income', 'balance-sheet', 'comparison']) {
      await page.locator(`.el-tabs__item#tab-${tab}`).click()
      await page.locator(`[data-test="report-${tab}"] [data-test="report-table"]`).first().waitFor()
      await page.waitForFunction(() => !document.querySelector('.report .el-loading-mask') || getComputedStyle(document.querySelector('.report .el-loading-mask')).display === 'none')
      if (tab === 'balance-sheet') {
        const api = await apiFromPage(page, `/api/v1/ledger/balance-sheet?region=${TAOYUAN}&date=${today}`)
        assert.equal(api.status, 200)
        assert.equal(api.body.balanced, true)
        const banner = page.locator('[data-test="sheet-balanced"]')
        assert.match(await banner.getAttribute('class'), /\bok\b/)
        const assets = await page.locator('[data-test="sheet-assets"]').innerText()
        const both = await page.locator('[data-test="sheet-liab-eq"]').innerText()
        assert.equal(assets, both)
        assert.equal(assets.replace(/,/g, ''), (api.body.assets_fen / 100).toFixed(2))
        assert.match(await banner.innerText(), /平衡/)
      }
      if (tab === 'comparison') await page.locator('[data-test="comparison-chart"] canvas').waitFor()
      if (tab === 'cash') {
        const rowsText = await page.locator('[data-test="report-cash"] [data-test="report-table"]').innerText()
        assert.match(rowsText, /期初余额/)
        assert.match(rowsText, /本期合计/)
      }
      await shot(page, `ledger-09-report-${tab}`, { fullPage: tab === 'balance-sheet' })
    }
  })

  it('downloads the balances as an xlsx file', async () => {
    await page.locator('.el-tabs__item#tab-balances').click()
    await page.locator('[data-test="report-balances"] [data-test="report-table"]').waitFor()
    await page.locator('[data-test="reports-export"]').hover()
    const downloading = page.waitForEvent('download')
    await page.locator('[data-test="reports-export-xlsx"]').click()
    const download = await downloading
    assert.match(download.suggestedFilename(), /^桃源村-科目余额表-\d{8}\.xlsx$/)
    const bytes = fs.readFileSync(await download.path())
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK') // a zip, as .xlsx files are
    const url = new URL(download.url())
    assert.equal(url.searchParams.get('format'), 'xlsx')
    assert.equal(url.searchParams.get('region'), TAOYUAN)
    const type = await page.evaluate(async (u) => (await fetch(u, { credentials: 'same-origin' })).headers.get('content-type'), download.url())
    assert.equal(type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  })
})
