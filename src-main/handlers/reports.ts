import type { DomainHandlers } from './context'

export const reportHandlers = {
  list: ({ language }, { services }) => services.reports.list(language),
  run: ({ name, filters, language }, { services }) => services.reports.run(name, filters, language),
  export: async ({ name, filters, format, language }, { services }) =>
    services.reports.startExport(await services.reports.reportExport(name, filters, format, language)),
  download: ({ exportId, offset }, { services }) => services.reports.download(exportId, offset),
} satisfies DomainHandlers<'reports'>
