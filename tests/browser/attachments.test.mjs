// Publication attachments in the browser: a community clerk uploads a PNG and a PDF to a draft
// through el-upload (a file the server does not accept is refused with its message), removes
// one, publishes, finds the attachments frozen, and a resident downloads the file from the
// public page without logging in.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { input, rows, waitRows, waitLoaded, loginOk, clickMenu, message } from './lib/ui.mjs'

const TITLE = '2026年道路硬化工程验收公开'

// A real 2x2 PNG (red), built here so the test needs no fixture files.
function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const c = Buffer.alloc(4)
    c.writeUInt32BE(crc(td))
    return Buffer.concat([len, td, c])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(2, 0)
  ihdr.writeUInt32BE(2, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  const raw = Buffer.from([0, 200, 30, 30, 200, 30, 30, 0, 200, 30, 30, 200, 30, 30])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

async function confirmBox(page) {
  await page.locator('.el-message-box__btns button.el-button--primary').click()
}

describe('publication attachments in the browser', () => {
  let srv, b, page, draftId

  before(async () => {
    srv = await startServer()
    b = await launch()
    page = b.page
  })

  after(async () => {
    if (b) await b.close()
    if (srv) await srv.stop()
  })

  it('hefeng.clerk drafts a publication and uploads a PNG and a PDF', async () => {
    await loginOk(page, srv.base, srv.creds, 'hefeng.clerk')
    await clickMenu(page, 'menu-publications')
    await waitLoaded(page, 'pub-table')
    await page.locator('[data-test="pub-create"]').click()
    await page.locator('[data-test="pub-dialog"]').waitFor()
    await input(page, 'pub-form-title').fill(TITLE)
    await input(page, 'pub-form-body').fill('验收单和现场照片见附件。')
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/disclosures') && r.request().method() === 'POST')
    await page.locator('[data-test="pub-form-save"]').click()
    const res = await created
    assert.equal(res.status(), 201)
    draftId = (await res.json()).id
    await page.locator(`[data-test="pub-status-${draftId}"]`, { hasText: '草稿' }).waitFor()

    await page.locator(`[data-test="pub-attachments-${draftId}"]`).click()
    await page.locator('[data-test="att-dialog"]').waitFor()
    const fileInput = page.locator('[data-test="att-upload"] input[type=file]')
    const uploaded = (n) =>
      page.waitForResponse((r) => r.url().includes(`/disclosures/${draftId}/attachments?filename=`) && r.request().method() === 'POST').then(async (r) => {
        assert.equal(r.status(), n, await r.text())
        return r.json()
      })
    let done = uploaded(201)
    await fileInput.setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: png() })
    const photo = await done
    assert.equal(photo.content_type, 'image/png')
    done = uploaded(201)
    await fileInput.setInputFiles({ name: '验收单.pdf', mimeType: 'application/pdf', buffer: PDF })
    await done
    await waitRows(page, 'att-table', 2)
    await rows(page, 'att-table').filter({ hasText: '验收单.pdf' }).waitFor()
    await rows(page, 'att-table').filter({ hasText: '现场照片.png' }).waitFor()
    await shot(page, 'attachments-01-draft')
  })

  it('a file that is not a PDF or image is refused with the server message', async () => {
    const fileInput = page.locator('[data-test="att-upload"] input[type=file]')
    const refused = page.waitForResponse((r) => r.url().includes('/attachments?filename=') && r.request().method() === 'POST')
    await fileInput.setInputFiles({ name: '病毒.png', mimeType: 'image/png', buffer: Buffer.from('MZ this is not an image') })
    assert.equal((await refused).status(), 415)
    await message(page, 'error').filter({ hasText: 'PDF' }).waitFor()
    await waitLoaded(page, 'att-table')
    assert.equal(await rows(page, 'att-table').count(), 2)
  })

  it('removes an attachment of the draft', async () => {
    // A third file, removed again: the list goes back to two.
    const fileInput = page.locator('[data-test="att-upload"] input[type=file]')
    const up = page.waitForResponse((r) => r.url().includes('/attachments?filename=') && r.request().method() === 'POST')
    await fileInput.setInputFiles({ name: '多余.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.from('% extra\n')]) })
    const extra = await (await up).json()
    await page.locator(`[data-test="att-delete-${extra.id}"]`).waitFor()
    await page.locator(`[data-test="att-delete-${extra.id}"]`).click()
    const removed = page.waitForResponse((r) => r.url().endsWith(`/attachments/${extra.id}`) && r.request().method() === 'DELETE')
    await confirmBox(page)
    assert.equal((await removed).status(), 204)
    await page.locator(`[data-test="att-delete-${extra.id}"]`).waitFor({ state: 'detached' })
    assert.equal(await rows(page, 'att-table').count(), 2)
    await page.keyboard.press('Escape')
    await page.locator('[data-test="att-dialog"]').waitFor({ state: 'hidden' })
  })

  it('publishes; the attachments are frozen and get public links', async () => {
    await page.locator(`[data-test="pub-publish-${draftId}"]`).click()
    const published = page.waitForResponse((r) => r.url().endsWith(`/disclosures/${draftId}/publish`))
    await confirmBox(page)
    assert.equal((await published).status(), 200)
    await page.locator(`[data-test="pub-status-${draftId}"]`, { hasText: '已发布' }).waitFor()
    await page.locator(`[data-test="pub-attachments-${draftId}"]`).click()
    await page.locator('[data-test="att-dialog"]').waitFor()
    await waitRows(page, 'att-table', 2)
    assert.equal(await page.locator('[data-test="att-upload"]').count(), 0, 'no upload after publishing')
    assert.equal(await page.locator('[data-test^="att-delete-"]').count(), 0, 'no delete after publishing')
    const links = await page.locator('[data-test^="att-public-"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    assert.equal(links.length, 2)
    for (const href of links) assert.match(href, /^\/p\/339902001001\/a\/[0-9a-f]{64}$/)
    await shot(page, 'attachments-02-published')
  })

  it('a resident sees the files on the public page and downloads one without logging in', async () => {
    const pub = await b.context.newPage()
    await pub.goto(`${srv.base}/p/339902001001`)
    const article = pub.locator('article', { hasText: TITLE })
    await article.waitFor()
    const link = article.locator('ul.files a', { hasText: '现场照片.png' })
    await link.waitFor()
    assert.match(await article.locator('ul.files').innerText(), /PDF · \d+ B/)
    await shot(pub, 'attachments-03-public-page')
    // Downloaded from outside the browser: no session cookie at all.
    const res = await fetch(`${srv.base}${await link.getAttribute('href')}`)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'image/png')
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
    // Cached briefly, never "immutable": a withdrawal has to reach caches (410 afterwards).
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300')
    assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87\.png/)
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), png())
    await pub.close()
  })
})
