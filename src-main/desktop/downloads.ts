import { extname, join } from 'node:path'
import type { DownloadItem, Session } from 'electron'

const FILTER_NAMES: Record<string, string> = {
  '.csv': 'CSV',
  '.xlsx': 'Excel workbook',
  '.pdf': 'PDF',
  '.json': 'JSON',
  '.yaml': 'YAML',
  '.eml': 'E-mail',
  '.ics': 'Calendar',
}

/**
 * Exports reach the desktop window as browser downloads (the renderer is the same as in web mode); here they
 * open the system save dialog, starting in the Downloads folder with the suggested name, instead of landing
 * there silently. A failed or cancelled save is reported by extension only, never by file name.
 */
export function askWhereToSave(
  session: Pick<Session, 'on'>,
  downloadsDir: string,
  onFailed: (state: string, extension: string) => void,
): void {
  session.on('will-download', (_event, item: DownloadItem) => {
    const fileName = item.getFilename()
    const extension = extname(fileName).toLowerCase()
    const filterName = FILTER_NAMES[extension]
    item.setSaveDialogOptions({
      defaultPath: join(downloadsDir, fileName),
      filters: filterName ? [{ name: filterName, extensions: [extension.slice(1)] }] : [],
    })
    item.once('done', (_doneEvent, state) => {
      if (state === 'interrupted') onFailed(state, extension)
    })
  })
}
