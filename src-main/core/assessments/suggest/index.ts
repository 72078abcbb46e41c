export { suggestEvidence, type SuggestDocument, type SuggestOptions, type SuggestRequirement } from './suggest'
