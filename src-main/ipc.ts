import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Result } from '@contract'
import { channels, dispatch } from './dispatch'
import type { HandlerContext } from './handlers'
import { isTrustedRendererUrl } from './security'

const refused: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This call did not come from the Yardstick window.' },
}

/** Registers every contract channel; each call is checked for its sender, then validated, then handled. */
export function registerIpc(
  ipcMain: IpcMain,
  context: HandlerContext,
  rendererUrl: string,
  /** Told of every call that ended in an internal error, by channel only (the log file stores no content). */
  onInternalError?: (channel: string) => void,
): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame
      const fromTopFrame = frame !== null && frame === event.sender.mainFrame
      if (!fromTopFrame || !isTrustedRendererUrl(frame.url, rendererUrl)) return refused
      const result = await dispatch(channel, input, context)
      if (!result.ok && result.error.code === 'internal') onInternalError?.(channel)
      return result
    })
  }
}
