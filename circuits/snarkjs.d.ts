// The part of snarkjs 0.7 that C3 Vault calls (it ships no type declarations).
declare module 'snarkjs' {
  type Signals = Record<string, unknown>;
  interface Proof {
    pi_a: [string, string, string];
    pi_b: [[string, string], [string, string], [string, string]];
    pi_c: [string, string, string];
    protocol: 'groth16';
    curve: 'bn128';
  }
  export const groth16: {
    fullProve(input: Signals, wasm: Uint8Array | string, zkey: Uint8Array | string): Promise<{ proof: Proof; publicSignals: string[] }>;
    prove(zkey: Uint8Array | string, witness: unknown): Promise<{ proof: Proof; publicSignals: string[] }>;
    verify(vkey: unknown, publicSignals: readonly string[], proof: unknown): Promise<boolean>;
  };
  export const wtns: { calculate(input: Signals, wasm: Uint8Array | string, out: unknown): Promise<void> };
}
