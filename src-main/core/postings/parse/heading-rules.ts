import type { SectionKind } from '@contract/posting-parse'

/**
 * Keyword rules for section headings in en, fr, de, es, pt and nl. Phrases are matched on folded words
 * (no accents, no case, no punctuation, English contractions expanded: "What you’ll do" → "what you will do");
 * a trailing `*` matches a word stem. The longest matching phrase wins; on a tie, the kind listed first below wins.
 * `apply` marks how-to-apply and equal-opportunity headings; they become sections of kind "other".
 */
export type HeadingKind = SectionKind | 'apply'

export interface HeadingRuleGroup {
  kind: HeadingKind
  phrases: readonly string[]
}

export const headingRuleGroups: readonly HeadingRuleGroup[] = [
  {
    kind: 'apply',
    // prettier-ignore
    phrases: [
      'apply', 'how to apply', 'to apply', 'application', 'applications', 'application procedure*',
      'application process', 'apply now', 'interested', 'next steps', 'hiring process', 'interview process',
      'recruitment process', 'recruiting process', 'our process', 'what happens next', 'deadline', 'contact',
      'contact us', 'unsure', 'not sure', 'don t meet', 'do not meet', 'equal opportunit*', 'equal employment', 'eeo',
      'diversity', 'inclusion', 'disclaimer', 'privacy', 'postuler', 'candidature', 'candidater',
      'processus de recrutement', 'process de recrutement', 'interesse', 'diversite', 'bewerbung', 'bewerben',
      'bewerbungsprozess', 'kontakt', 'ansprechpartner*', 'chancengleichheit', 'vielfalt', 'postulacion', 'postular',
      'postulate', 'aplicar', 'como aplicar', 'proceso de seleccion', 'contacto', 'interesado*', 'diversidad',
      'candidatar', 'candidate se', 'como se candidatar', 'processo seletivo', 'etapas do processo', 'contato',
      'diversidade', 'solliciteren', 'sollicitatie*', 'reageren', 'diversiteit',
    ],
  },
  {
    kind: 'nice_to_have',
    // prettier-ignore
    phrases: [
      'nice to have', 'nice to haves', 'good to have', 'plus to have', 'bonus', 'bonus points', 'bonus skills',
      'preferred', 'preferred qualifications', 'preferred skills', 'desired', 'desirable', 'ideally', 'a plus',
      'pluses', 'plus', 'extra points', 'extra credit', 'extras', 'even better', 'would be great', 'would be nice',
      'it would be great', 'optional', 'assets', 'an asset', 'nice extras', 'what would make you stand out',
      'stand out', 'atouts', 'atout', 'un plus', 'serait un plus', 'apprecie*', 'souhaite*', 'souhaitable',
      'idealement', 'bonus', 'wunschenswert', 'von vorteil', 'idealerweise', 'pluspunkte', 'ware toll', 'ware schon',
      'nice to have', 'deseable', 'deseables', 'deseado', 'deseada', 'deseados', 'valorable', 'se valorara',
      'valoramos', 'puntos extra', 'desejavel', 'desejaveis', 'diferencial', 'diferenciais', 'sera um diferencial',
      'pre', 'pluspunt', 'pluspunten', 'wenselijk', 'gewenst', 'bij voorkeur', 'mooi meegenomen',
    ],
  },
  {
    kind: 'other',
    // prettier-ignore
    phrases: [
      'job description', 'about the role', 'about this role', 'about the job', 'about the position',
      'about the opportunity', 'the role', 'role description', 'role overview', 'position overview',
      'position summary', 'job summary', 'job overview', 'the opportunity', 'the position', 'the job', 'tl dr', 'tldr',
      'job offer', 'mission', 'role', 'le poste', 'description du poste', 'descriptif du poste',
      'presentation du poste', 'offre d emploi', 'l offre', 'votre poste', 'stellenbeschreibung', 'die stelle',
      'die position', 'uber die stelle', 'stellenangebot', 'descripcion del puesto', 'el puesto', 'puesto',
      'presentacion', 'oferta de empleo', 'descripcion', 'descricao da vaga', 'a vaga', 'sobre a vaga', 'descricao',
      'vaga', 'functieomschrijving', 'de functie', 'over de functie', 'over de rol', 'vacature', 'omschrijving',
    ],
  },
  {
    kind: 'responsibility',
    // prettier-ignore
    phrases: [
      'what you will do', 'what will you do', 'will you do', 'you will do', 'what you will be doing',
      'you will be doing', 'going to do', 'what you will work on', 'you will work on', 'you will',
      'in this role you will', 'your role', 'your mission', 'your missions', 'your responsibilities', 'your impact',
      'your tasks', 'day to day', 'a day in the life', 'what you do', 'the work', 'the challenge', 'your challenge',
      'what to expect', 'the impact', 'the impact you will have', 'vos missions', 'votre mission', 'ta mission',
      'tes missions', 'ce que vous ferez', 'ce que tu feras', 'au quotidien', 'deine aufgaben', 'ihre aufgaben',
      'was dich erwartet', 'was sie erwartet', 'das erwartet dich', 'das erwartet sie', 'was du tun wirst', 'dein job',
      'deine mission', 'que haras', 'lo que haras', 'tu mision', 'tus funciones', 'tus responsabilidades',
      'tu dia a dia', 'o que voce vai fazer', 'o que voce fara', 'sua missao', 'suas responsabilidades',
      'seu dia a dia', 'no dia a dia', 'wat ga je doen', 'ga je doen', 'wat je gaat doen', 'wat ga jij doen',
      'jouw rol', 'jouw taken', 'je taken', 'wat houdt de functie in',
    ],
  },
  {
    kind: 'requirement',
    // prettier-ignore
    phrases: [
      'about you', 'who you are', 'who are you', 'you are', 'you have', 'you bring', 'you will bring',
      'what you bring', 'what you will bring', 'what you need', 'what you will need', 'you will need', 'you will have',
      'you need', 'your profile', 'your background', 'your experience', 'your skills', 'we are looking for',
      'looking for', 'what we look for', 'what we are looking for', 'what we expect', 'we expect', 'must have',
      'must haves', 'ideal candidate', 'is this you', 'you might be a fit', 'you will thrive', 'thrive if',
      'great fit', 'good fit', 'a fit', 'what it takes to succeed', 'esperamos', 'o que esperamos', 'votre profil',
      'ton profil', 'profil recherche', 'vous etes', 'vous avez', 'qui etes vous', 'ce que nous attendons',
      'ce que nous recherchons', 'nous recherchons', 'dein profil', 'ihr profil', 'das bringst du mit',
      'bringst du mit', 'das bringen sie mit', 'bringen sie mit', 'was du mitbringst', 'was sie mitbringen',
      'mitbringst', 'du hast', 'du bist', 'was wir erwarten', 'was wir suchen', 'tu perfil', 'perfil buscado',
      'buscamos', 'que buscamos', 'lo que buscamos', 'tienes', 'que necesitas', 'seu perfil', 'perfil desejado',
      'o que buscamos', 'o que procuramos', 'procuramos', 'voce tem', 'wie ben jij', 'wie ben je', 'wie zoeken wij',
      'wie zoeken we', 'wat vragen wij', 'wat wij vragen', 'wat we vragen', 'wat breng je mee', 'breng je mee',
      'wat neem je mee', 'neem je mee', 'jij hebt', 'jij bent', 'je hebt', 'je bent', 'jouw profiel',
    ],
  },
  {
    kind: 'benefit',
    // prettier-ignore
    phrases: [
      'benefit*', 'perks', 'perk', 'what we offer', 'we offer', 'our offer', 'the offer', 'offer', 'what you will get',
      'you will get', 'what you get', 'you get', 'you will love', 'in it for you', 'why us', 'why join', 'why join us',
      'why work', 'why work with us', 'why you will love', 'in return', 'compensation and benefits', 'total rewards',
      'rewards', 'package', 'what we provide', 'we provide', 'avantages', 'avantage', 'ce que nous offrons',
      'nous offrons', 'nous vous offrons', 'ce que nous proposons', 'nous proposons', 'pourquoi nous rejoindre',
      'pourquoi rejoindre', 'ce que tu auras', 'wir bieten', 'bieten wir', 'was wir bieten', 'unser angebot',
      'deine vorteile', 'ihre vorteile', 'vorteile', 'warum wir', 'ofrecemos', 'que ofrecemos', 'te ofrecemos',
      'beneficios', 'ventajas', 'por que unirte', 'oferecemos', 'o que oferecemos', 'beneficios', 'vantagens',
      'por que trabalhar', 'wat bieden wij', 'wat wij bieden', 'wij bieden', 'wat bieden we', 'wat we bieden',
      'bieden wij', 'arbeidsvoorwaarden', 'secundaire arbeidsvoorwaarden', 'wat krijg je', 'krijg je',
      'wat krijg je ervoor terug',
    ],
  },
  {
    kind: 'about',
    // prettier-ignore
    phrases: [
      'about', 'about us', 'company overview', 'company description', 'company profile', 'who we are', 'what we do',
      'our company', 'the company', 'company', 'our story', 'our mission', 'our values', 'values', 'culture',
      'our culture', 'life at', 'team', 'the team', 'our team', 'your team', 'qui sommes nous', 'l entreprise',
      'entreprise', 'notre entreprise', 'la societe', 'notre mission', 'nos valeurs', 'equipe', 'l equipe', 'a propos',
      'uber uns', 'wer wir sind', 'das unternehmen', 'unternehmen', 'unser team', 'das team', 'unsere werte',
      'unsere mission', 'sobre nosotros', 'quienes somos', 'la empresa', 'empresa', 'nuestro equipo', 'el equipo',
      'equipo', 'nuestra mision', 'sobre nos', 'quem somos', 'a empresa', 'nossa empresa', 'nosso time', 'o time',
      'a equipe', 'nossa missao', 'over ons', 'wie zijn wij', 'wie wij zijn', 'wie zijn we', 'het bedrijf', 'bedrijf',
      'het team', 'ons team', 'onze missie',
    ],
  },
  {
    kind: 'requirement',
    // prettier-ignore
    phrases: [
      'requir*', 'qualification*', 'skills', 'skill set', 'skillset', 'competenc*', 'experience', 'knowledge',
      'ability', 'abilities', 'education', 'essentials', 'minimum qualifications', 'basic qualifications', 'must',
      'prerequisites', 'profile', 'background', 'expertise', 'what it takes', 'mandatory', 'essential',
      'prerequisite*', 'pre requisite*', 'profil', 'competences', 'exigences', 'prerequis', 'formation', 'qualites',
      'savoir etre', 'savoir faire', 'anforderung*', 'voraussetzung*', 'qualifikation*', 'kenntnisse', 'fahigkeiten',
      'erfahrung', 'kompetenzen', 'requisito*', 'requerimiento*', 'perfil', 'conocimientos', 'habilidades',
      'experiencia', 'formacion', 'qualificac*', 'competencias', 'conhecimentos', 'experiencia', 'formacao', 'eisen',
      'functie eisen', 'functieeisen', 'vereisten', 'profiel', 'kwalificaties', 'competenties', 'ervaring', 'kennis',
      'vaardigheden', 'opleiding',
    ],
  },
  {
    kind: 'responsibility',
    // prettier-ignore
    phrases: [
      'responsib*', 'duties', 'tasks', 'job duties', 'key duties', 'goals', 'objectives', 'missions',
      'accountabilities', 'what the job involves', 'role responsibilities', 'activities', 'responsabilite*', 'taches',
      'activites', 'objectifs', 'aufgaben', 'aufgabenbereich', 'tatigkeiten', 'verantwortung', 'ziele', 'deine rolle',
      'responsabilidad*', 'funciones', 'tareas', 'actividades', 'objetivos', 'mision', 'atribuicoes', 'atividades',
      'funcoes', 'responsabilidades', 'taken', 'takenpakket', 'verantwoordelijkhe*', 'werkzaamheden', 'doelen',
    ],
  },
  {
    kind: 'other',
    // prettier-ignore
    phrases: [
      'description', 'overview', 'summary', 'introduction', 'intro', 'details', 'job details', 'position details',
      'location', 'locations', 'salary', 'compensation', 'pay', 'remuneration', 'stack', 'tech stack', 'our stack',
      'technical environment', 'tech environment', 'environment', 'tools', 'our tools', 'job title', 'title', 'hours',
      'working hours', 'schedule', 'contract', 'start date', 'note', 'notes', 'additional notes', 'localisation',
      'lieu', 'salaire', 'remuneration', 'environnement technique', 'environnement', 'contrat', 'horaires', 'standort',
      'gehalt', 'vergutung', 'arbeitszeit', 'arbeitsort', 'einsatzort', 'techstack', 'ubicacion', 'salario', 'horario',
      'contrato', 'local', 'localizacao', 'salario', 'jornada', 'locatie', 'salaris', 'werktijden', 'standplaats',
    ],
  },
]

/** Headings that declare their items knock-out criteria ("Must have", "Required qualifications", "Compétences requises"). */
// prettier-ignore
export const mustHeadingPhrases: readonly string[] = [
  'must', 'must have', 'must haves', 'required', 'requirements must', 'mandatory', 'essential', 'essentials',
  'minimum qualifications', 'minimum requirements', 'basic qualifications', 'non negotiable', 'minimos', 'minimas',
  'minimales', 'requis', 'requise', 'requises', 'obligatoire*', 'indispensable*', 'imperatif*', 'zwingend',
  'erforderlich', 'muss', 'pflicht', 'imprescindible*', 'obligatorio*', 'excluyente*', 'indispensables',
  'obrigatorio*', 'imprescindive*', 'indispensave*', 'essenciais', 'vereist', 'verplicht', 'noodzakelijk',
]

/**
 * Nice-to-have headings that, in a posting with no requirement section at all, are its requirements
 * ("Desired skills include:" as the only list).
 */
// prettier-ignore
export const weakNicePhrases: readonly string[] = [
  'desired', 'desirable', 'deseado', 'deseada', 'deseados', 'deseable', 'deseables', 'desejavel', 'desejaveis',
  'souhaite*', 'souhaitable', 'wunschenswert', 'gewenst', 'wenselijk',
]

/** Keys of "Key: value" lines that name the posting's title ("JOB TITLE: Chief Financial Officer", "Puesto: …"). Whole key. */
// prettier-ignore
export const titleKeys: readonly string[] = [
  'job title', 'title', 'position', 'position title', 'job', 'role', 'poste', 'intitule du poste', 'titre du poste',
  'titre', 'stelle', 'stellenbezeichnung', 'jobtitel', 'puesto', 'cargo', 'nombre del puesto', 'titulo', 'vaga',
  'funcao', 'titulo da vaga', 'functie', 'functietitel', 'vacature',
]

/** Keys of metadata lines (location, salary, contract, dates); matched when the key contains the phrase. */
// prettier-ignore
export const metaKeyPhrases: readonly string[] = [
  'location', 'locations', 'lieu', 'localisation', 'ubicacion', 'localizacao', 'standort', 'arbeitsort', 'einsatzort',
  'locatie', 'standplaats', 'salary', 'salaire', 'gehalt', 'vergutung', 'salario', 'sueldo', 'salaris', 'remuneration',
  'compensation', 'pay range', 'hourly rate', 'hours', 'horaire', 'horaires', 'arbeitszeit', 'horario', 'werktijden',
  'deadline', 'date limite', 'bewerbungsfrist', 'fecha limite', 'prazo', 'sluitingsdatum', 'closing date',
  'start date', 'date de debut', 'startdatum', 'eintrittsdatum', 'fecha de inicio', 'data de inicio',
  'employment type', 'job type', 'contract type', 'type de contrat', 'tipo de contrato', 'vertragsart',
  'anstellungsart', 'reports to', 'reporting to', 'seniority', 'visa', 'duration', 'duree', 'duracion', 'duracao',
  'work mode', 'working mode',
]

/** Short generic keys that are metadata only as the whole key ("Team: Product", "Type: Full-time"). */
// prettier-ignore
export const metaKeysExact: readonly string[] = [
  'company', 'entreprise', 'empresa', 'unternehmen', 'firma', 'bedrijf', 'organization', 'organisation', 'team',
  'department', 'division', 'type', 'level', 'niveau', 'nivel', 'date', 'posted', 'start', 'debut', 'beginn', 'inicio',
  'remote', 'travel', 'industry', 'sector', 'category', 'contract', 'contrat', 'contrato', 'regime', 'dienstverband',
  'reference', 'ref', 'job id', 'pay', 'rate', 'donde', 'where', 'when', 'quand', 'wo', 'wann', 'dauer', 'duur',
  'openings', 'jornada', 'uren', 'schedule', 'experience level', 'modalidad', 'modalidade', 'werkvorm', 'ort', 'lugar',
  'ville', 'city',
]
