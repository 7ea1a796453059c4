// Voucher import through the web UI (三资·记账凭证 → 导入): the clerk picks the village and a
// CSV in the layout; a file with one bad row shows every problem with its row and
// column and cannot be committed (nothing is written); the corrected file previews its rows in
// the file's column order, commits, and the vouchers are in the books as entered, in fen; the
// accounts import previews every column of its file (balances in yuan, 是/否 flags) and, given
// the opening date its balances need, commits them as one opening voucher.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { input, loginOk, clickMenu, selectTreeNode, message, apiFromPage } from './lib/ui.mjs'

const TAOYUAN = '339902001201'
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
const HEADER = '日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额,往来单位,结算方式,附件数\n'
const good =
  HEADER +
  `${today},901,收到鱼塘承包费,101,现金,"2,500.00",,张建国,现金,1\n` +
  `${today},901,收到鱼塘承包费,511.01,土地承包收入,,2500,张建国,现金,1\n` +
  `${today},902,收到山林承包费,101,现金,300.5,,李四,现金,0\n` +
  `${today},902,收到山林承包费,511.02,其他发包收入,,300.50,李四,现金,0\n`
// Row 5 (the header is row 1) cites an account the village does not have.
const bad = good.replace(/511\.02,其他发包收入/, '599.99,不存在的科目')

describe('voucher import in the browser', () => {
  let srv, b, page

  before(async () => {
    srv = await startServer()
    b = await launch()
    page = b.page
    await loginOk(page, srv.base, srv.creds, 'taoyuan.clerk')
    await clickMenu(page, 'menu-vouchers')
    await page.locator('[data-test="page-vouchers"]').waitFor()
  })

  after(async () => {
    if (b) await b.close()
    if (srv) await srv.stop()
  })

  const choose = async (name, text) => {
    const previewed = page.waitForResponse((r) => r.url().includes('/api/v1/ledger/vouchers/import'))
    await page.locator('[data-test="import-file-vouchers"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })
    return previewed
  }

  const headers = async (kind) =>
    (await page.locator(`[data-test="import-rows-${kind}"] .el-table__header th`).allInnerTexts()).map((s) => s.trim())

  it('a file with one bad row lists the problem with its row and column and cannot be committed', async () => {
    await page.locator('[data-test="vouchers-import"]').click()
    await page.locator('[data-test="import-dialog-vouchers"]').waitFor()
    await selectTreeNode(page, 'import-region-vouchers', '桃源村')
    await choose('凭证.csv', bad)
    const problems = page.locator('[data-test="import-problems-vouchers"]')
    await problems.waitFor()
    const text = await problems.innerText()
    assert.match(text, /\b5\b/, text)
    assert.match(text, /科目编码/, text)
    assert.ok(await page.locator('[data-test="import-commit-vouchers"]').isDisabled(), 'an invalid file cannot be committed')
    await shot(page, 'ledger-import-01-problems')
    const res = await apiFromPage(page, `/api/v1/ledger/vouchers?region=${TAOYUAN}&q=${encodeURIComponent('承包费')}&from=${today}&to=${today}`)
    assert.equal(res.status, 200)
    assert.equal(res.body.total, 0, 'the preview wrote nothing')
  })

  it('the corrected file previews its rows and commits all of them', async () => {
    await choose('凭证.csv', good)
    await page.locator('[data-test="import-rows-vouchers"] tr.el-table__row').first().waitFor()
    assert.equal(await page.locator('[data-test="import-problems-vouchers"]').count(), 0)
    assert.equal(await page.locator('[data-test="import-rows-vouchers"] tr.el-table__row').count(), 4)
    assert.match(await page.locator('[data-test="import-summary-vouchers"]').innerText(), /4/)
    // The columns are the server's, in the file's order (not the keys' alphabetical order).
    assert.deepEqual(await headers('vouchers'), ['行', ...HEADER.trim().split(','), '审批编号', '例外原因'])
    const first = await page.locator('[data-test="import-rows-vouchers"] tr.el-table__row').first().locator('td').allInnerTexts()
    assert.deepEqual(first.slice(0, 8).map((s) => s.trim()), ['2', today, '901', '收到鱼塘承包费', '101', '现金', '2,500.00', '0.00'])
    await shot(page, 'ledger-import-02-preview')
    const committed = page.waitForResponse((r) => r.url().includes('/api/v1/ledger/vouchers/import') && r.request().method() === 'POST')
    await page.locator('[data-test="import-commit-vouchers"]').click()
    assert.ok((await committed).ok())
    await message(page, 'success').waitFor()

    const res = await apiFromPage(page, `/api/v1/ledger/vouchers?region=${TAOYUAN}&from=${today}&to=${today}&sort=number`)
    assert.equal(res.status, 200)
    const mine = res.body.items.filter((v) => v.number === 901 || v.number === 902)
    assert.deepEqual(mine.map((v) => [v.number, v.total_fen]), [[901, 250000], [902, 30050]])
  })

  it('the accounts preview shows every column of the file in its order: codes as words, balances in yuan, flags as 是/否', async () => {
    await clickMenu(page, 'menu-fundAccounts')
    await page.locator('[data-test="page-fund-accounts"]').waitFor()
    await page.locator('[data-test="accounts-import"]').click()
    await page.locator('[data-test="import-dialog-accounts"]').waitFor()
    await selectTreeNode(page, 'import-region-accounts', '桃源村')
    const file =
      '科目编码,科目名称,上级科目,类别,余额方向,现金科目,银行科目,年初余额\n' +
      '102.08,信用社专户,102,资产,借,否,是,"1,234.50"\n' +
      '541.08,宣传费,541,损益,借,,,\n' +
      '202,应付款,,负债,贷,,,1234.5\n'
    const previewed = page.waitForResponse((r) => r.url().includes('/api/v1/ledger/accounts/import'))
    await page.locator('[data-test="import-file-accounts"]').setInputFiles({ name: '科目.csv', mimeType: 'text/csv', buffer: Buffer.from(file) })
    const res = await previewed
    assert.equal(res.status(), 200)
    const api = await res.json()
    await page.locator('[data-test="import-rows-accounts"] tr.el-table__row').first().waitFor()
    assert.deepEqual(await headers('accounts'), ['行', ...file.split('\n')[0].split(',')])
    assert.deepEqual(await headers('accounts'), ['行', ...api.columns.map((c) => c.label)])
    const rows = page.locator('[data-test="import-rows-accounts"] tr.el-table__row')
    assert.equal(await rows.count(), 3)
    assert.deepEqual((await rows.nth(2).locator('td').allInnerTexts()).map((s) => s.trim()), ['4', '202', '应付款', '', '负债', '贷', '', '', '1,234.50'])
    const cells = (await rows.first().locator('td').allInnerTexts()).map((s) => s.trim())
    assert.deepEqual(cells, ['2', '102.08', '信用社专户', '102', '资产', '借', '否', '是', '1,234.50'])
    assert.equal((await rows.nth(1).locator('td').allInnerTexts()).map((s) => s.trim())[6], '', 'an empty 现金科目 stays empty')
    // Balances need the opening voucher's date: the server's problem is listed until it is given.
    assert.match(await page.locator('[data-test="import-problems-accounts"]').innerText(), /年初余额/)
    assert.ok(await page.locator('[data-test="import-commit-accounts"]').isDisabled())
    await shot(page, 'ledger-import-03-accounts-preview')
    const again = page.waitForResponse((r) => r.url().includes('/api/v1/ledger/accounts/import') && r.url().includes(`opening_date=${today}`))
    await input(page, 'import-opening-accounts').fill(today)
    await input(page, 'import-opening-accounts').press('Enter')
    assert.equal((await again).status(), 200)
    await page.locator('[data-test="import-problems-accounts"]').waitFor({ state: 'detached' })
    await shot(page, 'ledger-import-04-accounts-dated')
    const committed = page.waitForResponse((r) => r.url().includes('/api/v1/ledger/accounts/import') && !r.url().includes('dry_run'))
    await page.locator('[data-test="import-commit-accounts"]').click()
    assert.equal((await committed).status(), 201)
    await message(page, 'success').first().waitFor()
    const v = await apiFromPage(page, `/api/v1/ledger/vouchers?region=${TAOYUAN}&q=${encodeURIComponent('期初余额')}&from=${today}&to=${today}`)
    assert.equal(v.status, 200)
    assert.deepEqual(v.body.items.map((x) => x.total_fen), [123450], 'one opening voucher of 1,234.50')
  })
})
