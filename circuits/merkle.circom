pragma circom 2.1.6;

include "circomlib/circuits/poseidon.circom";

// The root of a binary Poseidon Merkle tree of `depth` levels above `leaf`, following a path.
// pathIndices[i] is 1 when the node at level i is the right child (its sibling on the left).
template MerkleRoot(depth) {
    signal input leaf;
    signal input pathElements[depth];
    signal input pathIndices[depth];
    signal output root;

    component hashers[depth];
    signal left[depth];
    signal right[depth];
    signal levels[depth + 1];
    levels[0] <== leaf;
    for (var i = 0; i < depth; i++) {
        // A path index is a bit, or a prover could hash the same pair both ways.
        pathIndices[i] * (pathIndices[i] - 1) === 0;
        left[i] <== levels[i] + pathIndices[i] * (pathElements[i] - levels[i]);
        right[i] <== pathElements[i] + pathIndices[i] * (levels[i] - pathElements[i]);
        hashers[i] = Poseidon(2);
        hashers[i].inputs[0] <== left[i];
        hashers[i].inputs[1] <== right[i];
        levels[i + 1] <== hashers[i].out;
    }
    root <== levels[depth];
}
