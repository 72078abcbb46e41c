import { cleanInline, collapseWhitespace, compilePhrase, foldWords, hasAnyPhrase, wordCount } from './text'

const titlePrefix =
  /^(?:job\s+description|job\s+title|job\s+opening|job\s+offer|job|vacancy|opening|position|role|now\s+hiring|we(?:['’]re|\s+are)\s+hiring|hiring|offre\s+d['’]emploi|poste|stellenangebot|stellenanzeige|oferta\s+de\s+(?:empleo|trabajo|emprego)|vaga|vacature)\s*[—–:|-]\s*(?=\S)|^(?:vaga\s+de|vaga\s+para|oferta\s+de|we(?:['’]re|\s+are)\s+hiring(?:\s+an?)?|now\s+hiring(?:\s+an?)?)\s+(?=\S)/i

/** "Job Description — Senior Backend Engineer" → "Senior Backend Engineer"; unchanged when there is no such prefix. */
export function stripTitlePrefix(text: string): string {
  return text.replace(titlePrefix, '').trim()
}

const bareGenderMarker = /\s+(?:H\/F|F\/H|M\/F|F\/M|m\/w\/d|w\/m\/d|m\/f\/d|f\/m\/d)(?=$|\s)/g
const genderMarker =
  /\s*[([]\s*(?:h\s*\/\s*f|f\s*\/\s*h|m\s*\/\s*w\s*\/\s*d|m\s*\/\s*f\s*\/\s*d|w\s*\/\s*m\s*\/\s*d|f\s*\/\s*m\s*\/\s*d|m\s*\/\s*w|m\s*\/\s*f|f\s*\/\s*m|w\s*\/\s*m|all\s+genders|x\s*\/\s*f\s*\/\s*m)\s*[)\]]/gi

export function cleanTitle(text: string): string | null {
  const cleaned = collapseWhitespace(
    stripTitlePrefix(cleanInline(text)).replace(genderMarker, '').replace(bareGenderMarker, ''),
  )
    .replace(/^["'“”]+|["'“”]+$/g, '')
    .replace(/[\s:|–—-]+$/, '')
  if (cleaned === '' || !/\p{L}/u.test(cleaned)) return null
  return cleaned.length > 200 ? cleaned.slice(0, 200).trimEnd() : cleaned
}

// prettier-ignore
const roleNouns = [
  'engineer*', 'developer*', 'programmer*', 'manager*', 'designer*', 'analyst*', 'scientist*', 'architect*',
  'consultant*', 'specialist*', 'coordinator*', 'assistant*', 'associate*', 'administrator*', 'officer*', 'director*',
  'lead', 'head of', 'executive*', 'representative*', 'agent*', 'nurse*', 'accountant*', 'intern', 'internship',
  'technician*', 'writer*', 'editor*', 'recruiter*', 'advisor*', 'adviser*', 'owner', 'marketer*', 'saleswoman',
  'salesman', 'salesperson', 'operator*', 'driver*', 'teacher*', 'tutor*', 'researcher*', 'physician*', 'doctor*',
  'therapist*', 'clerk*', 'cashier*', 'chef', 'cook', 'bookkeeper*', 'controller*', 'auditor*', 'strategist*',
  'producer*', 'tester*', 'devops', 'sre', 'cto', 'cfo', 'ceo', 'coo', 'developpeur*', 'developpeuse*', 'ingenieur*',
  'chef de projet', 'responsable', 'stagiaire', 'technicien*', 'commercial*', 'comptable*', 'charge*', 'directeur*',
  'directrice*', 'entwickler*', 'berater*', 'leiter*', 'referent*', 'sachbearbeiter*', 'mitarbeiter*', 'werkstudent*',
  'praktikant*', 'desarrollador*', 'ingeniero*', 'disenador*', 'programador*', 'analista*', 'jefe', 'gerente*',
  'desenvolvedor*', 'engenheiro*', 'estagiario*', 'ontwikkelaar*', 'ontwerper*', 'medewerker*', 'adviseur*',
  'stagiair*', 'verpleegkundige*', 'enfermero*', 'enfermeiro*', 'infirmier*', 'pflegekraft*',
].map(compilePhrase)

/** A short line naming a role: "Senior Backend Engineer II", "Développeur Full Stack Senior", "Saleswoman". */
export function namesARole(text: string): boolean {
  return hasAnyPhrase(foldWords(text), roleNouns)
}

export function isTitleShaped(text: string): boolean {
  const trimmed = text.trim()
  return (
    trimmed.length > 1 &&
    trimmed.length <= 100 &&
    wordCount(trimmed) <= 12 &&
    !/[.!?;:,]$/.test(trimmed) &&
    !/https?:|www\.|@/.test(trimmed)
  )
}
