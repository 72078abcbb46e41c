import type { Api } from '@contract'

declare global {
  interface Window {
    /** Present in the desktop app (exposed by the preload); absent in web mode. */
    api?: Api
  }
}
