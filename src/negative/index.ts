/** Negative inputs: hostile sender ids, how they go into the path, what the contract says about them, and the property that tries them. */
export { judgeNegativeExchange, type NegativeVerdict } from './judge-negative-exchange';
export { expectationForNegativeId, type NegativeExpectation } from './negative-expectation';
export { fixedNearMisses, isCaseVariantOfFixture, nearMiss, nearMissIds, NEAR_MISS_KINDS, type NearMissKind } from './near-miss';
export { findingExchanges, FINDING_EXCHANGES_BUDGET_CHARS, type FindingExchanges } from './finding-exchanges';
export { runNegativeProperty, type NegativeFinding, type NegativePropertyOptions, type NegativePropertyResult } from './run-property';
export { decodeOnce, mayReachFixture, spellsOnly } from './may-reach-fixture';
export { fixedHostileIds, fixedNegativeInputs, hostileSenderIds, negativeInputs } from './sender-id-arbitrary';
export { escapesSegment, percentEncodeCodePoint, senderPath, senderSegment, type NegativeInput } from '../transport/path-segment';
