import type { Api } from '@contract'
import type { DesktopBridge } from '@contract/desktop'

declare global {
  interface Window {
    /** Present in the desktop app (exposed by the preload); absent in web mode. */
    api?: Api
    /** Present in the desktop app only: which workspace the window shows, local or a team server. */
    desktop?: DesktopBridge
  }
}
