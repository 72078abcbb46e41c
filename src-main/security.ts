/** Policies shared by the desktop window and the loopback web mode; no Electron imports here. */

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Mantine sets style attributes and injects its CSS variables at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * Only https links leave the app, to the system browser, and mailto:/tel: links, to the mail program or the
 * phone: none of them can run code or read a local file.
 */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    if (parsed.protocol === 'mailto:' || parsed.protocol === 'tel:') return true
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === ''
  } catch {
    return false
  }
}

/**
 * An IPC call is trusted only from the top frame of our own window, loaded from
 * our own bundle (or the dev server in development).
 */
export function isTrustedRendererUrl(frameUrl: string, rendererUrl: string): boolean {
  try {
    const frame = new URL(frameUrl)
    const expected = new URL(rendererUrl)
    if (expected.protocol === 'file:') return frame.protocol === 'file:' && frame.pathname === expected.pathname
    return frame.origin === expected.origin
  } catch {
    return false
  }
}
