// Works projects and the two seed reports through the UI. 桃源村's clerk sees the demo projects
// (the roads its books pay; this year's paid in full before acceptance is flagged when both
// payments are in the books), registers a project in the dialog (yuan → fen), links a payment
// voucher found by the picker's search, and sees 验收前付款超比例 fire in the detail and in red
// on the 年度工程项目汇总核查表, whose summary and totals equal the API's; downloads the table
// as .xlsx (zip bytes, spreadsheet type). Then runs the 离任经济责任审计 for the demo clerk: the
// figures on screen equal the API's, the clerk's own voucher is listed, the workbook downloads.
// The three screens at phone width: no page-wide horizontal scrolling. A resident has none of them.
import fs from 'node:fs'
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { input, waitRows, loginOk, selectOption, clickMenu, message, apiFromPage } from './lib/ui.mjs'

const TAOYUAN = '339902001201'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
const year = today.slice(0, 4)
const month = Number(today.slice(5, 7))
const NAME = '村口公厕改造工程'
const ROAD = `${year}年村道硬化工程`

// The app's own formatting of fen (utils/money.js), to compare screen and API.
function yuan(fen) {
  const a = Math.abs(fen)
  return `${fen < 0 ? '-' : ''}${Math.floor(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}`
}

async function text(page, testId) {
  return (await page.locator(`[data-test="${testId}"]`).first().innerText()).trim()
}

async function downloadXlsx(page, trigger) {
  const downloading = page.waitForEvent('download')
  await trigger()
  const download = await downloading
  assert.match(download.suggestedFilename(), /\.xlsx$/)
  const bytes = fs.readFileSync(await download.path())
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK') // a zip, as .xlsx files are
  const type = await page.evaluate(async (u) => (await fetch(u, { credentials: 'same-origin' })).headers.get('content-type'), download.url())
  assert.equal(type, XLSX)
  return new URL(download.url())
}

describe('works projects, the project check table and the term audit in the browser', () => {
  let srv, b, page, voucherId

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

  it('lists the demo projects with the payments the books made', async () => {
    await clickMenu(page, 'menu-projects')
    await page.locator('[data-test="page-projects"]').waitFor()
    await waitRows(page, 'projects-table', 2)
    const { body } = await apiFromPage(page, `/api/v1/ledger/projects?region=${TAOYUAN}&size=100`)
    assert.equal(body.total, 2, JSON.stringify(body.items.map((p) => p.name)))
    for (const p of body.items) assert.equal(await text(page, 'project-paid-' + p.name), yuan(p.paid_fen))
    const road = body.items.find((p) => p.name === ROAD)
    assert.ok(road, 'this year\'s road project')
    // The demo books pay the road in April and June; both before the acceptance on 30 September.
    if (month > 6) {
      assert.equal(road.paid_fen, 17200000)
      assert.ok(road.checks.some((c) => c.code === 'paid_before_acceptance'), JSON.stringify(road.checks))
      await page.locator(`[data-test="project-errors-${ROAD}"]`).waitFor()
    }
    await shot(page, 'reports-01-projects')
  })

  it('registers a project in the dialog', async () => {
    await page.locator('[data-test="projects-create"]').click()
    await page.locator('[data-test="project-dialog"]').waitFor()
    // Required fields are checked before anything is sent.
    await page.locator('[data-test="project-form-save"]').click()
    await page.locator('[data-test="project-dialog"] .el-form-item__error').first().waitFor()
    await input(page, 'project-form-name').fill(NAME)
    await input(page, 'project-form-contract').fill('40,000.5')
    await selectOption(page, 'project-form-method', '询价')
    await input(page, 'project-form-contractor').fill('青莲建筑队')
    const start = input(page, 'project-form-start')
    await start.fill(`${year}-${String(month).padStart(2, '0')}-01`)
    await start.press('Enter')
    await input(page, 'project-form-note').fill('村民代表会议议定,三家询价')
    await shot(page, 'reports-02-project-dialog')
    await page.locator('[data-test="project-form-save"]').click()
    await message(page, 'success').waitFor()
    await page.locator(`[data-test="project-open-${NAME}"]`).waitFor()
    const { body } = await apiFromPage(page, `/api/v1/ledger/projects?region=${TAOYUAN}&q=${encodeURIComponent(NAME)}`)
    assert.equal(body.total, 1)
    assert.equal(body.items[0].contract_amount_fen, 4000050)
    assert.equal(body.items[0].procurement_method, 'inquiry')
    assert.equal(body.items[0].paid_fen, 0)
  })

  it('links a payment voucher found by the picker and sees the check fire', async () => {
    // The advance is paid as a flagged exception (entered through the API; the voucher form is
    // ledger.test.mjs's): 15,000.00 of a 40,000.50 contract before any acceptance.
    const me = await apiFromPage(page, '/api/v1/auth/me')
    const made = await apiFromPage(page, '/api/v1/ledger/vouchers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.body.csrf_token },
      body: JSON.stringify({
        region_code: TAOYUAN,
        date: today,
        summary: '支付村口公厕改造工程预付款',
        settlement: 'bank_transfer',
        counterparty: '青莲建筑队',
        unapproved_exception: { reason: '开工急需,事后补办审批' },
        lines: [
          { account_code: '154', debit_fen: 1500000 },
          { account_code: '102.01', credit_fen: 1500000, counterparty: '青莲建筑队' },
        ],
      }),
    })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    voucherId = made.body.id

    await page.locator(`[data-test="project-open-${NAME}"]`).click()
    await page.locator('[data-test="project-detail"] [data-test="detail-checks"]').waitFor()
    await page.locator('[data-test="link-voucher"]').click()
    await page.keyboard.type('公厕')
    const option = page.locator('.el-select-dropdown__item:visible', { hasText: '公厕改造工程预付款' }).first()
    await option.waitFor()
    await option.click()
    await page.locator('[data-test="link-save"]').click()
    await message(page, 'success').waitFor()
    await page.locator(`[data-test="unlink-${voucherId}"]`).waitFor()
    assert.equal(await text(page, 'detail-paid'), '15,000.00')
    const tag = page.locator('[data-test="detail-checks"] [data-code="paid_before_acceptance"]')
    await tag.waitFor()
    assert.equal(await tag.getAttribute('data-severity'), 'error')
    assert.match(await tag.getAttribute('class'), /el-tag--danger/)
    await page.locator('.el-message').first().waitFor({ state: 'detached' }).catch(() => {})
    await shot(page, 'reports-03-project-detail')
    await page.keyboard.press('Escape')
    await page.locator(`[data-test="project-errors-${NAME}"]`).waitFor()
  })

  it('shows the check table with the finding in red and the API\'s totals', async () => {
    await clickMenu(page, 'menu-projectCheck')
    await page.locator('[data-test="page-project-check"]').waitFor()
    const row = page.locator(`[data-test="check-row-${NAME}"]`)
    await row.waitFor()
    const { body: api } = await apiFromPage(page, `/api/v1/ledger/project-check?region=${TAOYUAN}&year=${year}`)
    const t = api.totals
    assert.ok(t.flagged_projects >= 1)
    assert.equal(
      await text(page, 'check-summary'),
      `共 ${t.projects} 个项目，${t.flagged_projects} 个有问题或提醒(红 ${t.errors} 项，黄 ${t.warnings} 项)`,
    )
    assert.equal(await text(page, 'check-total-contract'), yuan(t.contract_amount_fen))
    assert.equal(await text(page, 'check-total-paid'), yuan(t.paid_fen))
    assert.equal(await page.locator('[data-test="check-table"] tbody tr[data-test^="check-row-"]').count(), t.projects)
    const mine = api.items.find((p) => p.name === NAME)
    const finding = mine.checks.find((c) => c.code === 'paid_before_acceptance')
    const tag = row.locator('[data-code="paid_before_acceptance"]')
    assert.equal((await tag.innerText()).trim(), finding.message_zh)
    assert.match(await tag.getAttribute('class'), /el-tag--danger/)
    assert.match(await row.getAttribute('class'), /flag-error/)
    await shot(page, 'reports-04-check-table', { fullPage: true })
  })

  it('downloads the check table as .xlsx', async () => {
    await page.locator('[data-test="check-export"]').hover()
    const url = await downloadXlsx(page, () => page.locator('[data-test="check-export-xlsx"]').click())
    assert.equal(url.searchParams.get('region'), TAOYUAN)
    assert.equal(url.searchParams.get('year'), year)
  })

  it('prints the check table on its own (print CSS)', async () => {
    // What 打印 sets up before window.print(): the body class; then the print media.
    await page.evaluate(() => document.body.classList.add('ql-print-report'))
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.locator('.header').isVisible(), false, 'header hidden')
    assert.equal(await page.locator('[data-test="side-menu"]').isVisible(), false, 'menu hidden')
    assert.equal(await page.locator('[data-test="check-print"]').isVisible(), false, 'buttons hidden')
    assert.equal(await page.locator('[data-test="check-table"]').isVisible(), true)
    await shot(page, 'reports-04b-check-print', { fullPage: true })
    await page.emulateMedia({ media: 'screen' })
    await page.evaluate(() => document.body.classList.remove('ql-print-report'))
  })

  it('runs the term audit for the demo clerk with the API\'s figures', async () => {
    await clickMenu(page, 'menu-termAudit')
    await page.locator('[data-test="page-term-audit"]').waitFor()
    await selectOption(page, 'audit-cadre', '桃源村文书')
    await page.locator('[data-test="audit-run"]').click()
    await page.locator('[data-test="audit-report"]').waitFor()
    const { body: cadres } = await apiFromPage(page, `/api/v1/ledger/term-audit/cadres?region=${TAOYUAN}`)
    const clerk = cadres.cadres.find((c) => c.username === 'taoyuan.clerk')
    const from = `${Number(year) - 1}-01-01`
    const { status, body: api } = await apiFromPage(page, `/api/v1/ledger/term-audit?region=${TAOYUAN}&user=${clerk.user_id}&from=${from}&to=${today}`)
    assert.equal(status, 200)
    assert.ok(api.income_fen > 0 && api.expenditure_fen > 0)
    assert.equal(await text(page, 'audit-income'), yuan(api.income_fen))
    assert.equal(await text(page, 'audit-expenditure'), yuan(api.expenditure_fen))
    assert.equal(await text(page, 'audit-net'), yuan(api.net_fen))
    assert.equal(await text(page, 'audit-arrears'), yuan(api.arrears_fen))
    assert.equal(await text(page, 'audit-unapproved-count'), String(api.unapproved.length))
    for (const p of api.positions) assert.equal(await text(page, 'position-closing-' + p.key), yuan(p.closing_fen))
    // The clerk's own voucher is among "their" vouchers and the unapproved payments; the
    // projects section carries the check finding.
    assert.ok(api.vouchers.some((v) => v.id === voucherId))
    assert.match(await text(page, 'audit-vouchers'), /支付村口公厕改造工程预付款/)
    assert.match(await text(page, 'audit-unapproved'), /开工急需/)
    assert.match(await text(page, 'audit-projects'), new RegExp(NAME))
    assert.equal(await page.locator('[data-test="audit-projects"] [data-code="paid_before_acceptance"]').count() >= 1, true)
    await shot(page, 'reports-05-term-audit', { fullPage: true })
    await page.locator('[data-test="audit-arrears-list"]').scrollIntoViewIfNeeded()
    await shot(page, 'reports-05b-term-audit-sections')
    await page.locator('[data-test="audit-voids"]').scrollIntoViewIfNeeded()
    await shot(page, 'reports-05c-term-audit-end')
    // 打印: the report alone, every section's table in full.
    await page.evaluate(() => document.body.classList.add('ql-print-report'))
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.locator('[data-test="side-menu"]').isVisible(), false, 'menu hidden')
    assert.equal(await page.locator('[data-test="audit-print"]').isVisible(), false, 'buttons hidden')
    assert.equal(await page.locator('[data-test="audit-projects"]').isVisible(), true)
    await shot(page, 'reports-05d-term-audit-print', { fullPage: true })
    await page.emulateMedia({ media: 'screen' })
    await page.evaluate(() => document.body.classList.remove('ql-print-report'))
    const url = await downloadXlsx(page, () => page.locator('[data-test="audit-xlsx"]').click())
    assert.equal(url.searchParams.get('user'), String(clerk.user_id))
    assert.equal(url.searchParams.get('from'), from)
  })

  it('both reports fit a phone screen (the tables scroll inside)', async () => {
    await page.setViewportSize({ width: 375, height: 667 })
    for (const [path, ready, name] of [
      ['/ledger/project-check', `[data-test="check-row-${NAME}"]`, 'reports-06-check-phone'],
      ['/ledger/projects', `[data-test="project-open-${NAME}"]`, 'reports-07-projects-phone'],
      ['/ledger/term-audit', '[data-test="audit-run"]', 'reports-08-term-audit-phone'],
    ]) {
      await page.goto(srv.base + path)
      await page.locator(ready).waitFor()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 0, `${path}: no page-wide horizontal scrolling (${overflow})`)
      await shot(page, name)
    }
    await page.setViewportSize({ width: 1366, height: 768 })
  })

  it('a resident (no ledger:fund:read) has none of the three pages', async () => {
    await page.goto(`${srv.base}/`)
    await page.locator('[data-test="user-button"]').click()
    await page.locator('[data-test="logout"]:visible').click()
    await page.waitForURL(/\/login/)
    await loginOk(page, srv.base, srv.creds, 'taoyuan.resident')
    for (const name of ['projects', 'projectCheck', 'termAudit'])
      assert.equal(await page.locator(`[data-test="menu-${name}"]`).count(), 0, name)
    await page.goto(`${srv.base}/ledger/term-audit`)
    await page.locator('[data-test="forbidden"]').waitFor()
  })
})
