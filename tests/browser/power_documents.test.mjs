// Case documents (办件材料) through the UI: the clerk starts a small purchase, uploads the
// purchase request as a PDF to the submit step (still open until the head decides), sees the
// required document marked uploaded, and downloads it back. The demo's own data: a 荷风社区
// case waiting past its time limit is on the overdue list, and its completed 四议两公开 purchase
// left one sign-in sheet missing, which the 内审工作核查表 names.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { apiFromPage, input, loginOk, selectOption, selectTreeNode, message } from './lib/ui.mjs'

const HEFENG = '339902001001'

// A one-page PDF: the server sniffs "%PDF-" from the bytes.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
    'trailer\n<< /Root 1 0 R >>\n%%EOF\n',
)

describe('power case documents in the browser', () => {
  let srv

  before(async () => {
    srv = await startServer()
  })
  after(async () => {
    if (srv) await srv.stop()
  })

  it('uploads a PDF to a step, marks the required document and downloads it', async () => {
    const b = await launch()
    try {
      const page = b.page
      await loginOk(page, srv.base, srv.creds, 'hefeng.clerk')
      await page.goto(srv.base + '/power/cases')
      await page.locator('[data-test="page-power-cases"]').waitFor()
      await page.locator('[data-test="pcases-start"]').click()
      await selectTreeNode(page, 'pcase-form-region', '荷风社区')
      await selectOption(page, 'pcase-form-item', '物资采购')
      await input(page, 'pcase-form-title').fill('采购社区宣传栏展板')
      await input(page, 'pcase-form-amount').fill('1200')
      await input(page, 'pcase-form-amount').press('Tab')
      await page.locator('[data-test="pcase-route-preview"]').waitFor()
      await page.locator('[data-test="pcase-form-save"]').click()
      await page.locator('[data-test="page-power-case"]').waitFor()

      // The purchase request is required at the submit step and not there yet.
      const req = page.locator('[data-test="pdoc-req-submit"][data-name="采购申请单"]')
      await req.waitFor()
      assert.equal(await req.getAttribute('data-state'), 'missing')
      await selectOption(page, 'pdoc-which-submit', '采购申请单')
      const uploaded = page.waitForResponse((r) => /\/documents\?/.test(r.url()) && r.request().method() === 'POST')
      await page.locator('[data-test="pdoc-file-submit"]').setInputFiles({ name: '采购申请单.pdf', mimeType: 'application/pdf', buffer: PDF })
      const res = await uploaded
      assert.equal(res.status(), 201, await res.text())
      const doc = await res.json()
      assert.equal(doc.document, '采购申请单')
      await message(page, 'success').waitFor()
      await page.waitForFunction(
        () => document.querySelector('[data-test="pdoc-req-submit"][data-name="采购申请单"]')?.getAttribute('data-state') === 'uploaded',
      )
      const link = page.locator(`[data-test="pdoc-link-${doc.id}"]`)
      assert.equal(await link.innerText(), '采购申请单.pdf')
      // The history records the upload.
      await page.waitForFunction(() => document.querySelector('[data-test="pcase-history"]')?.innerText.includes('上传材料'))
      await shot(page, 'power-docs-01-case', { fullPage: true })

      // Download through the link's address, with the page's session.
      const href = await link.getAttribute('href')
      const file = await page.request.get(srv.base + href)
      assert.equal(file.status(), 200)
      assert.equal(file.headers()['content-type'], 'application/pdf')
      assert.deepEqual(Buffer.from(await file.body()), PDF)
    } finally {
      await b.close()
    }
  })

  it('shows the demo overdue case and the checklist finding from real data', async () => {
    const b = await launch()
    try {
      const page = b.page
      await loginOk(page, srv.base, srv.creds, 'hefeng.secretary')
      const overdue = await apiFromPage(page, `/api/v1/power/overdue?region=${HEFENG}`)
      assert.equal(overdue.status, 200)
      const late = overdue.body.items.find((k) => k.title.startsWith('采购社区办公用品'))
      assert.ok(late, JSON.stringify(overdue.body))
      assert.equal(late.overdue, true)
      await page.goto(srv.base + `/power/cases/${late.id}`)
      await page.locator('[data-test="pcase-overdue"]').waitFor()
      await shot(page, 'power-docs-02-overdue', { fullPage: true })

      const audit = await apiFromPage(page, `/api/v1/power/charts/audit?region=${HEFENG}`)
      assert.equal(audit.status, 200)
      const missing = audit.body.rows.filter((r) => r.check === 'missing_attachments')
      assert.ok(missing.some((r) => r.detail_zh === '缺少材料:签到表' && r.step_name === '党员大会审议'), JSON.stringify(missing))
      assert.ok(audit.body.rows.some((r) => r.check === 'overdue_step' && r.case_title.startsWith('采购社区办公用品')))
    } finally {
      await b.close()
    }
  })
})
