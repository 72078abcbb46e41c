import { expect, test } from './fixtures'

/** What a hostile page or process on the same machine could try against web mode. */
test.describe('web mode security', () => {
  test('refuses API calls without the token, with a foreign Origin, or a foreign Host', async ({ app, playwright }) => {
    const http = await playwright.request.newContext()
    const call = (headers: Record<string, string>) =>
      http.post(`${app.url}api/ladders:create`, {
        headers: { 'content-type': 'application/json', ...headers },
        data: { name: 'Pwned' },
      })

    const noToken = await call({})
    expect(noToken.status()).toBe(401)
    expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } })

    const foreignOrigin = await call({ 'x-yardstick-token': app.token, origin: 'https://evil.example' })
    expect(foreignOrigin.status()).toBe(403)

    const foreignHost = await call({ 'x-yardstick-token': app.token, host: 'evil.example' })
    expect(foreignHost.status()).toBe(421)

    const allowed = await call({ 'x-yardstick-token': app.token })
    expect(await allowed.json()).toMatchObject({ ok: true, data: { name: 'Pwned' } })
    const names = (JSON.parse(await app.cli('ladders', 'list')) as { name: string }[]).map((ladder) => ladder.name)
    expect(names.filter((name) => name === 'Pwned')).toHaveLength(1)
    await http.dispose()
  })

  test('a page on another origin cannot call the API even with the token', async ({ app, page }) => {
    await page.goto('about:blank')
    const outcome = await page.evaluate(
      async ({ url, token }) => {
        try {
          const response = await fetch(`${url}api/ladders:list`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-yardstick-token': token },
            body: '{}',
          })
          return `status ${response.status}`
        } catch {
          return 'blocked'
        }
      },
      { url: app.url, token: app.token },
    )
    expect(outcome).toBe('blocked')
  })

  test('serves the app with a strict Content-Security-Policy', async ({ app, page }) => {
    const response = await page.goto(app.launchUrl)
    const policy = response?.headers()['content-security-policy'] ?? ''
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/)
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
      'content',
      /script-src 'self'/,
    )
    // The token moved out of the address bar once the app had it.
    await expect(page.getByRole('heading', { name: 'Start', level: 2 })).toBeVisible()
    expect(page.url()).not.toContain('token=')
  })
})
