import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Result } from '@contract'
import { desktopChannels } from '@contract/desktop'
import { channels } from './dispatch'
import { isTrustedRendererUrl } from './security'

const refused: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This call did not come from the Yardstick window.' },
}

/** Where the window's calls go: the local handler table or a team server (see DesktopWorkspaces). */
export interface IpcRouter {
  call(channel: string, input: unknown): Promise<Result<unknown>>
}

/** Registers every contract channel and the desktop bridge; each call is checked for its sender, then routed. */
export function registerIpc(
  ipcMain: IpcMain,
  router: IpcRouter,
  rendererUrl: string,
  /** Told of every call that ended in an internal error, by channel only (the log file stores no content). */
  onInternalError?: (channel: string) => void,
): void {
  for (const channel of [...channels, ...desktopChannels]) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame
      const fromTopFrame = frame !== null && frame === event.sender.mainFrame
      if (!fromTopFrame || !isTrustedRendererUrl(frame.url, rendererUrl)) return refused
      const result = await router.call(channel, input)
      if (!result.ok && result.error.code === 'internal') onInternalError?.(channel)
      return result
    })
  }
}
