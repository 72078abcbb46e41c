export { ratingValues, recommendations as recommendationValues } from '@contract/closed-lists'
