// Residents' questions (居民留言) end to end: a resident with JavaScript switched off asks about
// a publication through the plain HTML form, the community's supervisor approves it in the
// admin app, the clerk answers it, and the resident's page shows the answer.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { input, waitRows, loginOk, clickMenu, menuTexts } from './lib/ui.mjs'

const HEFENG = '339902001001'
const TITLE = '广场健身器材维修公开'
const QUESTION = '健身器材坏了两个月，\n什么时候能修好？'

async function api(base, token, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

async function logout(page) {
  await page.locator('[data-test="user-button"]').click()
  await page.locator('[data-test="logout"]:visible').click()
  await page.waitForURL(/\/login/)
}

describe('residents ask without JavaScript; supervisor approves, clerk answers', () => {
  let srv, resident, staff, disclosureId, pageUrl

  before(async () => {
    srv = await startServer()
    // The publication, made through the API (the publications page has its own test).
    const login = await api(srv.base, '', 'POST', '/api/v1/auth/login', {
      username: 'hefeng.clerk',
      password: srv.creds['hefeng.clerk'].password,
    })
    assert.equal(login.status, 200)
    const draft = await api(srv.base, login.body.token, 'POST', '/api/v1/disclosures', {
      region: HEFENG, category: 'service', stage: 'during', title: TITLE, body: '本月更换广场 3 件健身器材。',
    })
    assert.equal(draft.status, 201, JSON.stringify(draft.body))
    disclosureId = draft.body.id
    assert.equal((await api(srv.base, login.body.token, 'POST', `/api/v1/disclosures/${disclosureId}/publish`)).status, 200)
    pageUrl = `${srv.base}/p/${HEFENG}/d/${disclosureId}`
    resident = await launch({ viewport: { width: 375, height: 667 }, javaScriptEnabled: false })
    staff = await launch()
  })

  after(async () => {
    if (resident) await resident.close()
    if (staff) await staff.close()
    if (srv) await srv.stop()
  })

  it('a resident without JavaScript submits a question through the form', async () => {
    const page = resident.page
    await page.goto(`${srv.base}/p/${HEFENG}`)
    // The demo's own publications share the page: follow the link of this test's one.
    await page.locator('article', { hasText: TITLE }).locator('a', { hasText: '查看详情 · 留言提问' }).click()
    await page.waitForURL(pageUrl)
    // Scripts really are off in this browser: a script would have changed the title.
    await page.setContent('<title>a</title><script>document.title = "b"</script>').catch(() => {})
    assert.equal(await page.title(), 'a')
    await page.goto(pageUrl)
    await page.locator('h3', { hasText: TITLE }).waitFor()

    // Only spaces pass the browser's own checks; the server answers with the page and its message.
    await page.locator('textarea[name="body"]').fill('   ')
    await page.locator('input[name="name"]').fill('王大爷')
    await page.locator('button[type="submit"]').click()
    const error = page.locator('#form-error')
    await error.waitFor()
    assert.match(await error.innerText(), /2/)
    assert.equal(await page.locator('input[name="name"]').inputValue(), '王大爷', 'what was typed is kept')
    await shot(page, 'comments-01-form-error')

    await page.locator('textarea[name="body"]').fill(QUESTION)
    await page.locator('input[name="kind"][value="question"]').check()
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(/\?sent=1$/)
    assert.match(await page.locator('#sent').innerText(), /已提交，审核后公开/)
    assert.equal(await page.getByText('什么时候能修好').count(), 0, 'pending questions are not shown')
    await shot(page, 'comments-02-sent')
  })

  it('the community supervisor approves it in 居民留言', async () => {
    const page = staff.page
    await loginOk(page, srv.base, srv.creds, 'hefeng.supervisor')
    assert.ok((await menuTexts(page)).includes('居民留言'))
    await clickMenu(page, 'menu-comments')
    await page.locator('[data-test="page-comments"]').waitFor()
    await waitRows(page, 'cmt-table')
    assert.match(await page.locator('[data-test="cmt-pending"]').innerText(), /1/)
    const row = page.locator('[data-test="cmt-table"] tr.el-table__row', { hasText: '什么时候能修好' })
    await row.waitFor()
    const id = (await row.locator('[data-test^="cmt-body-"]').getAttribute('data-test')).replace('cmt-body-', '')
    assert.equal(await page.locator(`[data-test="cmt-reply-${id}"]`).count(), 0, 'supervisors moderate, they do not answer')
    await page.locator(`[data-test="cmt-approve-${id}"]`).click()
    const approved = page.waitForResponse((r) => r.url().endsWith(`/comments/${id}/approve`))
    await page.locator('.el-message-box__btns button.el-button--primary').click()
    assert.equal((await approved).status(), 200)
    await page.locator(`[data-test="cmt-status-${id}"]`, { hasText: '已公开' }).waitFor()
    await page.locator('[data-test="cmt-pending"]').waitFor({ state: 'detached' })  // nothing pending any more
    await shot(page, 'comments-03-approved')
    await logout(page)
  })

  it('the clerk answers it', async () => {
    const page = staff.page
    await loginOk(page, srv.base, srv.creds, 'hefeng.clerk')
    await clickMenu(page, 'menu-comments')
    await waitRows(page, 'cmt-table')
    const reply = page.locator('[data-test^="cmt-reply-"]').first()
    await reply.click()
    await page.locator('[data-test="cmt-dialog"]').waitFor()
    await input(page, 'cmt-answer-input').fill('已报修，\n下周一前修好。')
    const answered = page.waitForResponse((r) => /\/comments\/\d+\/answer$/.test(r.url()))
    await page.locator('[data-test="cmt-answer-save"]').click()
    assert.equal((await answered).status(), 200)
    await page.locator('[data-test^="cmt-answer-"]', { hasText: '下周一前修好' }).waitFor()
    await shot(page, 'comments-04-answered')
  })

  it('the resident sees the question and the answer, still without JavaScript', async () => {
    const page = resident.page
    await page.goto(pageUrl)
    const comment = page.locator('.comment', { hasText: '什么时候能修好' })
    await comment.waitFor()
    assert.match(await comment.innerText(), /王大爷/)
    assert.match(await comment.locator('.answer').innerText(), /已报修，\s*下周一前修好。/)
    // Large-text mode keeps it.
    await page.locator('a.size', { hasText: '大字版' }).click()
    await page.waitForURL(/large=1/)
    assert.equal(await page.locator('html.large').count(), 1)
    await shot(page, 'comments-05-answer-public', { fullPage: true })
  })
})
