import type { DomainHandlers } from './context'

export const privacyHandlers = {
  consent: ({ id }, { services }) => services.privacy.consent(id),
  setConsent: ({ id, consent }, { services }) => services.privacy.setConsent(id, consent),
  policy: (_input, { services }) => services.privacy.policy(),
  setPolicy: (input, { services }) => services.privacy.setPolicy(input),
  retention: (_input, { services }) => services.privacy.retention(),
  extend: ({ ids, months }, { services }) => services.privacy.extend(ids, months),
  anonymise: ({ ids }, { services }) => services.privacy.anonymise(ids),
  apply: ({ confirmed }, { services }) => services.privacy.apply({ confirmed }),
  exportData: ({ id, format, language }, { services }) => services.privacy.exportDownload(id, format, language),
  backups: (_input, { services }) => services.privacy.backups(),
  purgeBackups: (_input, { services }) => services.privacy.purgeBackups(),
  keepBackups: ({ reason }, { services }) => services.privacy.keepBackups(reason),
  audit: ({ candidateId, limit }, { services }) => services.privacy.audit(candidateId, limit),
} satisfies DomainHandlers<'privacy'>
