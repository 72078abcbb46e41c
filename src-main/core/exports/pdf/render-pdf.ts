import type { ReportLanguage } from '@contract/closed-lists'
import type { AccessExport } from '../../privacy/access-export'
import { writeAccessPdf } from './access-pdf'
import type { ComparisonHeatmap } from './heatmap-pdf'
import { writeHeatmapPdf } from './heatmap-pdf'
import type { CandidatePacket } from './packet-pdf'
import { writeCandidatePacketPdf } from './packet-pdf'
import type { PdfFonts } from './pdf-document'
import { drawReportPdf, type ReportPdfData } from './report-pdf'

/** Everything a PDF is drawn from, as plain data that crosses to a worker thread. */
export type PdfRequest =
  | { kind: 'report'; report: ReportPdfData }
  | { kind: 'packet'; packet: CandidatePacket }
  | { kind: 'heatmap'; heatmap: ComparisonHeatmap }
  | { kind: 'access'; access: AccessExport; language: ReportLanguage }

export async function renderPdf(request: PdfRequest, path: string, fonts: PdfFonts): Promise<void> {
  switch (request.kind) {
    case 'report':
      return drawReportPdf(path, fonts, request.report)
    case 'packet':
      return writeCandidatePacketPdf(path, fonts, request.packet)
    case 'heatmap':
      return writeHeatmapPdf(path, fonts, request.heatmap)
    case 'access':
      return writeAccessPdf(path, fonts, request.access, request.language)
  }
}
