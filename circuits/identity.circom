pragma circom 2.1.6;

include "circomlib/circuits/poseidon.circom";

// MEID enrolment (SPEC §1): the commitment C = Poseidon(secret, bioKey) and the uniqueness
// nullifier U = Poseidon(bioKey, commonsId) come from the same private bioKey.
// Public signals, in order: [C, U, commonsId].
template Identity() {
    signal input secret;
    signal input bioKey;
    signal input commonsId;
    signal output commitment;
    signal output nullifier;

    component c = Poseidon(2);
    c.inputs[0] <== secret;
    c.inputs[1] <== bioKey;
    commitment <== c.out;

    component u = Poseidon(2);
    u.inputs[0] <== bioKey;
    u.inputs[1] <== commonsId;
    nullifier <== u.out;
}

component main { public [commonsId] } = Identity();
