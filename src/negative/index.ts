/** Negative inputs: hostile sender ids, how they go into the path, what the contract says about them, and the property that tries them. */
export { judgeNegativeExchange, type NegativeVerdict } from './judge-negative-exchange';
export { expectationForNegativeId, mayMatchNoOperation, type NegativeExpectation } from './negative-expectation';
export { fixedNearMisses, isCaseVariantOfFixture, nearMiss, nearMissIds, NEAR_MISS_KINDS, type NearMissKind } from './near-miss';
export { runNegativeProperty, type NegativeFinding, type NegativePropertyOptions, type NegativePropertyResult } from './run-property';
export { containsWithOneGap, decodeOnce, decodings, mayReachFixture } from './may-reach-fixture';
export { encodedOnceMore, fixedPlacedNearMisses, placePiece, placedNearMissIds, PLACED_PIECES, PLACEMENTS, type Placement } from './placed-near-misses';
export { fixedHostileIds, fixedNegativeInputs, hostileSenderIds, negativeInputs } from './sender-id-arbitrary';
export { escapesSegment, percentEncodeCodePoint, senderPath, senderSegment, type NegativeInput } from '../transport/path-segment';
