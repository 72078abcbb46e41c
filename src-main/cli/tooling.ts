/**
 * The commands that are local tooling rather than calls of a contract channel, each with why. Every other
 * command names a channel (a unit test walks them all).
 */
export const localTooling: Record<string, string> = {
  'demo init':
    'Sets up the demo workspace in a data folder, as the first run of the app does before any channel exists.',
  'demo generate': 'Fills an empty data folder with generated data at scale, for benchmarks; not a user action.',
  'candidates extract': 'Reads one résumé file and prints what it finds, without opening (or creating) a workspace.',
  'postings parse': 'Reads one posting file and prints its structure, without opening (or creating) a workspace.',
  'applications assess':
    "Streams a whole posting's ratings and evidence in batches for scripts; the app shows them per applicant.",
  'database migrate':
    'Prepares the schema of a data folder or PostgreSQL database before any workspace (and so any channel) is open.',
  'workspace copy':
    'Moves a whole workspace between a data folder and PostgreSQL below the services: ids, history and files as they are.',
}
