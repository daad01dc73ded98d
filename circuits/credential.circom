pragma circom 2.1.6;

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/comparators.circom";
include "circomlib/circuits/bitify.circom";
include "merkle.circom";

// Selective disclosure of a credential (SPEC §1): the stewards issue the leaf
// Poseidon(C, faction, tier) into the Commons' credential tree (depth 20), where
// C = Poseidon(secret, bioKey). The proof shows "faction = F" (when F is not 0) and
// "tier >= T" without revealing C, the faction (when F = 0) or the tier.
// Factions: 1 Union, 2 Guild, 3 Syndicate. Tiers: 0 None, 1 Bronze, 2 Silver, 3 Gold.
// Public signals, in order: [root, nullifier, faction, minTier, scope, message].
template Credential(depth) {
    signal input secret;
    signal input bioKey;
    signal input memberFaction;
    signal input memberTier;
    signal input pathElements[depth];
    signal input pathIndices[depth];
    signal input faction;
    signal input minTier;
    signal input scope;
    signal input message;
    signal output root;
    signal output nullifier;

    component c = Poseidon(2);
    c.inputs[0] <== secret;
    c.inputs[1] <== bioKey;

    component leaf = Poseidon(3);
    leaf.inputs[0] <== c.out;
    leaf.inputs[1] <== memberFaction;
    leaf.inputs[2] <== memberTier;

    component tree = MerkleRoot(depth);
    tree.leaf <== leaf.out;
    for (var i = 0; i < depth; i++) {
        tree.pathElements[i] <== pathElements[i];
        tree.pathIndices[i] <== pathIndices[i];
    }
    root <== tree.root;

    // faction = 0 claims nothing about the faction; otherwise it must be the member's.
    faction * (faction - memberFaction) === 0;

    // Both tiers fit in 8 bits, so the comparison below cannot wrap around the field.
    component tierBits = Num2Bits(8);
    tierBits.in <== memberTier;
    component minBits = Num2Bits(8);
    minBits.in <== minTier;
    component atLeast = GreaterEqThan(8);
    atLeast.in[0] <== memberTier;
    atLeast.in[1] <== minTier;
    atLeast.out === 1;

    component n = Poseidon(2);
    n.inputs[0] <== scope;
    n.inputs[1] <== secret;
    nullifier <== n.out;

    signal messageSquare;
    messageSquare <== message * message;
}

component main { public [faction, minTier, scope, message] } = Credential(20);
