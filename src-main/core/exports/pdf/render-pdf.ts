import type { ComparisonHeatmap } from './heatmap-pdf'
import { writeHeatmapPdf } from './heatmap-pdf'
import type { CandidatePacket } from './packet-pdf'
import { writeCandidatePacketPdf } from './packet-pdf'
import { drawReportPdf, type ReportPdfData } from './report-pdf'

/** Everything a PDF is drawn from, as plain data that crosses to a worker thread. */
export type PdfRequest =
  | { kind: 'report'; report: ReportPdfData }
  | { kind: 'packet'; packet: CandidatePacket }
  | { kind: 'heatmap'; heatmap: ComparisonHeatmap }

export async function renderPdf(request: PdfRequest, path: string, resourcesDir: string): Promise<void> {
  switch (request.kind) {
    case 'report':
      return drawReportPdf(path, resourcesDir, request.report)
    case 'packet':
      return writeCandidatePacketPdf(path, resourcesDir, request.packet)
    case 'heatmap':
      return writeHeatmapPdf(path, resourcesDir, request.heatmap)
  }
}
