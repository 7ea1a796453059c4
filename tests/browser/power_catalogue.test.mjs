// The power catalogue (小微权力清单) and the 三图三表 through the UI as the secretary of a village
// whose list the demo has not initialised (竹溪社区):
// initialise the village's list from the template, open an item with its legal basis and flow
// chart, add a risk point in the flow editor (an empty one is refused on its field first),
// save it as version 2, see the chart and the risk table follow, download the risk table as
// .xlsx, and look at the three charts.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { startServer } from './lib/server.mjs'
import { launch, shot } from './lib/browser.mjs'
import { input, loginOk, message, clickMenu, columnTexts, waitRows } from './lib/ui.mjs'

const ZHUXI = '339902001002'
const RISK = '验收人员与供应商存在利害关系'

/** The chart <img> has loaded an SVG that the browser could decode (non-zero size). */
async function chartLoaded(page, testId) {
  await page.waitForFunction(
    (id) => {
      const img = document.querySelector(`[data-test="${id}"]`)
      return img && img.complete && img.naturalWidth > 0
    },
    testId,
    { timeout: 15000 },
  )
}

async function svgText(page, testId) {
  return page.evaluate(async (id) => {
    const src = document.querySelector(`[data-test="${id}"]`).getAttribute('src')
    return { src, text: await (await fetch(src, { credentials: 'same-origin' })).text() }
  }, testId)
}

describe('power catalogue and charts in the browser', () => {
  let srv, b, page

  before(async () => {
    srv = await startServer()
    b = await launch({ viewport: { width: 1440, height: 900 } })
    page = b.page
    await loginOk(page, srv.base, srv.creds, 'zhuxi.secretary')
  })

  after(async () => {
    if (b) await b.close()
    if (srv) await srv.stop()
  })

  it('initialises the village catalogue from the template', async () => {
    await clickMenu(page, 'menu-power')
    await clickMenu(page, 'menu-powerItems')
    await page.locator('[data-test="page-power-items"]').waitFor()
    await page.locator('[data-test="items-source"]').waitFor()
    await page.locator('[data-test="items-init"]').click()
    await page.locator('.el-message-box__btns button.el-button--primary').click()
    await message(page, 'success').waitFor()
    await page.locator('[data-test="items-source"]').waitFor({ state: 'detached' })
    await waitRows(page, 'items-table-collective', 19)
    await waitRows(page, 'items-table-service', 17)
    await page.locator('[data-test="item-link-collective.purchase"]').waitFor()
    await shot(page, 'power-01-catalogue')
  })

  it('opens an item with its legal basis, flow chart and risk points', async () => {
    await page.locator('[data-test="item-link-collective.purchase"]').click()
    await page.locator('[data-test="page-power-item"]').waitFor()
    assert.match(await page.locator('[data-test="item-legal-basis"]').innerText(), /村民委员会组织法/)
    await chartLoaded(page, 'item-chart')
    const { text } = await svgText(page, 'item-chart')
    assert.ok(text.includes('两委联席会议审议'), 'the joint meeting lane')
    assert.ok(text.includes('村民代表会议决议'), 'the four deliberations lane')
    assert.ok(!text.includes(RISK))
    await waitRows(page, 'item-versions', 1)
    await shot(page, 'power-02-item', { fullPage: true })
  })

  it('adds a risk point in the flow editor and saves version 2', async () => {
    await page.locator('[data-test="item-edit-flow"]').click()
    await page.locator('[data-test="page-power-flow"]').waitFor()
    // Step 2 is the clerk's review; an empty risk point is refused on its field.
    await page.locator('[data-test="flow-add-risk-1"]').click()
    await page.locator('[data-test="flow-save"]').click()
    const err = page.locator('[data-test="flow-error"]')
    await err.waitFor()
    assert.match(await err.innerText(), /steps\[1\]\.risks\[0\]\.text/)
    assert.equal(await page.locator('[data-test="flow-step-1"].bad').count(), 1)
    await shot(page, 'power-03-flow-editor-error')
    await input(page, 'flow-risk-text-1-0').fill(RISK)
    await input(page, 'flow-risk-control-1-0').fill('验收人员回避,监委会参与验收')
    await page.locator('[data-test="flow-save"]').click()
    await message(page, 'success').waitFor()
    await page.locator('[data-test="page-power-item"]').waitFor()
    await page.waitForFunction(() => document.querySelector('[data-test="item-version"]')?.innerText.trim() === 'v2')
    await waitRows(page, 'item-versions', 2)
  })

  it('shows the new version in the chart and the risk table', async () => {
    await chartLoaded(page, 'item-chart')
    const { src, text } = await svgText(page, 'item-chart')
    assert.ok(src.includes('version=2'), src)
    assert.ok(text.includes(RISK), 'the new risk point is drawn')
    const risks = await columnTexts(page, 'item-risks', 3)
    assert.ok(risks.includes(RISK), risks.join(','))
    await shot(page, 'power-04-item-v2', { fullPage: true })
  })

  it('downloads the risk table as xlsx from the charts page', async () => {
    await clickMenu(page, 'menu-powerCharts')
    await page.locator('[data-test="page-power-charts"]').waitFor()
    await chartLoaded(page, 'chart-img-responsibility')
    await shot(page, 'power-05-responsibility', { fullPage: true })
    await page.locator('.el-tabs__item#tab-approval').click()
    await chartLoaded(page, 'chart-img-approval')
    await shot(page, 'power-06-approval', { fullPage: true })
    await page.locator('.el-tabs__item#tab-trading').click()
    await chartLoaded(page, 'chart-img-trading')
    await shot(page, 'power-07-trading')
    await page.locator('.el-tabs__item#tab-risks').click()
    await waitRows(page, 'risks-table', 50)
    const risks = await columnTexts(page, 'risks-table', 4)
    assert.ok(risks.includes(RISK), 'the table lists the new risk point')
    await shot(page, 'power-08-risks')
    const downloading = page.waitForEvent('download')
    await page.locator('[data-test="risks-xlsx"]').click()
    const download = await downloading
    assert.match(download.suggestedFilename(), /^竹溪社区-廉政风险点一览表-\d{8}\.xlsx$/)
    const bytes = fs.readFileSync(await download.path())
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK')
    assert.equal(new URL(download.url()).searchParams.get('region'), ZHUXI)
  })
})
