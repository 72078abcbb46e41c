import type { SectionKind } from '@contract/posting-parse'
import { compilePhrase, foldWords, hasAnyPhrase } from './text'

/**
 * Guesses what a list is about from its items, for lists under headings no rule knows
 * ("Management Accounting", "Additional Information") or with no heading at all.
 */

// prettier-ignore
const duties = new Set([
  'lead', 'design', 'build', 'develop', 'work', 'collaborate', 'manage', 'own', 'ensure', 'drive', 'create',
  'maintain', 'support', 'implement', 'contribute', 'participate', 'help', 'mentor', 'define', 'deliver', 'improve',
  'conduct', 'identify', 'prepare', 'review', 'write', 'be', 'act', 'assist', 'analyze', 'analyse', 'coordinate',
  'oversee', 'plan', 'perform', 'provide', 'partner', 'communicate', 'monitor', 'establish', 'translate', 'optimize',
  'optimise', 'architect', 'ship', 'report', 'handle', 'process', 'serve', 'raise', 'take', 'play', 'shape', 'promote',
  'research', 'test', 'troubleshoot', 'debug', 'deploy', 'operate', 'run', 'organize', 'organise', 'document', 'track',
  'set', 'present', 'produce', 'iterate', 'utilize', 'recommend', 'engage', 'exceed', 'leverage', 'supervise',
  'direct', 'compile', 'fulfill', 'fulfil', 'keep', 'update', 'verify', 'complete', 'request', 'reconcile', 'scale',
  'automate', 'integrate', 'evaluate', 'champion', 'facilitate', 'advise', 'negotiate', 'sell', 'prospect', 'recruit',
  'hire', 'coach', 'train', 'teach', 'care', 'administer', 'schedule', 'respond', 'resolve', 'solve', 'investigate',
  'concevoir', 'developper', 'participer', 'assurer', 'collaborer', 'encadrer', 'gerer', 'realiser', 'piloter',
  'animer', 'accompagner', 'contribuer', 'mettre', 'rediger', 'analyser', 'definir', 'faire', 'creer', 'ameliorer',
  'maintenir', 'desarrollar', 'disenar', 'colaborar', 'gestionar', 'liderar', 'crear', 'mantener', 'investigar',
  'participar', 'analizar', 'desenvolver', 'colaborar', 'escrever', 'integrar', 'aplicar', 'manter', 'trabalhar',
  'criar', 'gerenciar', 'liderar', 'entwickeln', 'betreuen', 'gestalten', 'verantwortest', 'entwickelst', 'betreust',
  'arbeitest', 'unterstutzt', 'ubernimmst', 'ontwikkelen', 'ontwerpen', 'beheren', 'werken', 'ontwikkelt', 'ontwerpt',
  'werkt', 'zorgt',
])

// prettier-ignore
const dutyOpeners = [
  'you will', 'you ll', 'vous allez', 'vous serez', 'du wirst', 'sie werden', 'vas a', 'voce vai', 'je gaat',
  'jij gaat',
].map(compilePhrase)

// prettier-ignore
const requirementCues = [
  'experience', 'years', 'year', 'knowledge', 'degree', 'proficien*', 'familiar*', 'understanding', 'ability',
  'able to', 'skills', 'skill', 'fluent', 'fluency', 'background', 'bachelor*', 'master*', 'certif*', 'qualified',
  'qualification*', 'expert*', 'strong', 'excellent', 'solid', 'proven', 'track record', 'willing', 'willingness',
  'comfortable', 'passion*', 'you have', 'you are', 'self starter', 'attention to detail', 'communicat*',
  'team player', 'connaissance*', 'maitrise', 'diplome', 'formation', 'bac', 'competence*', 'capacite', 'aisance',
  'vous avez', 'vous etes', 'erfahrung', 'kenntnisse', 'studium', 'ausbildung', 'sehr gute', 'fundierte', 'du hast',
  'du bist', 'abgeschlossen*', 'beherrschst', 'experiencia', 'conocimiento*', 'manejo', 'titulo', 'dominio',
  'capacidad', 'conhecimento*', 'formacao', 'capacidade', 'familiaridade', 'ervaring', 'kennis', 'opleiding',
  'je hebt', 'je bent', 'hbo', 'wo', 'mbo', 'beheersing',
].map(compilePhrase)

// prettier-ignore
const benefitCues = [
  'salary', 'insurance', 'health insurance', 'healthcare', 'dental', 'vacation', 'holiday', 'holidays', 'leave', 'pto',
  'paid time off', 'remote', 'flexible hours', 'flexible working', 'flexible work', 'flexible schedule', 'home office',
  'work from home', 'wfh', 'training budget', 'learning budget', 'development budget', 'stipend', 'allowance',
  'equity', 'stock', 'stock options', 'pension', '401k', 'gym', 'lunch', 'retreat', 'retreats', 'laptop', 'macbook',
  'days off', 'team events', 'bonus', 'perks', 'wellness', 'parental', 'maternity', 'paternity', 'childcare',
  'mutuelle', 'conges', 'teletravail', 'tickets restaurant', 'rtt', 'prime', 'remboursement', 'gehalt', 'urlaub',
  'homeoffice', 'flexible arbeitszeiten', 'zuschuss', 'jobticket', 'weiterbildung', 'salario', 'vacaciones', 'seguro',
  'teletrabajo', 'plano de saude', 'ferias', 'vale', 'remoto', 'auxilio', 'salaris', 'vakantie', 'thuiswerken',
  'pensioen', 'leaseauto', 'opleidingsbudget', 'reiskosten',
].map(compilePhrase)

type Vote = 'responsibility' | 'requirement' | 'benefit' | null

function voteFor(text: string): Vote {
  const words = foldWords(text)
  if (hasAnyPhrase(words, benefitCues)) return 'benefit'
  const first = words[0] ?? ''
  const stem = first.endsWith('ing')
    ? first.slice(0, -3)
    : first.endsWith('es')
      ? first.slice(0, -2)
      : first.endsWith('s')
        ? first.slice(0, -1)
        : first
  if (duties.has(first) || duties.has(stem) || duties.has(`${stem}e`) || hasAnyPhrase(words.slice(0, 3), dutyOpeners))
    return 'responsibility'
  if (hasAnyPhrase(words, requirementCues)) return 'requirement'
  return null
}

/** The kind most items point to, when at least half of them agree; null otherwise. */
export function contentKind(texts: readonly string[]): SectionKind | null {
  const sample = texts.slice(0, 50)
  if (sample.length === 0) return null
  const votes = new Map<Exclude<Vote, null>, number>()
  for (const text of sample) {
    const vote = voteFor(text)
    if (vote) votes.set(vote, (votes.get(vote) ?? 0) + 1)
  }
  const ranked = [...votes].sort((a, b) => b[1] - a[1])
  const [winner, runnerUp] = ranked
  if (!winner || winner[1] < sample.length / 2 || (runnerUp && runnerUp[1] === winner[1])) return null
  return winner[0]
}
