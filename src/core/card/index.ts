/** Flow D: IC cards — certificate details and the card-update check. */
export { cardDetails, cardDetailsText, CARD_FIELDS, type CardDetails } from './card-details.js';
export { readCard } from './read-card.js';
export { compareCards, type CardComparison } from './compare-cards.js';
export { comparisonText } from './compare-report.js';
export { waitForCardSwap } from './wait-for-swap.js';
export { findCard } from './find-card.js';
