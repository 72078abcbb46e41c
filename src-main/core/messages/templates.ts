import { AppError } from '../errors'

export const templateNames = [
  'rejection_after_screen',
  'rejection_after_interview',
  'interview_invitation',
  'offer_call',
] as const
export type TemplateName = (typeof templateNames)[number]

export const placeholders = ['candidate', 'posting', 'team', 'step', 'date', 'time', 'interviewer', 'sender'] as const
export type Placeholder = (typeof placeholders)[number]
export type PlaceholderValues = Record<Placeholder, string>

interface Template {
  subject: string
  body: string
}

/** Written for the project, in the languages postings are written in here; others fall back to English. */
const templates: Record<'en' | 'fr', Record<TemplateName, Template>> = {
  en: {
    rejection_after_screen: {
      subject: 'Your application for {posting}',
      body: 'Dear {candidate},\n\nThank you for your interest in the {posting} role and for the time you gave us. After reviewing your application, we have decided not to move forward with it.\n\nWe wish you the best in your search.\n\nKind regards,\n{sender}',
    },
    rejection_after_interview: {
      subject: 'Your interviews for {posting}',
      body: 'Dear {candidate},\n\nThank you for meeting the {team} team for the {posting} role. We enjoyed the conversations, but we have decided to continue with other candidates whose experience is closer to what the role needs now.\n\nThank you again for your time.\n\nKind regards,\n{sender}',
    },
    interview_invitation: {
      subject: 'Interview for {posting}: {step} on {date}',
      body: 'Dear {candidate},\n\nWe would like to invite you to the next step for the {posting} role: {step}, with {interviewer}, on {date} at {time}.\n\nThe calendar invitation is attached. Let us know if the time does not suit you.\n\nKind regards,\n{sender}',
    },
    offer_call: {
      subject: 'Next steps for {posting}',
      body: 'Dear {candidate},\n\nWe are delighted to tell you that we would like to make you an offer for the {posting} role. Could we set up a call to go through it together?\n\nKind regards,\n{sender}',
    },
  },
  fr: {
    rejection_after_screen: {
      subject: 'Votre candidature au poste {posting}',
      body: 'Bonjour {candidate},\n\nMerci de l’intérêt que vous portez au poste {posting} et du temps que vous nous avez accordé. Après étude de votre candidature, nous avons décidé de ne pas y donner suite.\n\nNous vous souhaitons une belle réussite dans vos recherches.\n\nCordialement,\n{sender}',
    },
    rejection_after_interview: {
      subject: 'Vos entretiens pour le poste {posting}',
      body: 'Bonjour {candidate},\n\nMerci d’avoir rencontré l’équipe {team} pour le poste {posting}. Nous avons apprécié nos échanges, mais nous poursuivons avec d’autres candidatures plus proches des besoins actuels du poste.\n\nMerci encore pour votre temps.\n\nCordialement,\n{sender}',
    },
    interview_invitation: {
      subject: 'Entretien pour le poste {posting} : {step} le {date}',
      body: 'Bonjour {candidate},\n\nNous avons le plaisir de vous inviter à l’étape suivante pour le poste {posting} : {step}, avec {interviewer}, le {date} à {time}.\n\nL’invitation de calendrier est jointe. Dites-nous si l’horaire ne vous convient pas.\n\nCordialement,\n{sender}',
    },
    offer_call: {
      subject: 'La suite pour le poste {posting}',
      body: 'Bonjour {candidate},\n\nNous sommes ravis de vous annoncer que nous souhaitons vous faire une offre pour le poste {posting}. Pouvons-nous prévoir un appel pour la parcourir ensemble ?\n\nCordialement,\n{sender}',
    },
  },
}

export type TemplateLanguage = keyof typeof templates

export function templateFor(name: TemplateName, language: string): Template & { language: TemplateLanguage } {
  const lang: TemplateLanguage = language === 'fr' ? 'fr' : 'en'
  return { ...templates[lang][name], language: lang }
}

const PLACEHOLDER = /\{([^{}\s]*)\}/g
const isPlaceholder = (name: string): name is Placeholder => (placeholders as readonly string[]).includes(name)

/** Every `{name}` must be a known placeholder: an unknown one is refused by name, never sent as typed. */
export function fillTemplate(text: string, values: PlaceholderValues, field: 'subject' | 'body'): string {
  const unknown = [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '').filter((name) => !isPlaceholder(name))
  if (unknown.length > 0) {
    throw AppError.of(
      field === 'subject' ? 'template_placeholder_subject' : 'template_placeholder_body',
      { name: `{${unknown[0]}}`, known: placeholders.map((name) => `{${name}}`).join(', ') },
      [{ path: field, message: `unknown placeholder {${unknown[0]}}` }],
    )
  }
  return text.replace(PLACEHOLDER, (_whole, name: string) => (isPlaceholder(name) ? values[name] : ''))
}
