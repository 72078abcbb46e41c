/**
 * Kinds of skill and practice that postings name as a category ("NoSQL", "CI/CD", "testing strategies") and
 * that résumés show through members or in their own words ("MongoDB", "mise en place de GitLab CI/CD",
 * "RSpec test suites"). Patterns are matched on folded text (lower case, no accents) on word boundaries.
 */
export interface Category {
  id: string
  /** How the category is named in a reason. */
  label: string
  /** Wording of a requirement that asks for the category. */
  asks: RegExp
  /** A requirement's skill or alternative worded like this stands for the whole category ("caching layers"). */
  aliases: readonly string[]
  /** Members and phrasings, as regular-expression sources. */
  members: readonly string[]
  /**
   * Where set, an occurrence is full evidence only when its sentence also matches (an API "designed", a
   * migration led "across teams"); otherwise it is shallow, like a skills list.
   */
  deepWith?: RegExp
  /** The most a résumé can show for it: a reader judges it in an interview. */
  cap?: 'partial'
}

const w = (source: string) => `(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`

// prettier-ignore
export const categories: readonly Category[] = [
  {
    id: 'nosql', label: 'NoSQL', asks: /nosql|vector databases?|non-relational/,
    aliases: ['nosql', 'vector databases', 'vector database', 'nosql databases', 'non-relational databases'],
    members: ['nosql', 'mongo(?:db)?', 'redis', 'dynamodb', 'cassandra', 'scylladb', 'couchbase', 'couchdb', 'elasticsearch', 'opensearch', 'neo4j', 'firestore', 'hbase', 'riak', 'qdrant', 'pinecone', 'weaviate', 'milvus', 'chroma(?:db)?', 'pgvector', 'vector (?:databases?|stores?|search)'],
  },
  {
    id: 'aiml', label: 'AI/ML', asks: /(?<![\p{L}])(?:ai|ml|ia|ki)(?![\p{L}])|machine learning|artificial intelligence|intelligence artificielle|kunstliche intelligenz|apprentissage automatique/u,
    aliases: ['ai/ml', 'ai', 'ml', 'machine learning', 'ai/ml services'],
    members: ['machine learning', 'ml engineer', 'ml-ingenieur', 'deep learning', 'pytorch', 'tensorflow', 'keras', 'scikit-learn', 'sklearn', 'lightgbm', 'xgboost', 'hugging ?face', 'recommender(?: systems?)?', 'recommendation (?:systems?|engines?|models?)', 'empfehlungssystem\\p{L}*', 'systemes? de recommandation', 'speech[- ]to[- ]text', 'speech recognition', 'spracherkennung', 'reconnaissance vocale', 'ocr(?:-pipeline)?', 'nlp', 'natural language processing', 'computer vision', 'llms?', 'large language models?', 'ai solutions?', 'ai services?', 'artificial intelligence', 'intelligence artificielle', 'kunstliche intelligenz', 'forecasting models?', 'neural networks?', 'model training', 'training (?:of )?(?:the )?models'],
  },
  {
    id: 'ci_cd', label: 'CI/CD', asks: /ci\/cd|continuous (?:integration|delivery|deployment)|integration continue|deploiement continu/,
    aliases: ['ci/cd', 'continuous integration', 'continuous delivery', 'continuous deployment', 'ci/cd workflows'],
    members: ['ci/cd', 'gitlab ci(?:/cd)?', 'github actions', 'jenkins', 'circleci', 'travis(?: ci)?', 'argo ?cd', 'teamcity', 'bamboo', 'buildkite', 'spinnaker', 'continuous (?:integration|delivery|deployment)', 'integration continue', 'deploiement continu', 'livraison continue', '(?:deployment|build|release|delivery) pipelines?', 'pipelines? on', 'kontinuierliche (?:integration|auslieferung)'],
  },
  {
    id: 'testing', label: 'testing', asks: /testing|test strateg\p{L}*|automated tests?|tests automatises|testautomatisierung/u,
    aliases: ['testing', 'testing strategies', 'automated testing'],
    members: ['rspec', 'minitest', 'jest', 'vitest', 'mocha', 'phpunit', 'pytest', 'junit', 'testng', 'playwright', 'cypress', 'selenium', '(?:unit|integration|end-to-end|e2e|contract|functional|acceptance|load|property-based) tests?', 'test (?:pyramid|suites?|automation|coverage)', 'tdd', 'test-driven', 'visual regression', 'tests (?:unitaires|fonctionnels|d\'integration|de bout en bout)', 'unit-tests?', 'testautomatisierung', 'integrationstests?'],
  },
  {
    id: 'reliability', label: 'reliability practices', asks: /reliability|fiabilite|zuverlassigkeit|resilien\p{L}*/u,
    aliases: ['reliability', 'backend reliability practices'],
    members: ['on-call', 'incidents?(?: response| management)?', 'slos?', 'slis?', 'error budgets?', 'p9[59]', 'post-?mortems?', 'root cause', 'failover', 'runbooks?', 'canary(?: releases?)?', 'rollbacks?', 'automatic rollback', 'observability', 'capacity planning', 'chaos engineering', 'high availability', 'haute disponibilite', 'astreintes?', 'rufbereitschaft', 'hochverfugbarkeit'],
  },
  {
    id: 'design', label: 'software design', asks: /design principles|software design|principes de conception|softwaredesign/,
    aliases: ['software design principles'],
    members: ['design documents?', 'design docs?', 'technical design', 'architecture decision records?', 'adrs?', 'solid(?: principles)?', 'domain-driven design', 'ddd', 'clean architecture', 'hexagonal architecture', 'design patterns', 'rfcs?', 'dossiers? d\'architecture', 'conception technique'],
  },
  {
    id: 'database_design', label: 'database design', asks: /database design|data model\p{L}*|schema design|modelisation|datenmodell\p{L}*|conception de bases?/u,
    aliases: ['database design'],
    members: ['schemas?', 'data models?', 'data model(?:l)?ing', 'modelisation(?: de la base| des donnees)?', 'partition(?:s|ing|ed|nement)?', 'partitioning scheme', 'index(?:es|ing)?', 'normali[sz]ation', 'datenmodell\\p{L}*', 'query (?:tuning|optimi[sz]ation|plans?)', 'zero-downtime migrations', 'migrations sans interruption', 'esquemas?', 'modelado de datos', 'indices', 'particionado'],
  },
  {
    id: 'apis', label: 'APIs', asks: /(?<![\p{L}])(?:apis?|web services|interfaces de programmation|schnittstellen)(?![\p{L}])/u,
    aliases: ['apis', 'api'],
    members: ['apis?', 'rest(?:ful)?(?: apis?| services?| endpoints?)?', 'api rest', 'rest-apis?', 'graphql', 'grpc', 'openapi', 'endpoints?', 'webhooks?', 'api platform', 'schnittstellen?'],
    deepWith: /(?<![\p{L}])(?:design\p{L}*|architect\p{L}*|conception|concu\p{L}*|entw(?:orfen|arf|urf)|owned?|built|build|implemented|developpement|developed)(?![\p{L}])/u,
  },
  {
    id: 'distributed', label: 'distributed systems', asks: /distributed systems?|microservices|systemes? distribues?|verteilte systeme/,
    aliases: ['distributed systems'],
    members: ['distributed(?: systems?)?', 'micro-?services?', 'kafka', 'rabbitmq', 'nats', 'pulsar', 'event-driven', 'event (?:store|sourcing|bus|streams?)', 'separate services?', 'service extraction', 'spark', 'systemes? distribues?', 'verteilte\\p{L}*', '\\d+ services'],
  },
  {
    id: 'jobs', label: 'background jobs', asks: /background jobs?|job queues?|asynchronous (?:jobs|processing)/,
    aliases: ['background jobs', 'job queues', 'background processing'],
    members: ['sidekiq', 'resque', 'delayed[_ ]job', 'good_job', 'solid queue', 'bullmq', 'celery', 'symfony messenger', 'traitements? asynchrones?', 'asynchronous (?:jobs|processing|workers?)', 'background (?:jobs?|workers?|processing)', 'job queues?', 'hintergrund(?:jobs|prozesse|verarbeitung)'],
  },
  {
    id: 'caching', label: 'caching', asks: /caching|cache layers?/,
    aliases: ['caching layers', 'caching', 'cache'],
    members: ['redis', 'memcached', 'elasticache', 'varnish', 'caching', 'cache', 'caches'],
  },
  {
    id: 'cloud', label: 'cloud infrastructure', asks: /cloud infrastructure|public cloud/,
    aliases: ['cloud infrastructure', 'cloud', 'public cloud'],
    members: ['aws', 'amazon web services', 'gcp', 'google cloud(?: platform)?', 'azure', 'ec2', 'ecs', 'eks', 'gke', 'aks', 'lambda', 's3', 'rds', 'cloud run', 'bigquery', 'cloudformation', 'terraform'],
  },
  {
    id: 'leadership', label: 'leading initiatives',
    asks: /(?:leading|lead|drive|driving)\s(?:\p{L}+\s){0,2}(?:initiatives?|projects?|refactors?|migrations?|efforts?)|technical leadership/u,
    aliases: [],
    // A verb that opens a bullet or a past "led": a title such as "on-call lead" is no initiative.
    members: ['(?<=^[\\t ]*[-•*–]?[\\t ]*)(?:lead|leading|leads|drove|drive|spearheaded|headed)', 'led', '(?:pilotage|pilote|piloted) (?:de la |du |des |d\'|the )?(?:refonte|migration|projets?|chantiers?|initiatives?|programmes?|rewrite|extraction)', 'geleitet', 'leitete', 'leitung (?:der|des)'],
    deepWith: /(?<![\p{L}])(?:teams?|equipes?|squads?|departments?|abteilungen|across|transverse)(?![\p{L}])/u,
  },
  {
    id: 'communication', label: 'communication', asks: /communication skills|communicat\p{L}* (?:skills|abilit\p{L}*)|written and verbal|verbal and written|kommunikationsst\p{L}*|qualites? redactionnelles|aisance (?:orale|redactionnelle)/u,
    aliases: [],
    members: ['talks?', 'speaker', 'conference talks?', 'lecturer', 'teaching', 'taught', 'design documents?', 'runbooks?', 'documentation', 'help (?:centre |center )?articles?', 'knowledge base', 'base de connaissances', 'redaction', 'blog(?: posts?)?', 'train(?:ed|s)? new', 'onboard(?:ed|s)? new', 'vortr(?:age|ag)', 'dokumentation'],
    cap: 'partial',
  },
  {
    id: 'support_kpis', label: 'support KPIs', asks: /(?<![\p{L}])(?:kpis?|csat|nps)(?![\p{L}])|response times?/u,
    aliases: ['support kpis'],
    members: ['csat', 'nps', 'kpis?', '(?:first )?response times?', 'first response', 'delai de premiere reponse', 'indicateurs', 'service ?levels?', 'bearbeitungszeit', 'handling times?', 'resolution times?'],
  },
  {
    id: 'helpdesk', label: 'helpdesk software', asks: /helpdesk|help desk|ticketing/,
    aliases: ['helpdesk software', 'helpdesk', 'help desk', 'ticketing system'],
    members: ['zendesk', 'freshdesk', 'intercom', 'help ?scout', 'servicenow', 'gorgias', 'jira service (?:desk|management)', 'otrs', 'helpdesk'],
  },
  {
    id: 'crm', label: 'CRM', asks: /(?<![\p{L}])crm(?![\p{L}])/u,
    aliases: ['crm', 'a crm'],
    members: ['crm', 'salesforce', 'hubspot', 'pipedrive', 'zoho', 'dynamics 365', 'microsoft dynamics'],
  },
]

const compiled = new Map(
  categories.map((category) => [category.id, new RegExp(category.members.map(w).join('|'), 'gmu')]),
)

export interface CategoryOccurrence {
  start: number
  end: number
}

/** Every member of the category in folded text. */
export function findMembers(folded: string, category: Category): CategoryOccurrence[] {
  const pattern = compiled.get(category.id)
  if (!pattern) return []
  return [...folded.matchAll(pattern)]
    .filter((match) => match[0].trim().length > 0)
    .map((match) => ({ start: match.index, end: match.index + match[0].length }))
}

/** The category a requirement's skill stands for, from its name or an alternative ("Redis (or caching layers)"). */
export function categoryOfTerms(foldedTerms: readonly string[]): Category | undefined {
  return categories.find((category) =>
    foldedTerms.some((term) =>
      // "NoSQL or vector databases" stands for the category through either of its parts.
      term.split(/\s(?:or|ou|oder|o)\s|,\s?/u).some((part) => category.aliases.includes(part.trim())),
    ),
  )
}

/** Categories the requirement's wording asks for. */
export function categoriesAsked(foldedRequirement: string): Category[] {
  return categories.filter((category) => category.asks.test(foldedRequirement))
}
