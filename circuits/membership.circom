pragma circom 2.1.6;

include "circomlib/circuits/poseidon.circom";
include "merkle.circom";

// Anonymous membership (SPEC §1, §7), as Semaphore does: the member's commitment
// C = Poseidon(secret, bioKey) is a leaf of the Commons' member tree (depth 20); the nullifier
// Poseidon(scope, secret) is the same for every proof in one scope (one ballot per proposal) and
// unlinkable across scopes; `message` (the ballot's choice, a presentation's challenge) is bound.
// Public signals, in order: [root, nullifier, scope, message].
template Membership(depth) {
    signal input secret;
    signal input bioKey;
    signal input pathElements[depth];
    signal input pathIndices[depth];
    signal input scope;
    signal input message;
    signal output root;
    signal output nullifier;

    component c = Poseidon(2);
    c.inputs[0] <== secret;
    c.inputs[1] <== bioKey;

    component tree = MerkleRoot(depth);
    tree.leaf <== c.out;
    for (var i = 0; i < depth; i++) {
        tree.pathElements[i] <== pathElements[i];
        tree.pathIndices[i] <== pathIndices[i];
    }
    root <== tree.root;

    component n = Poseidon(2);
    n.inputs[0] <== scope;
    n.inputs[1] <== secret;
    nullifier <== n.out;

    // A public input that no constraint uses could be swapped in a proof; square it to bind it.
    signal messageSquare;
    messageSquare <== message * message;
}

component main { public [scope, message] } = Membership(20);
