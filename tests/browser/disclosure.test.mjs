// 三务公开 in the browser: a community clerk drafts, publishes and corrects a publication, the
// resident page shows it as verified, another community cannot see it, a prepared draft becomes
// a correction from the correct dialog, and the overdue dashboard draws its chart from the API.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, env } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { input, rows, waitRows, waitLoaded, loginOk, apiFromPage, clickMenu, menuTexts, selectTreeNode, selectOption } from './lib/ui.mjs'

const TITLE = '2026年第四季度村务收支公开'
const CORRECTED = '2026年第四季度村务收支公开（更正）'
const DRAFTED = '2026年第四季度村务收支公开（再次更正）'

async function logout(page) {
  await page.locator('[data-test="user-button"]').click()
  await page.locator('[data-test="logout"]:visible').click()
  await page.waitForURL(/\/login/)
}

async function confirmBox(page) {
  await page.locator('.el-message-box__btns button.el-button--primary').click()
}

describe('disclosure (三务公开) in the browser', () => {
  let srv, b, page, draftId, correctedId, correctedIndex, publishedIndex

  before(async () => {
    srv = await startServer()
    b = await launch()
    page = b.page
  })

  after(async () => {
    if (b) await b.close()
    if (srv) await srv.stop()
  })

  it('hefeng.clerk sees the disclosure menu and creates a draft', async () => {
    await loginOk(page, srv.base, srv.creds, 'hefeng.clerk')
    const menu = await menuTexts(page)
    assert.ok(menu.includes('公开事项'), menu.join(','))
    await clickMenu(page, 'menu-publications')
    await page.locator('[data-test="page-publications"]').waitFor()
    await waitLoaded(page, 'pub-table')

    await page.locator('[data-test="pub-create"]').click()
    await page.locator('[data-test="pub-dialog"]').waitFor()
    // Only one community in scope: it is chosen already. Save without a title → validation.
    await page.locator('[data-test="pub-form-save"]').click()
    await page.locator('[data-test="pub-dialog"] .el-form-item__error').first().waitFor()
    await input(page, 'pub-form-title').fill(TITLE)
    await input(page, 'pub-form-body').fill('## 收入\n- 集体资产租金 12 万元\n\n## 说明\n租金按合同每季度收取。\n\n<script>alert(1)</script>')
    await page.locator('[data-test="pub-form-preview"]', { hasText: '集体资产租金' }).waitFor()
    await shot(page, 'disclosure-01-draft-dialog')
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/disclosures') && r.request().method() === 'POST')
    await page.locator('[data-test="pub-form-save"]').click()
    const res = await created
    assert.equal(res.status(), 201)
    draftId = (await res.json()).id
    await page.locator(`[data-test="pub-status-${draftId}"]`, { hasText: '草稿' }).waitFor()
    assert.equal(await page.locator('script', { hasText: 'alert(1)' }).count(), 0, 'body is never HTML')
    await shot(page, 'disclosure-02-draft')
  })

  it('publishes it and sees its log index', async () => {
    await page.locator(`[data-test="pub-publish-${draftId}"]`).click()
    const published = page.waitForResponse((r) => r.url().endsWith(`/disclosures/${draftId}/publish`))
    await confirmBox(page)
    const body = await (await published).json()
    // The demo has published before (automatic disclosures of its cases and deals).
    assert.ok(Number.isInteger(body.log_index) && body.log_index >= 0, `log index ${body.log_index}`)
    publishedIndex = body.log_index
    await page.locator(`[data-test="pub-status-${draftId}"]`, { hasText: '已发布' }).waitFor()
    const link = page.locator(`[data-test="pub-log-${draftId}"]`)
    assert.equal((await link.innerText()).trim(), `日志 #${publishedIndex}`)
    assert.equal(await link.getAttribute('href'), `/log/entries/${publishedIndex}`)
    assert.equal(await page.locator(`[data-test="pub-public-${draftId}"]`).getAttribute('href'), '/p/339902001001')
    await shot(page, 'disclosure-03-published')
  })

  it('the resident page shows it as verified', async () => {
    const pub = await b.context.newPage()
    await pub.goto(`${srv.base}/p/339902001001`)
    const article = pub.locator('article', { hasText: TITLE })
    await article.waitFor()
    assert.ok((await article.innerText()).includes(`已存证 ✓ 日志 #${publishedIndex}`))
    // Body headings rank below the publication titles (h3): ## is h5, on every article.
    await article.locator('.body h5', { hasText: '说明' }).waitFor()
    assert.equal(await pub.locator('.body h1, .body h2, .body h3').count(), 0)
    await shot(pub, 'disclosure-04-public-page')
    await pub.close()
  })

  it('corrects it and sees the new log index', async () => {
    await page.bringToFront()
    await page.locator(`[data-test="pub-correct-${draftId}"]`).click()
    await page.locator('[data-test="pub-dialog"]').waitFor()
    assert.equal(await input(page, 'pub-form-title').inputValue(), TITLE, 'the dialog is prefilled')
    await input(page, 'pub-form-title').fill(CORRECTED)
    const corrected = page.waitForResponse((r) => r.url().endsWith(`/disclosures/${draftId}/correct`))
    await page.locator('[data-test="pub-form-save"]').click()
    const res = await corrected
    assert.equal(res.status(), 201)
    const body = await res.json()
    const d = body.disclosure || body
    correctedId = d.id
    correctedIndex = body.log_index ?? d.log_index
    assert.ok(correctedIndex > publishedIndex, `a new log entry: ${correctedIndex}`)
    await page.locator(`[data-test="pub-log-${correctedId}"]`, { hasText: `日志 #${correctedIndex}` }).waitFor()
    await page.locator(`[data-test="pub-status-${draftId}"]`, { hasText: '已更正' }).waitFor()
    await shot(page, 'disclosure-05-corrected')
  })

  it('the log page shows the checkpoint and the entries', async () => {
    await clickMenu(page, 'menu-publog')
    await page.locator('[data-test="page-publog"]').waitFor()
    await page.locator(`[data-test="publog-entry-${correctedIndex}"]`).waitFor()
    const size = Number((await page.locator('[data-test="publog-size"]').innerText()).trim())
    assert.equal(size, correctedIndex + 1)
    assert.match(await page.locator('[data-test="publog-key"]').innerText(), /\+[0-9a-f]{8}\+/)
    // Verifying is the log administrator's (discipline, admin), not the clerk's.
    assert.equal(await page.locator('[data-test="publog-verify"]').count(), 0)
    await shot(page, 'disclosure-06-log')
    await logout(page)
  })

  it('zhuxi.clerk does not see hefeng\'s publication', async () => {
    await loginOk(page, srv.base, srv.creds, 'zhuxi.clerk')
    await clickMenu(page, 'menu-publications')
    await page.locator('[data-test="page-publications"]').waitFor()
    await waitLoaded(page, 'pub-table')
    assert.equal(await rows(page, 'pub-table').filter({ hasText: '村务收支公开' }).count(), 0)
    const api = await apiFromPage(page, `/api/v1/disclosures/${correctedId}`)
    assert.ok([403, 404].includes(api.status), `status ${api.status}`)
    await shot(page, 'disclosure-07-other-community')
    await logout(page)
  })

  it('hefeng.clerk corrects it with a prepared draft of the same community', async () => {
    await loginOk(page, srv.base, srv.creds, 'hefeng.clerk')
    await clickMenu(page, 'menu-publications')
    await page.locator('[data-test="page-publications"]').waitFor()
    await waitLoaded(page, 'pub-table')
    // The draft is prepared first, as the clerk would (through the API here; the form is tested above).
    const me = await apiFromPage(page, '/api/v1/auth/me')
    const made = await apiFromPage(page, '/api/v1/disclosures', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.body.csrf_token },
      body: JSON.stringify({
        region: '339902001001', category: 'affairs', stage: 'after', title: DRAFTED, body: '按村民代表会议决议重新核对后的收支明细。',
      }),
    })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    const fixId = made.body.id
    await page.locator('[data-test="pub-search"]').click()
    await page.locator(`[data-test="pub-correct-${correctedId}"]`).click()
    await page.locator('[data-test="pub-dialog"]').waitFor()
    await page.locator('[data-test="pub-form-source-draft"]').click()
    // Choosing nothing is refused before any request.
    await page.locator('[data-test="pub-form-save"]').click()
    await page.locator('[data-test="pub-dialog"] .el-form-item__error', { hasText: '更正草稿' }).waitFor()
    assert.equal(await input(page, 'pub-form-title').count(), 0, 'the content fields give way to the draft')
    await selectOption(page, 'pub-form-draft', DRAFTED)
    await shot(page, 'disclosure-07b-correct-from-draft')
    const corrected = page.waitForResponse((r) => r.url().endsWith(`/disclosures/${correctedId}/correct`))
    await page.locator('[data-test="pub-form-save"]').click()
    const res = await corrected
    assert.equal(res.status(), 201)
    assert.deepEqual(JSON.parse(res.request().postData()), { draft_id: fixId }, 'draft_id stands alone')
    const body = await res.json()
    assert.equal(body.disclosure.id, fixId, 'the draft itself becomes the correction')
    assert.equal(body.disclosure.supersedes_id, correctedId)
    await page.locator(`[data-test="pub-status-${fixId}"]`, { hasText: '已发布' }).waitFor()
    await page.locator(`[data-test="pub-log-${fixId}"]`, { hasText: `日志 #${body.log_index}` }).waitFor()
    await page.locator(`[data-test="pub-status-${correctedId}"]`, { hasText: '已更正' }).waitFor()
    await logout(page)
  })

  it('admin creates 荷风社区\'s catalogue from the default', async () => {
    await loginOk(page, srv.base, srv.creds, 'admin')
    await clickMenu(page, 'menu-catalogs')
    await page.locator('[data-test="page-catalogs"]').waitFor()
    await waitLoaded(page, 'cat-table')
    await page.locator('[data-test="cat-create"]').click()
    await page.locator('[data-test="cat-dialog"]').waitFor()
    await selectTreeNode(page, 'cat-form-region', '荷风社区')
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/disclosure/catalogs') && r.request().method() === 'POST')
    await page.locator('[data-test="cat-form-save"]').click()
    const res = await created
    assert.equal(res.status(), 201)
    const cat = await res.json()
    assert.ok(cat.items.length > 0, 'filled from the default catalogue')
    await page.locator(`[data-test="cat-view-${cat.id}"]`).click()
    await waitRows(page, 'cat-items-table', cat.items.length)
    await shot(page, 'disclosure-08-catalog-items')
    await page.keyboard.press('Escape')
  })

  it('the overdue dashboard draws a chart from the API figures', async () => {
    await clickMenu(page, 'menu-overdue')
    await page.locator('[data-test="overdue-chart"] canvas').waitFor()
    await waitLoaded(page, 'overdue-table')
    const dash = await apiFromPage(page, '/api/v1/disclosure/dashboard')
    assert.equal(dash.status, 200)
    for (const k of ['periods', 'due', 'published_on_time', 'published_late', 'overdue']) {
      const shown = Number((await page.locator(`[data-test="overdue-total-${k}"]`).innerText()).trim())
      assert.equal(shown, dash.body.totals[k], k)
    }
    assert.ok(dash.body.totals.periods > 0, 'the new catalogue has periods')
    const overdue = await apiFromPage(page, '/api/v1/disclosure/overdue?size=1')
    if (overdue.body.total > 0) await waitRows(page, 'overdue-table', 1)
    await shot(page, 'disclosure-09-overdue')
    assert.deepEqual(b.errors, [])
  })

  it('admin verifies the log from the log page', async () => {
    await clickMenu(page, 'menu-publog')
    await page.locator('[data-test="page-publog"]').waitFor()
    const verified = page.waitForResponse((r) => r.url().endsWith('/api/v1/log/verify'))
    await page.locator('[data-test="publog-verify"]').click()
    const res = await verified
    assert.equal(res.status(), 200)
    assert.equal((await res.json()).ok, true)
    await page.locator('[data-test="publog-verify-result"]', { hasText: '校验通过' }).waitFor()
    await shot(page, 'disclosure-09b-log-verified')
  })

  it('admin registers a witness on the log page; its cosignature shows', async () => {
    // The witness (e.g. the district 纪委) runs the real CLI: the first run creates its key, and
    // the server refuses the cosignature of a key nobody registered.
    const dir = mkdtempSync(join(tmpdir(), 'ql-witness-'))
    const state = join(dir, 'state.json')
    const witness = () => spawnSync(env().binary, ['log', 'witness', '--url', srv.base, '--state', state, '--name', 'district-jiwei'], { encoding: 'utf8' })
    const first = witness()
    assert.notEqual(first.status, 0, first.stdout + first.stderr)
    const vkey = /Witness key \(见证公钥\): (\S+)/.exec(first.stdout)?.[1]
    assert.ok(vkey, first.stdout)

    await page.reload()
    await page.locator('[data-test="publog-no-cosig"]').waitFor()
    await page.locator('[data-test="publog-add-witness"]').click()
    await page.locator('[data-test="witness-dialog"]').waitFor()
    await input(page, 'witness-form-vkey').fill(vkey)
    const added = page.waitForResponse((r) => r.url().endsWith('/api/v1/log/witnesses') && r.request().method() === 'POST')
    await page.locator('[data-test="witness-form-save"]').click()
    assert.equal((await added).status(), 201)
    await rows(page, 'publog-witnesses').filter({ hasText: 'district-jiwei' }).waitFor()

    const second = witness()
    assert.equal(second.status, 0, second.stdout + second.stderr)
    await page.reload()
    await rows(page, 'publog-cosignatures').filter({ hasText: 'district-jiwei' }).waitFor()
    await rows(page, 'publog-witnesses').filter({ hasText: '✓' }).waitFor()
    await shot(page, 'disclosure-09c-log-witness')
    rmSync(dir, { recursive: true, force: true })
  })

  it('the publications page works at a phone width', async () => {
    await page.setViewportSize({ width: 375, height: 667 })
    await page.goto(`${srv.base}/disclosure/publications`)
    await waitRows(page, 'pub-table', 2)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `no horizontal page scroll: ${overflow}`)
    await shot(page, 'disclosure-10-mobile')
    await page.locator('[data-test="menu-toggle"]').click()
    await page.locator('.menu-drawer [data-test="menu-overdue"]').click()
    await page.locator('[data-test="overdue-chart"] canvas').waitFor()
    await shot(page, 'disclosure-11-mobile-overdue')
    await page.setViewportSize({ width: 1366, height: 768 })
  })
})
