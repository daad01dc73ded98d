/** What the impact module (and, with issue 14, the Judicial Loop) calls in the staking rules. */
export { intoEscrow, outOfEscrow, escrowed } from './escrow';
export { addReputation, freezeStakes, release, repayStakers, returnUnreleased, requestsOf, stakesOf, type Repayment } from './stakes';
