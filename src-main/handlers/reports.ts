import type { DomainHandlers } from './context'

export const reportHandlers = {
  list: ({ language }, { services }) => services.reports.list(language),
  sources: (_input, { services }) => services.reports.sources(),
  run: ({ name, filters, language }, { services }) => services.reports.run(name, filters, language),
  drilldown: ({ name, filters, segment, offset, limit, language }, { services }) =>
    services.reports.drilldown(name, filters, segment, { offset, limit }, language),
  export: async ({ name, filters, format, language }, { services }) =>
    services.reports.startExport(await services.reports.reportExport(name, filters, format, language)),
  packet: async ({ applicationId, language }, { services }) =>
    services.reports.startExport(await services.reports.packetExport(applicationId, language)),
  heatmap: async ({ postingId, applicationIds, language }, { services }) =>
    services.reports.startExport(await services.reports.heatmapExport(postingId, applicationIds, language)),
  download: ({ exportId, offset }, { services }) => services.reports.download(exportId, offset),
} satisfies DomainHandlers<'reports'>
