// Petty power (小微权力) through the UI: the village clerk starts a 60,000 元 purchase and sees
// its route (四议两公开 with tender) before submitting; the bookkeeper, the secretary and a
// supervision member act on it with the demo users, each seeing only the buttons they may
// press; a meeting below quorum is refused as void with the live quorum line; once the
// representatives resolve, the resolution is published and shows on the community's public page.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { input, loginOk, selectOption, selectTreeNode, message } from './lib/ui.mjs'

const TITLE = '采购社区活动中心空调'

describe('petty power cases in the browser', () => {
  let srv
  let caseUrl = ''

  before(async () => {
    srv = await startServer()
  })
  after(async () => {
    if (srv) await srv.stop()
  })

  /** Opens the case page as `user` in a fresh browser and runs fn(page). */
  async function as(user, fn) {
    const b = await launch()
    try {
      await loginOk(b.page, srv.base, srv.creds, user)
      await b.page.goto(srv.base + caseUrl)
      await b.page.locator('[data-test="pcase-steps"]').waitFor()
      await fn(b.page)
    } finally {
      await b.close()
    }
  }

  async function act(page, action, screenshot) {
    await page.locator(`[data-test="act-${action}"]`).click()
    await message(page, 'success').waitFor()
    if (screenshot) await shot(page, screenshot, { fullPage: true })
  }

  it('starts a 60,000 yuan purchase and shows its route first', async () => {
    const b = await launch()
    try {
      const page = b.page
      await loginOk(page, srv.base, srv.creds, 'hefeng.clerk')
      await page.goto(srv.base + '/power/cases')
      await page.locator('[data-test="page-power-cases"]').waitFor()
      await shot(page, 'power-01-cases')
      await page.locator('[data-test="pcases-start"]').click()
      await selectTreeNode(page, 'pcase-form-region', '荷风社区')
      await selectOption(page, 'pcase-form-item', '物资采购')
      await input(page, 'pcase-form-title').fill(TITLE)
      await input(page, 'pcase-form-amount').fill('60000')
      await input(page, 'pcase-form-amount').press('Tab')
      const preview = page.locator('[data-test="pcase-route-preview"]')
      await preview.waitFor()
      const text = await preview.innerText()
      assert.match(text, /四议两公开/)
      assert.match(text, /村民代表会议决议/)
      assert.match(text, /村级公开招标/)
      await shot(page, 'power-02-start')
      await page.locator('[data-test="pcase-form-save"]').click()
      await page.locator('[data-test="page-power-case"]').waitFor()
      caseUrl = new URL(page.url()).pathname
      assert.match(caseUrl, /^\/power\/cases\/\d+$/)
      // The requester has nothing to press at the bookkeeper's review.
      assert.equal(await page.locator('[data-test="pcase-act"]').count(), 0)
      await shot(page, 'power-03-case', { fullPage: true })
    } finally {
      await b.close()
    }
  })

  it('walks the case through 四议两公开 and publishes the resolution', async () => {
    await as('hefeng.bookkeeper', (page) => act(page, 'approve'))
    await as('hefeng.secretary', async (page) => {
      await act(page, 'approve')
      await page.locator('[data-test="act-meeting"]').waitFor()
      await act(page, 'meeting')  // the two committees: 7 of 7, all for (the form's defaults)
    })
    await as('hefeng.supervisor', async (page) => {
      // The party members' meeting: 29 of 45 present is below two thirds.
      await page.locator('[data-test="meeting-total"] input').fill('45')
      await page.locator('[data-test="meeting-present"] input').fill('29')
      await page.locator('[data-test="meeting-for"] input').fill('29')
      await page.locator('[data-test="meeting-attendees"]').click()
      assert.match(await page.locator('[data-test="meeting-quorum"]').innerText(), /三分之二/)
      await shot(page, 'power-04-quorum')
      await page.locator('[data-test="act-meeting"]').click()
      await message(page, 'error').waitFor()
      assert.equal(await page.locator('[data-test="pcase-step-party_meeting"]').getAttribute('data-status'), 'active')
      await page.locator('[data-test="meeting-present"] input').fill('40')
      await page.locator('[data-test="meeting-for"] input').fill('36')
      await page.locator('[data-test="meeting-attendees"]').click()
      await act(page, 'meeting')
      // The representatives resolve: the resolution is published at once.
      await page.locator('[data-test="meeting-total"] input').fill('35')
      await page.locator('[data-test="meeting-present"] input').fill('31')
      await page.locator('[data-test="meeting-for"] input').fill('29')
      await page.locator('[data-test="meeting-attendees"]').click()
      await act(page, 'meeting', 'power-05-resolved')
      await page.locator('[data-test="pcase-disclosure-resolution_public"]').waitFor()
    })
  })

  it('shows the resolution on the public page', async () => {
    const b = await launch()
    try {
      await b.page.goto(srv.base + '/p/339902001001')
      await b.page.getByText(TITLE).first().waitFor()
      await shot(b.page, 'power-06-public')
    } finally {
      await b.close()
    }
  })
})
